import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { EXAMPLE, FIXTURES, INNHERRED, tempDir } from '../helpers.js';

// Issue 14 wired into the document: chapter order, the utfordringsbilde, social inequality, § 5 b–c,
// the --final gate and the wording fixes, on the example and the fully assessed fixture.

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
  return { code, stdout, stderr };
}

const FULL = join(FIXTURES, 'innherred-fullt-vurdert');
const dirs: string[] = [];
function out(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The H2 headings (chapters) of a Markdown document, in order. */
const chapters = (md: string) => [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]!).filter((h) => h !== 'Innhold' && h !== 'Innhald');
/** The text of one chapter (from its H2 to the next). */
function chapter(md: string, start: RegExp): string {
  const lines = md.split('\n');
  const i = lines.findIndex((l) => l.startsWith('## ') && start.test(l));
  expect(i, `chapter ${start}`).toBeGreaterThanOrEqual(0);
  const j = lines.findIndex((l, k) => k > i && l.startsWith('## '));
  return lines.slice(i, j < 0 ? undefined : j).join('\n');
}

let nb = '';
let nn = '';
let buildStderr = '';
let buildCode = -1;
beforeAll(async () => {
  const o = out();
  const r = await run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--out', o);
  buildStderr = r.stderr;
  buildCode = r.code;
  nb = readFileSync(join(o, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
  const r2 = await run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--lang', 'nn', '--out', o);
  expect(r2.code).toBe(0);
  nn = readFileSync(join(o, '5037-levanger', 'oversikt-2027.nn.md'), 'utf8');
}, 120_000);

describe('the chapters of an adoptable overview', () => {
  it('puts the summary first, then the introduction, social inequality, the themes, § 5 b, § 5 c and the appendix', () => {
    expect(buildCode).toBe(0);
    const titles = chapters(nb);
    expect(titles[0]).toBe('1 Sammendrag og utfordringsbilde');
    expect(titles[1]).toBe('2 Innledning');
    expect(titles[2]).toBe('3 Sosial ulikhet i helse');
    expect(titles.slice(3, 9).map((t) => /forskrift § 3 ([a-f])\)$/.exec(t)?.[1])).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(titles[9]).toMatch(/^10 Kunnskap fra de kommunale helse- og omsorgstjenestene \(folkehelseloven § 5 b\)$/);
    expect(titles[10]).toMatch(/^11 Kunnskap om miljø og lokalsamfunn \(folkehelseloven § 5 c\)$/);
    expect(titles[11]).toBe('12 Vedlegg');
    expect(titles).toHaveLength(12);
    // The same order in nynorsk.
    expect(chapters(nn)[0]).toMatch(/^1 Samandrag og utfordringsbilete$/);
    expect(chapters(nn)[2]).toMatch(/^3 Sosial ulikskap i helse$/);
  });

  it('moves the data sources (table, checksums) into the appendix, before the barometer', () => {
    const front = nb.slice(0, nb.indexOf('## 1 '));
    expect(front).not.toMatch(/sha256|[0-9a-f]{64}/);
    const appendix = chapter(nb, /^## 12 Vedlegg/);
    const sub = [...appendix.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(sub.indexOf('Kilder')).toBeGreaterThanOrEqual(0);
    expect(sub.indexOf('Kilder')).toBeLessThan(sub.indexOf('Folkehelsebarometer'));
    expect(appendix).toMatch(/`[0-9a-f]{64}`/);
  });

  it('gives each source its retrieval date when folkehelse fetch retrieved it (its sealed sidecar), else –', async () => {
    const dir = tempDir();
    dirs.push(dir);
    cpSync(EXAMPLE, dir, { recursive: true });
    // The example's tables are as folkehelse fetch wrote them on 20 November 2026, each with its sealed sidecar.
    // A sidecar edited by hand since (its seal no longer matches) gives no date: the file is cited as a file.
    const edited = join(dir, 'data', 'fhi', 'nokkel-187.json.sidecar');
    writeFileSync(edited, JSON.stringify({ ...JSON.parse(readFileSync(edited, 'utf8')), retrievedAt: '2026-11-25T09:15:00Z' }));
    const o = out();
    const r = await run('build', '--config', join(dir, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--out', o);
    expect(r.stderr).not.toMatch(/failed/);
    const appendix = chapter(readFileSync(join(o, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8'), /^## \d+ Vedlegg/);
    expect(appendix).toMatch(/\| Kilde \| Tabell \| Perioder \| Hentet \| Fil \| SHA-256 \|/);
    expect(appendix).toMatch(/\| FHI \| nokkel 175 [^|\n]*\| 2016–2025 \| 20\\?\. november 2026 \| hentet fra statistikk-data\.fhi\.no \|/);
    expect(appendix).toMatch(/\| FHI \| nokkel-187 \| 2016–2025 \| – \| `data\/fhi\/nokkel-187\.json` \|/);
    expect(appendix).not.toMatch(/25\\?\. november 2026/);
  }, 60_000);

  it('gives a file downloaded by hand no retrieval date, even beside a sidecar written by hand with its SHA-256', async () => {
    const dir = tempDir();
    dirs.push(dir);
    cpSync(INNHERRED, dir, { recursive: true });
    // Not what folkehelse fetch writes (a CSV it never downloads, no seal, no provenance in the file): not trusted.
    const file = join(dir, 'fhi', 'kube', 'hoftebrudd.csv');
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    writeFileSync(`${file}.sidecar`, JSON.stringify({ tool: 'folkehelse fetch', file: 'kube/hoftebrudd.csv', sha256, retrievedAt: '2026-11-20T09:15:00Z' }));
    const o = out();
    const r = await run('build', '--config', join(dir, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--out', o);
    expect(r.stderr).not.toMatch(/failed/);
    const appendix = chapter(readFileSync(join(o, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8'), /^## \d+ Vedlegg/);
    expect(appendix).toMatch(/\| FHI \| hoftebrudd \| 2015–2024 \| – \| `fhi\/kube\/hoftebrudd\.csv` \|/);
    expect(appendix).not.toMatch(/november 2026/);
  }, 60_000);

  it('gives a theme with no indicators and no text its chapter, saying that numbers are missing and where to get them', async () => {
    const dir = tempDir();
    dirs.push(dir);
    cpSync(INNHERRED, dir, { recursive: true });
    const catalogue = join(dir, 'uten-d.json');
    // Exclude every theme-d indicator.
    const ids = JSON.parse(readFileSync(join(INNHERRED, '..', '..', 'data', 'catalogue', readdirSync(join(INNHERRED, '..', '..', 'data', 'catalogue')).find((f) => f.startsWith('d'))!), 'utf8')).indicators.map((i: { id: string }) => i.id) as string[];
    writeFileSync(catalogue, JSON.stringify({ indicators: [], exclude: ids }));
    const o = out();
    const r = await run('build', '--config', join(dir, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--catalogue', catalogue, '--out', o);
    expect(r.stderr).not.toMatch(/failed/);
    const md = readFileSync(join(o, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    // Forskrift § 3 requires every theme (issue 26): the chapter stays, with what is missing.
    const d = chapter(md, /^## \d+ Skader og ulykker/);
    expect(d).toContain('Grunnlaget for dette dokumentet har ingen tall for temaet.');
    expect(d).toContain('**Hvor tallene kan hentes:**');
    expect(md).toMatch(/^## \d+ Helserelatert atferd/m);
  }, 60_000);
});

describe('Sammendrag og utfordringsbilde', () => {
  const summary = () => chapter(nb, /^## 1 Sammendrag/);
  it("shows the municipality's own list before the proposals, and labels the proposals", () => {
    const s = summary();
    expect(s.indexOf('Kommunens egne prioriteringer')).toBeGreaterThan(0);
    expect(s.indexOf('Kommunens egne prioriteringer')).toBeLessThan(s.indexOf('Forslag fra tallene'));
    expect(s).toContain('Unge uføretrygdede og utenforskap');
  });
  it('ranks the grouped challenges 1, 2, 3 … with the numbers and the criteria behind each', () => {
    const s = summary();
    const rows = [...s.matchAll(/^\| (\d+) \| \*\*(.+?)\*\* \(forslag fra tallene\) \| (.+) \| (\d+) \|$/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.length).toBeLessThanOrEqual(8);
    expect(rows.map((r) => Number(r[1]))).toEqual(rows.map((_, i) => i + 1));
    const scores = rows.map((r) => Number(r[4]));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Loneliness, disability benefits and psychological symptoms as one youth mental-health challenge, first.
    expect(rows[0]![2]).toMatch(/psykisk helse/i);
    expect(rows[0]![3]).toContain('Plaget av ensomhet (ungdom)');
    expect(rows[0]![3]).toContain('Uføretrygdede, 18–44 år');
    expect(rows[0]![3]).toMatch(/26,3\s%.*landet 22,5\s%/);
    expect(s).toMatch(/\| Indikator \| Omfang \| Alvorlighet \| Utvikling \| Sosial skjevhet \| Påvirkning \| Sum \|/);
  });
  it('proposes as resources only significantly better indicators that are assets (not living alone at 45+)', () => {
    const s = chapter(nb, /^## 1 Sammendrag/);
    const resources = s.slice(s.indexOf('### Ressurser'));
    expect(resources).toContain('Kommunens egne ressurser');
    expect(resources).toContain('Trangbodde barn');
    expect(resources).not.toContain('bor alene');
  });
  it('marks the draft: each file --final would refuse named in the summary, with what it lacks, and each sentence that contradicts the numbers', () => {
    const s = summary();
    expect(s).toContain('> Utkast. Dette må på plass før oversikten kan bli endelig:');
    for (const f of ['5037/c.md', '5037/d.md', '5037/e.md', '5037/helsestasjon.md', '5037/smittevern.md']) expect(s).toContain(`\`${f}\` – `);
    expect(s).toContain('- `5037/c.md` – Vurdering: fysisk, biologisk, kjemisk og sosialt miljø: mangler');
    expect(s).toContain('- `5037/a.md` – Vurdering: befolkningssammensetning: mangler tekst under «Status og utvikling», «Årsaksforhold», «Konsekvenser», «Tiltak og planbehov»');
    expect(s).toContain('- `5037/b.md` – stemmer ikke med tallene: «Andelen unge uføretrygdede er likevel høyere enn i landet og har økt.»');
  });
});

describe('Sosial ulikhet i helse', () => {
  it('shows the loneliness gradient with respondents and lonely per group, N and n, the gaps and the trend test', () => {
    const c = chapter(nb, /^## 3 Sosial ulikhet/);
    expect(c).toMatch(/\| God økonomi \| 841 \| 106 \| 12,6 \| 10,5–15,0 \|/);
    expect(c).toMatch(/\| Verken god eller dårlig \| 210 \| 65 \| 31,0 \|/);
    expect(c).toMatch(/\| Dårlig økonomi \| 69 \| 30 \| 43,5 \|/);
    expect(c).toContain('N = 1120 svarte, n = 201.');
    expect(c).toMatch(/Forskjellen mellom dårlig økonomi og god økonomi er 30,9 prosentpoeng \(19,6–42,8\); andelen i gruppen dårlig økonomi er 3,4 ganger så høy som i gruppen god økonomi \(95 % KI 2,5–4,8 ganger\)\./);
    expect(c).toMatch(/χ²-testen for trend over gruppene er signifikant \(χ² = \d+,\d\)/);
  });
  it('shows life expectancy by education (at 30) in years, without respondents or a ratio', () => {
    const c = chapter(nb, /^## 3 Sosial ulikhet/);
    const le = c.slice(c.indexOf('### Forventet levealder ved 30 år'));
    expect(le).toMatch(/\| Gruppe \| Verdi \| 95 % KI \|/);
    expect(le).toMatch(/er 6,9 år\./);
    expect(le.split('###')[1]).not.toContain('ganger');
  });
  it('lists the low-income and inequality indicators', () => {
    const c = chapter(nb, /^## 3 Sosial ulikhet/);
    expect(c).toContain('### Lavinntekt og ulikhet');
    expect(c).toContain('Vedvarende lavinntekt, alle aldre');
  });
});

describe('§ 5 b and § 5 c', () => {
  it('has a section per service and community area, with the catalogue figures (KOSTRA) and, in a draft, the file to write', () => {
    const b = chapter(nb, /§ 5 b\)$/);
    for (const t of ['Helsestasjonen', 'Skolehelsetjenesten', 'Fastlegene', 'NAV', 'Barnevernet', 'Pleie- og omsorgstjenestene', 'Legevakten']) expect(b).toContain(`### ${t}`);
    expect(b).toContain('Vurdering mangler: skriv filen 5037/helsestasjon.md.');
    expect(b).toMatch(/Utgifter til helsestasjons- og skolehelsetjenesten\]\([^)]+\) \| 2024 \| 3\s736 \| 4\s140 \| kroner/);
    const c = chapter(nb, /§ 5 c\)$/);
    for (const t of ['Medvirkning', 'Frivillighet', 'Nærmiljø', 'Miljørettet helsevern', 'Smittevern']) expect(c).toContain(`### ${t}`);
  });
});

describe('build --final', () => {
  it('refuses the example (exit 1), naming every missing file, and writes no document', async () => {
    const o = out();
    const r = await run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--final', '--out', o);
    expect(r.code).toBe(1);
    for (const f of ['c', 'd', 'e', 'helsestasjon', 'skolehelse', 'fastlege', 'nav', 'barnevern', 'pleie-og-omsorg', 'legevakt', 'medvirkning', 'frivillighet', 'naermiljo', 'miljorettet-helsevern', 'smittevern']) expect(r.stderr).toContain(`5037/${f}.md: missing (`);
    // A theme in one paragraph: every part named; a contradiction: the sentence and what to do.
    expect(r.stderr).toContain('5037/a.md: missing text under "## Status og utvikling", "## Årsaksforhold", "## Konsekvenser", "## Tiltak og planbehov"');
    expect(r.stderr).toMatch(/5037\/b\.md: the text says "Andelen unge uføretrygdede er likevel høyere enn i landet og har økt\." .* — change the sentence, or mark it as deliberate with <!-- bevisst: reason --> right after it/);
    expect(r.stderr).not.toContain('5037/innledning.md');
    expect(r.stderr).not.toContain('\\n');
    expect(readdirSync(o).filter((f) => f.startsWith('5037'))).toEqual([]);
  }, 60_000);

  it("refuses in the user's language: bokmål and nynorsk", async () => {
    const nb = await run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--final', '--lang', 'nb', '--out', out());
    expect(nb.code).toBe(1);
    expect(nb.stderr).toContain('--final: oversikten er ikke klar: 21 påkrevde vurderinger mangler, er tomme, ufullstendige eller for tynne; 1 setning motsier tallene:');
    expect(nb.stderr).toContain('5037/a.md: mangler tekst under «## Status og utvikling», «## Årsaksforhold», «## Konsekvenser», «## Tiltak og planbehov» (Vurdering: befolkningssammensetning;');
    expect(nb.stderr).toMatch(/5037\/b\.md: teksten sier «.*har økt\.» \(økning\) om uforetrygdede, men den beregnede utviklingen er ingen signifikant endring – endre setningen, eller merk den som bevisst med <!-- bevisst: begrunnelse --> rett etter den/);
    expect(nb.stderr).toContain('Skriv dem (maler: folkehelse vurderinger --templates), eller bygg uten --final for å få et utkast som markerer dem.');
    const nn = await run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--final', '--lang', 'nn', '--out', out());
    expect(nn.code).toBe(1);
    expect(nn.stderr).toContain('--final: oversikta er ikkje klar: 21 påkravde vurderingar manglar, er tomme, ufullstendige eller for tynne; 1 setning motseier tala:');
    expect(nn.stderr).toContain('5037/barnevern.nn.md: manglar (');
    expect(nn.stderr).toMatch(/men den utrekna utviklinga er ingen signifikant endring – endre setninga, eller merk henne som medviten med <!-- bevisst: grunngiving --> rett etter henne/);
    expect(nn.stderr).toContain('Skriv dei (malar: folkehelse vurderinger --templates), eller bygg utan --final for å få eit utkast som markerer dei.');
  }, 60_000);

  it('passes on the fully assessed fixture, with every § 5 b–c text and no placeholder', async () => {
    const o = out();
    const r = await run('build', '--config', join(FULL, 'folkehelse.config.json'), '--format', 'md', '--final', '--out', o);
    expect(r.stderr).not.toMatch(/failed/);
    expect(r.code).toBe(0);
    const md = readFileSync(join(o, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    expect(md).not.toMatch(/Vurdering mangler[:.]|Utkast[.:]|Stemmer ikke med tallene|bevisst|<!--/);
    const b = chapter(md, /§ 5 b\)$/);
    expect(b).toContain('Nesten alle familier møter til konsultasjonene på helsestasjonen');
    expect(b).toContain('#### Hva tjenesten ser');
    // Each theme's assessment in its parts, before the indicators.
    const a = chapter(md, /forskrift § 3 a\)$/);
    expect([...a.matchAll(/^### (\D.*)$/gm)].map((m) => m[1])).toEqual(['Status og utvikling', 'Årsaksforhold', 'Konsekvenser', 'Tiltak og planbehov', 'Kilder']);
    expect(a.indexOf('### Kilder')).toBeLessThan(a.indexOf('### 4.1 '));
    // The assessment's sentences agree with the numbers (loneliness: a significant increase).
    expect(md).toContain('Ensomheten har økt signifikant siden 2015, da andelen var 17,9 prosent.');
    // The challenges' list once (the own list), their assessment, and the planning with its parts.
    const summary = chapter(md, /^## 1 Sammendrag/);
    expect(summary.match(/Flere eldre: fall, ensomhet og større behov for tjenester/g)).toHaveLength(1);
    expect([...summary.matchAll(/^#### (.+)$/gm)].map((m) => m[1])).toEqual(['Status og utvikling', 'Årsaksforhold', 'Konsekvenser', 'Hvordan kommunen kan møte utfordringene', 'Planbehov', 'Medvirkning']);
    // The law as it stands on the document's date (22 November 2026): planbehov, § 5 c's new wording.
    expect(md).toContain('Fra 1. januar 2026 skal den også inneholde en vurdering av hvordan kommunen kan møte utfordringene, herunder planbehov (lov 20. juni 2025 nr. 69).');
    expect(chapter(md, /§ 5 c\)$/)).toContain('kunnskap om positive og negative faktorer og utviklingstrekk i miljø og lokalsamfunn som kan ha innvirkning på befolkningens helse, herunder risikoforhold.');
  }, 60_000);

  it('refuses the old one-sentence style: a theme without causes and consequences, and a sentence against the numbers that is not marked', async () => {
    const dir = tempDir();
    dirs.push(dir);
    cpSync(join(FULL, 'vurderinger'), join(dir, 'vurderinger'), { recursive: true });
    const config = JSON.parse(readFileSync(join(FULL, 'folkehelse.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ ...config, $schema: undefined, data: [join(EXAMPLE, 'data')], allowPaths: [EXAMPLE] }));
    const at = (name: string) => join(dir, 'vurderinger', '5037', name);
    writeFileSync(at('e.md'), 'Flere ungdommer i Levanger har vært beruset siste år enn i landet. Fysisk inaktivitet og skjermtid er som i landet. Bruken av smertestillende blant ungdomsskoleelever ligger over landsnivået.\n');
    // Loneliness rose significantly (first against last Ungdata year): "gått ned" contradicts it.
    writeFileSync(at('f.md'), readFileSync(at('f.md'), 'utf8').replace('Ensomheten har økt signifikant siden 2015, da andelen var 17,9 prosent.', 'Ensomheten blant ungdom har gått ned siden 2015.'));
    const o = out();
    const r = await run('build', '--config', join(dir, 'folkehelse.config.json'), '--format', 'md', '--final', '--out', o);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 required assessment is missing, empty, incomplete or too thin; 1 sentence contradicts the numbers');
    expect(r.stderr).toContain('5037/e.md: missing text under "## Status og utvikling", "## Årsaksforhold", "## Konsekvenser", "## Tiltak og planbehov" (Vurdering: helserelatert atferd; forskrift om oversikt over folkehelsen § 3 e)');
    expect(r.stderr).toContain('5037/f.md: the text says "Ensomheten blant ungdom har gått ned siden 2015." (decrease) about ensomhet, but the computed trend is increasing');
    expect(readdirSync(o).filter((f) => f.startsWith('5037'))).toEqual([]);
  }, 60_000);

  it('uses a.nn.md for nynorsk', async () => {
    const o = out();
    const r = await run('build', '--config', join(FULL, 'folkehelse.config.json'), '--format', 'md', '--final', '--lang', 'nn', '--out', o);
    expect(r.code).toBe(0);
    const md = readFileSync(join(o, '5037-levanger', 'oversikt-2027.nn.md'), 'utf8');
    const nnText = readFileSync(join(FULL, 'vurderinger', '5037', 'a.nn.md'), 'utf8').split('\n').find((l) => l.trim() && !l.startsWith('#') && !l.startsWith('<!--'))!;
    expect(md).toContain(nnText.trim().slice(0, 40));
  }, 60_000);

  it('reports texts that contradict the numbers as warnings (also in --json), without failing', async () => {
    const o = out();
    expect(buildStderr).toMatch(/5037\/b\.md: the text says ".*har økt\." \(increase\) about uforetrygdede, but the computed trend is no significant change/);
    const r = await run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--json', '--out', o);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { documents: { id: string; assessmentWarnings: string[] }[] };
    expect(json.documents.find((d) => d.id === '5037')!.assessmentWarnings.some((w) => w.includes('uforetrygdede'))).toBe(true);
  }, 60_000);

  it('reports unknown assessment files with the nearest valid name', async () => {
    const dir = tempDir();
    dirs.push(dir);
    cpSync(INNHERRED, dir, { recursive: true });
    writeFileSync(join(dir, 'vurderinger', '5037', 'ensomhett.md'), 'Tekst.\n');
    const o = out();
    const r = await run('build', '--config', join(dir, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--out', o);
    expect(r.stderr).toMatch(/5037\/ensomhett\.md.*ensomhet/);
  }, 60_000);

  it('refuses --draft with --final', async () => {
    const r = await run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--draft', '--final');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--draft or --final');
  });
});

describe('wording', () => {
  it('names each source once', () => {
    expect(nb).toContain('Tallene er hentet fra FHI, SSB (KOSTRA og Statistikkbanken) og Ungdata');
    expect(nb).not.toMatch(/SSB \(KOSTRA\), SSB/);
  });
  it('attributes the § 5 duties to the law, not to forskrift § 3', () => {
    const law = nb.split('\n').find((l) => l.startsWith('Etter folkehelseloven § 5'))!;
    const s3 = law.indexOf('Forskrift om oversikt over folkehelsen § 3');
    expect(law.indexOf('identifisere folkehelseutfordringene')).toBeLessThan(s3);
    expect(law.slice(s3)).not.toMatch(/folkehelseutfordringene/);
  });
  it('says "de fem siste periodene" for pooled periods and "de fem siste årene" for single years', () => {
    expect(nb).not.toMatch(/femårsperioden|fem målinger|siste fem periodene/);
    expect(nb).toContain('de fem siste periodene');
    expect(nb).toMatch(/ingen signifikant endring de fem siste årene/);
    expect(nn).toContain('dei fem siste periodane');
  });
  it('compares population change in % and per 1000, not as counts', () => {
    expect(nb).toMatch(/Folketallet endret seg med \+0,6\s% \(\+6,3 per 1000 innbyggere\), mot \+0,5\s% \(\+5,0 per 1000\) i landet\./);
    expect(nb).not.toMatch(/I landet er tallet 27\s474 personer\./);
  });
  it('writes a rate with its words', () => {
    expect(nb).toContain('46,6 legemiddelbrukere per 1000 innbyggere 30–74 år');
  });
  it('says gutter/jenter for 17-year-olds and menn/kvinner for adults', () => {
    const sesjon = chapter(nb.replace(/^### /gm, '## '), /Overvekt og fedme ved sesjon/);
    expect(sesjon).toMatch(/Blant gutter er tallet [\d,]+\s%, blant jenter/);
    const hofte = chapter(nb.replace(/^### /gm, '## '), /Hoftebrudd/);
    expect(hofte).toMatch(/Blant menn er tallet/);
  });
  it('gives life expectancy by education at 30', () => {
    expect(nb).toMatch(/### \d+\.\d+ Forventet levealder ved 30 år etter utdanning/);
    expect(nb).not.toMatch(/levealder ved fødsel etter utdanning/);
  });
  it('shows the loneliness table in theme f with respondents and lonely per group', () => {
    const f = chapter(nb.replace(/^### /gm, '## '), /Plaget av ensomhet \(ungdom\)$/);
    expect(f).toMatch(/\| God økonomi \| 12,6 \([\d,–]+\) \| 841 \| 106 \|/);
  });
  it('uses one term for no significant change', () => {
    expect(nb).not.toMatch(/ingen sikker endring/);
    expect(nn).not.toMatch(/inga sikker endring/);
    expect(nb).toMatch(/\| ingen signifikant endring \|/);
  });
  it('writes small numbers in words', () => {
    expect(nb).toContain('det finnes ikke to perioder uten felles år');
    expect(nb).not.toMatch(/det finnes \d\b/);
  });
});

describe('--format kortversjon', () => {
  it('writes the short version in bokmål and nynorsk: findings, utfordringsbilde, the spine chart with the county range, where to read more', async () => {
    const o = out();
    for (const lang of ['nb', 'nn']) {
      const r = await run('build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--format', 'kortversjon', '--lang', lang, '--out', o);
      expect(r.code).toBe(0);
    }
    const nbShort = readFileSync(join(o, '5037-levanger', 'kortversjon-2027.nb.md'), 'utf8');
    expect(chapters(nbShort)).toEqual(['Hovedfunn', 'Folkehelseutfordringer', 'Kommunen sammenlignet med landet og spennet mellom kommunene i Trøndelag', 'Les mer']);
    expect(nbShort).toContain('Kommunen prioriterer: Psykisk helse blant barn og unge');
    expect(nbShort).toMatch(/\*\*1\\\. Psykisk helse og utenforskap blant unge\*\* \(forslag fra tallene\)/);
    // Levanger and Verdal are the county's only municipalities in the example data: the range says it
    // spans 2 of Trøndelag's 38, and marks the county's 3,8 that lies outside it (issue 26).
    expect(nbShort).toMatch(/\| Uføretrygdede, 18–44 år \| 2024 \| 4,2 \| 3,8 \| 3,5 \| 4,2–5,9 \(2 av 38 kommuner\) † \| dårligere \|/);
    expect(nbShort).toContain('† Tallet for fylket ligger utenfor spennet mellom kommunene');
    expect(nbShort).toContain('Spennet i fylket gjelder bare kommunene med tall i dataene');
    expect(nbShort).toContain('](figurer/kortversjon-barometer.nb.svg)');
    expect(readFileSync(join(o, '5037-levanger', 'figurer', 'kortversjon-barometer.nb.svg'), 'utf8')).toMatch(/spennet mellom kommunene i[\s\S]*\(2 av 38/);
    expect(nbShort).toContain('oversikt-2027.nb.pdf');
    const nnShort = readFileSync(join(o, '5037-levanger', 'kortversjon-2027.nn.md'), 'utf8');
    expect(chapters(nnShort)[0]).toBe('Hovudfunn');
    expect(nnShort).toContain('Les meir');
    expect(readFileSync(join(o, '5037-levanger', 'kortversjon-2027.nb.html'), 'utf8')).toContain('<main class="kortversjon">');
    // The region report has no short version.
    expect(readdirSync(join(o, 'region-innherred')).filter((f) => f.startsWith('kortversjon'))).toEqual([]);
  }, 120_000);
});
