/**
 * What a run's data holds, counted over every observation read, also those not kept in memory:
 * `indicators` and `build` keep only the rows their catalogue can select (src/indicators/gather.ts),
 * and the answers that speak of the whole data — which tables and measures it has, which areas,
 * each file's tables and periods — come from here, the same as when every row was kept.
 */
import { MeasureMap } from './measure-map.js';
import type { Geography, Observation, SourceId } from './observation.js';

/** One data file: its source, tables and the span of its periods. */
export interface FileSummary {
  source: SourceId;
  tables: Set<string>;
  from: number;
  to: number;
}

export class DataSummary {
  readonly #byMeasure = new MeasureMap(() => new Map<string, number>());
  /** `source|table|measure` → area → its rows of the measure (as the index counts them: no city districts, no special areas). */
  readonly measures = this.#byMeasure.entries;
  /** `source|table|measure` of the measures that have a count without its denominator (FHI label downloads' "antall"). */
  readonly countMeasures = new Set<string>();
  /** Area code → the area and its number of observations over all tables (kommune, fylke, land, KOSTRA group). */
  readonly areas = new Map<string, { geo: Geography; observations: number }>();
  /** Per file (as messages name it): its source, tables and periods, over every row. */
  readonly files = new Map<string, FileSummary>();

  /** The last file counted: a file's rows come table after table, so most need no lookup. */
  #lastFile: { name: string; table: string; summary: FileSummary } | null = null;

  add(o: Observation): void {
    let f: FileSummary | undefined;
    const last = this.#lastFile;
    if (last && last.name === o.origin.file && last.table === o.table) f = last.summary;
    else {
      f = this.files.get(o.origin.file);
      if (!f) this.files.set(o.origin.file, (f = { source: o.source, tables: new Set(), from: o.period.from, to: o.period.to }));
      f.tables.add(o.table);
      this.#lastFile = { name: o.origin.file, table: o.table, summary: f };
    }
    if (o.period.from < f.from) f.from = o.period.from;
    if (o.period.to > f.to) f.to = o.period.to;
    if (o.geo.level === 'other' || o.geo.level === 'bydel') return;
    this.measure(o, o.measure, 0);
    if (o.measureCode) this.measure(o, o.measureCode, 1);
    const a = this.areas.get(o.geo.code);
    if (a) a.observations++;
    else this.areas.set(o.geo.code, { geo: o.geo, observations: 1 });
  }

  /** Counts the row under a measure (`slot` 0 its label, 1 its code). */
  private measure(o: Observation, m: string, slot: 0 | 1): void {
    const { key: k, value: geos } = this.#byMeasure.at(o, m, slot);
    geos.set(o.geo.code, (geos.get(o.geo.code) ?? 0) + 1);
    if (o.measureType === 'count' && o.numerator === null && !this.countMeasures.has(k)) this.countMeasures.add(k);
  }

  /** Adds another summary (one file's, once the file is accepted). */
  merge(other: DataSummary): void {
    for (const [k, geos] of other.measures) {
      const mine = this.measures.get(k);
      if (mine) for (const [g, n] of geos) mine.set(g, (mine.get(g) ?? 0) + n);
      else this.measures.set(k, new Map(geos));
    }
    for (const k of other.countMeasures) this.countMeasures.add(k);
    for (const [code, a] of other.areas) {
      const mine = this.areas.get(code);
      if (mine) mine.observations += a.observations;
      else this.areas.set(code, { ...a });
    }
    for (const [file, f] of other.files) {
      const mine = this.files.get(file);
      if (!mine) this.files.set(file, { ...f, tables: new Set(f.tables) });
      else {
        for (const t of f.tables) mine.tables.add(t);
        mine.from = Math.min(mine.from, f.from);
        mine.to = Math.max(mine.to, f.to);
      }
    }
  }

  /** The summary of observations already in memory (every row kept). */
  static of(observations: Iterable<Observation>): DataSummary {
    const s = new DataSummary();
    for (const o of observations) s.add(o);
    return s;
  }
}

/**
 * Shares the parts many observations have alike — period, age group, dimensions, count columns,
 * area — between the observations a run keeps: readers make them afresh for every row, and a
 * national dataset has a few hundred distinct ones for hundreds of thousands of rows. Nothing
 * changes an observation's parts once read, so one object serves them all.
 */
export class Interner {
  private readonly parts = new Map<string, object>();
  /**
   * Each part object already seen → its shared one: readers hand the same period, age or area
   * object to many rows, which then need no key spelled out. Weak: the objects of rows not kept
   * may go. (Dimensions and count columns are mostly made per row: the last one is remembered.)
   */
  readonly #seen = new WeakMap<object, object>();
  #lastDimensions: { made: object; shared: object } | null = null;
  #lastCounts: { made: object; shared: object } | null = null;

  intern(o: Observation): Observation {
    o.period = this.one(o.period, periodKeyOf);
    if (o.age) o.age = this.one(o.age, ageKeyOf);
    o.geo = this.one(o.geo, geoKeyOf);
    const d = o.dimensions;
    if (this.#lastDimensions?.made === d) o.dimensions = this.#lastDimensions.shared as typeof d;
    else {
      o.dimensions = this.byKey(`d|${isEmpty(d) ? '{}' : JSON.stringify(d)}`, d);
      this.#lastDimensions = { made: d, shared: o.dimensions };
    }
    const c = o.countColumns;
    if (c && this.#lastCounts?.made === c) o.countColumns = this.#lastCounts.shared as typeof c;
    else if (c) {
      o.countColumns = this.byKey(`c|${c.numerator}|${c.denominator}|${c.years}`, c);
      this.#lastCounts = { made: c, shared: o.countColumns };
    }
    return o;
  }

  private one<T extends object>(value: T, keyOf: (value: T) => string): T {
    const shared = this.#seen.get(value);
    if (shared) return shared as T;
    const known = this.byKey(keyOf(value), value);
    this.#seen.set(value, known);
    return known;
  }

  private byKey<T extends object>(key: string, value: T): T {
    const known = this.parts.get(key) as T | undefined;
    if (known) return known;
    this.parts.set(key, value);
    return value;
  }
}

// The parts' keys, as functions made once (not a closure per row).
const periodKeyOf = (p: Observation['period']): string => `p|${p.from}|${p.to}|${p.kind}|${p.part ?? ''}|${p.label}`;
const ageKeyOf = (a: NonNullable<Observation['age']>): string => `a|${a.code}|${a.label}|${a.from}|${a.to}`;
const geoKeyOf = (g: Observation['geo']): string => `g|${g.code}|${g.level}|${g.name}`;

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}
