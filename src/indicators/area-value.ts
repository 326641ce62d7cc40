import type { Geography, Observation, Period } from '../model/observation.js';
import type { Indicator } from './catalogue.js';
import { dsr } from './methods/dsr.js';
import { lifeExpectancyTable } from './methods/life-expectancy.js';
import { MethodInputError } from './methods/errors.js';
import { poissonRate } from './methods/poisson.js';
import { meisInterval } from './methods/smr.js';
import { primarySuppression, type SuppressionLimits } from './methods/suppression.js';
import { wilson } from './methods/wilson.js';
import { periodCounts } from './period-counts.js';
import type { AbsentReason, AreaValue, CountBasis } from './result.js';

const SUPPRESSED = ':';

/** An area value with nothing in it but why. */
export function absentValue(geo: Geography, period: Period, symbol: string, reason: AbsentReason, origins: AreaValue['origins']): AreaValue {
  return { geo, period, value: null, lower: null, upper: null, numerator: null, denominator: null, method: null, counts: null, absent: { symbol, reason }, origins };
}

/** Withholds a computed value (suppression): keeps only where it came from. */
export function withhold(v: AreaValue, reason: AbsentReason): AreaValue {
  return absentValue(v.geo, v.period, SUPPRESSED, reason, v.origins);
}

/**
 * The value of an indicator for one area and period, with its interval by the indicator's method,
 * and primary suppression applied: a value resting on few cases is returned absent.
 * Proportions: Wilson; rates: exact/Byar; FHI's MEIS: exact/Byar of the observed count; directly
 * standardised rates: Dobson over the age bands; life expectancy from deaths and population by age:
 * Chiang II (PHE); shares of a few units (`sampling: 'units'`): the share without an interval;
 * everything without counts: as published.
 */
export function areaValue(ind: Indicator, geo: Geography, period: Period, observations: Observation[], limits: SuppressionLimits, level = 0.95): AreaValue {
  if (ind.measureType === 'directly-standardised-rate') return directlyStandardised(ind, geo, period, observations, limits, level);
  if (ind.measureType === 'life-expectancy') return lifeExpectancyValue(ind, geo, period, observations, limits, level);
  const o = observations[0]!;
  const origins = observations.length === 1 ? [o.origin] : observations.map((x) => x.origin);
  if (o.missing) return absentValue(geo, period, o.missing.symbol, o.missing.reason, origins);
  const m = ind.multiplier ?? 1;
  // The period's sums (FHI's yearly averages × years): every interval, test and limit rests on them.
  const { numerator: x, denominator: n, counts } = periodCounts(ind, o);
  // Proportions use every rule (few cases, everyone but a few, small groups); counts over a
  // population (rates, MEIS) only few cases and a tiny population.
  // A rate or share published with its denominator but not its count gives the count away
  // (0.4 % of 500 is 2): the rule applies to that count. A group size (n) under the limit is
  // hidden like a count, whatever the measure.
  const count = x ?? derivedCount(ind, o.value, n);
  const primary =
    (ind.measureType === 'proportion' ? primarySuppression(count, n, limits) : primarySuppression(count, null, limits)) ??
    (n !== null && n <= Math.max(limits.denominator, limits.numerator) ? 'primary' : null);
  if (primary) return absentValue(geo, period, SUPPRESSED, 'primary-suppression', origins);
  // Explicit literals, not spreads: this runs for every area, period and group of a national run.
  const make = (value: number | null, lower: number | null, upper: number | null, method: AreaValue['method']): AreaValue => ({ geo, period, value, lower, upper, numerator: x, denominator: n, method, counts, absent: null, origins });
  // Waterworks, schools: not a sample of persons, so no interval (and no test downstream).
  if (ind.sampling === 'units' || ind.sampling === 'projection') {
    const share = x !== null && n !== null && n > 0 && (ind.measureType === 'proportion' || ind.measureType === 'rate') ? (x / n) * m : o.value;
    return make(share, null, null, 'as-published');
  }
  try {
    switch (ind.measureType) {
      case 'proportion':
        if (x !== null && n !== null && n > 0) {
          const w = wilson(x, n, { multiplier: m, level });
          return make(w.value, w.lower, w.upper, 'wilson');
        }
        break;
      case 'rate':
        if (x !== null && n !== null && n > 0) {
          const r = poissonRate(x, n, { multiplier: m, level });
          return make(r.value, r.lower, r.upper, r.method);
        }
        // A standardised rate with its observed count but no population (FHI's "per 1000,
        // standardisert" with "antall"): FHI's MEIS, whose interval comes from the count.
        if (x !== null && x > 0 && n === null && o.value !== null && o.standardisation !== 'none') {
          const r = meisInterval(o.value, x, { level })!;
          return make(r.value, r.lower, r.upper, r.method);
        }
        break;
      case 'indirectly-standardised-rate':
        if (x !== null && x > 0 && o.value !== null) {
          const r = meisInterval(o.value, x, { level })!;
          return make(r.value, r.lower, r.upper, r.method);
        }
        break;
      default:
        break;
    }
  } catch (e) {
    if (!(e instanceof MethodInputError)) throw e;
  }
  return make(o.value, null, null, 'as-published');
}

function directlyStandardised(ind: Indicator, geo: Geography, period: Period, observations: Observation[], limits: SuppressionLimits, level: number): AreaValue {
  const origins = observations.map((o) => o.origin);
  const bands = ind.standard!.bands;
  const byAge = new Map(observations.map((o) => [o.age?.code, o]));
  const missingBand = bands.find((b) => !byAge.has(b.age));
  if (missingBand) return absentValue(geo, period, '..', 'missing', origins);
  const input = [];
  let counts: CountBasis | null = null;
  for (const b of bands) {
    const o = byAge.get(b.age)!;
    if (o.missing) return absentValue(geo, period, o.missing.symbol === ':' ? ':' : o.missing.symbol, o.missing.reason, origins);
    const c = periodCounts(ind, o);
    if (c.numerator === null || c.denominator === null) return absentValue(geo, period, '..', 'missing', origins);
    input.push({ count: c.numerator, population: c.denominator, standard: b.weight });
    counts = c.counts;
  }
  const observed = input.reduce((s, b) => s + b.count, 0);
  const population = input.reduce((s, b) => s + b.population, 0);
  if (primarySuppression(observed, null, limits)) return absentValue(geo, period, SUPPRESSED, 'primary-suppression', origins);
  let r;
  try {
    r = dsr(input, { multiplier: ind.multiplier, level });
  } catch (e) {
    // PHE's input rules (e.g. an age band with no population): no rate can be computed.
    if (e instanceof MethodInputError) return absentValue(geo, period, '.', 'not-applicable', origins);
    throw e;
  }
  if (r.value === null) return absentValue(geo, period, SUPPRESSED, 'too-few-events', origins);
  return { geo, period, value: r.value, lower: r.lower, upper: r.upper, numerator: observed, denominator: population, method: 'dobson', counts, absent: null, origins };
}

/**
 * Life expectancy at the indicator's start age from deaths (numerator) and population (denominator)
 * in PHE's 20 age bands. PHE's rules give no value (symbol ".", cannot be calculated) for a total
 * population ≤ 5000, a 95 % interval wider than 20 years, or impossible bands.
 */
function lifeExpectancyValue(ind: Indicator, geo: Geography, period: Period, observations: Observation[], limits: SuppressionLimits, level: number): AreaValue {
  const origins = observations.map((o) => o.origin);
  const table = ind.lifeTable!;
  const byAge = new Map(observations.map((o) => [o.age?.code, o]));
  const input = [];
  let counts: CountBasis | null = null;
  for (const age of table.bands) {
    const o = byAge.get(age);
    if (!o) return absentValue(geo, period, '..', 'missing', origins);
    if (o.missing) return absentValue(geo, period, o.missing.symbol, o.missing.reason, origins);
    const c = periodCounts(ind, o);
    if (c.numerator === null || c.denominator === null) return absentValue(geo, period, '..', 'missing', origins);
    input.push({ deaths: c.numerator, population: c.denominator });
    counts = c.counts;
  }
  const deaths = input.reduce((s, b) => s + b.deaths, 0);
  const population = input.reduce((s, b) => s + b.population, 0);
  if (primarySuppression(deaths, null, limits)) return absentValue(geo, period, SUPPRESSED, 'primary-suppression', origins);
  const at = table.at ?? 0;
  let rows;
  try {
    rows = lifeExpectancyTable(input, { level }).rows;
  } catch (e) {
    if (e instanceof MethodInputError) return absentValue(geo, period, '.', 'not-applicable', origins);
    throw e;
  }
  const row = rows.find((r) => r.age === at);
  if (!row || row.value === null) return absentValue(geo, period, '.', 'not-applicable', origins);
  return { geo, period, value: row.value, lower: row.lower, upper: row.upper, numerator: deaths, denominator: population, method: 'chiang', counts, absent: null, origins };
}

/**
 * The count behind a rate or share published with its denominator but not its count:
 * value × denominator / multiplier, rounded (the published value is rounded too). Null for other
 * measures, whose values are not counts over the denominator.
 */
export function derivedCount(ind: Indicator, value: number | null, denominator: number | null): number | null {
  if (value === null || denominator === null || !Number.isFinite(value) || !Number.isFinite(denominator)) return null;
  if (ind.measureType !== 'proportion' && ind.measureType !== 'rate') return null;
  return Math.round((value * denominator) / (ind.multiplier ?? 1));
}

/** Standard error from a symmetric-enough interval, for the weighted regression of trends. */
export function standardError(v: AreaValue, z: number): number | null {
  if (v.lower === null || v.upper === null) return null;
  const se = (v.upper - v.lower) / (2 * z);
  return se > 0 ? se : null;
}
