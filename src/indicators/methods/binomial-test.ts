import { isMissing, MethodInputError } from './errors.js';
import { lnGamma } from './gamma.js';
import { referenceTest, type ReferenceTest } from './reference-test.js';
import { betaRegularised } from './student-t.js';

/**
 * FHI's barometer test `binomial` (helseprofil/manual produksjon/khfunctions-access.qmd, table
 * FRISKVIK: "testtype Hvilken statistisk test? Chiang, binomial, poisson"): the exact binomial test
 * of x events out of n against the reference proportion p₀ taken as fixed — for a share, x =
 * sumTELLER, n = sumNEVNER (the period's sums, FHI's profile files carry them) and p₀ = land's
 * RATE / multiplier in the same period.
 *
 *   P≤ = P(X ≤ x) = I₁₋ₚ₀(n − x, x + 1),  P≥ = P(X ≥ x) = Iₚ₀(x, n − x + 1),  X ~ Bin(n, p₀)
 *   p = min(1, 2·min(P≤, P≥));  significant when p < 1 − level (two-sided)
 *
 * (I the regularised incomplete beta function; non-integer x, e.g. survey-weighted counts, use its
 * continuous extension.) Equal-tailed, so significant exactly when p₀ lies outside the area's
 * Clopper–Pearson interval. `pMinLikelihood` is the other common two-sided p-value — the sum of the
 * probabilities of all outcomes no more likely than x (Stata's `bitest`, R's `binom.test`) —
 * for integer x. FHI's own barometer script is not public; which of the two it uses is not known.
 * Reference: Clopper & Pearson (1934); Stata [R] bitest; R stats::binom.test.
 * Expected values: Stata's manual, `bitesti 10 3 .5`: Pr(k ≥ 3) = 0.945313, Pr(k ≤ 3) = 0.171875,
 * two-sided 0.343750; R's `binom.test(682, 925, p = 3/4)`: p-value = 0.3825, 95 % CI 0.7076683–0.7654066.
 */
export function binomialTest(x: number | null | undefined, n: number | null | undefined, p0: number | null | undefined, options: { level?: number } = {}): (ReferenceTest & { pMinLikelihood: number | null }) | null {
  if (isMissing(x) || isMissing(n) || isMissing(p0)) return null;
  if (!(n > 0)) throw new MethodInputError(`binomialTest: n must be above 0, got ${n}`);
  if (x < 0 || x > n) throw new MethodInputError(`binomialTest: x must be between 0 and n (${n}), got ${x}`);
  if (p0 < 0 || p0 > 1) throw new MethodInputError(`binomialTest: the reference proportion must be between 0 and 1, got ${p0}`);
  const pLower = x >= n ? 1 : betaRegularised(1 - p0, n - x, x + 1);
  const pUpper = x <= 0 ? 1 : betaRegularised(p0, x, n - x + 1);
  const test = referenceTest('binomial', x, pLower, pUpper, x / n > p0, options.level);
  return { ...test, pMinLikelihood: Number.isInteger(x) && Number.isInteger(n) ? minLikelihood(x, n, p0) : null };
}

/** Two-sided p by the minimum-likelihood rule, as R's binom.test (relative tolerance 1e-7). */
function minLikelihood(x: number, n: number, p0: number): number {
  if (p0 === 0) return x === 0 ? 1 : 0;
  if (p0 === 1) return x === n ? 1 : 0;
  const logPmf = (k: number) => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + k * Math.log(p0) + (n - k) * Math.log1p(-p0);
  const d = logPmf(x) + Math.log1p(1e-7);
  const m = n * p0;
  const cdf = (k: number) => (k < 0 ? 0 : k >= n ? 1 : betaRegularised(1 - p0, n - k, k + 1)); // P(X ≤ k)
  const sf = (k: number) => (k <= 0 ? 1 : k > n ? 0 : betaRegularised(p0, k, n - k + 1)); // P(X ≥ k)
  if (x === m) return 1;
  if (x < m) {
    // The other tail: the smallest k ≥ ⌈m⌉ with pmf(k) ≤ pmf(x); the pmf falls from the mode on.
    let lo = Math.ceil(m);
    let hi = n + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (logPmf(mid) <= d) hi = mid;
      else lo = mid + 1;
    }
    return Math.min(1, cdf(x) + sf(lo));
  }
  // x > m: the largest k ≤ ⌊m⌋ with pmf(k) ≤ pmf(x).
  let lo = -1;
  let hi = Math.floor(m);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (logPmf(mid) <= d) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(1, cdf(lo) + sf(x));
}
