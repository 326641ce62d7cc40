import type { GeoLevel, MeasureType, Observation } from '../model/observation.js';
import { periodKey } from './period.js';

export interface GeoSummary {
  code: string;
  level: GeoLevel;
  name: string;
  /** Codes as written in the file that were harmonised to this one. */
  from: string[];
  observations: number;
}

export interface ObservationSummaryJson {
  observations: number;
  rows: number;
  missing: Record<string, number>;
  tables: string[];
  geographies: GeoSummary[];
  levels: Partial<Record<GeoLevel, number>>;
  periods: string[];
  measures: { measure: string; measureType: MeasureType; unit: string | null; observations: number }[];
  sexes: string[];
  ages: string[];
  dimensions: { name: string; values: string[]; more: number }[];
}

const MAX_VALUES = 30;

/** Accumulates what `inspect` tells about a file, in memory proportional to distinct values. */
export class ObservationSummary {
  private observations = 0;
  private readonly lines = new Set<number>();
  private readonly missing = new Map<string, number>();
  private readonly tables = new Set<string>();
  private readonly geos = new Map<string, GeoSummary>();
  private readonly periods = new Map<string, { from: number; to: number; label: string }>();
  private readonly measures = new Map<string, { measure: string; measureType: MeasureType; unit: string | null; observations: number }>();
  private readonly sexes = new Set<string>();
  private readonly ages = new Set<string>();
  private readonly dims = new Map<string, { values: Set<string>; more: Set<string> }>();

  add(o: Observation): void {
    this.observations++;
    if (o.origin.line !== null) this.lines.add(o.origin.line);
    if (o.missing) this.missing.set(o.missing.symbol, (this.missing.get(o.missing.symbol) ?? 0) + 1);
    this.tables.add(o.table);
    let g = this.geos.get(o.geo.code + o.geo.level);
    if (!g) {
      g = { code: o.geo.code, level: o.geo.level, name: o.geo.name, from: [], observations: 0 };
      this.geos.set(o.geo.code + o.geo.level, g);
    }
    g.observations++;
    if (o.harmonisedFrom && !g.from.includes(o.harmonisedFrom)) g.from.push(o.harmonisedFrom);
    const pk = periodKey(o.period);
    if (!this.periods.has(pk)) this.periods.set(pk, { from: o.period.from, to: o.period.to, label: o.period.label });
    const mk = `${o.measure}|${o.measureType}`;
    let m = this.measures.get(mk);
    if (!m) {
      m = { measure: o.measure, measureType: o.measureType, unit: o.unit, observations: 0 };
      this.measures.set(mk, m);
    }
    m.observations++;
    this.sexes.add(o.sex);
    if (o.age) this.ages.add(o.age.label);
    for (const [k, v] of Object.entries(o.dimensions)) {
      let d = this.dims.get(k);
      if (!d) {
        d = { values: new Set(), more: new Set() };
        this.dims.set(k, d);
      }
      if (d.values.has(v)) continue;
      if (d.values.size < MAX_VALUES) d.values.add(v);
      else if (d.more.size < 10_000) d.more.add(v);
    }
  }

  toJSON(): ObservationSummaryJson {
    const levels: Partial<Record<GeoLevel, number>> = {};
    const geographies = [...this.geos.values()].sort(compareGeo);
    for (const g of geographies) levels[g.level] = (levels[g.level] ?? 0) + 1;
    return {
      observations: this.observations,
      rows: this.lines.size,
      missing: Object.fromEntries([...this.missing].sort()),
      tables: [...this.tables].sort(),
      geographies,
      levels,
      periods: [...this.periods.values()].sort((a, b) => a.from - b.from || a.to - b.to).map((p) => p.label),
      measures: [...this.measures.values()],
      sexes: [...this.sexes],
      ages: [...this.ages],
      dimensions: [...this.dims].map(([name, d]) => ({ name, values: [...d.values], more: d.more.size })),
    };
  }
}

const LEVEL_ORDER: GeoLevel[] = ['land', 'fylke', 'kostragruppe', 'kommune', 'bydel', 'other'];
function compareGeo(a: GeoSummary, b: GeoSummary): number {
  return LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.code.localeCompare(b.code);
}
