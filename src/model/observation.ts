/**
 * The canonical observation every reader produces. One observation is one published number
 * (or one published *missing* number) with everything needed to find and trace it.
 * It is plain JSON: no classes, no Dates, no undefined where null is meant.
 * Its JSON Schema is `schemas/observation.schema.json`.
 */

/**
 * The ids of the sources, as keys. Empty here, so that `model/` imports nothing: each source's
 * folder (src/sources/<id>/index.ts) adds its own id, and the registry (src/sources/registry.ts)
 * checks that they are exactly the registered ones.
 */
export interface SourceIds {}

/** A source's id: one of the registry's (src/sources/registry.ts). */
export type SourceId = keyof SourceIds & string;

/**
 * `other`: areas in SSB's tables that are not a municipality, county or the country — Svalbard,
 * Kontinentalsokkelen, `Uoppgitt`, `Rest`, historical units — read, but kept out of comparisons.
 */
export type GeoLevel = 'land' | 'fylke' | 'kommune' | 'bydel' | 'kostragruppe' | 'other';

/** The country's code ('0'), as FHI and SSB write it; the register and every reader use it. */
export const LAND = '0';

export interface Geography {
  /** Current code: '0' land, '50' fylke, '5037' kommune, '030101' bydel, 'EKG11' KOSTRA group. */
  code: string;
  level: GeoLevel;
  name: string;
}

/**
 * `half-year`, `quarter`, `month` and `week` are parts of one year (SSB's `2021H1`, `2021K4`,
 * `2021M10`, `2021U05`): periods of their own kind, never the same as the year they fall in.
 */
export type PeriodKind = 'year' | 'pool' | 'school-year' | 'half-year' | 'quarter' | 'month' | 'week';

/**
 * A year, a pooled period (FHI `2021_2023`, "2017-2023"), a school year ("2020/2021"), or a part
 * of a year: a half-year, quarter, month or week (`from` = `to` = the year, `part` which one).
 */
export interface Period {
  from: number;
  to: number;
  kind: PeriodKind;
  /** The half (1–2), quarter (1–4), month (1–12) or week (1–53) of the year; only for those kinds. */
  part?: number;
  /** As written in the source, for tracing. */
  label: string;
}

export type Sex = 'total' | 'male' | 'female';

export interface AgeGroup {
  /** `from_to` when the ages are known ("0_74", "17_17"), otherwise the label slug ("8-10.trinn"). */
  code: string;
  label: string;
  from: number | null;
  to: number | null;
}

/** What kind of number `value` is. */
export type MeasureType =
  | 'count'
  | 'denominator'
  | 'proportion'
  | 'rate'
  | 'mean'
  | 'years'
  | 'ratio'
  | 'smr'
  | 'meis'
  | 'value';

export type Standardisation = 'none' | 'direct' | 'indirect' | 'unspecified';

/**
 * Why a number is absent. The symbols are SSB's and FHI's shared legend:
 * `.` not-applicable, `..` missing, `:` suppressed, `...` not-yet-available,
 * `-` nil (SSB) or missing (FHI label exports), `x`-like unknown symbols are errors.
 */
export type MissingReason =
  | 'not-applicable'
  | 'missing'
  | 'suppressed'
  | 'not-yet-available'
  | 'nil'
  | 'code-not-valid';

export interface MissingValue {
  symbol: string;
  reason: MissingReason;
}

export interface Observation {
  source: SourceId;
  /** Source table: SSB/KOSTRA table number ("11616"), FHI table name or file stem. */
  table: string;
  /** The variable: FHI measure type ("RATE", "MEIS", "andel (prosent, standardisert)"),
   *  SSB statistikkvariabel, or the Ungdata indicator ("ensomhet"). */
  measure: string;
  /** SSB: the ContentsCode behind the label (`DeltaProsent`), when it differs; a catalogue may select by either. */
  measureCode?: string;
  measureType: MeasureType;
  /** Unit in words ("prosent", "per 1000", "leveår", "personer"), when the source says. */
  unit: string | null;
  /** Multiplier of a proportion or rate: 100 for percent, 1000 for per thousand. */
  multiplier: number | null;
  standardisation: Standardisation;
  geo: Geography;
  /** The code as written in the source when it was harmonised to a current code (1719 → 5037). */
  harmonisedFrom: string | null;
  period: Period;
  sex: Sex;
  age: AgeGroup | null;
  /** Every other dimension, by its name in the source: education, SES group, economy group … */
  dimensions: Record<string, string>;
  value: number | null;
  missing: MissingValue | null;
  /** SSB's `*`: the value is provisional. */
  provisional: boolean;
  numerator: number | null;
  denominator: number | null;
  /**
   * FHI: the columns numerator and denominator were read from (`sumTELLER` or `TELLER`, `sumNEVNER`
   * or `NEVNER`) and `RATE.n`, the years with data, when published. In a multi-year FHI table
   * TELLER and NEVNER are yearly averages and sumTELLER/sumNEVNER the period's sums: the engine
   * decides from this which counts its tests rest on (src/indicators/period-counts.ts).
   */
  countColumns?: CountColumns;
  origin: { file: string; line: number | null };
}

export interface CountColumns {
  numerator: string | null;
  denominator: string | null;
  years: number | null;
}
