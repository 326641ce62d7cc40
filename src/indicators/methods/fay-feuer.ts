import { confidenceLevel, MethodInputError, type LevelOptions } from './errors.js';
import { gammaQuantile } from './quantiles.js';

export interface FayFeuerBand {
  count: number;
  population: number;
  /** Weight of the band in the standard population (any scale: the weights are normalised). */
  standard: number;
}

export interface FayFeuerResult {
  value: number;
  lower: number;
  upper: number;
  /** O = Σxᵢ and Σnᵢ, as the Dobson result gives them. */
  observed: number;
  population: number;
  /** Σxᵢ / Σnᵢ × multiplier (ageadjust.direct's `crude.rate`). */
  crudeRate: number;
  interval: 'fay-feuer';
}

/**
 * Directly standardised rate with Fay & Feuer's gamma interval, exactly as R's
 * `epitools::ageadjust.direct` (the function FHI's Norgeshelsa scripts call: khfunctions
 * misc/direct_stdz_jome.R, `ageadjust.direct(count=sumTELLER, pop=sumNEVNER, stdpop=popNEVNER)`).
 *
 *   wᵢ = stdpopᵢ / Σ stdpop;  DSR = Σ wᵢ·xᵢ/nᵢ;  V = Σ wᵢ²·xᵢ/nᵢ²;  wₘ = max(wᵢ/nᵢ)
 *   L = G⁻¹(α/2; shape DSR²/V, scale V/DSR)
 *   U = G⁻¹(1 − α/2; shape (DSR + wₘ)²/(V + wₘ²), scale (V + wₘ²)/(DSR + wₘ))
 *
 * G⁻¹ is the gamma quantile (R's qgamma); everything per person, then × multiplier. Unlike
 * PHE's Dobson DSR nothing is suppressed below 10 events (the gamma interval is made for few
 * events). With no events at all, DSR = V = 0: R gives NaN for the lower limit; Fay & Feuer's
 * limit is 0, which is returned, and U = wₘ·(−ln(α/2)). Input errors as `dsr`: a negative count,
 * a band with population ≤ 0, a negative weight, weights adding up to 0.
 * Reference: Fay MP, Feuer EJ (1997), Stat Med 16:791–801; epitools R/ageadjust.direct.R.
 * Expected values: the ageadjust.direct help example (Fleiss 1981 p. 249, "recreates Table 1
 * of Fay and Feuer, 1997"), see test/indicators/methods/fhi-conventions.test.ts.
 */
export function fayFeuer(bands: FayFeuerBand[], options: LevelOptions = {}): FayFeuerResult {
  const level = confidenceLevel(options.level, 'dsr');
  if (!Array.isArray(bands) || bands.length === 0) throw new MethodInputError('dsr: no age bands given');
  let sumStd = 0;
  bands.forEach((b, i) => {
    if (!(b.count >= 0)) throw new MethodInputError(`dsr: counts must all be 0 or more; band ${i} has ${b.count}`);
    if (!(b.population > 0)) throw new MethodInputError(`dsr: populations must all be above 0; band ${i} has ${b.population}`);
    if (!(b.standard >= 0)) throw new MethodInputError(`dsr: standard weights cannot be negative; band ${i} has ${b.standard}`);
    sumStd += b.standard;
  });
  if (sumStd <= 0) throw new MethodInputError('dsr: the standard weights add up to 0');
  let rate = 0;
  let variance = 0;
  let wm = 0;
  let observed = 0;
  let population = 0;
  for (const b of bands) {
    const w = b.standard / sumStd;
    rate += w * (b.count / b.population);
    variance += w * w * (b.count / (b.population * b.population));
    wm = Math.max(wm, w / b.population);
    observed += b.count;
    population += b.population;
  }
  const alpha = 1 - level;
  const lower = variance > 0 ? (variance / rate) * gammaQuantile(alpha / 2, (rate * rate) / variance) : 0;
  const vu = variance + wm * wm;
  const du = rate + wm;
  const upper = (vu / du) * gammaQuantile(1 - alpha / 2, (du * du) / vu);
  const m = options.multiplier ?? 1;
  return { value: rate * m, lower: lower * m, upper: upper * m, observed, population, crudeRate: (observed / population) * m, interval: 'fay-feuer' };
}
