import { lnGamma } from './gamma.js';

/**
 * Student's t distribution: the regularised incomplete beta function I_x(a, b) (Lentz's continued
 * fraction, Numerical Recipes 3rd ed. § 6.4) and the t quantile found by safeguarded Newton
 * iteration on the exact distribution function (closed forms for 1 and 2 degrees of freedom).
 */
export function betaRegularised(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The continued fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaFraction(1 - x, b, a)) / b;
}

const TINY = 1e-300;

function betaFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Upper tail P(T > t) of Student's t with df degrees of freedom, for t ≥ 0. */
function tUpper(t: number, df: number): number {
  return 0.5 * betaRegularised(df / (df + t * t), df / 2, 0.5);
}

function tDensity(t: number, df: number): number {
  return Math.exp(lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The quantile of Student's t distribution with df > 0 degrees of freedom: t with P(T ≤ t) = p. */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTQuantile: degrees of freedom must be positive, got ${df}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be between 0 and 1, got ${p}`);
  if (p === 0.5) return 0;
  const sign = p > 0.5 ? 1 : -1;
  const q = p > 0.5 ? 1 - p : p; // upper-tail probability of |t|
  if (df === 1) return sign * Math.tan(Math.PI * (0.5 - q));
  if (df === 2) return (sign * (1 - 2 * q)) / Math.sqrt(2 * q * (1 - q));
  // Bracket, then Newton with bisection as a safeguard.
  let lo = 0;
  let hi = 1;
  while (tUpper(hi, df) > q) hi *= 2;
  let t = (lo + hi) / 2;
  for (let i = 0; i < 300; i++) {
    const f = tUpper(t, df) - q; // decreasing in t
    if (f > 0) lo = t;
    else hi = t;
    const next = t + f / tDensity(t, df);
    const x = next > lo && next < hi ? next : (lo + hi) / 2;
    if (Math.abs(x - t) <= 1e-16 * Math.max(1, t)) {
      t = x;
      break;
    }
    t = x;
  }
  return sign * t;
}
