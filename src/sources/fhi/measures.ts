import { msg, type Message } from '../../base/messages.js';
import type { MeasureType, Observation } from '../../model/observation.js';
import type { MeasureInfo } from '../../ingest/cells.js';
import { observation, type ObservationBase, type ValueOrMissing } from '../../ingest/observation.js';

/** FHI's measure codes and what they are. Counts and denominators become numerator/denominator. */
const MEASURE_TYPES: Record<string, MeasureType> = {
  RATE: 'rate',
  // The cause-of-death register's rate, age-standardised to Norway's population.
  RATE_NO: 'rate',
  MEIS: 'meis',
  SMR: 'smr',
  MALTALL: 'value',
  TELLER: 'count',
  NEVNER: 'denominator',
};
const NUMERATORS = ['sumTELLER', 'TELLER'];
const DENOMINATORS = ['sumNEVNER', 'NEVNER'];
/**
 * Helper columns that are not published numbers of the row's area: expected counts, the national
 * rate beside each row (RATE_NO), the reference level (NORM), the number of years pooled.
 */
const IGNORED = new Set(['sumPREDTELLER', 'RATE.n', 'PREDTELLER', 'RATE_NO', 'NORM']);

/** Measure columns of FHI's cubes besides the fixed ones: `sumX`, `X.n`, `X_NO`, `X_uprikk`. */
const MEASURE_PATTERN = /^(sum)?(TELLER|NEVNER|PREDTELLER|RATE|SMR|MEIS|MALTALL|NORM|DEKNINGSGRAD|ANTALL|PROSENT|ANDEL)([._][A-Za-z0-9]+)?$/i;

/** True for a column that holds a number (a measure), never a dimension: TELLER, RATE_NO, NORM … */
export function isFhiMeasureColumn(name: string): boolean {
  return FHI_MEASURE_COLUMNS.includes(name) || MEASURE_PATTERN.test(name) || isUnsuppressedColumn(name);
}

/**
 * FHI's producer cubes carry the counts before suppression (`TELLER_uprikk`, `sumTELLER_uprikk`).
 * Those numbers are what suppression hides: they are never read into an observation.
 */
export function isUnsuppressedColumn(name: string): boolean {
  return /_uprikk$/i.test(name);
}

/**
 * Checks the counts of one row (or one csv3 group): a numerator above its denominator, a sum of
 * counts that is not whole, a one-year count that is not whole. Returns the problem's note, or null.
 */
export function countsProblem(cells: Map<string, MeasureCell>, singleYear: boolean): { column: string; value: number; message: Message } | null {
  // Constant lists and no closure: this runs for every key of every FHI cube.
  for (const [t, n] of COUNT_PAIRS) {
    const a = valueOf(cells, t);
    const b = valueOf(cells, n);
    if (a !== null && b !== null && a > b) return { column: t, value: a, message: msg('issue.note.countAboveDenominator', { count: t, countValue: a, denominator: n, denominatorValue: b }) };
  }
  for (const k of singleYear ? WHOLE_COUNTS_YEAR : WHOLE_COUNTS) {
    const v = valueOf(cells, k);
    if (v !== null && !Number.isInteger(v)) return { column: k, value: v, message: msg(k.startsWith('sum') ? 'issue.note.countNotWholeSum' : 'issue.note.countNotWholeYear', { column: k, value: v }) };
  }
  return null;
}

const COUNT_PAIRS = [
  ['TELLER', 'NEVNER'],
  ['sumTELLER', 'sumNEVNER'],
] as const;
/** The counts that must be whole: the period's sums, and a one-year table's count. */
const WHOLE_COUNTS = ['sumTELLER', 'sumNEVNER'];
const WHOLE_COUNTS_YEAR = ['sumTELLER', 'sumNEVNER', 'TELLER'];

export type MeasureCell = ValueOrMissing;

export type { ObservationBase };

/**
 * Turns the measures of one FHI row (or one group of csv3/json-stat cells with the same key) into
 * observations: one per published measure (RATE, MEIS, SMR, …), each carrying the numerator and
 * denominator (the pooled sums where given, FHI's basis for intervals). A row with only a count
 * gives a count observation. A missing measure stays an observation with its symbol.
 */
export function observationsFromMeasures(base: ObservationBase, cells: Map<string, MeasureCell>, labels?: Map<string, string>): Observation[] {
  // Which columns the counts came from (a pooled table's TELLER is a yearly average, sumTELLER the
  // period's sum) and RATE.n: the engine decides from these which counts its tests rest on.
  // Plain loops, no closures: this runs for every key of every FHI cube.
  const numeratorColumn = firstWithValue(cells, NUMERATORS);
  const denominatorColumn = firstWithValue(cells, DENOMINATORS);
  const numerator = valueOf(cells, numeratorColumn);
  const denominator = valueOf(cells, denominatorColumn);
  const out: Observation[] = [];
  // Counts before suppression are dropped here, whatever the layout brought them in (a csv3
  // MEASURE_TYPE row, a JSON-stat category): no observation can carry them. (A map's entries may
  // be deleted while it is walked.)
  let published = false;
  for (const code of cells.keys()) {
    if (isUnsuppressedColumn(code)) cells.delete(code);
    else if (!isFhiCountColumn(code) && !IGNORED.has(code)) published = true;
  }
  // RATE_NO beside a row's own rate is the national rate (a cube's helper); alone — the
  // cause-of-death register's `daar` tables — it is the published measure.
  cells.forEach((cell, code) => {
    if (isFhiCountColumn(code) || (IGNORED.has(code) && (published || code !== 'RATE_NO'))) return;
    out.push(make(base, code, cell, numerator, denominator, labels?.get(code)));
  });
  if (out.length === 0) {
    const count = cells.get('TELLER') ?? cells.get('sumTELLER');
    if (count) out.push(make(base, 'TELLER', count, null, denominator, labels?.get('TELLER')));
    else {
      const den = cells.get('NEVNER') ?? cells.get('sumNEVNER');
      if (den) out.push(make(base, 'NEVNER', den, null, null, labels?.get('NEVNER')));
    }
  }
  if (numeratorColumn || denominatorColumn) {
    const countColumns = { numerator: numeratorColumn, denominator: denominatorColumn, years: valueOf(cells, firstWithValue(cells, YEARS)) };
    for (const o of out) if (!o.missing) o.countColumns = countColumns;
  }
  return out;
}

const YEARS = ['RATE.n'];

/** The first of the columns whose cell holds a number. */
function firstWithValue(cells: Map<string, MeasureCell>, names: readonly string[]): string | null {
  for (const n of names) {
    const c = cells.get(n);
    if (c && 'value' in c) return n;
  }
  return null;
}

function valueOf(cells: Map<string, MeasureCell>, name: string | null): number | null {
  const c = name === null ? undefined : cells.get(name);
  return c && 'value' in c ? c.value : null;
}

/** A measure's info, made once per code and label of a run (observation() copies it). */
const infos = new Map<string, MeasureInfo>();

function make(base: ObservationBase, code: string, cell: MeasureCell, numerator: number | null, denominator: number | null, label?: string): Observation {
  const key = label === undefined ? code : `${code}\u0000${label}`;
  let info = infos.get(key);
  if (!info) {
    info = fhiMeasureInfo(code, label);
    // A hostile file with ever new labels must not grow this without end.
    if (infos.size >= 10_000) infos.clear();
    infos.set(key, info);
  }
  return observation(base, code, info, cell, numerator, denominator);
}

/** What an FHI measure code is, with its label as the unit: as the JSON-stat reader and a recognised label download give it. */
export function fhiMeasureInfo(code: string, label?: string): MeasureInfo {
  const measureType = MEASURE_TYPES[code] ?? guessType(code, label);
  return {
    measureType,
    unit: measureType === 'smr' ? null : (label ?? null),
    multiplier: measureType === 'smr' ? 100 : null,
    standardisation: measureType === 'meis' || measureType === 'smr' ? 'indirect' : code === 'RATE_NO' ? 'direct' : 'none',
  };
}

function guessType(code: string, label?: string): MeasureType {
  const s = `${code} ${label ?? ''}`.toLowerCase();
  if (/ant|antall|count/.test(s)) return 'count';
  if (/andel|prosent|pct|dekningsgrad/.test(s)) return 'proportion';
  if (/rate|per/.test(s)) return 'rate';
  return 'value';
}

export function isFhiCountColumn(name: string): boolean {
  return NUMERATORS.includes(name) || DENOMINATORS.includes(name);
}

export const FHI_MEASURE_COLUMNS = ['TELLER', 'NEVNER', 'RATE', 'SMR', 'MEIS', 'MALTALL', 'sumTELLER', 'sumNEVNER', 'sumPREDTELLER', 'RATE.n', 'PREDTELLER'];
