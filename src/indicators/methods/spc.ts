import { confidenceLevel, isMissing, MethodInputError } from './errors.js';
import { gammaQuantile, zFor } from './quantiles.js';

export type SpcMeasure = 'proportion' | 'rate';

export interface SpcOptions {
  /** Confidence level of the control limits: 0.95 (default) or 0.998, as Fingertips' two levels. */
  level?: number;
  /** Scale of value and benchmark: 100 for per cent, 100 000 per 100 000. Default 1. */
  multiplier?: number;
  /**
   * Which comparer: 'proportion' (SpcForProportionsComparer) or 'rate' (SpcForDsrComparer).
   * Default: 'proportion' when the multiplier is at most 100 and value and benchmark do not exceed
   * it (a share in fractions or per cent), otherwise 'rate'.
   */
  measure?: SpcMeasure;
}

export interface SpcLimits {
  lower: number;
  upper: number;
  measure: SpcMeasure;
}

/**
 * Control limits of a funnel plot around a fixed benchmark, as Fingertips' SPC comparers
 * (ukhsa-collaboration/fingertips-open, PholioVisualisationWS/Analysis/SpcForProportionsComparer.cs,
 * SpcForDsrComparer.cs, StatisticalMethods.cs), in the scale of the value (× multiplier).
 *
 * Proportions (comparator method "SPC for proportions"), P₀ = benchmark/multiplier, N = population
 * (the area's denominator), E = N·P₀, z = Φ⁻¹(1 − α/2):
 *   L, U = (2E + z² ∓ z·√(z² + 4E(1 − E/N))) / (2(N + z²))
 * i.e. the Wilson limits of E events out of N. Fingertips' tests use z = 1.96 and 3.0902; here z
 * is exact (1.959963984540054, 3.090232306167813).
 *
 * Rates and DSRs ("SPC for DSR"), N = population (Fingertips' Denominator2: the person-years, the
 * period's sum for pooled periods), E = benchmark·N/multiplier, the exact Poisson limits of a count
 * E — `PoisLow(E, α/2)` finds λ with P(K ≥ E | λ) = α/2, `PoisHigh(E, α/2)` λ with
 * P(K ≤ E | λ) = α/2, K integer — so
 *   L = G⁻¹(α/2; ⌈E⌉)/N × multiplier (0 when ⌈E⌉ = 0),  U = G⁻¹(1 − α/2; ⌊E⌋ + 1)/N × multiplier
 * with G⁻¹ the gamma quantile (Fingertips finds the same λ by bisection to 1e-7).
 * A population ≤ 0 or missing gives null (Fingertips: Significance.None).
 */
export function spcLimits(benchmark: number, population: number | null | undefined, options: SpcOptions & { value?: number } = {}): SpcLimits | null {
  if (isMissing(population) || !(population > 0) || isMissing(benchmark) || !Number.isFinite(benchmark)) return null;
  const level = confidenceLevel(options.level, 'compare');
  const m = options.multiplier ?? 1;
  if (!(m > 0)) throw new MethodInputError(`compare: the multiplier must be above 0, got ${m}`);
  const measure = options.measure ?? inferMeasure(benchmark, options.value, m);
  if (measure === 'proportion') {
    const p0 = benchmark / m;
    if (p0 < 0 || p0 > 1) throw new MethodInputError(`compare: a proportion's benchmark must be between 0 and ${m}, got ${benchmark}`);
    const z = zFor(level);
    const z2 = z * z;
    const e = population * p0;
    const root = z * Math.sqrt(z2 + 4 * e * (1 - e / population));
    const denom = 2 * (population + z2);
    return { lower: ((2 * e + z2 - root) / denom) * m, upper: ((2 * e + z2 + root) / denom) * m, measure };
  }
  if (benchmark < 0) throw new MethodInputError(`compare: a rate's benchmark cannot be negative, got ${benchmark}`);
  const alpha = 1 - level;
  const e = (benchmark * population) / m;
  const atLeast = Math.ceil(e);
  const lowerCount = atLeast === 0 ? 0 : gammaQuantile(alpha / 2, atLeast);
  const upperCount = gammaQuantile(1 - alpha / 2, Math.floor(e) + 1);
  return { lower: (lowerCount / population) * m, upper: (upperCount / population) * m, measure };
}

function inferMeasure(benchmark: number, value: number | undefined, m: number): SpcMeasure {
  const within = (v: number | undefined) => v === undefined || (v >= 0 && v <= m);
  return m <= 100 && within(benchmark) && within(value) ? 'proportion' : 'rate';
}

/**
 * The SPC comparison of an area's value with a fixed benchmark: higher when the value lies above
 * the upper control limit, lower when below the lower one, otherwise similar (Fingertips
 * `IndicatorComparer.GetSignificanceFromSDs`: strict inequalities).
 */
export function spcDirection(value: number, limits: SpcLimits): 'higher' | 'lower' | 'similar' {
  if (limits.upper < value) return 'higher';
  if (limits.lower > value) return 'lower';
  return 'similar';
}
