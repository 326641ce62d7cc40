import type { Polarity } from './compare.js';
import { chiSquareQuantile } from './quantiles.js';

export type TrendDirection = 'increasing' | 'decreasing' | 'no-significant-change' | 'cannot-be-calculated';

/** Why a trend cannot be calculated (a fixed vocabulary; the document words each one). */
export type TrendReason =
  | 'few-points'
  | 'few-independent-points'
  | 'one-independent-period'
  | 'no-counts'
  | 'no-counts-in-file'
  | 'not-comparable'
  | 'no-variation'
  | 'logit-undefined'
  | 'not-a-sample'
  | 'projection';

export interface TrendPoint {
  /** Position in time (e.g. the period's last year); only the order matters (points are ranked 1..5). */
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
  /** Points the test used (at most 5). */
  points: number;
  /**
   * Independent (non-overlapping) periods available, when the indicator is published for pooled
   * periods (3-year averages …); null for single-year series. Below 5 the trend is not calculated
   * and the document says why (`reasonCode` 'few-independent-points').
   */
  independentPoints: number | null;
  /** Why the trend cannot be calculated, as a code; null when it can. */
  reasonCode: TrendReason | null;
  /** The same in words (English, for logs and --json readers). */
  reason: string | null;
}

export interface TrendOptions {
  polarity?: Polarity;
  /** χ²₁ threshold; default 9.5495 (99.8 %). */
  threshold?: number;
  /** Significance level of the test, instead of a threshold (default 0.998). */
  level?: number;
  /** Independent points available (set by the caller for pooled periods). */
  independentPoints?: number | null;
}

/** χ²₁ at 99.8 %: Fingertips' threshold for a recent trend (9.5495). */
export const TREND_THRESHOLD = chiSquareQuantile(0.998, 1);

/**
 * χ² test for trend in proportions over ordered points t (Armitage 1955):
 *
 *   χ² = N(N·Σxₜt − X·Σnₜt)² / (X(N − X)(N·Σnₜt² − (Σnₜt)²)),  N = Σnₜ, X = Σxₜ
 *
 * computed with t centred on its n-weighted mean t̄ = Σnₜt/N, which gives the same value
 * (N·Σxₜt − X·Σnₜt = N·Σxₜ(t − t̄), N·Σnₜt² − (Σnₜt)² = N·Σnₜ(t − t̄)²) without the cancellation that
 * large t (calendar years) would cause:  χ² = N²(Σxₜ(t − t̄))² / (X(N − X)·Σnₜ(t − t̄)²).
 * Returns the statistic and the sign of Σxₜ(t − t̄), or null when it cannot be computed (no events,
 * all events, or no spread in t). Also used for social gradients with t = group rank.
 */
export function chiSquareTrend(points: { t: number; x: number; n: number }[]): { statistic: number; sign: number } | null {
  if (points.length === 0) return null;
  // Shift t first (exact for whole years), so the weighted centring works with small numbers.
  const t0 = points[0]!.t;
  let N = 0;
  let X = 0;
  let snt = 0;
  for (const p of points) {
    N += p.n;
    X += p.x;
    snt += p.n * (p.t - t0);
  }
  if (!(N > 0) || !(X > 0) || !(X < N)) return null;
  const tBar = snt / N;
  const pBar = X / N;
  let sxt = 0;
  let spread = 0;
  for (const p of points) {
    const d = p.t - t0 - tBar;
    // Σxₜ(t − t̄) = Σ(xₜ − p̄nₜ)(t − t̄), since Σnₜ(t − t̄) = 0: smaller terms, less cancellation.
    sxt += (p.x - pBar * p.n) * d;
    spread += p.n * d * d;
  }
  if (!(spread > 0)) return null;
  return { statistic: (N * N * sxt * sxt) / (X * (N - X) * spread), sign: Math.sign(sxt) };
}

/** Weighted least-squares slope of value on t with weights 1/se²: slope and χ² = slope²·Σw(t − t̄)². */
export function weightedSlope(points: { t: number; value: number; se: number }[]): { statistic: number; sign: number; slope: number } | null {
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
  return { statistic: slope * slope * sxx, sign: Math.sign(slope), slope };
}

/** Ordinary (unweighted) least-squares slope of y on t. */
export function olsSlope(points: { t: number; y: number }[]): number {
  const k = points.length;
  const tBar = points.reduce((s, p) => s + p.t, 0) / k;
  const yBar = points.reduce((s, p) => s + p.y, 0) / k;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.t - tBar) ** 2;
    sxy += (p.t - tBar) * (p.y - yBar);
  }
  return sxx > 0 ? sxy / sxx : 0;
}

const logit = (x: number, n: number): number => Math.log(x / (n - x));

/**
 * Fingertips' recent-trend rule (PHE/OHID, "Technical Guide: Recent trends"):
 *
 * 1. Take the five most recent points and number them t = 1..5 by rank (a gap in the calendar does
 *    not change the statistic).
 * 2. Proportions with counts: χ² test for trend (above, t centred); a point with x = 0 or x = n
 *    (logit undefined) makes the trend "cannot be calculated". Other measures: weighted regression
 *    of the value on t with weights 1/seₜ², χ² = slope²·Σw(t − t̄)².
 * 3. Significant when χ² > χ²₁(0.998) = 9.5495 …
 * 4. … and the direction is stable: the sign of the slope — the unweighted least-squares slope of
 *    logit(xₜ/nₜ) on t for proportions, the regression slope otherwise — is the same over all five
 *    points and with any one of the five dropped (and agrees with the χ² numerator).
 *
 * Pooled periods must be thinned to non-overlapping ones before (the caller's job); pass
 * `independentPoints` so the result can say when fewer than five independent periods exist.
 */
export function recentTrend(all: TrendPoint[], polarityOrOptions: Polarity | TrendOptions = {}, threshold?: number): TrendResult {
  const options: TrendOptions = typeof polarityOrOptions === 'string' ? { polarity: polarityOrOptions, threshold } : polarityOrOptions;
  const polarity = options.polarity ?? 'none';
  const limit = options.threshold ?? (options.level !== undefined ? chiSquareQuantile(options.level, 1) : TREND_THRESHOLD);
  const independentPoints = options.independentPoints ?? null;
  // Rank, not calendar: the last five points become t = 1..5.
  const points = [...all]
    .sort((a, b) => a.t - b.t)
    .slice(-5)
    .map((p, i) => ({ ...p, t: i + 1 }));
  const none = (reasonCode: TrendReason, reason: string, method: TrendResult['method'] = null): TrendResult => ({ direction: 'cannot-be-calculated', judgement: null, statistic: null, method, points: points.length, independentPoints, reasonCode, reason });
  if (independentPoints !== null && independentPoints < 5) return none('few-independent-points', `needs 5 non-overlapping periods, has ${independentPoints}`);
  if (points.length < 5) return none('few-points', `needs 5 points, has ${points.length}`);
  const counts = points.every((p) => typeof p.x === 'number' && typeof p.n === 'number' && p.n > 0 && p.x >= 0 && p.x <= p.n);
  const errors = points.every((p) => typeof p.value === 'number' && typeof p.se === 'number' && p.se > 0);
  let test: (ps: typeof points) => { statistic: number; sign: number } | null;
  let slopeSign: (ps: typeof points) => number;
  let method: TrendResult['method'];
  if (counts) {
    method = 'chi-square-trend';
    if (points.some((p) => p.x === 0 || p.x === p.n)) return none('logit-undefined', 'a point has no events or only events (the logit is undefined)', method);
    test = (ps) => chiSquareTrend(ps.map((p) => ({ t: p.t, x: p.x!, n: p.n! })));
    slopeSign = (ps) => Math.sign(olsSlope(ps.map((p) => ({ t: p.t, y: logit(p.x!, p.n!) }))));
  } else if (errors) {
    method = 'weighted-regression';
    test = (ps) => weightedSlope(ps.map((p) => ({ t: p.t, value: p.value!, se: p.se! })));
    slopeSign = (ps) => test(ps)?.sign ?? 0;
  } else return none('no-counts', 'the points have neither counts nor intervals (only values were published)');
  const full = test(points);
  if (!full) return none('no-variation', 'no variation to test (no events, or all events)', method);
  let direction: TrendDirection = 'no-significant-change';
  if (full.statistic > limit) {
    const sign = slopeSign(points);
    const stable = sign !== 0 && sign === full.sign && points.every((_, i) => slopeSign(points.filter((__, j) => j !== i)) === sign);
    if (stable) direction = sign > 0 ? 'increasing' : 'decreasing';
  }
  let judgement: TrendResult['judgement'] = null;
  if (polarity !== 'none' && (direction === 'increasing' || direction === 'decreasing')) {
    judgement = (direction === 'increasing') === (polarity === 'high-is-good') ? 'better' : 'worse';
  }
  return { direction, judgement, statistic: full.statistic, method, points: points.length, independentPoints, reasonCode: null, reason: null };
}

/**
 * Non-overlapping periods for a trend: from the latest period backwards, each period kept must end
 * before the one kept after it starts (3-year pools 2022–2024, 2019–2021, 2016–2018; the rolling
 * 2021–2023 and 2020–2022 share years with them and are skipped). Returned in time order.
 */
export function nonOverlapping<T extends { period: { from: number; to: number } }>(series: T[]): T[] {
  const sorted = [...series].sort((a, b) => a.period.to - b.period.to || a.period.from - b.period.from);
  const kept: T[] = [];
  let start = Number.POSITIVE_INFINITY;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const v = sorted[i]!;
    if (v.period.to < start) {
      kept.push(v);
      start = v.period.from;
    }
  }
  return kept.reverse();
}
