import { isMissing, MethodInputError } from './errors.js';
import { normalCdf } from './quantiles.js';
import { referenceTest, type ReferenceTest } from './reference-test.js';

/**
 * FHI's barometer test `Chiang` (helseprofil/manual produksjon/khfunctions-access.qmd, table
 * FRISKVIK, `testtype`), for life expectancy: the area's life expectancy e with its standard
 * error by Chiang's method (`lifeExpectancyTable(...).rows[i].se`: Chiang II, Silcocks' last band)
 * against the national life expectancy e₀ taken as fixed:
 *
 *   z = (e − e₀) / SE(e);  P≤ = Φ(z), P≥ = 1 − Φ(z);  p = 2·min(P≤, P≥)
 *   significant when p < 1 − level, i.e. when e₀ lies outside e ∓ z₁₋α/₂·SE (the Chiang interval)
 *
 * Returns null without a value, a reference or a positive standard error.
 * Reference: Chiang CL (1984), The Life Table and its Applications; Silcocks, Jenner & Reza (2001).
 * Expected values: PHE's life expectancy test data e₀ = 80.1696 [79.8827, 80.4565] — the reference
 * at either limit gives p = 0.05.
 */
export function chiangTest(value: number | null | undefined, standardError: number | null | undefined, reference: number | null | undefined, options: { level?: number } = {}): ReferenceTest | null {
  if (isMissing(value) || isMissing(standardError) || isMissing(reference)) return null;
  if (standardError < 0) throw new MethodInputError(`chiangTest: the standard error cannot be negative, got ${standardError}`);
  if (standardError === 0) return null;
  const z = (value - reference) / standardError;
  return referenceTest('chiang', z, normalCdf(z), normalCdf(-z), z > 0, options.level);
}
