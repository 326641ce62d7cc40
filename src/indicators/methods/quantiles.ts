import { gammaDensity, gammaP, gammaQ } from './gamma.js';

/**
 * Quantiles of the normal and χ² distributions, computed to full double precision by Newton/Halley
 * iteration on exact distribution functions (no rounded constants: z(0.975) = 1.959963984540054,
 * z(0.999) = 3.090232306167813). References: Φ(x) = ½·erfc(−x/√2) and erfc(y) = Q(½, y²)
 * (Abramowitz & Stegun 6.5.17, 7.1.2); the χ² quantile is twice the gamma quantile with shape k/2.
 */

/** Standard normal distribution function Φ(x). */
export function normalCdf(x: number): number {
  const q = 0.5 * gammaQ(0.5, (x * x) / 2); // = P(Z > |x|)
  return x >= 0 ? 1 - q : q;
}

/** Standard normal upper tail 1 − Φ(x), without cancellation for large x. */
function normalUpper(x: number): number {
  const q = 0.5 * gammaQ(0.5, (x * x) / 2);
  return x >= 0 ? q : 1 - q;
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** The normal quantile Φ⁻¹(p), 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`normalQuantile: p must be between 0 and 1, got ${p}`);
  }
  if (p === 0.5) return 0;
  // Work in the tail that p is in, so small probabilities keep their precision.
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  // Start: a tail approximation; then Newton on log-probabilities for quick, safe convergence.
  const t = Math.sqrt(-2 * Math.log(target));
  let x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  for (let i = 0; i < 100; i++) {
    const f = normalUpper(x) - target;
    const density = Math.exp((-x * x) / 2) / SQRT_2PI;
    const step = f / density; // d/dx (1 − Φ) = −φ
    // Halley's correction for the normal: f'' / f' = −x.
    const halley = step / (1 + (x * step) / 2);
    x += halley;
    if (Math.abs(halley) <= 1e-16 * Math.max(1, Math.abs(x))) break;
  }
  return upper ? x : -x;
}

/** The gamma quantile: x with P(a, x) = p, shape a > 0. */
export function gammaQuantile(p: number, a: number): number {
  if (!(a > 0)) throw new RangeError(`gammaQuantile: shape must be positive, got ${a}`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  if (!(p > 0 && p < 1)) throw new RangeError(`gammaQuantile: p must be between 0 and 1, got ${p}`);
  const useUpper = p > 0.5;
  const q = 1 - p;
  // Wilson–Hilferty start, or the small-x expansion P ≈ x^a / Γ(a + 1) where that fails.
  const z = normalQuantile(p);
  let x = a * Math.pow(1 - 1 / (9 * a) + z / (3 * Math.sqrt(a)), 3);
  if (!(x > 0) || x < 0.01 * a) x = Math.exp((Math.log(p) + lnGammaPlusOne(a)) / a);
  let lo = 0;
  let hi = Infinity;
  for (let i = 0; i < 200; i++) {
    const f = useUpper ? q - gammaQ(a, x) : gammaP(a, x) - p; // increasing in x
    if (f > 0) hi = Math.min(hi, x);
    else lo = Math.max(lo, x);
    const d = gammaDensity(a, x);
    let next = x;
    if (d > 0 && Number.isFinite(d)) {
      const step = f / d;
      // Halley: f''/f' = (a − 1)/x − 1 for the gamma density.
      const ratio = (a - 1) / x - 1;
      const denom = 1 - (step * ratio) / 2;
      next = x - (denom > 0.5 ? step / denom : step);
    }
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : Math.max(2 * x, lo * 2 + 1);
    if (Math.abs(next - x) <= 1e-15 * x) {
      x = next;
      break;
    }
    x = next;
  }
  return x;
}

function lnGammaPlusOne(a: number): number {
  // ln Γ(a + 1) via the recurrence, good for the small-x start only.
  let r = 0;
  let v = a + 1;
  while (v < 7) {
    r -= Math.log(v);
    v += 1;
  }
  return r + (v - 0.5) * Math.log(v) - v + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * v);
}

/** The χ² quantile with k degrees of freedom: χ²⁻¹(p; k) = 2 · gammaQuantile(p, k / 2). */
export function chiSquareQuantile(p: number, k: number): number {
  return 2 * gammaQuantile(p, k / 2);
}

/** Upper tail of χ² with k degrees of freedom: P(X > x). */
export function chiSquareUpper(x: number, k: number): number {
  return gammaQ(k / 2, x / 2);
}

/** z for a two-sided interval at this level: Φ⁻¹(1 − (1 − level)/2). */
export function zFor(level: number): number {
  let z = zCache.get(level);
  if (z === undefined) {
    if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1 (e.g. 0.95), got ${level}`);
    z = normalQuantile(1 - (1 - level) / 2);
    zCache.set(level, z);
  }
  return z;
}
const zCache = new Map<number, number>();
