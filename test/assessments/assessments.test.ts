import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { checkAssessments, type AssessmentCheck } from '../../src/assessments/check.js';
import { findContradictions, sentencesOf } from '../../src/assessments/contradictions.js';
import { collectAssessments, readAssessmentFolder, textFor, textIn } from '../../src/assessments/discover.js';
import { assertFinal, checkFinal, FinalGateError } from '../../src/assessments/gate.js';
import { AMENDMENT_2025, documentDate } from '../../src/assessments/law.js';
import { classifyFileNames, editDistance, nearestName } from '../../src/assessments/names.js';
import { loadSections, validNames } from '../../src/assessments/sections.js';
import { countWords, isFilled, parseList, parseStructured } from '../../src/assessments/structured.js';
import { allTemplates, templateFor } from '../../src/assessments/template.js';
import { loadPriorities } from '../../src/overview/priorities.js';
import { FIXTURES, INNHERRED, SYNTHETIC_CATALOGUE } from '../helpers.js';
import { fakeResult, innherredResults } from '../overview/results.js';

const data = loadSections();
// The synthetic data's assessments name the synthetic catalogue's indicators.
const valid = validNames(data, loadCatalogue(SYNTHETIC_CATALOGUE).map((i) => i.id));
const FULL = join(FIXTURES, 'innherred-fullt-vurdert', 'vurderinger');

describe('assessment file names', () => {
  it('measures edits case-insensitively, with transpositions', () => {
    expect(editDistance('ensomhett', 'ensomhet')).toBe(1);
    expect(editDistance('C', 'c')).toBe(0);
    expect(editDistance('ensomeht', 'ensomhet')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearestName('helsestasjonen', valid)).toBe('helsestasjon');
    expect(nearestName('xyzzy-foo', valid)).toBeNull();
  });

  it('reports unknown names with the nearest valid one and keeps per-language files', () => {
    const r = classifyFileNames(['ensomhett.md', 'C.md', 'a.md', 'a.nn.md', 'b.en.md', 'README.md', 'notater.txt', 'qqqqqqqqqq.md', 'kart.png', 'c.png', 'D.docx', 'ensomhet.txt', '.DS_Store'], valid);
    expect(r.known).toEqual([
      { file: 'a.md', name: 'a', lang: null },
      { file: 'a.nn.md', name: 'a', lang: 'nn' },
    ]);
    expect(r.unknown).toEqual([
      { file: 'C.md', suggestion: 'c.md', reason: 'wrong-case' },
      { file: 'D.docx', suggestion: 'd.md', reason: 'not-markdown' },
      { file: 'b.en.md', suggestion: 'b.nn.md', reason: 'unknown-language' },
      { file: 'ensomhet.txt', suggestion: 'ensomhet.md', reason: 'not-markdown' },
      { file: 'ensomhett.md', suggestion: 'ensomhet.md', reason: 'unknown-name' },
      { file: 'qqqqqqqqqq.md', suggestion: null, reason: 'unknown-name' },
    ]);
  });

  it('uses a.nn.md for nynorsk and a.md for bokmål, and says when a document falls back to the other language', () => {
    const set = readAssessmentFolder(FULL, '5037', valid);
    expect(textFor(set, 'a', 'nn')!.file).toBe('5037/a.nn.md');
    expect(textFor(set, 'a', 'nn')!.body).toContain('Levanger hadde 20 600 innbyggjarar');
    expect(textFor(set, 'a', 'nb')!.file).toBe('5037/a.md');
    expect(textIn(set, 'a', 'nn')).toMatchObject({ lang: 'nn', fallback: false });
    expect(textIn(set, 'b', 'nn')).toMatchObject({ text: { file: '5037/b.md' }, lang: 'nb', fallback: true });
    expect(textIn(set, 'b', 'nb')).toMatchObject({ lang: 'nb', fallback: false });
    // A bokmål document with only a nynorsk text reads it, and names it.
    const only = collectAssessments('5037', [{ name: 'c.nn.md', body: 'Tekst.' }, { name: 'd.nb.md', body: 'Tekst.' }], valid);
    expect(textIn(only, 'c', 'nb')).toMatchObject({ text: { file: '5037/c.nn.md' }, lang: 'nn', fallback: true });
    expect(textIn(only, 'd', 'nb')).toMatchObject({ lang: 'nb', fallback: false });
    expect(textIn(only, 'd', 'nn')).toMatchObject({ lang: 'nb', fallback: true });
    expect(set.unknown).toEqual([]);
  });
});

/** The gate on one municipality's files (no numbers), for a document dated `date`. */
const gate = (files: { name: string; body: string }[], lang: 'nb' | 'nn' = 'nb', date = '2026-11-22'): AssessmentCheck => checkAssessments({ assessments: collectAssessments('5037', files, valid), sections: data, lang, date });
/** A theme written in its four parts, each with `words` words. */
const theme = (words = 30, headings = ['Status og utvikling', 'Årsaksforhold', 'Konsekvenser', 'Tiltak og planbehov']) => headings.map((h) => `## ${h}\n\n${Array.from({ length: words }, (_, i) => `ord${i}`).join(' ')}.\n`).join('\n');

describe('the gate between draft and final', () => {
  it('lists every required file of the example that is missing or not complete, in order, naming each file', () => {
    const set = readAssessmentFolder(join(INNHERRED, 'vurderinger'), '5037', valid);
    const missing = checkFinal(set, data, 'nb');
    const services = ['helsestasjon', 'skolehelse', 'fastlege', 'nav', 'barnevern', 'pleie-og-omsorg', 'legevakt', 'medvirkning', 'frivillighet', 'naermiljo', 'miljorettet-helsevern', 'smittevern'];
    expect(missing.map((m) => m.file)).toEqual(['5037/a.md', '5037/b.md', '5037/c.md', '5037/d.md', '5037/e.md', '5037/f.md', '5037/sosiale-helseforskjeller.md', '5037/utfordringer.md', '5037/planbehov.md', ...services.map((n) => `5037/${n}.md`)]);
    // The synthetic fixture's themes are one paragraph each: none of the four parts.
    expect(missing.find((m) => m.name === 'a')).toMatchObject({ status: 'incomplete', headings: ['Status og utvikling', 'Årsaksforhold', 'Konsekvenser', 'Tiltak og planbehov'] });
    const check = checkAssessments({ assessments: set, sections: data, lang: 'nb', date: '2026-11-22' });
    expect(() => assertFinal(check)).toThrow(FinalGateError);
    try {
      assertFinal(check);
    } catch (e) {
      expect((e as FinalGateError).exitCode).toBe(1);
      expect((e as Error).message).toContain('5037/miljorettet-helsevern.md: missing (Miljørettet helsevern; folkehelseloven § 5 c)');
      expect((e as Error).message).toContain('5037/a.md: missing text under "## Status og utvikling", "## Årsaksforhold", "## Konsekvenser", "## Tiltak og planbehov" (Vurdering: befolkningssammensetning; forskrift om oversikt over folkehelsen § 3 a)');
      expect((e as Error).message).toContain('21 required assessments are missing, empty, incomplete or too thin');
    }
    const withUnknown = collectAssessments('5037', [{ name: 'ensomhett.md', body: 'x' }, { name: 'c.docx', body: '' }], valid);
    const message = new FinalGateError(checkAssessments({ assessments: withUnknown, sections: data, lang: 'nb', date: AMENDMENT_2025 })).message;
    expect(message).toContain('5037/ensomhett.md: not an assessment name; did you mean ensomhet.md?');
    expect(message).toContain('5037/c.docx: only Markdown (.md) is read; save the text as c.md');
    // Verdal has b (one paragraph: incomplete, not missing) and utfordringer.
    expect(checkFinal(readAssessmentFolder(join(INNHERRED, 'vurderinger'), '5038', valid), data, 'nb').find((m) => m.name === 'b')!.status).toBe('incomplete');
  });

  it('passes on the fully assessed fixture, in both languages', () => {
    const set = readAssessmentFolder(FULL, '5037', valid);
    expect(checkFinal(set, data, 'nb')).toEqual([]);
    expect(checkFinal(set, data, 'nn')).toEqual([]);
    const check = checkAssessments({ assessments: set, sections: data, lang: 'nb', date: '2026-11-22' });
    expect(check.ready).toBe(true);
    expect(() => assertFinal(check)).not.toThrow();
    expect(check.files.get('utfordringer')!.items).toHaveLength(4);
  });

  it('treats a template as empty and a structured file without a required part as incomplete, naming the part', () => {
    const check = gate([
      { name: 'c.md', body: '# Vurdering\n\n<!-- Skriv her -->\n' },
      { name: 'helsestasjon.md', body: templateFor(data, 'helsestasjon', 'nb') },
      { name: 'nav.md', body: '# NAV\n\n## Hva tjenesten ser\n\nMange unge står utenfor arbeid og utdanning, ofte med psykiske plager og uten fullført skole.\n\n## Kilder\n\nNAV.\n' },
      { name: 'fastlege.md', body: '## Kva tenesta ser\n\nFastlegane ser mange unge vaksne med psykiske plager og mange eldre med samansette lidingar som treng tett oppfølging.\n\n## Utvikling og årsaker\n\nListene er fulle, og rekrutteringa er krevjande fordi mange legar går av med pensjon dei neste åra.\n' },
    ]);
    expect(check.files.get('c')!.status).toBe('empty');
    expect(check.files.get('helsestasjon')!.status).toBe('empty');
    expect(check.files.get('nav')!.status).toBe('incomplete');
    expect(check.files.get('fastlege')!.status).toBe('present');
    const nav = check.missing.find((m) => m.name === 'nav')!;
    expect(nav).toMatchObject({ file: '5037/nav.md', status: 'incomplete', headings: ['Utvikling og årsaker'] });
    expect(new FinalGateError({ ...check, missing: [nav], contradictions: [], unknown: [] }).message).toContain('5037/nav.md: missing text under "## Utvikling og årsaker"');
  });

  it('refuses a one-sentence theme, a missing part, an empty part and a part too thin; accepts bokmål, nynorsk and alias headings', () => {
    const check = gate([
      { name: 'a.md', body: 'Fysisk inaktivitet og skjermtid er som i landet.\n' },
      { name: 'b.md', body: theme(30, ['Status og utvikling', 'Årsaksforhold', 'Konsekvenser']) },
      { name: 'c.md', body: `${theme(30, ['Status og utvikling', 'Årsaksforhold', 'Tiltak og planbehov'])}\n## Konsekvenser\n\n<!-- senere -->\n` },
      { name: 'd.md', body: theme(30, ['Situasjon og utvikling', 'Mulige årsaker', 'Konsekvensar', 'Tiltak']) },
      { name: 'e.md', body: theme(30, ['Status og utvikling', 'Årsaksforhold', 'Konsekvenser']) + theme(24, ['Tiltak og planbehov']) },
      { name: 'f.md', body: theme(25) },
    ]);
    const m = (name: string) => check.missing.find((x) => x.name === name);
    expect(m('a')).toMatchObject({ status: 'incomplete', headings: ['Status og utvikling', 'Årsaksforhold', 'Konsekvenser', 'Tiltak og planbehov'] });
    expect(check.files.get('a')!.parts.map((p) => p.problem)).toEqual(['absent', 'absent', 'absent', 'absent', null, null]);
    expect(m('b')).toMatchObject({ status: 'incomplete', headings: ['Tiltak og planbehov'] });
    expect(m('c')).toMatchObject({ status: 'incomplete', headings: ['Konsekvenser'] });
    expect(check.files.get('c')!.parts.find((p) => p.id === 'konsekvenser')!.problem).toBe('empty');
    expect(m('d')).toBeUndefined();
    expect(m('e')).toMatchObject({ status: 'thin', headings: [], thin: [{ title: 'Tiltak og planbehov', words: 24, minWords: 25 }] });
    expect(m('f')).toBeUndefined();
    // A free text with a minimum of its own (innledning).
    const intro = gate([{ name: 'innledning.md', body: 'Laget av koordinatoren.' }]);
    expect(intro.missing.find((x) => x.name === 'innledning')).toMatchObject({ status: 'thin', thin: [{ title: '', words: 3, minWords: 25 }] });
  });

  it('requires planbehov and the themes\' measures from 1 January 2026 (lov 20. juni 2025 nr. 69), and not before', () => {
    const files = [{ name: 'a.md', body: theme(30, ['Status og utvikling', 'Årsaksforhold', 'Konsekvenser']) }];
    const after = gate(files, 'nb', '2026-01-01');
    expect(after.missing.find((x) => x.name === 'a')).toMatchObject({ headings: ['Tiltak og planbehov'] });
    expect(after.missing.find((x) => x.name === 'planbehov')).toMatchObject({ status: 'missing', law: { nb: 'folkehelseloven § 5 annet ledd annet punktum (lov 20. juni 2025 nr. 69, i kraft 1. januar 2026)', nn: 'folkehelselova § 5 andre ledd andre punktum (lov 20. juni 2025 nr. 69, i kraft 1. januar 2026)' } });
    expect(after.files.get('planbehov')).toMatchObject({ required: true, requiredFrom: null });
    const before = gate(files, 'nb', '2025-12-31');
    expect(before.missing.map((x) => x.name)).not.toContain('a');
    expect(before.missing.map((x) => x.name)).not.toContain('planbehov');
    expect(before.files.get('planbehov')).toMatchObject({ required: false, requiredFrom: '2026-01-01', status: 'missing' });
    // A planning file with only one of its parts.
    const half = gate([{ name: 'planbehov.md', body: theme(30, ['Planbehov']) }]);
    expect(half.missing.find((x) => x.name === 'planbehov')).toMatchObject({ status: 'incomplete', headings: ['Hvordan kommunen kan møte utfordringene'] });
    // The document's date: the configuration's, else the 1st of January of the edition.
    expect(documentDate('2025-06-01', 2027)).toBe('2025-06-01');
    expect(documentDate(undefined, 2027)).toBe('2027-01-01');
    expect(documentDate(null, 2023)).toBe('2023-01-01');
  });

  it('reads the challenges\' list under its heading or before the first heading, and requires it', () => {
    const parts = theme(30, ['Status og utvikling', 'Årsaksforhold', 'Konsekvenser']);
    const under = gate([{ name: 'utfordringer.md', body: `## Utfordringene\n\n- Psykisk helse\n- Overvekt\n\n${parts}\n- ikke en utfordring\n` }]);
    expect(under.files.get('utfordringer')).toMatchObject({ status: 'present', items: ['Psykisk helse', 'Overvekt'] });
    const before = gate([{ name: 'utfordringer.md', body: `# Utfordringer\n\n- Psykisk helse\n\n${parts}` }]);
    expect(before.files.get('utfordringer')).toMatchObject({ status: 'present', items: ['Psykisk helse'] });
    const none = gate([{ name: 'utfordringer.md', body: parts }]);
    expect(none.missing.find((x) => x.name === 'utfordringer')).toMatchObject({ status: 'incomplete', headings: ['Utfordringene'] });
    // The old form, a list only: the list counts, the assessment's parts are missing.
    const old = gate([{ name: 'utfordringer.md', body: '- Psykisk helse\n- Overvekt\n' }]);
    expect(old.files.get('utfordringer')!.items).toEqual(['Psykisk helse', 'Overvekt']);
    expect(old.missing.find((x) => x.name === 'utfordringer')!.headings).toEqual(['Status og utvikling', 'Årsaksforhold', 'Konsekvenser']);
  });

  it('names an assessment that is not in the document\'s language, without refusing it', () => {
    const full = readAssessmentFolder(FULL, '5037', valid);
    const nn = checkAssessments({ assessments: full, sections: data, lang: 'nn', date: '2026-11-22' });
    expect(nn.ready).toBe(true);
    expect(nn.language.map((l) => l.name)).not.toContain('a');
    expect(nn.language.find((l) => l.name === 'b')).toEqual({ name: 'b', file: '5037/b.md', fileLang: 'nb', documentLang: 'nn' });
    expect(nn.language).toHaveLength(23);
    expect(checkAssessments({ assessments: full, sections: data, lang: 'nb', date: '2026-11-22' }).language).toEqual([]);
    // A missing file is asked for in the document's language.
    expect(gate([], 'nn').files.get('c')!.file).toBe('5037/c.nn.md');
  });

  it('counts words as a reader does: numbers and compounds once, no comments, link targets or headings', () => {
    expect(countWords('Andelen er 12,6 prosent (P90/P10 2,4), helse- og omsorgstjenesten.')).toBe(9);
    expect(countWords('## Overskrift\n\nTo ord <!-- ikke disse fire ordene -->')).toBe(2);
    expect(countWords('Se [rapporten](https://example.org/a/b/c) og https://fhi.no/x.')).toBe(3);
  });
});

describe('structured files, lists and templates', () => {
  it('splits a § 5 b file by its headings in either language, keeping unknown headings', () => {
    const form = data.forms.service;
    const p = parseStructured('# Helsestasjonen\n\nIntro.\n\n## Hva tjenesten ser\n\nA\n\n## utvikling og årsaker:\n\nB <!-- x -->\n\n## Annet\n\nC\n', form, 'nn');
    expect(p.parts.map((x) => [x.id, x.title, x.body])).toEqual([
      ['observasjoner', 'Kva tenesta ser', 'A'],
      ['utvikling', 'Utvikling og årsaker', 'B'],
      ['ulikhet', 'Sosiale skilnader', ''],
      ['kilder', 'Kjelder', ''],
    ]);
    expect(p.extra).toEqual([{ id: '', title: 'Annet', body: 'C' }]);
    expect(p.preamble).toBe('Intro.');
    expect(p.missing).toEqual(['ulikhet', 'kilder']);
    expect([...p.headed]).toEqual(['observasjoner', 'utvikling']);
  });

  it('reads own lists as bullets, numbers or paragraphs', () => {
    expect(parseList('- Psykisk helse\n  blant unge\n* Overvekt\n1. Frafall\n<!-- - mal -->')).toEqual(['Psykisk helse blant unge', 'Overvekt', 'Frafall']);
    expect(parseList('Første.\n\nAndre\nlinje.')).toEqual(['Første.', 'Andre linje.']);
    expect(isFilled('# Tittel\n\n<!-- bare mal -->')).toBe(false);
  });

  it('has a template for every section, in both languages, that the gate counts as empty', () => {
    for (const lang of ['nb', 'nn'] as const) {
      const t = allTemplates(data, lang);
      expect(t.size).toBe(data.sections.length);
      const set = collectAssessments('9999', [...t].map(([name, body]) => ({ name, body })), valid);
      expect(set.unknown).toEqual([]);
      expect(checkFinal(set, data, lang).filter((m) => m.status !== 'empty')).toEqual([]);
    }
    expect(templateFor(data, 'smittevern', 'nn')).toContain('## Status i lokalsamfunnet');
    expect(templateFor(data, 'legevakt', 'nb')).toContain('(påkrevd)');
  });
});

describe('contradictions between the text and the numbers', () => {
  it("flags Levanger's b.md: young disability 'har økt' while the test says no significant change", async () => {
    const results = await innherredResults('5037');
    const p = loadPriorities();
    const set = readAssessmentFolder(join(INNHERRED, 'vurderinger'), '5037', valid);
    const w = findContradictions(textFor(set, 'b', 'nb')!.body, '5037/b.md', results, p, { theme: 'b' });
    expect(w.map((x) => [x.indicatorId, x.claim, x.against, x.computed])).toEqual([['uforetrygdede', 'increase', 'trend', 'no-significant-change']]);
    expect(w[0]!.text).toBe('Andelen unge uføretrygdede er likevel høyere enn i landet og har økt.');
    // f.md: "psykiske plager … øker" — the first-last change test of these moving averages and
    // Ungdata years says increasing, so the sentence stands.
    expect(findContradictions(textFor(set, 'f', 'nb')!.body, '5037/f.md', results, p, { theme: 'f' })).toEqual([]);
    // The fully assessed fixture's "Antibiotikabruken har gått ned" agrees with the test (decreasing).
    const full = readAssessmentFolder(FULL, '5037', valid);
    expect(findContradictions(textFor(full, 'smittevern', 'nb')!.body, '5037/smittevern.md', results, p)).toEqual([]);
  });

  it('checks comparisons with land and fylke in both languages, and leaves negations alone', async () => {
    const results = await innherredResults('5037');
    const p = loadPriorities();
    const run = (t: string, id?: string) => findContradictions(t, 'x.md', results, p, { indicatorId: id }).map((x) => [x.indicatorId, x.claim, x.against, x.computed]);
    // Loneliness is significantly worse than land and fylke.
    expect(run('Ensomheten blant ungdom er lavere enn i landet.')).toEqual([['ensomhet', 'lower', 'land', 'worse']]);
    expect(run('Einsemda er betre enn i fylket.')).toEqual([['ensomhet', 'better', 'fylke', 'worse']]);
    expect(run('Ensomheten er høyere enn i landet.')).toEqual([]);
    expect(run('Ensomheten er verre enn landsgjennomsnittet.')).toEqual([]);
    expect(run('Andelen har ikke økt.', 'ensomhet')).toEqual([]);
    expect(run('Andelen er aukande.', 'ensomhet')).toEqual([]);
    expect(run('Andelen er synkande.', 'ensomhet')).toEqual([['ensomhet', 'decrease', 'trend', 'increasing']]);
    // Antibiotics: decreasing (better) — "synkende" agrees, "økende" does not.
    expect(run('Antibiotikabruken er synkende.')).toEqual([]);
    expect(run('Antibiotikabruken er økende.')).toEqual([['antibiotika', 'increase', 'trend', 'decreasing']]);
    // A clause without a known indicator is not checked.
    expect(run('Det har økt.')).toEqual([]);
  });
});

describe('a sentence marked as deliberate, and which indicator a sentence is about', () => {
  it('reads <!-- bevisst: reason --> right after a sentence; a marker without a reason and a comment that only mentions it mark nothing', () => {
    const text = 'Ensomheten har økt. <!-- bevisst: intervallene overlapper ikke --> Neste setning.\n\n<!-- Veiledning som nevner «<!-- bevisst:» -->\n## Overskrift\n\n- Punkt en\n- Punkt to <!-- bevisst:   -->\n\nSiste. <!-- medvite: nynorsk -->';
    expect(sentencesOf(text)).toEqual([
      { text: 'Ensomheten har økt.', deliberate: 'intervallene overlapper ikke' },
      { text: 'Neste setning.', deliberate: null },
      { text: 'Punkt en', deliberate: null },
      { text: 'Punkt to', deliberate: null },
      { text: 'Siste.', deliberate: 'nynorsk' },
    ]);
  });

  it('carries the sentence and the reason with the warning', async () => {
    const results = await innherredResults('5037');
    const [marked] = findContradictions('Ensomheten har gått ned. <!-- bevisst: skolens egen kartlegging viser nedgang -->', '5037/f.md', results, loadPriorities(), { theme: 'f' });
    expect(marked).toMatchObject({ indicatorId: 'ensomhet', claim: 'decrease', sentence: 'Ensomheten har gått ned.', deliberate: 'skolens egen kartlegging viser nedgang' });
    const [open] = findContradictions('Ensomheten har gått ned.', '5037/f.md', results, loadPriorities(), { theme: 'f' });
    expect(open!.deliberate).toBeNull();
  });

  it('ties a clause to the indicators it names most specifically, and flags it only when none of them supports it', () => {
    const p = loadPriorities();
    const results = [
      fakeResult('vedvarende-lavinntekt', { verdict: 'lower' }),
      fakeResult('vedvarende-lavinntekt-innvandrere', { verdict: 'similar' }),
      fakeResult('drikkevann', { theme: 'c', polarity: 'high-is-good', verdict: 'not-tested', v: 99.5, land: 91 }),
    ];
    const run = (t: string) => findContradictions(t, 'x.md', results, p).map((w) => [w.indicatorId, w.claim, w.computed]);
    // "lavinntekt" names both; the general one is lower than land, so the sentence stands.
    expect(run('Andelen med vedvarende lavinntekt er lavere enn i landet.')).toEqual([]);
    // "lavinntekt blant innvandrere" names the immigrants' indicator, which is not different from land.
    expect(run('Vedvarende lavinntekt blant innvandrere er lavere enn i landet.')).toEqual([['vedvarende-lavinntekt-innvandrere', 'lower', 'similar']]);
    // Not tested (values only): the values decide. 99,5 against 91,0 is better, not worse.
    expect(run('Drikkevannet er bedre enn i landet.')).toEqual([]);
    const worse = findContradictions('Drikkevannet er dårligere enn i landet.', 'x.md', results, p);
    expect(worse.map((w) => [w.indicatorId, w.computed, w.values])).toEqual([['drikkevann', 'not-tested', { kommune: 99.5, other: 91 }]]);
  });
});

describe('the § 5 b and § 5 c chapters', () => {
  it('have every service and community section in order, with text by heading and their catalogue figures', async () => {
    const { knowledgeChapters } = await import('../../src/assessments/chapters.js');
    const results = await innherredResults('5037');
    // The figures are ids of the default catalogue (what users get) or of the synthetic data's catalogue;
    // every section with figures has some of the default catalogue's.
    const defaultIds = new Set(loadCatalogue().map((i) => i.id));
    const known = new Set([...defaultIds, ...results.map((r) => r.id)]);
    for (const s of data.sections) for (const id of s.indicators ?? []) expect(known.has(id), `${s.name}: ${id}`).toBe(true);
    for (const s of data.sections.filter((x) => x.indicators?.length)) expect(s.indicators!.some((id) => defaultIds.has(id)), s.name).toBe(true);
    // An indicator's own assessment is <id>.md: no indicator may have a section's name.
    for (const id of [...defaultIds, ...loadCatalogue(SYNTHETIC_CATALOGUE).map((i) => i.id)]) expect(data.sections.map((x) => x.name), id).not.toContain(id);
    const checked = (folder: string, lang: 'nb' | 'nn') => checkAssessments({ assessments: readAssessmentFolder(folder, '5037', valid), sections: data, lang, date: '2026-11-22' });
    const full = knowledgeChapters(checked(FULL, 'nn'), data, results, 'nn');
    expect(full.services.map((s) => s.name)).toEqual(['helsestasjon', 'skolehelse', 'fastlege', 'nav', 'barnevern', 'pleie-og-omsorg', 'legevakt']);
    expect(full.community.map((s) => s.name)).toEqual(['medvirkning', 'frivillighet', 'naermiljo', 'miljorettet-helsevern', 'smittevern']);
    const nav = full.services[3]!;
    // The law in the document's language (folkehelselova in nynorsk); the file is the bokmål one, named by the gate.
    expect(nav).toMatchObject({ title: 'NAV', law: 'folkehelselova § 5 b', status: 'present', file: '5037/nav.md' });
    expect(nav.check.fallback).toBe(true);
    expect(nav.parts.map((p) => p.title)).toEqual(['Kva tenesta ser', 'Utvikling og årsaker', 'Kjelder']);
    expect(nav.parts[0]!.body).toMatch(/^NAV møter mange unge som står utenfor arbeid og utdanning, ofte med psykiske plager/);
    expect(nav.figures.map((r) => r.id)).toEqual(['sosialhjelp', 'uforetrygdede', 'arbeidsledighet', 'vedvarende-lavinntekt']);
    expect(full.services[0]!.figures.map((r) => r.id)).toEqual(['helsestasjon-utgifter', 'vaksinasjon-mmr']);
    const example = knowledgeChapters(checked(join(INNHERRED, 'vurderinger'), 'nb'), data, results, 'nb');
    expect(example.community.every((s) => s.status === 'missing' && s.parts.length === 0)).toBe(true);
    expect(example.community[4]!.file).toBe('5037/smittevern.md');
  });
});
