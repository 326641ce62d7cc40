// Generated from schemas/observation.schema.json by scripts/generate-contracts.mjs: do not edit by hand.
// After changing the schema: node scripts/generate-contracts.mjs (or UPDATE_GOLDEN=1 npx vitest run test/contracts).

/**
 * The canonical observation every reader produces: one published number, or one published missing number, with its source, geography, period, sex, age, other dimensions and origin. See src/model/observation.ts.
 */
export interface Observation {
  source: 'fhi' | 'ssb' | 'kostra' | 'ungdata';
  table: string;
  measure: string;
  /**
   * SSB: the ContentsCode behind the label, when it differs
   */
  measureCode?: string;
  measureType: 'count' | 'denominator' | 'proportion' | 'rate' | 'mean' | 'years' | 'ratio' | 'smr' | 'meis' | 'value';
  unit: string | null;
  multiplier: number | null;
  standardisation: 'none' | 'direct' | 'indirect' | 'unspecified';
  geo: {
    code: string;
    level: 'land' | 'fylke' | 'kommune' | 'bydel' | 'kostragruppe' | 'other';
    name: string;
  };
  harmonisedFrom: string | null;
  period: {
    from: number;
    to: number;
    kind: 'year' | 'pool' | 'school-year';
    label: string;
  };
  sex: 'total' | 'male' | 'female';
  age: null | {
    code: string;
    label: string;
    from: number | null;
    to: number | null;
  };
  dimensions: {
    [k: string]: string;
  };
  value: number | null;
  missing: null | {
    symbol: string;
    reason: 'not-applicable' | 'missing' | 'suppressed' | 'not-yet-available' | 'nil' | 'code-not-valid';
  };
  provisional: boolean;
  numerator: number | null;
  denominator: number | null;
  origin: {
    file: string;
    line: number | null;
  };
}
