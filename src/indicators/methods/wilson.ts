import { confidenceLevel, isMissing, MethodInputError, type Interval, type LevelOptions } from './errors.js';
import { zFor } from './quantiles.js';

/**
 * Proportion x/n with the Wilson score interval.
 *
 *   L, U = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))
 *
 * x may be non-integer (survey-weighted counts). Reference: Wilson (1927); PHEindicatormethods
 * `phe_proportion` (method "wilson"); Fingertips technical guidance. Expected values: 65/100 →
 * 0.65 [0.55254443296887967, 0.73635751756902468].
 * Throws MethodInputError for x < 0, n ≤ 0 or x > n; a missing x or n gives null values.
 */
export function wilson(x: number | null | undefined, n: number | null | undefined, options: LevelOptions = {}): Interval {
  if (isMissing(x) || isMissing(n)) return { value: null, lower: null, upper: null };
  if (n <= 0) throw new MethodInputError(`wilson: the denominator must be above 0, got ${n}`);
  if (x < 0) throw new MethodInputError(`wilson: the numerator cannot be negative, got ${x}`);
  if (x > n) throw new MethodInputError(`wilson: the numerator (${x}) cannot exceed the denominator (${n})`);
  const m = options.multiplier ?? 1;
  const z = zFor(confidenceLevel(options.level, 'wilson'));
  const z2 = z * z;
  const root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const denom = 2 * (n + z2);
  return { value: (x / n) * m, lower: ((2 * x + z2 - root) / denom) * m, upper: ((2 * x + z2 + root) / denom) * m };
}
