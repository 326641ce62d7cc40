import { confidenceLevel, MethodInputError, type LevelOptions } from './errors.js';
import { fayFeuer, type FayFeuerResult } from './fay-feuer.js';
import { poissonLimits } from './poisson.js';

export interface DsrBand {
  /** Events in the age band. */
  count: number;
  /** Population (person-years) in the age band. */
  population: number;
  /** Weight of the band in the standard population. */
  standard: number;
}

export interface DsrOptions extends LevelOptions {
  /**
   * The interval: 'dobson' (default; PHE's `phe_dsr`) or 'fay-feuer' (Fay & Feuer's gamma
   * interval as R's `epitools::ageadjust.direct`, which FHI's Norgeshelsa uses; see `fayFeuer`).
   */
  interval?: 'dobson' | 'fay-feuer';
}

export interface DsrResult {
  /** Null (with the limits) below 10 events. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** O = Σxᵢ, always given (PHE's total_count). */
  observed: number;
  /** Σnᵢ (PHE's total_pop). */
  population: number;
}

/**
 * Directly standardised rate with Dobson's interval.
 *
 *   DSR = Σ(xᵢwᵢ/nᵢ) / Σwᵢ;  var = Σ(xᵢ(wᵢ/nᵢ)²) / (Σwᵢ)²;  O = Σxᵢ
 *   L, U = DSR + √(var/O) · (Byar_L,U(O) − O)   (exact limits below 10 events)
 *
 * Below 10 events value and limits are null, with the observed count given ("dsr NA for total
 * count < 10" in PHE). Input errors as PHE: a negative count, a band with population ≤ 0, a negative
 * standard weight. Reference: Dobson et al. (1991), Stat Med 10:457–62; PHEindicatormethods
 * `phe_dsr`. Expected values (PHE testdata_big, per 100 000): 10430.247991469423
 * [9717.709067985681, 11178.94091547925].
 * With `{ interval: 'fay-feuer' }` the rate gets Fay & Feuer's gamma interval instead (`fayFeuer`:
 * no suppression below 10 events, `crudeRate` and `interval` added to the result).
 */
export function dsr(bands: DsrBand[], options: DsrOptions & { interval: 'fay-feuer' }): FayFeuerResult;
export function dsr(bands: DsrBand[], options?: DsrOptions): DsrResult;
export function dsr(bands: DsrBand[], options: DsrOptions = {}): DsrResult | FayFeuerResult {
  if (options.interval === 'fay-feuer') return fayFeuer(bands, options);
  if (options.interval !== undefined && options.interval !== 'dobson') throw new MethodInputError(`dsr: the interval must be 'dobson' or 'fay-feuer', got ${String(options.interval)}`);
  const level = confidenceLevel(options.level, 'dsr');
  if (!Array.isArray(bands) || bands.length === 0) throw new MethodInputError('dsr: no age bands given');
  let sumW = 0;
  let rate = 0;
  let variance = 0;
  let observed = 0;
  let population = 0;
  bands.forEach((b, i) => {
    if (!(b.count >= 0)) throw new MethodInputError(`dsr: counts must all be 0 or more; band ${i} has ${b.count}`);
    if (!(b.population > 0)) throw new MethodInputError(`dsr: populations must all be above 0; band ${i} has ${b.population}`);
    if (!(b.standard >= 0)) throw new MethodInputError(`dsr: standard weights cannot be negative; band ${i} has ${b.standard}`);
    sumW += b.standard;
    rate += (b.count * b.standard) / b.population;
    variance += b.count * (b.standard / b.population) ** 2;
    observed += b.count;
    population += b.population;
  });
  if (sumW <= 0) throw new MethodInputError('dsr: the standard weights add up to 0');
  if (observed < 10) return { value: null, lower: null, upper: null, observed, population };
  const m = options.multiplier ?? 1;
  const value = rate / sumW;
  const v = variance / (sumW * sumW);
  const lim = poissonLimits(observed, { level });
  const f = Math.sqrt(v / observed);
  return { value: value * m, lower: (value + f * (lim.lower - observed)) * m, upper: (value + f * (lim.upper - observed)) * m, observed, population };
}
