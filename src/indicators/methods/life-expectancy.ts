import { confidenceLevel, MethodInputError } from './errors.js';
import { zFor } from './quantiles.js';

export interface LifeTableBand {
  /** Deaths in the age band over the period. */
  deaths: number;
  /** Population (person-years) in the age band. */
  population: number;
}

export interface LifeExpectancyRow {
  /** Start age of the band. */
  age: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/** Why PHE sets every value of an area to null (PHE warns; it does not stop). */
export type LifeExpectancySuppression = 'negative-deaths' | 'population-not-positive' | 'not-20-bands' | 'deaths-above-population' | 'total-population-5000';

export interface LifeExpectancyTable {
  rows: (LifeExpectancyRow & { se: number | null; wideInterval: boolean })[];
  /** Set when every row is null because of the inputs. */
  suppressed: LifeExpectancySuppression | null;
}

export interface LifeExpectancyOptions {
  /** Confidence level, default 0.95 (0.9–1 or 90–100). */
  level?: number;
  /** Start ages of the bands; default PHE's 20 abridged bands 0, 1, 5, 10, …, 85, 90. */
  ages?: readonly number[];
}

/** PHE's 20 abridged bands: 0, 1–4, 5–9, …, 85–89, 90+. */
export const LIFE_TABLE_AGES: readonly number[] = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];

const BANDS = 20;

/**
 * Life expectancy at the start of each age band by Chiang's method II for abridged life tables,
 * with Silcocks' variance for the last, open band — exactly as PHEindicatormethods'
 * `phe_life_expectancy` (Chiang 1984; Silcocks, Jenner & Reza 2001, J Epidemiol Community Health
 * 55:38–43; PHE "Technical Guide: life expectancy").
 *
 * For band i with width nᵢ (the last: 2/Mᵢ), aᵢ = 0.1 at age 0 and 0.5 otherwise, Mᵢ = Dᵢ/Pᵢ:
 *   qᵢ = nᵢMᵢ / (1 + nᵢMᵢ(1 − aᵢ))  (1 when Dᵢ > Pᵢ/nᵢ/aᵢ);  l₀ = 100 000, lᵢ₊₁ = lᵢ(1 − qᵢ)
 *   dᵢ = lᵢ − lᵢ₊₁;  Lᵢ = nᵢ(lᵢ₊₁ + aᵢdᵢ), last L = l/M;  Tᵢ = Σ_{j≥i} Lⱼ;  eᵢ = Tᵢ/lᵢ
 *   var: s²ᵢ = qᵢ²(1 − qᵢ)/Dᵢ (0 when dᵢ = 0), last 4/(D·M²);
 *        Wᵢ = s²ᵢ lᵢ² ((1 − aᵢ)nᵢ + eᵢ₊₁)², last (l/2)² s²;  SE(eᵢ) = √(Σ_{j≥i} Wⱼ / lᵢ²)
 *   L, U = eᵢ ∓ z·SE(eᵢ)
 *
 * As PHE: every value is null (not an error) when a band has negative deaths, a population ≤ 0,
 * more deaths than population, when there are not 20 bands, or when the total population is
 * ≤ 5000; a value whose 95 % interval is wider than 20 years is null (its limits are kept, as in
 * PHE). Input errors (thrown): bands not matching the ages, ages not starting at 0 or not
 * ascending, a level outside 0.9–1 / 90–100. Expected values: PHE's test data (`df1`) give
 * e₀ = 80.1696 [79.8827, 80.4565].
 */
export function lifeExpectancyTable(bands: readonly LifeTableBand[], options: LifeExpectancyOptions = {}): LifeExpectancyTable {
  const level = confidenceLevel(options.level, 'lifeExpectancy');
  const ages = options.ages ?? LIFE_TABLE_AGES;
  if (!Array.isArray(bands)) throw new MethodInputError('lifeExpectancy: bands must be an array of { deaths, population }');
  if (ages[0] !== 0) throw new MethodInputError('lifeExpectancy: the first age band must start at 0');
  for (let i = 1; i < ages.length; i++) {
    if (!(ages[i]! > ages[i - 1]!)) throw new MethodInputError(`lifeExpectancy: the age bands must be in ascending order; ${ages[i]} follows ${ages[i - 1]}`);
  }
  if (bands.length !== ages.length) throw new MethodInputError(`lifeExpectancy: ${bands.length} bands given for ${ages.length} start ages; give one { deaths, population } per age band, in band order`);
  bands.forEach((b, i) => {
    if (!b || typeof b.deaths !== 'number' || typeof b.population !== 'number' || !Number.isFinite(b.deaths) || !Number.isFinite(b.population)) {
      throw new MethodInputError(`lifeExpectancy: band ${i} (age ${ages[i]}) needs numeric deaths and population`);
    }
  });
  const nulls = (suppressed: LifeExpectancySuppression): LifeExpectancyTable => ({ rows: ages.map((age) => ({ age, value: null, lower: null, upper: null, se: null, wideInterval: false })), suppressed });
  if (bands.some((b) => b.deaths < 0)) return nulls('negative-deaths');
  if (bands.some((b) => b.population <= 0)) return nulls('population-not-positive');
  if (bands.length !== BANDS) return nulls('not-20-bands');
  if (bands.some((b) => b.deaths > b.population)) return nulls('deaths-above-population');
  if (bands.reduce((s, b) => s + b.population, 0) <= 5000) return nulls('total-population-5000');

  const k = bands.length;
  const z = zFor(level);
  const z95 = zFor(0.95);
  const M = bands.map((b) => b.deaths / b.population);
  const a = ages.map((age) => (age === 0 ? 0.1 : 0.5));
  const n = ages.map((age, i) => (i < k - 1 ? ages[i + 1]! - age : 2 / M[i]!));
  const q = bands.map((b, i) => (b.deaths <= b.population / n[i]! / a[i]! ? (M[i]! * n[i]!) / (1 + M[i]! * n[i]! * (1 - a[i]!)) : 1));
  const l: number[] = [1e5];
  for (let i = 1; i < k; i++) l.push(l[i - 1]! * (1 - q[i - 1]!));
  const d = l.map((li, i) => li - (i < k - 1 ? l[i + 1]! : 0));
  const L = l.map((li, i) => (i < k - 1 ? n[i]! * (l[i + 1]! + a[i]! * d[i]!) : li / M[i]!));
  const T = new Array<number>(k);
  for (let i = k - 1, acc = 0; i >= 0; i--) T[i] = acc += L[i]!;
  const e = l.map((li, i) => (li === 0 ? 0 : T[i]! / li));
  const sp = bands.map((b, i) => (i === k - 1 ? 4 / (b.deaths * M[i]! ** 2) : d[i] === 0 ? 0 : (q[i]! ** 2 * (1 - q[i]!)) / b.deaths));
  const W = l.map((li, i) => (i < k - 1 ? sp[i]! * li ** 2 * ((1 - a[i]!) * n[i]! + e[i + 1]!) ** 2 : (li / 2) ** 2 * sp[i]!));
  const rows: LifeExpectancyTable['rows'] = [];
  for (let i = k - 1, acc = 0; i >= 0; i--) {
    acc += W[i]!;
    const se = Math.sqrt(acc / l[i]! ** 2);
    const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
    const wide = z95 * se > 10;
    rows.unshift({ age: ages[i]!, value: wide ? null : finite(e[i]!), lower: finite(e[i]! - z * se), upper: finite(e[i]! + z * se), se: finite(se), wideInterval: wide });
  }
  return { rows, suppressed: null };
}

/**
 * Life expectancy per start age, `{ age, value, lower, upper }` (see `lifeExpectancyTable` for the
 * method, the reference and PHE's rules). `bands` are `{ deaths, population }` in band order.
 */
export function lifeExpectancy(bands: readonly LifeTableBand[], options: LifeExpectancyOptions = {}): LifeExpectancyRow[] {
  return lifeExpectancyTable(bands, options).rows.map(({ age, value, lower, upper }) => ({ age, value, lower, upper }));
}
