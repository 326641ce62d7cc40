import { normalCdf, normalQuantile } from './quantiles.js';
import type { IndicatorMeasureType } from '../catalogue.js';

/**
 * A value as the change tests read it: an engine's AreaValue or a results file's value (an
 * earlier edition's). Counts of a multi-year period are the period's sums (period-counts.ts).
 */
export interface ChangeValue {
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
  absent: { symbol: string; reason: string } | null;
}

/** Two-sided 5 % level and 80 % power: z₀.₉₇₅ + z₀.₈₀ = 1.960 + 0.842 = 2.802. */
export const ALPHA = 0.05;
export const POWER = 0.8;
const Z_ALPHA = normalQuantile(1 - ALPHA / 2);
const Z_BETA = normalQuantile(POWER);

export type ChangeMethod = 'two-proportions' | 'rate-ratio' | 'intervals' | 'gap';

export interface ChangeTest {
  method: ChangeMethod;
  /** Latest minus baseline, in the indicator's unit. */
  difference: number;
  z: number;
  /** Two-sided p-value. */
  p: number;
  significant: boolean;
  /**
   * The smallest change (in the indicator's unit) the test would detect with 80 % power at the
   * 5 % level, with the counts (or intervals) of the baseline and the latest value.
   */
  detectable: number;
}

export type ChangeOutcome = ChangeTest | { method: null; reason: 'no-counts' | 'absent' | 'no-value' };

function pValue(z: number): number {
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}

const hasCounts = (v: ChangeValue) => v.numerator !== null && v.denominator !== null && v.denominator > 0 && v.value !== null;
const hasEvents = (v: ChangeValue) => v.numerator !== null && v.numerator > 0 && v.value !== null;
const hasInterval = (v: ChangeValue) => v.value !== null && v.lower !== null && v.upper !== null && v.upper > v.lower;
/** Standard error from a 95 % interval, taken as symmetric and normal. */
const seFromInterval = (v: ChangeValue) => (v.upper! - v.lower!) / (2 * Z_ALPHA);
/** The unit's scale: 100 for per cent, 1000 for per 1000 … (value = scale × numerator / denominator). */
const scaleOf = (v: ChangeValue) => (v.numerator! > 0 ? v.value! / (v.numerator! / v.denominator!) : null);

/**
 * Is the change from `baseline` to `latest` statistically significant (two-sided, 5 %)?
 *
 * - Proportions with counts: the two-sample z-test for proportions with pooled variance,
 *   z = (p₂ − p₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)), p̄ = (x₁ + x₂)/(n₁ + n₂)
 *   (Altman 1991, Practical Statistics for Medical Research, § 10.7.2). Detectable change:
 *   (z₀.₉₇₅ + z₀.₈₀)·√(p₁(1 − p₁)(1/n₁ + 1/n₂)) (Fleiss, Levin & Paik 2003, ch. 4).
 * - Rates and indirectly standardised rates with event counts: the test of the log rate ratio,
 *   z = ln(R₂/R₁) / √(1/O₁ + 1/O₂), O the events (Breslow & Day 1987, vol. II, § 2.3 and 3.4).
 *   Detectable change: R₁·(1 − exp(−(z₀.₉₇₅ + z₀.₈₀)·√(1/O₁ + 1/O₂))) downwards (or the
 *   same upwards).
 * - Otherwise, when both values have a 95 % interval (directly standardised rates, means,
 *   published values with intervals): a z-test on the difference with standard errors from the
 *   intervals, se = (upper − lower)/(2·1.96) — an approximation that treats the intervals as
 *   normal and symmetric, and the two periods as independent.
 * Overlapping moving averages (2019–2021 and 2020–2022) share years: the test then overstates
 * the evidence, so baselines should not overlap the latest period.
 */
export function testChange<V extends ChangeValue>(baseline: V, latest: V, measureType: IndicatorMeasureType, direction: 'decrease' | 'increase' | null = null): ChangeOutcome {
  if (baseline.absent || latest.absent) return { method: null, reason: 'absent' };
  if (baseline.value === null || latest.value === null) return { method: null, reason: 'no-value' };
  const difference = latest.value - baseline.value;
  if (measureType === 'proportion' && hasCounts(baseline) && hasCounts(latest)) {
    const scale = scaleOf(latest) ?? scaleOf(baseline) ?? 100;
    const x1 = baseline.numerator!;
    const n1 = baseline.denominator!;
    const x2 = latest.numerator!;
    const n2 = latest.denominator!;
    const p1 = x1 / n1;
    const pooled = (x1 + x2) / (n1 + n2);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    const z = se > 0 ? (x2 / n2 - p1) / se : 0;
    const p1Var = p1 > 0 && p1 < 1 ? p1 : pooled;
    const detectable = scale * (Z_ALPHA + Z_BETA) * Math.sqrt(p1Var * (1 - p1Var) * (1 / n1 + 1 / n2));
    return { method: 'two-proportions', difference, z, p: se > 0 ? pValue(z) : 1, significant: se > 0 && pValue(z) < ALPHA, detectable };
  }
  // The log rate ratio needs the events and the values only: an indirectly standardised rate (MEIS,
  // O/E × land's level) has no denominator of its own, and its E is taken as fixed.
  if ((measureType === 'rate' || measureType === 'indirectly-standardised-rate') && hasEvents(baseline) && hasEvents(latest) && baseline.value > 0 && latest.value > 0) {
    const s = Math.sqrt(1 / baseline.numerator! + 1 / latest.numerator!);
    const z = Math.log(latest.value / baseline.value) / s;
    const k = (Z_ALPHA + Z_BETA) * s;
    const detectable = direction === 'increase' ? baseline.value * (Math.exp(k) - 1) : baseline.value * (1 - Math.exp(-k));
    return { method: 'rate-ratio', difference, z, p: pValue(z), significant: pValue(z) < ALPHA, detectable };
  }
  if (hasInterval(baseline) && hasInterval(latest)) {
    const se = Math.sqrt(seFromInterval(baseline) ** 2 + seFromInterval(latest) ** 2);
    const z = difference / se;
    return { method: 'intervals', difference, z, p: pValue(z), significant: pValue(z) < ALPHA, detectable: (Z_ALPHA + Z_BETA) * se };
  }
  return { method: null, reason: 'no-counts' };
}

/** Variance of one group's value, in the unit: from counts (proportions) or from the interval. */
function groupVariance(v: ChangeValue, measureType: IndicatorMeasureType): number | null {
  if (v.absent || v.value === null) return null;
  if (measureType === 'proportion' && hasCounts(v)) {
    const p = v.numerator! / v.denominator!;
    const scale = scaleOf(v) ?? 100;
    // A group with 0 % or 100 % still has sampling error: use ½ event (Agresti–Caffo style).
    const pp = p > 0 && p < 1 ? p : (v.numerator! + 0.5) / (v.denominator! + 1);
    return scale * scale * (pp * (1 - pp)) / v.denominator!;
  }
  if (hasInterval(v)) return seFromInterval(v) ** 2;
  return null;
}

/**
 * Equity goals: has the gap between two groups (worst minus best of the baseline's social
 * gradient) changed significantly? The gap's variance is the sum of the groups' variances
 * (independent samples); the change's variance the sum of the two gaps' variances:
 * z = (gap₂ − gap₁) / √(Var gap₁ + Var gap₂). Detectable change: (z₀.₉₇₅ + z₀.₈₀)·√(Var gap₁ + Var gap₂).
 */
export function testGapChange<V extends ChangeValue>(
  baseline: { worst: V; best: V },
  latest: { worst: V; best: V },
  measureType: IndicatorMeasureType,
): ChangeOutcome & { baselineGap?: number; latestGap?: number } {
  const all = [baseline.worst, baseline.best, latest.worst, latest.best];
  if (all.some((v) => v.absent)) return { method: null, reason: 'absent' };
  if (all.some((v) => v.value === null)) return { method: null, reason: 'no-value' };
  const variances = all.map((v) => groupVariance(v, measureType));
  const baselineGap = baseline.worst.value! - baseline.best.value!;
  const latestGap = latest.worst.value! - latest.best.value!;
  if (variances.some((x) => x === null)) return { method: null, reason: 'no-counts', baselineGap, latestGap };
  const se = Math.sqrt(variances.reduce((s, x) => s! + x!, 0)!);
  const difference = latestGap - baselineGap;
  const z = se > 0 ? difference / se : 0;
  return { method: 'gap', difference, z, p: se > 0 ? pValue(z) : 1, significant: se > 0 && pValue(z) < ALPHA, detectable: (Z_ALPHA + Z_BETA) * se, baselineGap, latestGap };
}
