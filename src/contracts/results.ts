// Generated from schemas/results.schema.json by scripts/generate-contracts.mjs: do not edit by hand.
// After changing the schema: node scripts/generate-contracts.mjs (or UPDATE_GOLDEN=1 npx vitest run test/contracts).

/**
 * full (the four-yearly oversiktsdokument) or annual (the løpende oversikt)
 */
export type DocumentKind = 'full' | 'annual';
export type ResultsValueOrNull = null | ResultsValue;
export type NumberOrNull = number | null;
export type ResultsVerdict = 'better' | 'worse' | 'higher' | 'lower' | 'similar' | 'not-tested';

/**
 * resultater-<edition>.json: what one edition of the overview said about one municipality, written beside the document by every build. Holds only published (post-suppression) numbers.
 */
export interface ResultsFile {
  $schema?: string;
  format: 'folkehelse-results';
  formatVersion: 1;
  tool: string;
  /**
   * the edition (year)
   */
  edition: number;
  kind: DocumentKind;
  generatedOn: string | null;
  kommune: ResultsArea;
  fylke: ResultsArea;
  previous: null | {
    edition: number;
    kind: DocumentKind;
  };
  data: {
    file: string;
    sha256: string;
    source: string;
    tables: string[];
    periods: string;
  }[];
  indicators: ResultsIndicator[];
}
export interface ResultsArea {
  code: string;
  name: string;
}
export interface ResultsIndicator {
  id: string;
  theme: 'a' | 'b' | 'c' | 'd' | 'e' | 'f';
  title: Text;
  unit: Text;
  decimals: number;
  measureType:
    'proportion' | 'rate' | 'indirectly-standardised-rate' | 'directly-standardised-rate' | 'life-expectancy' | 'mean' | 'years' | 'ratio' | 'count' | 'value';
  polarity: 'high-is-good' | 'low-is-good' | 'none';
  status: 'ok' | 'absent' | 'no-data' | 'invalid-selection';
  period: null | ResultsPeriod;
  value: ResultsValueOrNull;
  verdicts: {
    land: ResultsVerdict;
    fylke: ResultsVerdict;
    kostragruppe: null | ResultsVerdict;
  };
  benchmarks: {
    land: ResultsValueOrNull;
    fylke: ResultsValueOrNull;
  };
  trend: {
    direction: 'increasing' | 'decreasing' | 'no-significant-change' | 'cannot-be-calculated';
    judgement: 'better' | 'worse' | null;
    method: string | null;
    points: number;
    /**
     * with method first-last-change: the change between the first and the last period of the series that share no year, tested where the 5-point trend rule cannot apply
     */
    change?: null | {
      from: ResultsPeriod;
      to: ResultsPeriod;
      method: 'two-proportions' | 'rate-ratio' | 'intervals';
      p: number;
      significant: boolean;
    };
  };
  gradient: null | {
    title: Text;
    dimension: string;
    period: ResultsPeriod;
    groups: {
      key: string;
      label: Text;
      value: ResultsValue;
    }[];
    best: string | null;
    worst: string | null;
    absoluteRange: NumberOrNull;
    relativeRange: NumberOrNull;
    trendTest: null | {
      statistic: number;
      p: number;
      significant: boolean;
    };
  };
  /**
   * the municipality's series, oldest first (withheld points without numbers)
   */
  series: ResultsValue[];
  /**
   * listed among the public-health challenges (utfordringsbildet)
   */
  challenge: boolean;
  /**
   * listed among the resources
   */
  resource: boolean;
  provenance: {
    source: string;
    table: string;
    measure: string;
    files: {
      file: string;
      sha256: string | null;
    }[];
    periods: string[];
  };
}
export interface Text {
  nb: string;
  nn: string;
}
export interface ResultsPeriod {
  from: number;
  to: number;
  /**
   * set only for a school year (2023/24)
   */
  kind?: 'school-year';
}
/**
 * one published number; when absent is set (suppressed, or missing at the source) every number is null: the file holds nothing that suppression hides
 */
export interface ResultsValue {
  period: ResultsPeriod;
  value: NumberOrNull;
  lower: NumberOrNull;
  upper: NumberOrNull;
  numerator: NumberOrNull;
  denominator: NumberOrNull;
  /**
   * how the interval was computed: Wilson (proportions), exact Poisson or Byar (rates), Dobson (directly standardised rates), Chiang II (life expectancy from deaths and population), or as the source published it
   */
  method: 'wilson' | 'exact' | 'byar' | 'dobson' | 'chiang' | 'as-published' | null;
  /**
   * what numerator and denominator are: every interval and test rests on the period's sums (left out in files written before it was recorded)
   */
  counts?: null | {
    /**
     * sum: the period's sums as published (FHI's sumTELLER/sumNEVNER); yearly-average→sum: FHI's yearly averages (TELLER/NEVNER of a multi-year table) multiplied by factor; as-published: one year's counts
     */
    basis: 'sum' | 'yearly-average→sum' | 'as-published';
    /**
     * what the published counts were multiplied by: the years with data (RATE.n, else the period's length), 1 otherwise
     */
    factor: number;
  };
  absent: null | {
    symbol: string;
    reason: string;
  };
}
