/**
 * `prikking-<edition>[-lopende].json`, beside each results file: what one edition published of
 * every number its document shows (the municipality, its neighbours, county, land and KOSTRA
 * group, by sex and by group) and which of them it withheld — published numbers and the positions
 * of withheld ones only, nothing suppression hides. The next editions read these (and the results
 * files) so that their suppression keeps what was withheld withheld and counts what was published
 * as known (src/indicators/disclosure-editions.ts).
 */
import { dirname, join } from 'node:path';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { jsonSyntaxError } from '../base/json-text.js';
import { readRegularFile } from '../base/user-file.js';
import { earlierKey, type EarlierCell, type EarlierEdition } from '../indicators/disclosure-editions.js';
import type { AreaValue, IndicatorResult } from '../indicators/result.js';
import { editionOrder, listResultsFiles, readResultsFile } from './archive.js';
import type { DocumentKind, ResultsFile, ResultsPeriod, ResultsValue } from './types.js';

export const LEDGER_FORMAT = 'folkehelse-prikking';

/** `prikking-2027.json` (full) or `prikking-2028-lopende.json` (annual). */
export function ledgerFileName(edition: number, kind: DocumentKind): string {
  return kind === 'full' ? `prikking-${edition}.json` : `prikking-${edition}-lopende.json`;
}

/** A published cell: [area, slot, period, numerator, denominator, value]; a withheld one: [area, slot, period]. */
type LedgerRow = [string, string, string, number | null, number | null, number | null] | [string, string, string];

export interface Ledger {
  $schema: string;
  format: typeof LEDGER_FORMAT;
  formatVersion: 1;
  edition: number;
  kind: DocumentKind;
  kommune: string;
  indicators: Record<string, LedgerRow[]>;
}

const SUPPRESSION_REASONS = new Set(['suppressed', 'primary-suppression', 'secondary-suppression', 'series-suppression', 'too-few-events']);
const withheld = (absent: { symbol: string; reason: string } | null): boolean => !!absent && (absent.symbol === ':' || SUPPRESSION_REASONS.has(absent.reason));
const pk = (p: { from: number; to: number; kind?: string }) => (p.kind === 'school-year' ? `${p.from}/${p.to}` : `${p.from}_${p.to}`);

/** The ledger of one municipality's document: every number its results show, published or withheld (missing ones left out). */
export function toLedger(results: IndicatorResult[], meta: { edition: number; kind: DocumentKind; kommune: string }): Ledger {
  const indicators: Record<string, LedgerRow[]> = {};
  for (const r of results) {
    const rows = new Map<string, LedgerRow>();
    const see = (v: AreaValue | null | undefined, slot: string, area = v?.geo.code) => {
      if (!v || !area) return;
      const key = earlierKey(area, slot, pk(v.period));
      if (withheld(v.absent)) rows.set(key, [area, slot, pk(v.period)]);
      else if (!v.absent) rows.set(key, [area, slot, pk(v.period), v.numerator, v.denominator, v.value]);
    };
    for (const v of [r.value, ...r.series.kommune, ...r.series.fylke, ...r.series.land, ...r.series.neighbours.flatMap((n) => n.values), ...r.comparisons.neighbours]) see(v, 'total');
    for (const c of [r.comparisons.land, r.comparisons.fylke, r.comparisons.kostragruppe]) see(c?.value, 'total');
    see(r.bySex?.male, 'male');
    see(r.bySex?.female, 'female');
    for (const g of r.gradient?.groups ?? []) see(g.value, `g:${g.key}`, r.kommune.code);
    if (rows.size) indicators[r.id] = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
  return { $schema: 'https://folkehelse.dev/schemas/prikking.schema.json', format: LEDGER_FORMAT, formatVersion: 1, edition: meta.edition, kind: meta.kind, kommune: meta.kommune, indicators };
}

/** One row per line: the file is long, and a line per number keeps it readable and its diffs small. */
export function serializeLedger(ledger: Ledger): string {
  const { indicators, ...head } = ledger;
  const ids = Object.keys(indicators);
  const body = ids.map((id, i) => `    ${JSON.stringify(id)}: [\n${indicators[id]!.map((row) => `      ${JSON.stringify(row)}`).join(',\n')}\n    ]${i < ids.length - 1 ? ',' : ''}`).join('\n');
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${headText},\n  "indicators": {\n${body}${ids.length ? '\n' : ''}  }\n}\n`;
}

/** A ledger file, or null when it cannot be used (then the results file beside it is what is known). */
export function readLedger(path: string): Ledger | null {
  let text: string;
  try {
    text = readRegularFile(path, 256 * 1024 ** 2).toString('utf8');
  } catch {
    return null;
  }
  if (jsonSyntaxError(text, 8)) return null;
  const raw = JSON.parse(text) as Partial<Ledger>;
  if (typeof raw !== 'object' || raw === null || raw.format !== LEDGER_FORMAT || typeof raw.edition !== 'number' || (raw.kind !== 'full' && raw.kind !== 'annual')) return null;
  if (typeof raw.indicators !== 'object' || raw.indicators === null) return null;
  const number = (x: unknown) => x === null || (typeof x === 'number' && Number.isFinite(x));
  for (const rows of Object.values(raw.indicators)) {
    if (!Array.isArray(rows)) return null;
    for (const row of rows as unknown[]) {
      if (!Array.isArray(row) || (row.length !== 3 && row.length !== 6) || !row.slice(0, 3).every((x) => typeof x === 'string') || !row.slice(3).every(number)) return null;
    }
  }
  return raw as Ledger;
}

/** The cells a results file shows: the municipality's series, the county's and land's latest value, the groups. */
function resultsCells(file: ResultsFile, put: (id: string, key: string, cell: EarlierCell) => void): void {
  const cell = (v: ResultsValue): EarlierCell | null => (withheld(v.absent) ? 'withheld' : v.absent ? null : { numerator: v.numerator, denominator: v.denominator, value: v.value });
  const see = (id: string, area: string, slot: string, v: ResultsValue | null, period?: ResultsPeriod) => {
    if (!v) return;
    const c = cell(v);
    if (c) put(id, earlierKey(area, slot, pk(period ?? v.period)), c);
  };
  for (const r of file.indicators) {
    for (const v of [r.value, ...r.series]) see(r.id, file.kommune.code, 'total', v);
    see(r.id, '0', 'total', r.benchmarks.land);
    see(r.id, file.fylke.code, 'total', r.benchmarks.fylke);
    for (const g of r.gradient?.groups ?? []) see(r.id, file.kommune.code, `g:${g.key}`, g.value, r.gradient!.period);
  }
}

/**
 * Every edition before `current` found in the output folder and in `--previous` (a results file,
 * or a folder of them): per edition (all its municipalities together) the cells its results files
 * and ledgers show. A file that cannot be read adds nothing here (the build reports it where it
 * uses it).
 */
export function earlierEditions(sources: { out: string; previous: string | null }, current: { edition: number; kind: DocumentKind }): { editions: EarlierEdition[]; files: string[] } {
  const files = new Set<string>();
  const add = (f: string) => files.add(realOrSelf(f));
  for (const f of listResultsFiles(sources.out)) add(f);
  if (sources.previous) for (const f of isFile(sources.previous) ? [sources.previous] : listResultsFiles(sources.previous)) add(f);
  const limit = editionOrder(current);
  const editions = new Map<string, EarlierEdition>();
  const read: string[] = [];
  for (const f of [...files].sort()) {
    let file: ResultsFile;
    try {
      file = readResultsFile(f);
    } catch {
      continue; // reported where the follow-up reads it
    }
    const { edition, kind } = file;
    if (editionOrder({ edition, kind }) >= limit) continue;
    const label = `${edition}${kind === 'annual' ? '-lopende' : ''}`;
    let e = editions.get(label);
    if (!e) editions.set(label, (e = { label, indicators: new Map() }));
    const target = e;
    const put = (id: string, key: string, c: EarlierCell) => {
      let cells = target.indicators.get(id);
      if (!cells) target.indicators.set(id, (cells = new Map()));
      // Withheld in any document of the edition wins: a number is never both.
      if (cells.get(key) !== 'withheld') cells.set(key, c);
    };
    resultsCells(file, put);
    read.push(f);
    const ledgerPath = join(dirname(f), ledgerFileName(edition, kind));
    const ledger = existsSync(ledgerPath) ? readLedger(ledgerPath) : null;
    if (ledger && ledger.edition === edition && ledger.kind === kind && ledger.kommune === file.kommune.code) {
      read.push(ledgerPath);
      for (const [id, rows] of Object.entries(ledger.indicators)) {
        for (const row of rows) put(id, earlierKey(row[0], row[1], row[2]), row.length === 3 ? 'withheld' : { numerator: row[3], denominator: row[4], value: row[5] });
      }
    }
  }
  return { editions: [...editions.values()], files: read };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
