import { confidenceLevel, isMissing, MethodInputError, type Interval, type LevelOptions } from './errors.js';
import { gammaQuantile, zFor } from './quantiles.js';

export interface CountLimits {
  lower: number;
  upper: number;
  method: 'exact' | 'byar';
}

/**
 * Confidence limits for a Poisson count x: exact below 10 events, Byar's approximation from 10.
 *
 *   exact: L = χ²⁻¹(α/2; 2x)/2 (0 when x = 0), U = χ²⁻¹(1 − α/2; 2x + 2)/2
 *   Byar:  L = x(1 − 1/(9x) − z/(3√x))³,  U = (x + 1)(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³
 *
 * Reference: Breslow & Day (1987) vol. II; PHEindicatormethods `byars_lower`/`byars_upper` and
 * `phe_rate`. χ²⁻¹(p; 2x)/2 is the gamma quantile with shape x.
 */
export function poissonLimits(x: number, options: { level?: number } | number = {}): CountLimits {
  // A bare number is the level (older call sites); new code passes { level }.
  const level = confidenceLevel(typeof options === 'number' ? options : options.level, 'poisson');
  if (!(x >= 0)) throw new MethodInputError(`poisson: the count cannot be negative, got ${x}`);
  const alpha = 1 - level;
  if (x < 10) {
    return { lower: x === 0 ? 0 : gammaQuantile(alpha / 2, x), upper: gammaQuantile(1 - alpha / 2, x + 1), method: 'exact' };
  }
  const z = zFor(level);
  const lower = x * Math.pow(1 - 1 / (9 * x) - z / (3 * Math.sqrt(x)), 3);
  const x1 = x + 1;
  const upper = x1 * Math.pow(1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1)), 3);
  return { lower, upper, method: 'byar' };
}

export interface RateResult extends Interval {
  method: 'exact' | 'byar' | null;
}

/**
 * A crude rate x / n × multiplier with exact (x < 10) or Byar (x ≥ 10) limits.
 * Expected values: 222 per 3215 per 100 000 → 6905.1321928460338 [6026.5748776526743,
 * 7875.7293708718507]; 1 per 100 per 100 000 → 1000 [25.317807984289896, 5571.6433909388979].
 */
export function poissonRate(x: number | null | undefined, n: number | null | undefined, options: LevelOptions = {}): RateResult {
  if (isMissing(x) || isMissing(n)) return { value: null, lower: null, upper: null, method: null };
  if (n <= 0) throw new MethodInputError(`poissonRate: the denominator must be above 0, got ${n}`);
  const m = options.multiplier ?? 1;
  if (x < 0) throw new MethodInputError(`poissonRate: the numerator cannot be negative, got ${x}`);
  const lim = poissonLimits(x, { level: options.level });
  return { value: (x / n) * m, lower: (lim.lower / n) * m, upper: (lim.upper / n) * m, method: lim.method };
}
