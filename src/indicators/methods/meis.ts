import { confidenceLevel, MethodInputError } from './errors.js';
import { poissonLimits } from './poisson.js';
import { smr, type SmrBand } from './smr.js';

export interface MeisOptions {
  /** Land's bands (same bands, same order): its crude rate is the level MEIS is expressed in. */
  land: SmrBand[];
  /** Scale of the result, as FHI's RATESKALA: 1000 for per 1000, 100 000 … Default 1. */
  multiplier?: number;
  /** Confidence level, default 0.95. */
  level?: number;
  /**
   * FHI's MEISskala for a fixed reference year (the reference's crude rate, per person): then
   * MEIS = O/E × reference, as khfunctions' "Specific" branch. Default: land's crude rate in the
   * same period, with the SMR scaled so that land is 100 (the "Moving" branch).
   */
  reference?: number;
}

export interface MeisResult {
  value: number | null;
  lower: number | null;
  upper: number | null;
  observed: number;
  expected: number;
  /** FHI's SMR (land = 100) behind the value. */
  smr: number | null;
  /** The level MEIS is scaled to, per person: land's crude rate or the given reference. */
  scale: number;
}

/**
 * MEIS, FHI's indirectly standardised rate ("MEIS: indirekte standardisert rate"), from age bands.
 *
 *   MEIS = SMR_FHI/100 × land's crude rate × multiplier
 *        = (O/E) / (O_land/E_land) × (Σ O_land / Σ N_land) × multiplier
 *
 * as khfunctions R/smr_meis_norm.R `do_adjust_smr_and_meis` (`smr <- 100 * (smr0 / normsmr)`;
 * `meis <- smr * norm / 100`, NORM = land's MALTALL, its crude RATE) and R/standardization.R
 * `add_meisskala` (`MEISskala := RATE` of the reference subset). For land itself MEIS is land's
 * crude rate. With `reference` (FHI's fixed reference year) MEIS = O/E × reference × multiplier
 * (`calculate_smr_and_meis`: `MEIS = sumTELLER / sumPREDTELLER * MEISskala`) and the SMR stays
 * land-scaled. FHI publishes no interval; the consistent one is the interval of O (exact below
 * 10 events, Byar from 10) carried through the same factors, land's figures taken as fixed.
 */
export function meis(bands: SmrBand[], options: MeisOptions): MeisResult {
  const land = options?.land;
  if (!Array.isArray(land) || land.length === 0) throw new MethodInputError('meis: land\'s bands are needed (the national crude rate sets the level of MEIS)');
  const level = confidenceLevel(options.level, 'meis');
  const m = options.multiplier ?? 1;
  const s = smr(bands, { land, level });
  if (options.reference !== undefined) {
    if (!(options.reference >= 0)) throw new MethodInputError(`meis: the reference rate cannot be negative, got ${options.reference}`);
    const { observed, expected } = s;
    if (!(expected > 0)) return { value: null, lower: null, upper: null, observed, expected, smr: s.value, scale: options.reference };
    const lim = poissonLimits(observed, { level });
    const at = (o: number) => (o / expected) * options.reference! * m;
    return { value: at(observed), lower: at(lim.lower), upper: at(lim.upper), observed, expected, smr: s.value, scale: options.reference };
  }
  // smr() has checked land's counts and populations.
  const population = land.reduce((sum, b) => sum + b.population, 0);
  if (!(population > 0)) throw new MethodInputError('meis: land has no population');
  const scale = land.reduce((sum, b) => sum + b.count, 0) / population;
  const at = (v: number | null) => (v === null ? null : (v / 100) * scale * m);
  return { value: at(s.value), lower: at(s.lower), upper: at(s.upper), observed: s.observed, expected: s.expected, smr: s.value, scale };
}
