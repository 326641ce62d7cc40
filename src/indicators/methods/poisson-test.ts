import { isMissing, MethodInputError } from './errors.js';
import { gammaP, gammaQ, lnGamma } from './gamma.js';
import { referenceTest, type ReferenceTest } from './reference-test.js';

/**
 * FHI's barometer test `poisson` (helseprofil/manual produksjon/khfunctions-access.qmd, table
 * FRISKVIK, `testtype`): the exact Poisson test of an observed count O against the count E
 * expected under the reference taken as fixed. For a crude rate E = sumNEVNER × land's rate (per
 * person); for an indirectly standardised rate (MEIS, SMR) E = sumPREDTELLER, the count predicted
 * from land's age-specific rates of the same period — FHI: "Alle statistiske tester … skal være mot
 * landstall samme år. Ved indirekte standardisering betyr dette at det trengs «predteller» basert
 * på de aldersspesifikke ratene på landsnivå samme år" (same file, `ekstrafil_loep`) — times land's
 * own O/E where that is not 1.
 *
 *   P≤ = P(X ≤ O) = Q(O + 1, E),  P≥ = P(X ≥ O) = P(O, E) (1 when O = 0),  X ~ Poisson(E)
 *   p = min(1, 2·min(P≤, P≥));  significant when p < 1 − level (two-sided)
 *
 * (P, Q the regularised incomplete gamma functions.) Equal-tailed, so significant exactly when E
 * lies outside the exact (Garwood) interval of O — the interval `poissonLimits` gives below 10
 * events. `pMinLikelihood` is R's `poisson.test` two-sided p-value (outcomes no more likely than
 * O), for integer O. FHI's own barometer script is not public.
 * Reference: Garwood (1936); Breslow & Day (1987) vol. II; R stats::poisson.test.
 * Expected values: O = 1 against E = 5.5716433909388979 (the exact 95 % upper limit of one event,
 * PHE's published 1 per 100 per 100 000 → 5571.6433909388979) gives P≤ = 0.025, p = 0.05.
 */
export function poissonTest(observed: number | null | undefined, expected: number | null | undefined, options: { level?: number } = {}): (ReferenceTest & { pMinLikelihood: number | null }) | null {
  if (isMissing(observed) || isMissing(expected)) return null;
  if (observed < 0) throw new MethodInputError(`poissonTest: the observed count cannot be negative, got ${observed}`);
  if (!(expected > 0)) throw new MethodInputError(`poissonTest: the expected count must be above 0, got ${expected}`);
  const pLower = gammaQ(observed + 1, expected);
  const pUpper = observed === 0 ? 1 : gammaP(observed, expected);
  const test = referenceTest('poisson', observed, pLower, pUpper, observed > expected, options.level);
  return { ...test, pMinLikelihood: Number.isInteger(observed) ? minLikelihood(observed, expected) : null };
}

/** Two-sided p by the minimum-likelihood rule, as R's poisson.test (relative tolerance 1e-7). */
function minLikelihood(x: number, m: number): number {
  const logPmf = (k: number) => k * Math.log(m) - m - lnGamma(k + 1);
  const d = logPmf(x) + Math.log1p(1e-7);
  const cdf = (k: number) => (k < 0 ? 0 : gammaQ(k + 1, m)); // P(X ≤ k)
  const sf = (k: number) => (k <= 0 ? 1 : gammaP(k, m)); // P(X ≥ k)
  if (x === m) return 1;
  if (x < m) {
    // The other tail: the smallest k ≥ ⌈m⌉ with pmf(k) ≤ pmf(x) (the pmf falls from the mode on).
    let lo = Math.ceil(m);
    let hi = Math.max(lo, Math.ceil(2 * m - x));
    while (logPmf(hi) > d) hi *= 2;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (logPmf(mid) <= d) hi = mid;
      else lo = mid + 1;
    }
    return Math.min(1, cdf(x) + sf(lo));
  }
  let lo = -1;
  let hi = Math.floor(m);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (logPmf(mid) <= d) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(1, cdf(lo) + sf(x));
}
