import type { Text, Theme, IndicatorMeasureType } from '../indicators/catalogue.js';
import type { Polarity, Verdict } from '../indicators/methods/compare.js';
import type { AbsentReason, ResultStatus, ValueMethod } from '../indicators/result.js';
import type { TrendDirection } from '../indicators/methods/trend.js';

/** The two kinds of document: the four-yearly oversiktsdokument and the yearly løpende oversikt. */
export type DocumentKind = 'full' | 'annual';

export interface ResultsPeriod {
  from: number;
  to: number;
  /** Only for a school year (shown 2023/24); otherwise a year or years. */
  kind?: 'school-year';
}

/**
 * One published number. When `absent` is set (suppressed, or missing at the source) every number
 * is null: the results file holds nothing that suppression hides.
 */
export interface ResultsValue {
  period: ResultsPeriod;
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
  method: ValueMethod | null;
  absent: { symbol: string; reason: AbsentReason } | null;
}

export interface ResultsGradient {
  title: Text;
  dimension: string;
  period: ResultsPeriod;
  groups: { key: string; label: Text; value: ResultsValue }[];
  best: string | null;
  worst: string | null;
  absoluteRange: number | null;
  relativeRange: number | null;
  trendTest: { statistic: number; p: number; significant: boolean } | null;
}

export interface ResultsIndicator {
  id: string;
  theme: Theme;
  title: Text;
  unit: Text;
  decimals: number;
  measureType: IndicatorMeasureType;
  polarity: Polarity;
  status: ResultStatus;
  period: ResultsPeriod | null;
  value: ResultsValue | null;
  verdicts: { land: Verdict; fylke: Verdict; kostragruppe: Verdict | null };
  benchmarks: { land: ResultsValue | null; fylke: ResultsValue | null };
  trend: { direction: TrendDirection; judgement: 'better' | 'worse' | null; method: string | null; points: number };
  gradient: ResultsGradient | null;
  /** The municipality's series, oldest first (suppressed points without numbers). */
  series: ResultsValue[];
  /** In the document's list of public-health challenges (utfordringsbildet) / resources. */
  challenge: boolean;
  resource: boolean;
  provenance: { source: string; table: string; measure: string; files: { file: string; sha256: string | null }[]; periods: string[] };
}

/** `resultater-<edition>.json`: what one edition said about one municipality (schemas/results.schema.json). */
export interface ResultsFile {
  $schema?: string;
  format: 'folkehelse-results';
  formatVersion: 1;
  tool: string;
  edition: number;
  kind: DocumentKind;
  generatedOn: string | null;
  kommune: { code: string; name: string };
  fylke: { code: string; name: string };
  /** The edition this one was compared with, if any. */
  previous: { edition: number; kind: DocumentKind } | null;
  data: { file: string; sha256: string; source: string; tables: string[]; periods: string }[];
  indicators: ResultsIndicator[];
}
