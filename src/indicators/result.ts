import type { Geography, MissingReason, Period, SourceId } from '../model/observation.js';
import type { IndicatorMeasureType, Text, Theme } from './catalogue.js';
import type { Polarity, Verdict } from './methods/compare.js';
import type { ChangeMethod } from './methods/change-test.js';
import type { TrendResult } from './methods/trend.js';
import type { SocialGradient } from './methods/gradient.js';

/** Why a number is withheld: the source's own reason, or folkehelse's suppression. */
export type AbsentReason = MissingReason | 'primary-suppression' | 'secondary-suppression' | 'series-suppression' | 'too-few-events';

export type ValueMethod = 'wilson' | 'exact' | 'byar' | 'dobson' | 'chiang' | 'as-published';

/**
 * What an area value's numerator and denominator are (period-counts.ts): the period's sums as
 * published ('sum', FHI's sumTELLER/sumNEVNER), FHI's yearly averages of a multi-year period
 * multiplied by `factor` (the years with data: RATE.n, else the period's length) — 'yearly-average→sum'
 * —, or the counts as published (one year, or a source without pooled periods; factor 1).
 */
export interface CountBasis {
  basis: 'sum' | 'yearly-average→sum' | 'as-published';
  factor: number;
}

/**
 * One area's number for one period. When `absent` is set, value, interval, numerator and
 * denominator are all null: a suppressed number is not in the result at all.
 */
export interface AreaValue {
  geo: Geography;
  period: Period;
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
  method: ValueMethod | null;
  /** What numerator and denominator are (the period's sums, for every test); null or left out without counts. */
  counts?: CountBasis | null;
  absent: { symbol: string; reason: AbsentReason } | null;
  /** Where the number comes from: file and line of each observation used. */
  origins: { file: string; line: number | null }[];
}

/**
 * Why a comparison was not tested. 'no-counts-in-file': an FHI share or rate whose file has the
 * value but not the count (TELLER) — downloading the count as well makes it testable.
 */
export type NotTestedReason = 'not-comparable' | 'no-counts' | 'no-counts-in-file' | 'not-a-sample' | 'projection' | 'kommune-absent' | 'no-benchmark' | 'benchmark-absent';

/**
 * How a verdict was reached: FHI's barometer tests with the benchmark taken as fixed ('binomial'
 * for shares, 'poisson' for rates and indirectly standardised rates, 'chiang' for life
 * expectancy), or 'interval' — Fingertips' comparator 1, the benchmark inside the area's interval.
 */
export type ComparisonMethod = 'binomial' | 'poisson' | 'chiang' | 'interval';

export interface Comparison {
  value: AreaValue | null;
  verdict: Verdict;
  /** The test behind the verdict; null (or left out) when not tested. */
  method?: ComparisonMethod | null;
  /** Two-sided p-value of a barometer test (null for the interval rule). */
  p?: number | null;
  /** Why there is no test, when verdict is 'not-tested'. */
  reason: NotTestedReason | null;
  /** The same, in words (English, for logs and --json readers). */
  note: string | null;
}

export interface GradientGroupResult {
  key: string;
  label: Text;
  value: AreaValue;
}

export interface GradientResult {
  title: Text;
  dimension: string;
  period: Period;
  groups: GradientGroupResult[];
  best: string | null;
  worst: string | null;
  absoluteRange: number | null;
  relativeRange: number | null;
  trendTest: SocialGradient['trendTest'];
  sii: SocialGradient['sii'];
  note: string | null;
  /**
   * The groups in every period up to `period`, for the municipality, the county and the country
   * (as far as the data has them): the gap's development and its size elsewhere. Values are the
   * run's suppression decision's, as everywhere else.
   */
  history?: GradientHistoryResult;
}

/** A gradient's groups in one period. */
export interface GradientGroupsAt {
  period: Period;
  groups: GradientGroupResult[];
}

export interface GradientHistoryResult {
  kommune: GradientGroupsAt[];
  fylke: GradientGroupsAt[];
  land: GradientGroupsAt[];
}

/**
 * The change between the first and the last non-overlapping period of a series, tested where
 * Fingertips' 5-point trend rule cannot apply (fewer than five independent points): two
 * proportions, the rate ratio, or the intervals (methods/change-test.ts), two-sided at 5 %.
 */
export interface PeriodChange {
  from: Period;
  to: Period;
  method: Exclude<ChangeMethod, 'gap'>;
  /** Last minus first, in the indicator's unit. */
  difference: number;
  z: number;
  p: number;
  significant: boolean;
}

/**
 * The development of the series: Fingertips' recent-trend rule where it applies; otherwise, with
 * `method: 'first-last-change'`, the change test between the first and last non-overlapping
 * period (`change`); otherwise "cannot be calculated" with its reason.
 */
export interface Development extends Omit<TrendResult, 'method'> {
  method: TrendResult['method'] | 'first-last-change';
  change?: PeriodChange | null;
}

export type ResultStatus = 'ok' | 'absent' | 'no-data' | 'invalid-selection';

/** Everything the report needs about one indicator for one municipality. JSON-serialisable. */
export interface IndicatorResult {
  id: string;
  theme: Theme;
  title: Text;
  phrase: Text;
  howToRead: Text;
  source: Text;
  unit: Text;
  decimals: number;
  multiplier: number | null;
  measureType: IndicatorMeasureType;
  polarity: Polarity;
  chart: string;
  /** What the document uses the indicator for besides its own place (the catalogue's `role`): absent for most. */
  role?: 'population' | 'population-change';
  kommune: Geography;
  status: ResultStatus;
  /** Plain-language reason when status is not 'ok'. */
  message: string | null;
  period: Period | null;
  value: AreaValue | null;
  comparisons: { land: Comparison; fylke: Comparison; kostragruppe: Comparison | null; neighbours: AreaValue[] };
  /** Every period of the municipality, county and land; neighbours' series when configured. */
  series: { kommune: AreaValue[]; fylke: AreaValue[]; land: AreaValue[]; neighbours: { geo: Geography; values: AreaValue[] }[]; hidden: boolean };
  trend: Development;
  gradient: GradientResult | null;
  bySex: { male: AreaValue | null; female: AreaValue | null } | null;
  provenance: { source: SourceId; table: string; measure: string; files: string[]; periods: string[]; observations: number };
}
