import { MethodInputError, type Interval, type LevelOptions } from './errors.js';
import { poissonLimits } from './poisson.js';

export interface DsrBand {
  /** Events in the age band. */
  count: number;
  /** Population (person-years) in the age band. */
  population: number;
  /** Weight of the band in the standard population. */
  standard: number;
}

/**
 * Directly standardised rate with Dobson's interval.
 *
 *   DSR = Σ(xᵢwᵢ/nᵢ) / Σwᵢ;  var = Σ(xᵢ(wᵢ/nᵢ)²) / (Σwᵢ)²;  O = Σxᵢ
 *   L, U = DSR + √(var/O) · (Byar_L,U(O) − O)   (exact limits below 10 events)
 *
 * Suppressed (null) when O < 10, as Fingertips and FHI do. Reference: Dobson et al. (1991),
 * Stat Med 10:457–62; PHEindicatormethods `phe_dsr`.
 */
export function dsr(bands: DsrBand[], options: LevelOptions = {}): Interval | null {
  if (bands.length === 0) throw new MethodInputError('dsr: no age bands given');
  let sumW = 0;
  let rate = 0;
  let variance = 0;
  let observed = 0;
  for (const b of bands) {
    if (b.count < 0) throw new MethodInputError(`dsr: a count cannot be negative, got ${b.count}`);
    if (b.standard < 0) throw new MethodInputError(`dsr: a standard weight cannot be negative, got ${b.standard}`);
    if (b.population <= 0) {
      if (b.count > 0) throw new MethodInputError(`dsr: an age band has ${b.count} events but no population`);
      sumW += b.standard;
      continue;
    }
    sumW += b.standard;
    rate += (b.count * b.standard) / b.population;
    variance += b.count * (b.standard / b.population) ** 2;
    observed += b.count;
  }
  if (sumW <= 0) throw new MethodInputError('dsr: the standard weights add up to 0');
  if (observed < 10) return null;
  const m = options.multiplier ?? 1;
  const value = rate / sumW;
  const v = variance / (sumW * sumW);
  const lim = poissonLimits(observed, options.level ?? 0.95);
  const f = Math.sqrt(v / observed);
  return { value: value * m, lower: (value + f * (lim.lower - observed)) * m, upper: (value + f * (lim.upper - observed)) * m };
}
