import type { Polarity } from './compare.js';
import { chiSquareQuantile } from './quantiles.js';

export type TrendDirection = 'increasing' | 'decreasing' | 'no-significant-change' | 'cannot-be-calculated';

export interface TrendPoint {
  /** Position in time (e.g. the period's last year). */
  t: number;
  /** Events and denominator, for proportions (χ² test for trend). */
  x?: number | null;
  n?: number | null;
  /** Value and its standard error, for other measures (weighted regression). */
  value?: number | null;
  se?: number | null;
}

export interface TrendResult {
  direction: TrendDirection;
  /** With polarity: whether the change is for the better. */
  judgement: 'better' | 'worse' | null;
  statistic: number | null;
  method: 'chi-square-trend' | 'weighted-regression' | null;
  points: number;
  reason: string | null;
}

/** χ²₁ at 99.8 %: Fingertips' threshold for a recent trend (9.5495). */
export const TREND_THRESHOLD = chiSquareQuantile(0.998, 1);

/**
 * χ² test for trend in proportions over ordered points t:
 *
 *   χ² = N(N·Σxₜt − X·Σnₜt)² / (X(N − X)(N·Σnₜt² − (Σnₜt)²)),  N = Σnₜ, X = Σxₜ
 *
 * Returns the statistic and the sign of the slope (N·Σxₜt − X·Σnₜt), or null when it cannot be
 * computed (no events, all events, or one point). Reference: Armitage (1955); Fingertips
 * "recent trends" technical guidance; also used for social gradients with t = group rank.
 */
export function chiSquareTrend(points: { t: number; x: number; n: number }[]): { statistic: number; sign: number } | null {
  let N = 0;
  let X = 0;
  let sxt = 0;
  let snt = 0;
  let snt2 = 0;
  for (const p of points) {
    N += p.n;
    X += p.x;
    sxt += p.x * p.t;
    snt += p.n * p.t;
    snt2 += p.n * p.t * p.t;
  }
  const spread = N * snt2 - snt * snt;
  if (N <= 0 || X <= 0 || X >= N || spread <= 0) return null;
  const num = N * sxt - X * snt;
  return { statistic: (N * num * num) / (X * (N - X) * spread), sign: Math.sign(num) };
}

/** Weighted least-squares slope of value on t with weights 1/se²: slope and χ² = slope²/var. */
export function weightedSlope(points: { t: number; value: number; se: number }[]): { statistic: number; sign: number } | null {
  let sw = 0;
  let swt = 0;
  let swy = 0;
  for (const p of points) {
    const w = 1 / (p.se * p.se);
    sw += w;
    swt += w * p.t;
    swy += w * p.value;
  }
  const tBar = swt / sw;
  const yBar = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const w = 1 / (p.se * p.se);
    sxx += w * (p.t - tBar) ** 2;
    sxy += w * (p.t - tBar) * (p.value - yBar);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  return { statistic: slope * slope * sxx, sign: Math.sign(slope) };
}

/**
 * Fingertips' recent-trend rule over the last 5 points: significant when the statistic exceeds
 * χ²₁ at 99.8 % (9.5495) and the slope keeps its sign when any one point is dropped. Proportions
 * with counts use the χ² test for trend, other measures a weighted regression (weights 1/se²).
 */
export function recentTrend(all: TrendPoint[], polarity: Polarity, threshold = TREND_THRESHOLD): TrendResult {
  const points = [...all].sort((a, b) => a.t - b.t).slice(-5);
  const none = (reason: string): TrendResult => ({ direction: 'cannot-be-calculated', judgement: null, statistic: null, method: null, points: points.length, reason });
  if (points.length < 5) return none(`needs 5 points, has ${points.length}`);
  const counts = points.every((p) => typeof p.x === 'number' && typeof p.n === 'number' && p.n > 0);
  const errors = points.every((p) => typeof p.value === 'number' && typeof p.se === 'number' && p.se > 0);
  let test: (ps: TrendPoint[]) => { statistic: number; sign: number } | null;
  let method: TrendResult['method'];
  if (counts) {
    method = 'chi-square-trend';
    test = (ps) => chiSquareTrend(ps.map((p) => ({ t: p.t, x: p.x!, n: p.n! })));
  } else if (errors) {
    method = 'weighted-regression';
    test = (ps) => weightedSlope(ps.map((p) => ({ t: p.t, value: p.value!, se: p.se! })));
  } else return none('the points have neither counts nor intervals (only values were published)');
  const full = test(points);
  if (!full) return { ...none('no variation to test (no events, or all events)'), method };
  let direction: TrendDirection = 'no-significant-change';
  if (full.statistic > threshold && full.sign !== 0) {
    const stable = points.every((_, i) => test(points.filter((__, j) => j !== i))?.sign === full.sign);
    if (stable) direction = full.sign > 0 ? 'increasing' : 'decreasing';
  }
  let judgement: TrendResult['judgement'] = null;
  if (polarity !== 'none' && (direction === 'increasing' || direction === 'decreasing')) {
    judgement = (direction === 'increasing') === (polarity === 'high-is-good') ? 'better' : 'worse';
  }
  return { direction, judgement, statistic: full.statistic, method, points: points.length, reason: null };
}
