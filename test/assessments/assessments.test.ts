import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { findContradictions } from '../../src/assessments/contradictions.js';
import { collectAssessments, readAssessmentFolder, textFor } from '../../src/assessments/discover.js';
import { assertFinal, checkFinal, FinalGateError, sectionStatus } from '../../src/assessments/gate.js';
import { classifyFileNames, editDistance, nearestName } from '../../src/assessments/names.js';
import { loadSections, validNames } from '../../src/assessments/sections.js';
import { isFilled, parseList, parseStructured } from '../../src/assessments/structured.js';
import { allTemplates, templateFor } from '../../src/assessments/template.js';
import { loadPriorities } from '../../src/overview/priorities.js';
import { FIXTURES, INNHERRED, SYNTHETIC_CATALOGUE } from '../helpers.js';
import { innherredResults } from '../overview/results.js';

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

  it('uses a.nn.md for nynorsk and a.md otherwise', () => {
    const set = readAssessmentFolder(FULL, '5037', valid);
    expect(textFor(set, 'a', 'nn')!.file).toBe('5037/a.nn.md');
    expect(textFor(set, 'a', 'nn')!.body).toMatch(/^Levanger har hatt jamn folkevekst/);
    expect(textFor(set, 'a', 'nb')!.file).toBe('5037/a.md');
    expect(textFor(set, 'b', 'nn')!.file).toBe('5037/b.md');
    expect(textFor(set, 'c', 'nb')).not.toBeNull();
    expect(set.unknown).toEqual([]);
  });
});

describe('the gate between draft and final', () => {
  it('lists every missing required file of the example, in order, naming each file', () => {
    const set = readAssessmentFolder(join(INNHERRED, 'vurderinger'), '5037', valid);
    const missing = checkFinal(set, data, 'nb');
    expect(missing.map((m) => m.file)).toEqual(['5037/c.md', '5037/d.md', '5037/e.md', '5037/sosiale-helseforskjeller.md', ...['helsestasjon', 'skolehelse', 'fastlege', 'nav', 'barnevern', 'pleie-og-omsorg', 'legevakt', 'medvirkning', 'frivillighet', 'naermiljo', 'miljorettet-helsevern', 'smittevern'].map((n) => `5037/${n}.md`)]);
    expect(missing.every((m) => m.status === 'missing')).toBe(true);
    expect(() => assertFinal(set, data, 'nb')).toThrow(FinalGateError);
    try {
      assertFinal(set, data, 'nb');
    } catch (e) {
      expect((e as FinalGateError).exitCode).toBe(1);
      expect((e as Error).message).toContain('5037/miljorettet-helsevern.md: missing (Miljørettet helsevern; folkehelseloven § 5 c)');
      expect((e as Error).message).toContain('16 required assessments');
    }
    const withUnknown = collectAssessments('5037', [{ name: 'ensomhett.md', body: 'x' }, { name: 'c.docx', body: '' }], valid);
    const message = new FinalGateError(checkFinal(withUnknown, data, 'nb'), withUnknown.unknown).message;
    expect(message).toContain('5037/ensomhett.md: not an assessment name; did you mean ensomhet.md?');
    expect(message).toContain('5037/c.docx: only Markdown (.md) is read; save the text as c.md');
    // Verdal has only b and utfordringer.
    expect(checkFinal(readAssessmentFolder(join(INNHERRED, 'vurderinger'), '5038', valid), data, 'nb').map((m) => m.name)).not.toContain('b');
  });

  it('passes on the fully assessed fixture, in both languages', () => {
    const set = readAssessmentFolder(FULL, '5037', valid);
    expect(checkFinal(set, data, 'nb')).toEqual([]);
    expect(checkFinal(set, data, 'nn')).toEqual([]);
    expect(() => assertFinal(set, data, 'nb')).not.toThrow();
  });

  it('treats a template as empty and a structured file without a required heading as incomplete', () => {
    const files = [
      { name: 'c.md', body: '# Vurdering\n\n<!-- Skriv her -->\n' },
      { name: 'helsestasjon.md', body: templateFor(data, 'helsestasjon', 'nb') },
      { name: 'nav.md', body: '# NAV\n\n## Hva tjenesten ser\n\nMange unge.\n\n## Kilder\n\nNAV.\n' },
      { name: 'fastlege.md', body: '## Kva tenesta ser\n\nMykje.\n\n## Utvikling og årsaker\n\nStabilt.\n' },
    ];
    const set = collectAssessments('5037', files, valid);
    expect(sectionStatus(set, data, 'c', 'nb').status).toBe('empty');
    expect(sectionStatus(set, data, 'helsestasjon', 'nb').status).toBe('empty');
    expect(sectionStatus(set, data, 'nav', 'nb')).toEqual({ status: 'incomplete', headings: ['Utvikling og årsaker'] });
    expect(sectionStatus(set, data, 'fastlege', 'nb').status).toBe('present');
    const missing = checkFinal(set, data, 'nb');
    expect(missing.find((m) => m.name === 'nav')!.file).toBe('5037/nav.md');
    expect(new FinalGateError(missing.filter((m) => m.name === 'nav')).message).toContain('5037/nav.md: missing text under "## Utvikling og årsaker"');
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
    expect(p.missing).toEqual([]);
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
    // f.md: "psykiske plager … øker" — no trend can be computed for these.
    const f = findContradictions(textFor(set, 'f', 'nb')!.body, '5037/f.md', results, p, { theme: 'f' });
    expect(f.map((x) => [x.indicatorId, x.computed])).toEqual([
      ['psykiske-symptomer-primaer', 'cannot-be-calculated'],
      ['psykiske-plager-ungdom', 'cannot-be-calculated'],
    ]);
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
    expect(run('Andelen er aukande.', 'ensomhet')).toEqual([['ensomhet', 'increase', 'trend', 'cannot-be-calculated']]);
    // Antibiotics: decreasing (better) — "synkende" agrees, "økende" does not.
    expect(run('Antibiotikabruken er synkende.')).toEqual([]);
    expect(run('Antibiotikabruken er økende.')).toEqual([['antibiotika', 'increase', 'trend', 'decreasing']]);
    // A clause without a known indicator is not checked.
    expect(run('Det har økt.')).toEqual([]);
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
    const full = knowledgeChapters(readAssessmentFolder(FULL, '5037', valid), data, results, 'nn');
    expect(full.services.map((s) => s.name)).toEqual(['helsestasjon', 'skolehelse', 'fastlege', 'nav', 'barnevern', 'pleie-og-omsorg', 'legevakt']);
    expect(full.community.map((s) => s.name)).toEqual(['medvirkning', 'frivillighet', 'naermiljo', 'miljorettet-helsevern', 'smittevern']);
    const nav = full.services[3]!;
    expect(nav).toMatchObject({ title: 'NAV', law: 'folkehelseloven § 5 b', status: 'present', file: '5037/nav.md' });
    expect(nav.parts.map((p) => p.title)).toEqual(['Kva tenesta ser', 'Utvikling og årsaker', 'Kjelder']);
    expect(nav.parts[0]!.body).toBe('NAV møter mange unge som står utenfor arbeid og utdanning, ofte med psykiske plager.');
    expect(nav.figures.map((r) => r.id)).toEqual(['sosialhjelp', 'uforetrygdede', 'arbeidsledighet', 'vedvarende-lavinntekt']);
    expect(full.services[0]!.figures.map((r) => r.id)).toEqual(['helsestasjon-utgifter', 'vaksinasjon-mmr']);
    const example = knowledgeChapters(readAssessmentFolder(join(INNHERRED, 'vurderinger'), '5037', valid), data, results, 'nb');
    expect(example.community.every((s) => s.status === 'missing' && s.parts.length === 0)).toBe(true);
    expect(example.community[4]!.file).toBe('5037/smittevern.md');
  });
});
