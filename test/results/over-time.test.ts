import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { loadConfig } from '../../src/config/config.js';
import { build } from '../../src/app/build.js';
import { readResultsFile } from '../../src/results/archive.js';
import type { ResultsFile } from '../../src/results/types.js';
import { validator } from '../../src/validate/schemas.js';
import { INNHERRED, tempDir } from '../helpers.js';

/**
 * The example built as edition 2027, then the data changes the way a year of new exports
 * changes it, and the løpende oversikt 2028 is built into the same output folder:
 * - beruselse: a new year (2025) in which Levanger goes from worse than land to better (verdict
 *   change, leaves the utfordringsbilde);
 * - skjermtid: Ungdata corrects 2024 (a revision: same period, new value);
 * - drikkevann: the export is gone (dropped indicator); hoftebrudd: new export (new indicator);
 * - ensomhet: 2025 with groups by family economy (a narrower gradient).
 */
const GOALS = {
  goals: [
    { id: 'beruselse-ned', title: 'Færre unge drikker seg beruset', indicator: 'beruselse', baseline: { edition: 2027 }, target: { value: 7, year: 2031 }, measures: ['Rusfrie arrangementer', 'Foreldremøter om alkohol'], responsible: 'Kommunalsjef oppvekst' },
    { id: 'ensomhet-ned', title: { nb: 'Færre unge er ensomme', nn: 'Færre unge er einsame' }, indicator: 'ensomhet', baseline: { edition: 2027 }, target: { value: 20, year: 2031 }, measures: ['Møteplasser for ungdom'], responsible: 'Folkehelsekoordinator' },
    { id: 'ensomhet-likhet', title: 'Mindre forskjell i ensomhet etter familieøkonomi', indicator: 'ensomhet', type: 'equity', baseline: { edition: 2027 }, target: { value: 15, year: 2031 } },
    { id: 'royk-gravide', title: 'Færre gravide røyker', indicator: 'royking-gravide', baseline: { period: '2022-2024' }, target: { value: 2.5, year: 2031 }, kommune: '5037' },
  ],
};

function changeData(dir: string): void {
  const file = join(dir, 'ungdata', 'ungdata_innherred.csv');
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: string[] = [];
  const extra: string[] = [];
  for (const line of lines) {
    const c = line.split(';');
    if (c[0] === '5037' && c[1] === '2024' && c[2] === 'skjermtid' && c[4] === 'total') c[7] = '560';
    out.push(c.join(';'));
    if (c[1] === '2024' && ['0', '50', '5037'].includes(c[0]!) && c[4] === 'total' && (c[2] === 'beruselse' || c[2] === 'ensomhet')) {
      const next = [...c];
      next[1] = '2025';
      if (c[0] === '5037' && c[2] === 'beruselse') next[7] = '60';
      if (c[0] === '5037' && c[2] === 'ensomhet') next[6] = '1150', (next[7] = '290');
      extra.push(next.join(';'));
    }
  }
  extra.push('5037;2025;ensomhet;Plaget av ensomhet siste uke;familieokonomi;god;700;100', '5037;2025;ensomhet;Plaget av ensomhet siste uke;familieokonomi;verken god eller dårlig;300;70', '5037;2025;ensomhet;Plaget av ensomhet siste uke;familieokonomi;dårlig;80;20');
  const body = out.join('\n').replace(/\n*$/, '');
  writeFileSync(file, `${body}\n${extra.join('\n')}\n`);
  rmSync(join(dir, 'fhi', 'kube', 'drikkevann.csv'));
  cpSync(join(INNHERRED, 'fhi', 'kube', 'hoftebrudd.csv'), join(dir, 'fhi', 'kube', 'hoftebrudd.csv'));
}

describe('over time: edition 2027, then the løpende oversikt 2028 with changed data', () => {
  const project = tempDir();
  const out = join(project, 'ut');
  let first: ResultsFile;
  let second: ResultsFile;
  let annual: string;
  let full2031: string;
  let full2027: string;
  let other: string;
  beforeAll(async () => {
    cpSync(INNHERRED, project, { recursive: true });
    rmSync(join(project, 'fhi', 'kube', 'hoftebrudd.csv'));
    writeFileSync(join(project, 'mal.json'), JSON.stringify(GOALS, null, 2));
    const raw = JSON.parse(readFileSync(join(project, 'folkehelse.config.json'), 'utf8'));
    raw.goals = 'mal.json';
    raw.out = 'ut';
    delete raw.$schema;
    writeFileSync(join(project, 'folkehelse.config.json'), JSON.stringify(raw, null, 2));
    const config = loadConfig(join(project, 'folkehelse.config.json'));
    await build({ config, kommuner: ['5037'], formats: ['md'] });
    first = readResultsFile(join(out, '5037-levanger', 'resultater-2027.json'));
    full2027 = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    changeData(project);
    const r = await build({ config: loadConfig(join(project, 'folkehelse.config.json')), kommuner: ['5037'], formats: ['md'], kind: 'annual', edition: 2028 });
    expect(r.documents.map((d) => d.status)).toEqual(['built']);
    expect(r.documents[0]!.warnings).toEqual([]);
    second = readResultsFile(join(out, '5037-levanger', 'resultater-2028-lopende.json'));
    annual = readFileSync(join(out, '5037-levanger', 'lopende-oversikt-2028.nb.md'), 'utf8');
    // The full document of a later edition, compared through --previous with the 2027 file.
    other = join(project, 'ut-2031');
    await build({ config: loadConfig(join(project, 'folkehelse.config.json')), kommuner: ['5037'], formats: ['md', 'html', 'docx'], edition: 2031, out: other, previous: join(out, '5037-levanger', 'resultater-2027.json') });
    full2031 = readFileSync(join(other, '5037-levanger', 'oversikt-2031.nb.md'), 'utf8');
  }, 120_000);

  it('writes results files that validate against schemas/results.schema.json', () => {
    const validate = validator('results');
    for (const f of ['resultater-2027.json', 'resultater-2028-lopende.json']) {
      expect(validate(JSON.parse(readFileSync(join(out, '5037-levanger', f), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(first.edition).toBe(2027);
    expect(first.kind).toBe('full');
    expect(first.previous).toBeNull();
    expect(second.previous).toEqual({ edition: 2027, kind: 'full' });
    expect(first.indicators.find((i) => i.id === 'beruselse')!.challenge).toBe(true);
    expect(first.indicators.find((i) => i.id === 'beruselse')!.provenance.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the 2027 document has no changes section (nothing earlier) but has the goals table', () => {
    expect(full2027).not.toMatch(/Endringer siden forrige utgave/);
    expect(full2027).toMatch(/^## Mål og oppfølging$/m);
    expect(full2027).toMatch(/\| Færre unge drikker seg beruset \|/);
  });

  it('the løpende oversikt shows changed verdicts, new and dropped indicators, revisions and the challenges', () => {
    expect(annual).toMatch(/^# Løpende oversikt over folkehelsen$/m);
    expect(annual).toMatch(/Levanger kommune – årlig oppdatering 2028/);
    expect(annual).toMatch(/Sammenlignet med oversiktsdokumentet 2027/);
    expect(annual).toMatch(/- Har vært beruset siste år \(ungdom\): mot landet fra «dårligere» til «bedre» \(2025\)/);
    expect(annual).toMatch(/### Reviderte tall[^\n]*\n\n- Skjermtid[^\n]*, 2024: 46,9\u00a0% → 50,8\u00a0%/);
    expect(annual).toMatch(/### Nye indikatorer\n\n- Hoftebrudd[^\n]*\(d\)/);
    expect(annual).toMatch(/### Indikatorer som ikke lenger er med\n\n- [^\n]*[Dd]rikkevann/);
    expect(annual).toMatch(/### Ute av utfordringsbildet\n\n(- [^\n]*\n)*- Har vært beruset siste år/);
    // Per theme, only what is new or changed: the beruselse row under theme e, no drikkevann row.
    const e = annual.split('### Helserelatert atferd')[1]!.split('\n### ')[0]!;
    expect(e).toMatch(/\| Har vært beruset siste år \(ungdom\) \| 2025 \| 5,3 /);
    expect(e).not.toMatch(/Fysisk inaktivitet/);
    expect(annual.split('### Skader og ulykker')[1]!.split('\n### ')[0]).toMatch(/ny indikator/);
  });

  it('revisions are not changes: skjermtid has a revision and no new data', () => {
    const d = JSON.parse(readFileSync(join(out, '5037-levanger', 'resultater-2028-lopende.json'), 'utf8')) as ResultsFile;
    expect(d.indicators.find((i) => i.id === 'skjermtid')!.period).toEqual({ from: 2024, to: 2024 });
    expect(annual).not.toMatch(/- Skjermtid[^\n]*forrige utgave:/);
  });

  it('the goals table: baseline, latest value with interval, significance and the power note', () => {
    const goals = annual.split('## Mål og oppfølging')[1]!;
    const row = (title: string) => goals.split('\n').find((l) => l.startsWith(`| ${title} |`))!;
    // beruselse: 9,8 % (2024, edition 2027) → 5,3 % in 2025: significant; target 7 reached.
    expect(row('Færre unge drikker seg beruset')).toMatch(/\| 9,8\u00a0% \(2024, utgave 2027\) \| 5,3 \(4,1–6,8\) \(2025\) \| 7,0\u00a0% innen 2031 \| −4,5\u00a0prosentpoeng \| ja \(p &lt;\u00a00,001\) \| 3,5\u00a0prosentpoeng ⚠ \|/);
    // ensomhet: 26,3 % → 25,2 %: not significant.
    expect(row('Færre unge er ensomme')).toMatch(/\| 26,3\u00a0% \(2024, utgave 2027\) \| 25,2 \([^)]*\) \(2025\) \|[^|]*\| −1,1\u00a0prosentpoeng \| nei \(p =\u00a00,5\d\d\) \|/);
    // equity: the gap between poor and good family economy, 30,9 → 10,7 percentage points.
    expect(row('Mindre forskjell i ensomhet etter familieøkonomi')).toMatch(/forskjell mellom dårlig økonomi og god økonomi \| 30,9\u00a0prosentpoeng \(2015, utgave 2027\) \| 10,7\u00a0prosentpoeng \(2025\) \| 15,0\u00a0prosentpoeng innen 2031 \| −20,2\u00a0prosentpoeng \| ja \(p =\u00a00,01\d\) \| 22,\d\u00a0prosentpoeng ⚠ \|/);
    // røyking i svangerskapet: the baseline period is still the latest; the indicator cannot detect the goal.
    expect(row('Færre gravide røyker')).toMatch(/\| ingen nye tall \| 2,8\u00a0prosentpoeng ⚠ \|/);
    expect(goals).toMatch(/Målet krever en endring på 0,8\u00a0prosentpoeng, men med dagens antall kan bare en endring på 2,8\u00a0prosentpoeng eller mer påvises sikkert/);
    expect(goals).toMatch(/- Tiltak: Rusfrie arrangementer; Foreldremøter om alkohol/);
    expect(goals).toMatch(/- Ansvarlig: Kommunalsjef oppvekst/);
  });

  it('the full document of a later edition gets the changes section, per-indicator notes and the goals', () => {
    expect(full2031).toMatch(/^## Endringer siden forrige utgave$/m);
    expect(full2031).toMatch(/- \[Endringer siden forrige utgave\]\(#endringer-siden-forrige-utgave\)/);
    expect(full2031).toMatch(/^> Endret siden forrige utgave: mot landet fra «dårligere» til «bedre»\. Endret siden forrige utgave: mot fylket[^\n]*Ikke lenger i utfordringsbildet\.$/m);
    expect(full2031).toMatch(/^> .*Kilden har revidert tallet for 2024 fra 46,9\u00a0% til 50,8\u00a0%; dette er en retting, ikke en endring\./m);
    expect(full2031).toMatch(/^> Ny indikator siden forrige utgave\.$/m);
    expect(full2031).toMatch(/^## Mål og oppfølging$/m);
    // The sections sit before the introduction and after the summary; the chapters keep their numbers.
    expect(full2031.indexOf('## Endringer siden')).toBeLessThan(full2031.indexOf('## 1 Sammendrag'));
    expect(full2031.indexOf('## Mål og oppfølging')).toBeGreaterThan(full2031.indexOf('## 1 Sammendrag'));
    expect(full2031.indexOf('## Mål og oppfølging')).toBeLessThan(full2031.indexOf('## 2 Innledning'));
  });

  it('the changes section, the change notes and the goals table are in the HTML and the Word document too', () => {
    const folder = join(other, '5037-levanger');
    const html = readFileSync(join(folder, 'oversikt-2031.nb.html'), 'utf8');
    expect(html).toMatch(/<h2 id="endringer-siden-forrige-utgave">Endringer siden forrige utgave<\/h2>/);
    expect(html).toMatch(/<li><a href="#endringer-siden-forrige-utgave">Endringer siden forrige utgave<\/a>/);
    expect(html).toMatch(/<aside class="note"><p>Endret siden forrige utgave: mot landet fra «dårligere» til «bedre»\./);
    expect(html).toMatch(/<h2 id="mål-og-oppfølging">Mål og oppfølging<\/h2>/);
    expect(html).toMatch(/<td>Færre unge drikker seg beruset<\/td>/);
    const docx = unzipSync(new Uint8Array(readFileSync(join(folder, 'oversikt-2031.nb.docx'))));
    const xml = strFromU8(docx['word/document.xml']!);
    expect(xml).toContain('Endringer siden forrige utgave');
    expect(xml).toContain('Ikke lenger i utfordringsbildet.');
    expect(xml).toContain('Mål og oppfølging');
    expect(xml).toContain('Færre unge drikker seg beruset');
    expect(xml).toContain('Minste påvisbare endring');
    // Chapters before and after keep their order in Word as in Markdown.
    expect(xml.indexOf('Endringer siden forrige utgave')).toBeLessThan(xml.indexOf('1 Sammendrag'));
    expect(xml.indexOf('Mål og oppfølging')).toBeLessThan(xml.indexOf('2 Innledning'));
    expect(xml.indexOf('Mål og oppfølging')).toBeGreaterThan(xml.indexOf('Sammendrag'));
  });

  it('the løpende oversikt is a document in every format, not only Markdown', async () => {
    const dir = join(project, 'ut-lopende');
    const r = await build({ config: loadConfig(join(project, 'folkehelse.config.json')), kommuner: ['5037'], formats: ['html', 'docx'], kind: 'annual', edition: 2028, out: dir, previous: join(out, '5037-levanger', 'resultater-2027.json') });
    expect(r.documents.map((d) => d.status)).toEqual(['built']);
    const html = readFileSync(join(dir, '5037-levanger', 'lopende-oversikt-2028.nb.html'), 'utf8');
    expect(html).toMatch(/<h1[^>]*>Løpende oversikt over folkehelsen<\/h1>/);
    expect(html).toMatch(/<h3 id="reviderte-tall[^"]*">Reviderte tall/);
    expect(html).toMatch(/Mål og oppfølging/);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir, '5037-levanger', 'lopende-oversikt-2028.nb.docx'))))['word/document.xml']!);
    expect(xml).toContain('Nytt i tallene, tema for tema');
    expect(xml).toContain('Endringer siden forrige utgave');
    expect(xml).toContain('Færre unge drikker seg beruset');
    expect(existsSync(join(dir, '5037-levanger', 'resultater-2028-lopende.json'))).toBe(true);
  });

  it('folkehelse diff prints the changes, and --json', async () => {
    const io = () => {
      const o = { stdout: '', stderr: '' };
      return { o, io: { stdout: { write: (s: string) => (o.stdout += s) }, stderr: { write: (s: string) => (o.stderr += s) }, env: { NO_COLOR: '1' } } };
    };
    const a = join(out, '5037-levanger', 'resultater-2027.json');
    const b = join(out, '5037-levanger', 'resultater-2028-lopende.json');
    const t = io();
    expect(await main(['diff', a, b], t.io)).toBe(0);
    expect(t.o.stdout).toMatch(/Levanger \(5037\): edition 2027 → 2028 \(annual update\)/);
    expect(t.o.stdout).toMatch(/Har vært beruset siste år \(ungdom\): against land worse → better \(2024 → 2025\)/);
    expect(t.o.stdout).toMatch(/Revised by the source[^\n]*\n {2}Skjermtid[^\n]*, 2024: 46,9 → 50,8/);
    const j = io();
    expect(await main(['diff', a, b, '--json'], j.io)).toBe(0);
    const diff = JSON.parse(j.o.stdout);
    expect(diff.newIndicators.map((x: { id: string }) => x.id)).toEqual(['hoftebrudd']);
    expect(diff.droppedIndicators.map((x: { id: string }) => x.id)).toEqual(['drikkevann']);
    expect(diff.revisions.map((x: { id: string }) => x.id)).toEqual(['skjermtid']);
    expect(diff.challengesLeft.map((x: { id: string }) => x.id)).toContain('beruselse');
  });

  it('an unchanged rebuild of the annual update is skipped; a changed goals file rebuilds it', async () => {
    const config = loadConfig(join(project, 'folkehelse.config.json'));
    const again = await build({ config, kommuner: ['5037'], formats: ['md'], kind: 'annual', edition: 2028 });
    expect(again.documents[0]!.status).toBe('skipped');
    writeFileSync(join(project, 'mal.json'), JSON.stringify({ goals: GOALS.goals.slice(0, 1) }, null, 2));
    const changed = await build({ config, kommuner: ['5037'], formats: ['md'], kind: 'annual', edition: 2028 });
    expect(changed.documents[0]!.status).toBe('built');
    expect(readFileSync(join(out, '5037-levanger', 'lopende-oversikt-2028.nb.md'), 'utf8')).not.toMatch(/Færre gravide røyker/);
    expect(existsSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'))).toBe(true);
    // The full document's record is kept beside the annual update's: rebuilding 2027 is still up to date.
    const manifest = JSON.parse(readFileSync(join(out, '5037-levanger', 'folkehelse-manifest.json'), 'utf8'));
    expect(Object.keys(manifest.documents).sort()).toEqual(['nb', 'nb-lopende']);
    expect(existsSync(join(out, '5037-levanger', 'figurer', 'ensomhet-gradient.nb.svg'))).toBe(true);
  });
});
