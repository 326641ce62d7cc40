import { confidenceLevel, isMissing, MethodInputError } from './errors.js';
import { studentTQuantile } from './student-t.js';

export interface MeanResult {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Σ values, number of values and their sample standard deviation (n − 1). */
  sum: number;
  count: number;
  sd: number | null;
}

/**
 * Mean of a set of values with a Student's t interval (PHEindicatormethods `phe_mean`).
 *
 *   x̄ = Σxᵢ / n;  s = √(Σ(xᵢ − x̄)² / (n − 1));  L, U = x̄ ∓ |t(α/2; n − 1)| · s / √n
 *
 * Needs at least one value; with one value the interval is not defined (null limits, as R's sd
 * gives NA). A missing value (null, NaN) is an input error, as in R where it makes the mean NA.
 * Expected values (PHE testdata_Mean, Area1, 8 values): 53.704345000000011
 * [36.168325241336504, 71.240364758663517] at 95 %.
 */
export function mean(values: readonly number[], options: { level?: number } = {}): MeanResult {
  const level = confidenceLevel(options.level, 'mean');
  if (!Array.isArray(values) || values.length === 0) throw new MethodInputError('mean: no values given');
  if (values.some((v) => typeof v !== 'number' || isMissing(v) || !Number.isFinite(v))) throw new MethodInputError('mean: every value must be a finite number');
  const count = values.length;
  const sum = values.reduce((s, v) => s + v, 0);
  const value = sum / count;
  if (count < 2) return { value, lower: null, upper: null, sum, count, sd: null };
  const ss = values.reduce((s, v) => s + (v - value) ** 2, 0);
  const sd = Math.sqrt(ss / (count - 1));
  const t = Math.abs(studentTQuantile((1 - level) / 2, count - 1));
  const half = (t * sd) / Math.sqrt(count);
  return { value, lower: value - half, upper: value + half, sum, count, sd };
}
