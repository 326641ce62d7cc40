import { MethodInputError } from './errors.js';

export interface SiiResult {
  /** Slope index of inequality × multiplier. */
  sii: number;
  /** Relative index of inequality; inverted (1/RII) when the multiplier is negative, as PHE. */
  rii: number;
  /** β₀: the fitted value at the start of the ranking (rank 0), not multiplied. */
  intercept: number;
}

/**
 * Slope index of inequality (SII) and relative index of inequality (RII) over ordered groups
 * (quintiles, deciles …), from the least to the most deprived or as the grouping is ordered.
 * With population shares aᵢ and mid-ranks bᵢ = Σ_{j<i} aⱼ + aᵢ/2, fit
 *   √aᵢ·yᵢ = β₀√aᵢ + β₁·bᵢ√aᵢ   (least squares, no intercept);
 *   SII = multiplier·β₁, RII = (β₀ + β₁)/β₀ (its inverse when multiplier < 0), intercept = β₀.
 * Reference: Low & Low (2004); PHEindicatormethods `phe_sii` (without transform). Expected values
 * (PHE testdata_SII): the ten deciles of methods.md give SII 6.9346164736688189,
 * RII 1.0888180804446217, intercept 78.076630782316712.
 * Input errors as PHE: fewer than 5 or more than 100 groups, a group with population ≤ 0 or
 * missing, a missing value. A 3-group range is not an SII.
 */
export function sii(groups: { population: number; value: number; se?: number }[], options: { multiplier?: number } = {}): SiiResult {
  if (!Array.isArray(groups) || groups.length < 5) throw new MethodInputError(`sii: needs at least 5 ordered groups (quintiles or deciles), got ${Array.isArray(groups) ? groups.length : 0}; use the absolute and relative range for fewer groups`);
  if (groups.length > 100) throw new MethodInputError(`sii: the number of groups must be between 5 and 100, got ${groups.length}`);
  const multiplier = options.multiplier ?? 1;
  if (!Number.isFinite(multiplier) || multiplier === 0) throw new MethodInputError(`sii: the multiplier must be a number other than 0, got ${multiplier}`);
  groups.forEach((g, i) => {
    if (!(typeof g.population === 'number' && g.population > 0)) throw new MethodInputError(`sii: some groups have a zero, negative or missing population (group ${i + 1}: ${String(g.population)})`);
    if (!(typeof g.value === 'number' && Number.isFinite(g.value))) throw new MethodInputError(`sii: group ${i + 1} has no value`);
  });
  const total = groups.reduce((s, g) => s + g.population, 0);
  let cum = 0;
  // Normal equations for y ~ β₀ + β₁·b with weights a (the transformed model above).
  let s00 = 0;
  let s01 = 0;
  let s11 = 0;
  let t0 = 0;
  let t1 = 0;
  for (const g of groups) {
    const a = g.population / total;
    const b = cum + a / 2;
    cum += a;
    s00 += a;
    s01 += a * b;
    s11 += a * b * b;
    t0 += a * g.value;
    t1 += a * b * g.value;
  }
  const det = s00 * s11 - s01 * s01;
  const b1 = (s00 * t1 - s01 * t0) / det;
  const b0 = (t0 - b1 * s01) / s00;
  const rii = (b0 + b1) / b0;
  return { sii: multiplier * b1, rii: multiplier < 0 ? 1 / rii : rii, intercept: b0 };
}
