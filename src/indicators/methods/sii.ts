import { MethodInputError } from './errors.js';

/**
 * Slope index of inequality (SII) and relative index of inequality (RII) over ordered groups
 * (quintiles, deciles …), from the least to the most deprived or as the grouping is ordered.
 * With population shares aᵢ and mid-ranks bᵢ = Σ_{j<i} aⱼ + aᵢ/2, fit
 *   √aᵢ·yᵢ = β₀√aᵢ + β₁·bᵢ√aᵢ   (least squares, no intercept);  SII = β₁, RII = (β₀ + β₁)/β₀.
 * Reference: Low & Low (2004); PHEindicatormethods `phe_sii`. Expected values (methods.md): the
 * ten deciles there give SII 6.9346164736688189, RII 1.0888180804446217.
 * Needs at least 5 groups: a 3-group range is not an SII.
 */
export function sii(groups: { population: number; value: number; se?: number }[]): { sii: number; rii: number } {
  if (groups.length < 5) throw new MethodInputError(`sii: needs at least 5 ordered groups (quintiles or deciles), got ${groups.length}; use the absolute and relative range for fewer groups`);
  const total = groups.reduce((s, g) => s + g.population, 0);
  if (!(total > 0)) throw new MethodInputError('sii: the group populations add up to 0');
  let cum = 0;
  // Normal equations for y ~ β₀ + β₁·b with weights a (the transformed model above).
  let s00 = 0;
  let s01 = 0;
  let s11 = 0;
  let t0 = 0;
  let t1 = 0;
  for (const g of groups) {
    if (g.population < 0) throw new MethodInputError('sii: a population cannot be negative');
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
  return { sii: b1, rii: (b0 + b1) / b0 };
}
