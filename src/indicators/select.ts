import { msg, say } from '../base/messages.js';
import type { Observation, Period, Sex } from '../model/observation.js';
import { MeasureMap } from '../model/measure-map.js';
import { DataSummary } from '../model/summary.js';
import { periodKey } from '../ingest/period.js';
import type { Indicator } from './catalogue.js';

/**
 * Observations indexed by source, table and measure: what a catalogue selection starts from.
 * With a summary (loadData's, when only the rows the catalogue selects are kept) what the data
 * has — its measures, areas and counts — is answered from the summary, over every row read.
 */
export class ObservationIndex {
  /** source|table|measure → geo code → observations. */
  readonly #byMeasure = new MeasureMap(() => new Map<string, Observation[]>());
  private readonly summary: DataSummary;
  constructor(observations: Iterable<Observation>, summary?: DataSummary) {
    const own = summary ? null : new DataSummary();
    for (const o of observations) {
      own?.add(o);
      // Comparisons are between kommune, fylke, land and KOSTRA group; city districts and SSB's
      // special areas (level "other") are read and inspected, never compared.
      if (o.geo.level === 'other' || o.geo.level === 'bydel') continue;
      // SSB: by the label and by the ContentsCode (labels change between tables and languages; codes do not).
      this.add(o, o.measure, 0);
      if (o.measureCode) this.add(o, o.measureCode, 1);
    }
    this.summary = summary ?? own!;
  }

  private add(o: Observation, m: string, slot: 0 | 1): void {
    const byGeo = this.#byMeasure.at(o, m, slot).value;
    let list = byGeo.get(o.geo.code);
    if (!list) byGeo.set(o.geo.code, (list = []));
    list.push(o);
  }

  /** Observations of a measure; only of the given areas when `geoCodes` is set. */
  get(source: string, table: string, measure: string, geoCodes?: Iterable<string>): Observation[] {
    const byGeo = this.#byMeasure.entries.get(`${source}|${table}|${measure}`);
    if (!byGeo) return [];
    if (!geoCodes) return [...byGeo.values()].flat();
    const out: Observation[] = [];
    for (const g of new Set(geoCodes)) {
      const list = byGeo.get(g);
      if (list) for (const o of list) out.push(o);
    }
    return out;
  }

  /** The number of the data's rows of a measure for the given areas (also rows not kept). */
  count(source: string, table: string, measure: string, geoCodes: Iterable<string>): number {
    const byGeo = this.summary.measures.get(`${source}|${table}|${measure}`);
    let n = 0;
    if (byGeo) for (const g of new Set(geoCodes)) n += byGeo.get(g) ?? 0;
    return n;
  }

  /** Areas with observations of a measure. */
  areas(source: string, table: string, measure: string): string[] {
    return [...(this.summary.measures.get(`${source}|${table}|${measure}`)?.keys() ?? [])];
  }

  has(source: string, table: string, measure: string): boolean {
    return this.summary.measures.has(`${source}|${table}|${measure}`);
  }

  /** Whether a measure has counts without their denominator (FHI label downloads' "antall"). */
  hasBareCounts(source: string, table: string, measure: string): boolean {
    return this.summary.countMeasures.has(`${source}|${table}|${measure}`);
  }

  /** Number of observations for an area, over all tables. */
  countFor(geoCode: string): number {
    return this.summary.areas.get(geoCode)?.observations ?? 0;
  }

  geoCodes(): string[] {
    return [...this.summary.areas.keys()];
  }

  /** The measures of a table. */
  tables(source: string, table: string): string[] {
    const prefix = `${source}|${table}|`;
    return [...this.summary.measures.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }
}

/**
 * The selected measure's observations, each with its count where the table gives the count as a
 * measure of its own: FHI Statistikk's label downloads write every Måltall on its own row
 * ("andel (prosent)" and "antall"), so a share downloaded with its count is paired here with the
 * count of the same area, period, sex, age and dimensions — as FHI's API files pair TELLER and
 * RATE. The count is FHI's TELLER (a yearly average in a multi-year table, period-counts.ts); for
 * a crude share or rate the denominator follows as count × multiplier / value (as `folkehelse
 * fetch` derives NEVNER, src/sources/fhi/derive.ts). Only FHI's tables; only where the selected
 * observations carry no count and the table has exactly one count measure.
 */
export function withPairedCounts(index: ObservationIndex, sel: { source: string; table: string }, measure: string, candidates: Observation[]): Observation[] {
  if (sel.source !== 'fhi' || candidates.every((o) => o.numerator !== null || o.missing)) return candidates;
  const countMeasures = index.tables(sel.source, sel.table).filter((m) => m !== measure && index.hasBareCounts(sel.source, sel.table, m));
  if (countMeasures.length !== 1) return candidates;
  const counts = new Map<string, Observation>();
  for (const c of index.get(sel.source, sel.table, countMeasures[0]!)) if (!c.missing && c.value !== null) counts.set(cellKey(c), c);
  return candidates.map((o) => {
    const c = o.numerator === null && !o.missing ? counts.get(cellKey(o)) : undefined;
    if (!c || o.value === null) return o;
    const crude = o.standardisation === 'none' && (o.measureType === 'proportion' || o.measureType === 'rate') && o.value > 0;
    const denominator = crude ? Math.round((c.value! * (o.multiplier ?? 1)) / o.value) : null;
    return { ...o, numerator: c.value, denominator, countColumns: { numerator: 'TELLER', denominator: crude ? 'NEVNER' : null, years: null } };
  });
}

function cellKey(o: Observation): string {
  const dims = Object.keys(o.dimensions).sort().map((k) => `${k}=${o.dimensions[k]}`).join('|');
  return `${o.geo.code}|${periodKey(o.period)}|${o.sex}|${o.age?.code ?? ''}|${dims}`;
}

/** A selection's measures: one, or alternatives in order. */
export function measuresOf(sel: { measure: string | string[] }): string[] {
  return Array.isArray(sel.measure) ? sel.measure : [sel.measure];
}

/** The measure a selection reads: the first of its alternatives the data has (else the first). */
export function measureIn(index: ObservationIndex, sel: { source: string; table: string; measure: string | string[] }): string {
  const all = measuresOf(sel);
  return all.find((m) => index.has(sel.source, sel.table, m)) ?? all[0]!;
}

export interface Criteria {
  sex: Sex;
  age?: string;
  /** Dimensions that must have these values. */
  dimensions: Record<string, string>;
  /** Dimensions that must be absent (the gradient's dimension, for the total). */
  without: string[];
}

export function criteriaFor(ind: Indicator, overrides: Partial<Criteria> = {}): Criteria {
  const dimensions = { ...(ind.select.dimensions ?? {}), ...(overrides.dimensions ?? {}) };
  const without = overrides.without ?? (ind.gradient && dimensions[ind.gradient.dimension] === undefined ? [ind.gradient.dimension] : []);
  return { sex: overrides.sex ?? ind.select.sex ?? 'total', age: overrides.age ?? ind.select.age, dimensions, without };
}

export function matches(o: Observation, c: Criteria): boolean {
  if (o.sex !== c.sex) return false;
  if (c.age !== undefined && (o.age === null || (o.age.code !== c.age && o.age.label !== c.age))) return false;
  return dimensionsMatch(o, c);
}

function dimensionsMatch(o: Observation, c: Criteria): boolean {
  for (const k in c.dimensions) if (o.dimensions[k] !== c.dimensions[k]) return false;
  for (const k of c.without) if (o.dimensions[k] !== undefined) return false;
  return true;
}

/** geo code → period key → observations (several only for age bands of a directly standardised rate). */
export type Selection = Map<string, Map<string, { period: Period; observations: Observation[] }>>;

export class AmbiguousSelectionError extends Error {}

/** Whether an observation fits an indicator's criteria: with age bands, any of the bands; else the criteria's age. */
export function fitsSelection(o: Observation, c: Criteria, bands?: string[]): boolean {
  if (!bands) return matches(o, c);
  return o.sex === c.sex && o.age !== null && bands.includes(o.age.code) && dimensionsMatch(o, c);
}

/**
 * Selects an indicator's observations. Two observations for the same area and period mean the
 * selection is ambiguous (they differ in a dimension it does not name): that is an error in the
 * catalogue, reported with the dimension to add. With `bands`, one observation per age band.
 */
export function select(candidates: Observation[], c: Criteria, bands?: string[]): Selection {
  const out: Selection = new Map();
  for (const o of candidates) {
    if (!fitsSelection(o, c, bands)) continue;
    let byPeriod = out.get(o.geo.code);
    if (!byPeriod) out.set(o.geo.code, (byPeriod = new Map()));
    const pk = periodKey(o.period);
    const cell = byPeriod.get(pk);
    if (!cell) {
      byPeriod.set(pk, { period: o.period, observations: [o] });
      continue;
    }
    const clash = bands ? cell.observations.find((x) => x.age?.code === o.age?.code) : cell.observations[0];
    if (clash) throw new AmbiguousSelectionError(ambiguity(clash, o));
    cell.observations.push(o);
  }
  return out;
}

function ambiguity(a: Observation, b: Observation): string {
  const dims = new Set([...Object.keys(a.dimensions), ...Object.keys(b.dimensions)]);
  const differing = [...dims].filter((d) => a.dimensions[d] !== b.dimensions[d]);
  const where = `${a.geo.code} ${a.geo.name}, ${a.period.label}`;
  if (a.age?.code !== b.age?.code) return say('warnings.ambiguousAge', { where, a: a.age?.label ?? '', b: b.age?.label ?? '' });
  if (differing.length) return say('warnings.ambiguousRows', { where, dimensions: differing.map((d) => `${d} (${a.dimensions[d] ?? '–'}, ${b.dimensions[d] ?? '–'})`).join(', '), them: msg(differing.length === 1 ? 'warnings.it' : 'warnings.them') });
  return say('warnings.duplicate', { where, a: `${a.origin.file}:${a.origin.line}`, b: `${b.origin.file}:${b.origin.line}` });
}

export function comparePeriods(a: Period, b: Period): number {
  return a.to - b.to || a.from - b.from;
}
