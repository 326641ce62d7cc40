import { confidenceLevel, MethodInputError, type LevelOptions } from './errors.js';
import { poissonLimits } from './poisson.js';

export interface SmrBand {
  /** Observed events in the band. */
  count: number;
  /** Population of the area in the band. */
  population: number;
  /**
   * The reference (national) rate in the band, per person (not per 1000). With `land` it may be
   * left out: the band then takes land's own rate in the same band (count / population).
   */
  referenceRate?: number;
}

export interface SmrResult {
  observed: number;
  /** E = Σ nᵢ·(reference rate)ᵢ, the textbook expected count (never rescaled). */
  expected: number;
  /** 100 · O / E; with `land`, FHI's 100 · (O/E) / (O_land/E_land). */
  value: number | null;
  lower: number | null;
  upper: number | null;
  /**
   * Only with `land`: land's own textbook ratio O_land/E_land, by which value and limits were
   * divided (1 when the reference rates are land's own rates in the same period).
   */
  landRatio?: number;
}

export interface SmrOptions extends Pick<LevelOptions, 'level'> {
  /**
   * Land's bands (same bands in the same order as the area's). Scales the SMR as FHI publishes
   * it, so that land itself is exactly 100 (khfunctions `do_adjust_smr_and_meis`).
   */
  land?: SmrBand[];
}

/**
 * Indirectly standardised ratio (SMR), as behind FHI's MEIS.
 *
 *   E = Σ nᵢ·(reference rate)ᵢ;  SMR = 100·O/E;  limits = 100·(exact/Byar limits of O)/E
 *
 * With `{ land }` the ratio is scaled as FHI publishes it: khfunctions (R/smr_meis_norm.R,
 * `do_adjust_smr_and_meis`) divides every SMR by land's, "slik at NORM (landet) alltid har
 * SMR=100" (`smr <- 100 * (smr0 / normsmr)`; with a fixed reference year `SMR = MEIS / lopendeMEISref
 * * 100`, the same ratio). So
 *
 *   SMR_FHI = 100 · (O/E) / (O_land/E_land),  E_land = Σ n_land,i·(reference rate)ᵢ
 *
 * and `smr(landBands, { land: landBands }).value` is exactly 100. Reference rates left out take
 * land's rate in the same band (`estimate_predrate`: PREDRATE = TELLER/NEVNER of the standard,
 * `estimate_predteller`: PREDTELLER = PREDRATE · PREDNEVNER). FHI publishes no interval for SMR
 * or MEIS; the consistent one treats land's ratio as fixed (as FHI's barometer tests a
 * municipality against the national value as fixed): limits = 100·(limits of O)/E / (O_land/E_land).
 *
 * Reference: Breslow & Day (1987); PHEindicatormethods `phe_smr`; helseprofil/khfunctions
 * R/standardization.R and R/smr_meis_norm.R.
 */
export function smr(bands: SmrBand[], options: SmrOptions = {}): SmrResult {
  if (!Array.isArray(bands) || bands.length === 0) throw new MethodInputError('smr: no bands given');
  const land = options.land;
  if (land !== undefined && (!Array.isArray(land) || land.length !== bands.length)) {
    throw new MethodInputError(`smr: land must have the same bands as the area (${bands.length}), got ${Array.isArray(land) ? land.length : 'none'}`);
  }
  const { observed, expected } = observedExpected(bands, land);
  if (expected <= 0) return { observed, expected, value: null, lower: null, upper: null };
  const lim = poissonLimits(observed, { level: confidenceLevel(options.level, 'smr') });
  if (land === undefined) {
    return { observed, expected, value: (100 * observed) / expected, lower: (100 * lim.lower) / expected, upper: (100 * lim.upper) / expected };
  }
  const landOE = observedExpected(land, land);
  if (!(landOE.expected > 0) || !(landOE.observed > 0)) throw new MethodInputError('smr: land has no events or no expected events, so FHI\'s scaling is not defined');
  // The ratio r / r_land, with r computed the same way for area and land: for land itself r and
  // r_land are the same number, and the result is exactly 100.
  const landRatio = landOE.observed / landOE.expected;
  const scaled = (o: number) => 100 * (o / expected / landRatio);
  return { observed, expected, value: scaled(observed), lower: scaled(lim.lower), upper: scaled(lim.upper), landRatio };
}

/** O = Σ count and E = Σ population · rate, the rate being the band's own or land's in the same band. */
export function observedExpected(bands: SmrBand[], land?: SmrBand[]): { observed: number; expected: number } {
  let observed = 0;
  let expected = 0;
  bands.forEach((b, i) => {
    const rate = b.referenceRate ?? landRate(land, i);
    if (b.count < 0 || b.population < 0 || rate < 0) throw new MethodInputError('smr: counts, populations and reference rates cannot be negative');
    observed += b.count;
    expected += b.population * rate;
  });
  return { observed, expected };
}

function landRate(land: SmrBand[] | undefined, i: number): number {
  const l = land?.[i];
  if (l === undefined) throw new MethodInputError(`smr: band ${i} has no reference rate (give referenceRate, or land's bands)`);
  if (l.referenceRate !== undefined) return l.referenceRate;
  // Land's own crude rate in the band; a band without population has no events to expect.
  return l.population > 0 ? l.count / l.population : 0;
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
