import { writtenAssessment } from '../../src/report/assessment.js';
import type { Document, TableBlock } from '../../src/report/document.js';

/** A small document with one of every block, for renderer tests; `text` goes everywhere data can go. */
export function smallDocument(text = 'Levanger', lang: 'nb' | 'nn' = 'nb'): Document {
  const table = (id: string, number: number): TableBlock => ({
    kind: 'table',
    id,
    number,
    caption: `Tall ${text}`,
    unit: text,
    title: `Tabell ${text}`,
    header: [[[{ text: 'Periode' }], [{ text }]]],
    align: ['l', 'r'],
    rows: [
      [[{ text: '2024' }], [{ text: '12,6 (10,5–15,0)' }]],
      [[{ text }], [{ text, code: true }]],
    ],
  });
  return {
    kind: 'kommune',
    variant: 'full',
    lang,
    locale: lang === 'nn' ? 'nn-NO' : 'nb-NO',
    title: `Oversikt ${text}`,
    subtitle: `${text} kommune · utgave 2027`,
    date: 'Dato: 22. november 2026',
    subject: `${text} kommune`,
    edition: 2027,
    coatOfArms: null,
    front: [],
    tocHeading: 'Innhold',
    sections: [
      {
        kind: 'section',
        id: '1-innledning',
        number: '1',
        title: `Innledning ${text}`,
        depth: 1,
        role: 'introduction',
        blocks: [
          { kind: 'paragraph', runs: [{ text: 'Fet', strong: true }, { text: ` ${text} ` }, { text, emphasis: true }, { text, code: true }] },
          { kind: 'list', items: [[{ text, link: '11-indikator' }, { text: ` – ${text}` }]] },
          { kind: 'note', runs: [{ text }] },
        ],
        children: [
          {
            kind: 'section',
            id: '11-indikator',
            number: '1.1',
            title: text,
            depth: 2,
            role: 'indicator',
            blocks: [
              {
                kind: 'figure',
                id: 'fig-x',
                number: 1,
                file: `figurer/${text}.svg`,
                caption: `Figur ${text}`,
                alt: `Alt ${text}`,
                chart: { type: 'spine', id: 'fig-x', alt: `Alt ${text}`, rows: [{ label: text, ratio: 1.2, verdict: 'worse' }], labels: { lower: 'lavere', higher: 'høyere', land: 'Landet' } },
                data: table('tab-fig', 1),
                dataCaption: 'Tallene i figuren',
                dataTable: null,
              },
              table('tab-x', 2),
              { kind: 'assessment', key: 'x', status: 'missing', content: null, note: [{ text: 'Vurdering mangler.', strong: true }, { text: ' Skriv i ' }, { text: `vurderinger/${text}.md`, code: true }] },
              writtenAssessment('y', '**Egen** tekst med [lenke](https://fhi.no).\n\n- punkt'),
              { kind: 'reference', label: 'Kilde', text },
            ],
            children: [],
          },
        ],
      },
    ],
    footer: `Laget med folkehelse ${text}.`,
    labels: { figure: 'Figur', table: 'Tabell', page: 'Side', of: 'av', runningHeader: `${text} kommune` },
  };
}
