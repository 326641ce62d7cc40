import { spcDirection, spcLimits, type SpcMeasure } from './spc.js';

export type Polarity = 'high-is-good' | 'low-is-good' | 'none';
export type Verdict = 'better' | 'worse' | 'higher' | 'lower' | 'similar' | 'not-tested';

export interface CompareOptions {
  /**
   * 'interval' (default, Fingertips' comparator 1: the benchmark inside the area's interval) or
   * 'spc' (Fingertips' SPC comparers: the area's value against control limits around the fixed
   * benchmark; needs `population`).
   */
  method?: 'interval' | 'spc';
  /** For 'spc': the level of the control limits, 0.95 (default) or 0.998. */
  level?: number;
  /** For 'spc': the scale of value and benchmark (100 per cent, 100 000 per 100 000). Default 1. */
  multiplier?: number;
  /** For 'spc': 'proportion' or 'rate' (default inferred, see `spcLimits`). */
  measure?: SpcMeasure;
}

/**
 * Compares an area with a benchmark (land, fylke, KOSTRA group) the way Fingertips and FHI do:
 * not significantly different when the benchmark's value lies inside the area's 95 % interval;
 * otherwise higher or lower — better or worse when the indicator has a polarity. Without an
 * interval (only a rate published, no counts) or without a benchmark value: "not-tested".
 *
 * With `{ method: 'spc', multiplier }` the benchmark is taken as fixed and the area's value is
 * compared with the funnel-plot control limits around it (`spcLimits`: Wilson limits of the
 * expected count for proportions, exact Poisson limits for rates and DSRs), as Fingertips' SPC
 * comparers; `result.population` is the area's denominator (person-years for rates). No
 * population: "not-tested".
 */
export function compare(
  result: { value: number | null; lower: number | null; upper: number | null; population?: number | null },
  benchmarkValue: number | null | undefined,
  polarity: Polarity,
  options: CompareOptions = {},
): Verdict {
  if (benchmarkValue === null || benchmarkValue === undefined || Number.isNaN(benchmarkValue)) return 'not-tested';
  if (options.method === 'spc') {
    if (result.value === null || Number.isNaN(result.value)) return 'not-tested';
    const limits = spcLimits(benchmarkValue, result.population, { level: options.level, multiplier: options.multiplier, measure: options.measure, value: result.value });
    if (limits === null) return 'not-tested';
    return judge(spcDirection(result.value, limits), polarity);
  }
  if (result.value === null || result.lower === null || result.upper === null) return 'not-tested';
  if (benchmarkValue >= result.lower && benchmarkValue <= result.upper) return 'similar';
  return judge(result.lower > benchmarkValue ? 'higher' : 'lower', polarity);
}

/** Higher/lower with a polarity becomes better/worse; without one it stays higher/lower. */
export function judge(direction: 'higher' | 'lower' | 'similar', polarity: Polarity): Verdict {
  if (direction === 'similar') return 'similar';
  if (polarity === 'none') return direction;
  return (direction === 'higher') === (polarity === 'high-is-good') ? 'better' : 'worse';
}
