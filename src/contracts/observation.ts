// Generated from schemas/observation.schema.json by scripts/generate-contracts.mjs: do not edit by hand.
// After changing the schema: node scripts/generate-contracts.mjs (or UPDATE_GOLDEN=1 npx vitest run test/contracts).

/**
 * The canonical observation every reader produces: one published number, or one published missing number, with its source, geography, period, sex, age, other dimensions and origin. See src/model/observation.ts.
 */
export interface Observation {
  source: 'fhi' | 'fylkesundersokelse' | 'ungdata' | 'kostra' | 'ssb';
  table: string;
  /**
   * the variable: FHI measure type ("RATE", "MEIS", "andel (prosent, standardisert)"), SSB statistikkvariabel, or the Ungdata indicator ("ensomhet")
   */
  measure: string;
  /**
   * SSB: the ContentsCode behind the label, when it differs
   */
  measureCode?: string;
  /**
   * what kind of number value is
   */
  measureType: 'count' | 'denominator' | 'proportion' | 'rate' | 'mean' | 'years' | 'ratio' | 'smr' | 'meis' | 'value';
  /**
   * the unit in words ("prosent", "per 1000", "leveår", "personer"), when the source says
   */
  unit: string | null;
  /**
   * of a proportion or rate: 100 for percent, 1000 for per thousand
   */
  multiplier: number | null;
  standardisation: 'none' | 'direct' | 'indirect' | 'unspecified';
  geo: {
    /**
     * the current code: 0 land, 50 fylke, 5037 kommune, 030101 bydel, EKG11 KOSTRA group
     */
    code: string;
    /**
     * other: areas in SSB's tables that are not a municipality, county or the country (Svalbard, Kontinentalsokkelen, Uoppgitt, Rest, historical units): read, but kept out of comparisons
     */
    level: 'land' | 'fylke' | 'kommune' | 'bydel' | 'kostragruppe' | 'other';
    name: string;
  };
  /**
   * the code as written in the source when it was harmonised to a current code (1719 → 5037)
   */
  harmonisedFrom: string | null;
  period: {
    from: number;
    to: number;
    /**
     * half-year, quarter, month and week are parts of one year (SSB's 2021H1, 2021K4, 2021M10, 2021U05), never the same as the year
     */
    kind: 'year' | 'pool' | 'school-year' | 'half-year' | 'quarter' | 'month' | 'week';
    /**
     * the half (1-2), quarter (1-4), month (1-12) or week (1-53) of the year; only for those kinds
     */
    part?: number;
    /**
     * the period as written in the source, for tracing
     */
    label: string;
  };
  sex: 'total' | 'male' | 'female';
  age: null | {
    /**
     * from_to when the ages are known ("0_74", "17_17"), otherwise the label's slug ("8-10.trinn")
     */
    code: string;
    label: string;
    from: number | null;
    to: number | null;
  };
  /**
   * every other dimension, by its name in the source: education, SES group, economy group …
   */
  dimensions: {
    [k: string]: string;
  };
  value: number | null;
  missing: null | {
    symbol: string;
    /**
     * why the number is absent, by SSB's and FHI's shared legend: . not-applicable, .. missing, : suppressed, ... not-yet-available, - nil (SSB) or missing (FHI label exports)
     */
    reason: 'not-applicable' | 'missing' | 'suppressed' | 'not-yet-available' | 'nil' | 'code-not-valid';
  };
  /**
   * SSB's *: the value is provisional
   */
  provisional: boolean;
  numerator: number | null;
  denominator: number | null;
  /**
   * FHI: the columns numerator and denominator were read from (sumTELLER or TELLER, sumNEVNER or NEVNER) and RATE.n, the years with data, when published; in a multi-year FHI table TELLER and NEVNER are yearly averages
   */
  countColumns?: {
    numerator: string | null;
    denominator: string | null;
    years: number | null;
  };
  origin: {
    file: string;
    line: number | null;
  };
}
