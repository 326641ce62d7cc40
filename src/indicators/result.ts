import type { Geography, MissingReason, Period, SourceId } from '../model/observation.js';
import type { IndicatorMeasureType, Text, Theme } from './catalogue.js';
import type { Polarity, Verdict } from './methods/compare.js';
import type { TrendResult } from './methods/trend.js';
import type { SocialGradient } from './methods/gradient.js';

/** Why a number is withheld: the source's own reason, or folkehelse's suppression. */
export type AbsentReason = MissingReason | 'primary-suppression' | 'secondary-suppression' | 'series-suppression' | 'too-few-events';

export type ValueMethod = 'wilson' | 'exact' | 'byar' | 'dobson' | 'chiang' | 'as-published';

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
  absent: { symbol: string; reason: AbsentReason } | null;
  /** Where the number comes from: file and line of each observation used. */
  origins: { file: string; line: number | null }[];
}

/** Why a comparison was not tested. */
export type NotTestedReason = 'not-comparable' | 'no-counts' | 'not-a-sample' | 'projection' | 'kommune-absent' | 'no-benchmark' | 'benchmark-absent';

export interface Comparison {
  value: AreaValue | null;
  verdict: Verdict;
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
  trend: TrendResult;
  gradient: GradientResult | null;
  bySex: { male: AreaValue | null; female: AreaValue | null } | null;
  provenance: { source: SourceId; table: string; measure: string; files: string[]; periods: string[]; observations: number };
}
