/**
 * The world of the suppression property tests (disclosure-property.test.ts, one edition;
 * disclosure-editions-property.test.ts, two editions with a revision in between): random families
 * of municipalities (Vestfold's six and the county), sexes, gradient groups and periods with small
 * counts, written as an FHI cube file and built into every output a run makes; what each output
 * prints is collected, and a rank test over the true additive relations says whether a protected
 * cell can be worked out.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { renderBarometerCsv } from '../../src/cli/barometer.js';
import { loadConfig } from '../../src/config/config.js';
import { defaultRegister } from '../../src/geo/register.js';
import { loadData } from '../../src/sources/load.js';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { strictestLimits } from '../../src/indicators/disclosure.js';
import { withEarlierEditions } from '../../src/indicators/disclosure-editions.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import type { AreaValue, IndicatorResult } from '../../src/indicators/result.js';
import { earlierEditions } from '../../src/results/ledger.js';
import { build } from '../../src/app/build.js';

export const register = defaultRegister();
export const FYLKE = '39';
export const KOMMUNER = register.kommunerIn(FYLKE).map((k) => k.code);
export const NAME = new Map([...KOMMUNER.map((c) => [register.current('kommune', c)!.name, c] as const), [register.current('fylke', FYLKE)!.name, FYLKE], ['Landet', '0']]);
export const GROUP_LABELS = ['Lav', 'Middels', 'Høy'];
export const TITLE = 'Prikketest';

export interface Case {
  inData: boolean[]; // per municipality
  county: boolean;
  periods: number;
  groups: number; // 0, 2 or 3
  /** [kommune][period][sex 0=male 1=female][group] → [x, n − x] */
  counts: [number, number][][][][];
  /** Source-suppressed rows: indices into a flat list, taken modulo its length. */
  flagged: number[];
  /** Rows published with rate and denominator but no count (the count follows from them). */
  countless: number[];
  run: boolean[];
  neighbours: boolean[][];
  numeratorLimit: number;
  /** Two-year pools (2020–2021, 2021–2022) published next to the single years. */
  pools: boolean;
}

export const cellArb = fc.tuple(fc.nat(14), fc.nat(40));
export const caseArb: fc.Arbitrary<Case> = fc
  .record({
    inData: fc.array(fc.boolean(), { minLength: KOMMUNER.length, maxLength: KOMMUNER.length }),
    county: fc.boolean(),
    periods: fc.integer({ min: 1, max: 3 }),
    groups: fc.constantFrom(0, 2, 3),
    flagged: fc.array(fc.nat(), { maxLength: 3 }),
    countless: fc.array(fc.nat(), { maxLength: 4 }),
    run: fc.array(fc.boolean(), { minLength: KOMMUNER.length, maxLength: KOMMUNER.length }),
    neighbours: fc.array(fc.array(fc.boolean(), { minLength: KOMMUNER.length, maxLength: KOMMUNER.length }), { minLength: KOMMUNER.length, maxLength: KOMMUNER.length }),
    numeratorLimit: fc.constantFrom(3, 5),
    pools: fc.boolean(),
    seedCounts: fc.array(fc.array(fc.array(fc.array(cellArb, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 2 }), { minLength: 3, maxLength: 3 }), { minLength: KOMMUNER.length, maxLength: KOMMUNER.length }),
  })
  .map((r) => ({ ...r, counts: r.seedCounts }))
  .filter((c) => c.inData.some(Boolean));

export type Slot = string;
export const slotsFor = (c: Case): Slot[] => ['total', 'male', 'female', ...GROUP_LABELS.slice(0, c.groups).map((g) => `g:${g}`)];
export const cellId = (area: string, period: number, slot: Slot) => `${area}|${period}|${slot}`;
/** Periods as numbers: a year 2020 + p is p; the pool of 2020 + w and the year after is POOL + w. */
export const POOL = 10;
export const periodsOf = (c: Case): number[] => [...Array.from({ length: c.periods }, (_, p) => p), ...(c.pools ? Array.from({ length: c.periods - 1 }, (_, w) => POOL + w) : [])];
export const periodNumber = (from: number, to: number): number => (from === to ? from - 2020 : POOL + from - 2020);
export const yearsOf = (p: number): number[] => (p >= POOL ? [p - POOL, p - POOL + 1] : [p]);

/** True counts of every cell (every municipality, in the data or not, and the county). */
export function truth(c: Case): Map<string, { x: number; n: number }> {
  const out = new Map<string, { x: number; n: number }>();
  const add = (id: string, x: number, n: number) => {
    const v = out.get(id) ?? { x: 0, n: 0 };
    out.set(id, { x: v.x + x, n: v.n + n });
  };
  const groups = Math.max(1, c.groups);
  KOMMUNER.forEach((k, ki) => {
    for (let p = 0; p < c.periods; p++) {
      for (let s = 0; s < 2; s++) {
        for (let g = 0; g < groups; g++) {
          const [x, rest] = c.counts[ki]![p]![s]![g]!;
          const n = x + rest + 1;
          for (const area of [k, FYLKE]) {
            add(cellId(area, p, 'total'), x, n);
            add(cellId(area, p, s === 0 ? 'male' : 'female'), x, n);
            if (c.groups) add(cellId(area, p, `g:${GROUP_LABELS[g]}`), x, n);
          }
        }
      }
    }
  });
  // Pools: the sum of their years, for every area and slot.
  for (const p of periodsOf(c).filter((q) => q >= POOL)) {
    for (const id of [...out.keys()].filter((k) => k.split('|')[1] === String(p - POOL))) {
      const [area, , slot] = id.split('|') as [string, string, Slot];
      for (const y of yearsOf(p)) {
        const v = out.get(cellId(area, y, slot))!;
        add(cellId(area, p, slot), v.x, v.n);
      }
    }
  }
  return out;
}

/** The cube file: one row per cell of the municipalities in the data (and the county). */
export function cubeFile(c: Case, cells: Map<string, { x: number; n: number }>): { csv: string; flagged: Set<string> } {
  const rows: string[] = ['GEO;AAR;KJONN;OKONOMI;TELLER;NEVNER;RATE;SPVFLAGG'];
  const areas = [...KOMMUNER.filter((_, i) => c.inData[i]), ...(c.county ? [FYLKE] : [])];
  const ids: string[] = [];
  for (const a of areas) for (const p of periodsOf(c)) for (const s of slotsFor(c)) ids.push(cellId(a, p, s));
  const flagged = new Set(c.flagged.map((i) => ids[i % ids.length]!));
  const countless = new Set(c.countless.map((i) => ids[i % ids.length]!));
  for (const id of ids) {
    const [area, p, slot] = id.split('|') as [string, string, Slot];
    const { x, n } = cells.get(id)!;
    const kjonn = slot === 'male' ? '1' : slot === 'female' ? '2' : '0';
    const group = slot.startsWith('g:') ? slot.slice(2) : '';
    const years = yearsOf(Number(p)).map((y) => 2020 + y);
    const aar = `${years[0]}_${years[years.length - 1]}`;
    const rate = ((100 * x) / n).toFixed(6);
    rows.push(flagged.has(id) ? `${area};${aar};${kjonn};${group};;;;3` : `${area};${aar};${kjonn};${group};${countless.has(id) ? '' : x};${n};${rate};0`);
  }
  return { csv: rows.join('\n') + '\n', flagged };
}

/** Rank of a dense matrix (rows of numbers), by Gaussian elimination with partial pivoting. */
export function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i;
    if (Math.abs(m[best]![c]!) < 1e-9) continue;
    [m[r], m[best]] = [m[best]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f !== 0) for (let k = c; k < cols; k++) m[i]![k]! -= f * m[r]![k]!;
    }
    r++;
  }
  return r;
}

/** Cells printed in a Markdown document: the test indicator's tables (and the region table). */
export function printedInMarkdown(md: string, periodOf: (label: string) => number, add: (area: string, period: number, slot: Slot) => void, regionPeriods: Map<string, number>): void {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith('### ') && l.includes(TITLE));
  const parseRow = (l: string) => l.split('|').slice(1, -1).map((x) => x.trim());
  const isNumber = (s: string) => /^-?\d/.test(s);
  if (start >= 0) {
    const end = lines.findIndex((l, i) => i > start && /^#{1,3} /.test(l));
    const section = lines.slice(start, end < 0 ? undefined : end);
    let header: string[] | null = null;
    let gradientPeriod: number | null = null;
    for (const [i, l] of section.entries()) {
      const intro = /\*\*.*?(\d{4}(?:[–_-]\d{4})?)\S*\*\*/.exec(l);
      if (intro) gradientPeriod = periodOf(intro[1]!);
      if (!l.startsWith('|')) {
        header = null;
        continue;
      }
      if (!header) {
        header = parseRow(l);
        continue;
      }
      if (/^\|\s*:?--/.test(l)) continue;
      const row = parseRow(l);
      if (header[0] === 'Periode') {
        const p = periodOf(row[0]!);
        header.slice(1).forEach((h, j) => {
          const code = NAME.get(h.replace(/\\/g, ''));
          if (code && isNumber(row[j + 1]!)) add(code, p, 'total');
        });
      } else if (header[2] === 'n') {
        const code = NAME.get(header[1]!)!;
        if (gradientPeriod === null) throw new Error(`no gradient period before line ${i}`);
        if (isNumber(row[1]!) || isNumber(row[2]!)) add(code, gradientPeriod, `g:${row[0]}`);
      }
    }
  }
  // The region report: one row per indicator, a column per municipality, county and land.
  let header: string[] | null = null;
  for (const l of lines) {
    if (!l.startsWith('|')) {
      header = null;
      continue;
    }
    if (!header) {
      header = parseRow(l);
      continue;
    }
    const row = parseRow(l);
    if (row[0] !== TITLE) continue;
    header.forEach((h, j) => {
      const code = NAME.get(h);
      if (!code || !isNumber(row[j]!)) return;
      const other = /\(([^)]*?(\d{4})[^)]*)\)/.exec(row[j]!);
      add(code, other ? periodOf(other[1]!) : (regionPeriods.get(code) ?? periodOf(row[1]!)), 'total');
    });
  }
}


/** What one edition published: cells printed anywhere, cells shown withheld, and cells that must stay unknown. */
export interface Published {
  known: Set<string>;
  suppressed: Set<string>;
  protectedCells: Set<string>;
}

/** The test indicator's catalogue entry. */
function indicatorOf(c: Case) {
  return {
    id: 'prikketest',
    theme: 'f',
    title: { nb: TITLE, nn: TITLE },
    howToRead: { nb: 'Test.', nn: 'Test.' },
    source: { nb: 'Test', nn: 'Test' },
    select: { source: 'fhi', table: 'prikketest', measure: 'RATE' },
    measureType: 'proportion',
    multiplier: 100,
    decimals: 1,
    unit: { nb: 'prosent', nn: 'prosent' },
    polarity: 'low-is-good',
    ...(c.groups ? { gradient: { dimension: 'OKONOMI', title: { nb: 'Etter økonomi', nn: 'Etter økonomi' }, groups: GROUP_LABELS.slice(0, c.groups).map((g) => ({ value: g, label: { nb: g, nn: g } })) } } : {}),
  };
}

/**
 * Writes the data (the true counts `cells`) and the configuration into `dir`, builds `edition`
 * into `dir/out` (where earlier editions' outputs may be), and collects what the edition published:
 * the documents and region report of this edition, and `--json` and `--csv` of every municipality
 * of the run (computed as `indicators` computes them, with the archive's earlier editions).
 */
export async function publish(c: Case, cells: Map<string, { x: number; n: number }>, dir: string, edition: number): Promise<Published> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const { csv, flagged } = cubeFile(c, cells);
  writeFileSync(join(dir, 'data', 'prikketest.csv'), csv);
  const exclude = loadCatalogue().map((i) => i.id);
  writeFileSync(join(dir, 'katalog.json'), JSON.stringify({ exclude, indicators: [indicatorOf(c)] }));
  const run = KOMMUNER.filter((_, i) => c.run[i] && c.inData[i]);
  if (run.length === 0) run.push(KOMMUNER.find((_, i) => c.inData[i])!);
  const neighboursOf = (k: string) => KOMMUNER.filter((n, j) => n !== k && c.neighbours[KOMMUNER.indexOf(k)]![j]);
  writeFileSync(
    join(dir, 'folkehelse.config.json'),
    JSON.stringify({ kommuner: run.map((k) => ({ code: k, neighbours: neighboursOf(k) })), data: ['data'], edition, formats: ['md'], catalogue: ['katalog.json'], generatedOn: '2026-11-22', suppression: { numerator: c.numeratorLimit } }),
  );
  const config = loadConfig(join(dir, 'folkehelse.config.json'));
  const out = join(dir, 'out');
  const outcome = await build({ config, out, formats: ['md'], force: true });
  for (const d of outcome.documents) expect(d.error).toBeNull();

  // What is published: everything the JSON and CSV of every run municipality and the documents print.
  const known = new Set<string>();
  const suppressed = new Set<string>();
  const periodOf = (label: string) => {
    const m = /(\d{4})(?:\s*[–_-]\s*(\d{4}))?/.exec(label)!;
    return periodNumber(Number(m[1]), Number(m[2] ?? m[1]));
  };
  const see = (v: AreaValue | null | undefined, slot: Slot) => {
    if (!v) return;
    const id = cellId(v.geo.code, periodNumber(v.period.from, v.period.to), slot);
    if (v.absent) {
      if (v.absent.symbol === ':') suppressed.add(id);
    } else known.add(id);
  };
  const data = await loadData([join(dir, 'data')]);
  const catalogue = loadCatalogue([join(dir, 'katalog.json')]);
  const regionPeriods = new Map<string, number>();
  const suppression = withEarlierEditions(config.suppression, earlierEditions({ out, previous: null }, { edition, kind: 'full' }).editions);
  for (const k of run) {
    const results: IndicatorResult[] = JSON.parse(JSON.stringify(computeIndicators(data.observations, catalogue, { kommune: k, comparisons: { neighbours: neighboursOf(k) }, suppression })));
    const r = results[0]!;
    if (r.period) regionPeriods.set(k, periodNumber(r.period.from, r.period.to));
    for (const v of [...r.series.kommune, ...r.series.fylke, ...r.series.land, ...r.series.neighbours.flatMap((n) => n.values), ...r.comparisons.neighbours]) see(v, 'total');
    see(r.value, 'total');
    see(r.comparisons.fylke.value, 'total');
    see(r.comparisons.land.value, 'total');
    see(r.bySex?.male, 'male');
    see(r.bySex?.female, 'female');
    for (const g of r.gradient?.groups ?? []) see({ ...g.value, geo: r.kommune }, `g:${g.key}`);
    // --csv: the latest value and the county's for the same period.
    const [, row] = renderBarometerCsv(results).trim().split('\n').map((l) => l.split(','));
    const cols = renderBarometerCsv(results).split('\n')[0]!.split(',');
    const at = (name: string) => row![cols.indexOf(name)]!;
    const csvPeriod = () => periodNumber(Number(at('period_from')), Number(at('period_to')));
    if (at('value') !== '' && at('period_from') !== '') known.add(cellId(k, csvPeriod(), 'total'));
    if (at('fylke') !== '' && at('period_from') !== '') known.add(cellId(FYLKE, csvPeriod(), 'total'));
  }
  // The Markdown documents and the region report of this edition.
  const printed = new Set<string>();
  for (const folder of readdirSync(out)) {
    if (folder.startsWith('.') || !folder.match(/^\d{4}-|^region-/)) continue;
    for (const f of readdirSync(join(out, folder)).filter((x) => x.endsWith('.md') && x.includes(`-${edition}.`))) {
      printedInMarkdown(readFileSync(join(out, folder, f), 'utf8'), periodOf, (a, p, s) => printed.add(cellId(a, p, s)), regionPeriods);
    }
  }
  // A document prints only what the run's one decision publishes.
  for (const id of printed) expect(suppressed.has(id), `${id} is printed in a document but suppressed elsewhere`).toBe(false);
  for (const id of printed) known.add(id);

  // The cells that must stay unknown.
  const limits = strictestLimits({ numerator: c.numeratorLimit });
  const protectedCells = new Set<string>(suppressed);
  for (const [id, { x, n }] of cells) {
    const [area] = id.split('|');
    // Only cells in the data: a municipality missing from the files is unknown to the run too.
    if (!(c.inData[KOMMUNER.indexOf(area!)] ?? false) && !(area === FYLKE && c.county)) continue;
    if (x <= limits.numerator || n - x <= limits.complement || n <= limits.denominator) protectedCells.add(id);
  }
  for (const id of flagged) protectedCells.add(id);
  for (const id of protectedCells) expect(known.has(id), `${id} is protected but published`).toBe(false);
  return { known, suppressed, protectedCells };
}

/**
 * The true additive relations of one edition (total = men + women = Σ groups, county = Σ its
 * municipalities, a pool = its years), with each cell named by `name` (an edition's own variable
 * for a revised cell, the shared one otherwise).
 */
export function relations(c: Case, name: (id: string) => string): { total: string; parts: string[] }[] {
  const out: { total: string; parts: string[] }[] = [];
  const relation = (total: string, parts: string[]) => out.push({ total: name(total), parts: parts.map(name) });
  for (const p of periodsOf(c)) {
    for (const a of [...KOMMUNER, FYLKE]) {
      if (p >= POOL) for (const s of slotsFor(c)) relation(cellId(a, p, s), yearsOf(p).map((y) => cellId(a, y, s)));
      relation(cellId(a, p, 'total'), [cellId(a, p, 'male'), cellId(a, p, 'female')]);
      if (c.groups) relation(cellId(a, p, 'total'), GROUP_LABELS.slice(0, c.groups).map((g) => cellId(a, p, `g:${g}`)));
    }
    for (const s of slotsFor(c)) relation(cellId(FYLKE, p, s), KOMMUNER.map((k) => cellId(k, p, s)));
  }
  return out;
}

/** No protected variable is determined by the relations restricted to the unknown variables (a rank test). */
export function expectNothingDetermined(variables: string[], known: Set<string>, equations: { total: string; parts: string[] }[], protectedVariables: Set<string>, what: string): void {
  const unknown = variables.filter((id) => !known.has(id));
  const column = new Map(unknown.map((id, i) => [id, i]));
  const rows: number[][] = [];
  for (const e of equations) {
    const row = new Array<number>(unknown.length).fill(0);
    let any = false;
    for (const [id, coef] of [[e.total, 1], ...e.parts.map((p) => [p, -1] as const)] as [string, number][]) {
      const col = column.get(id);
      if (col !== undefined) {
        row[col]! += coef;
        any = true;
      }
    }
    if (any) rows.push(row);
  }
  const base = rank(rows);
  for (const id of protectedVariables) {
    if (!column.has(id)) continue;
    const unit = new Array<number>(unknown.length).fill(0);
    unit[column.get(id)!] = 1;
    expect(rank([...rows, unit]), `${id} can be worked out from what ${what} publish`).toBe(base + 1);
  }
}
