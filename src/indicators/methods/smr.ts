import { confidenceLevel, MethodInputError, type LevelOptions } from './errors.js';
import { poissonLimits } from './poisson.js';

export interface SmrBand {
  /** Observed events in the band. */
  count: number;
  /** Population of the area in the band. */
  population: number;
  /** The reference (national) rate in the band, per person (not per 1000). */
  referenceRate: number;
}

export interface SmrResult {
  observed: number;
  expected: number;
  /** 100 · O / E. */
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Indirectly standardised ratio (SMR), as behind FHI's MEIS.
 *
 *   E = Σ nᵢ·(reference rate)ᵢ;  SMR = 100·O/E;  limits = 100·(exact/Byar limits of O)/E
 *   MEIS = SMR/100 × the national level (see `meisFromSmr`)
 *
 * Reference: Breslow & Day (1987); PHEindicatormethods `phe_smr`; FHI's MEIS documentation.
 */
export function smr(bands: SmrBand[], options: Pick<LevelOptions, 'level'> = {}): SmrResult {
  if (bands.length === 0) throw new MethodInputError('smr: no bands given');
  let observed = 0;
  let expected = 0;
  for (const b of bands) {
    if (b.count < 0 || b.population < 0 || b.referenceRate < 0) throw new MethodInputError('smr: counts, populations and reference rates cannot be negative');
    observed += b.count;
    expected += b.population * b.referenceRate;
  }
  if (expected <= 0) return { observed, expected, value: null, lower: null, upper: null };
  const lim = poissonLimits(observed, { level: confidenceLevel(options.level, 'smr') });
  return { observed, expected, value: (100 * observed) / expected, lower: (100 * lim.lower) / expected, upper: (100 * lim.upper) / expected };
}

/**
 * Interval for an indirectly standardised level (MEIS) published with its observed count O:
 * MEIS is proportional to O (MEIS = O/E × national level), so its limits are MEIS × limit(O)/O.
 */
export function meisInterval(meis: number, observed: number, options: { level?: number } | number = {}): { value: number; lower: number; upper: number; method: 'exact' | 'byar' } | null {
  if (observed <= 0) return null;
  const lim = poissonLimits(observed, options);
  return { value: meis, lower: (meis * lim.lower) / observed, upper: (meis * lim.upper) / observed, method: lim.method };
}
