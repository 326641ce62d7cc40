import { judge, type Polarity, type Verdict } from './compare.js';
import { confidenceLevel } from './errors.js';

/** FHI's `testtype` in the barometer's parameter table (helseprofil/manual khfunctions-access.qmd). */
export type BarometerTestType = 'chiang' | 'binomial' | 'poisson';

/**
 * A test of an area against a reference value taken as fixed (not estimated): the way FHI's
 * barometer tests a municipality against the national value of the same period.
 */
export interface ReferenceTest {
  method: BarometerTestType;
  /** Two-sided p-value: twice the smaller tail (equal-tailed), at most 1. */
  p: number;
  /** P(as low or lower) and P(as high or higher) under the reference. */
  pLower: number;
  pUpper: number;
  /** The test statistic: z for Chiang; the observed count for the exact tests. */
  statistic: number;
  level: number;
  significant: boolean;
  /** The area's direction when significant, otherwise 'similar'. */
  direction: 'higher' | 'lower' | 'similar';
}

/**
 * Builds the result of an equal-tailed two-sided test: significant when p = 2·min(P≤, P≥) < α.
 * For the exact tests this is the same as "the reference lies outside the area's exact
 * (Clopper–Pearson / Garwood) interval at the same level" — the rule of comparator 1 with an exact
 * interval.
 */
export function referenceTest(method: BarometerTestType, statistic: number, pLower: number, pUpper: number, estimateAbove: boolean, level: number | undefined): ReferenceTest {
  const lvl = confidenceLevel(level, method);
  const p = Math.min(1, 2 * Math.min(pLower, pUpper));
  const significant = p < 1 - lvl;
  return { method, p, pLower, pUpper, statistic, level: lvl, significant, direction: significant ? (estimateAbove ? 'higher' : 'lower') : 'similar' };
}

/** The verdict of a reference test with the indicator's polarity (better/worse, or higher/lower). */
export function referenceVerdict(test: ReferenceTest | null, polarity: Polarity): Verdict {
  return test === null ? 'not-tested' : judge(test.direction, polarity);
}
