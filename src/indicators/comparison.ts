/**
 * The municipality against a benchmark (land, the county, the KOSTRA group) for the same period.
 *
 * FHI's indicators get FHI's barometer convention: the benchmark's value is taken as fixed and the
 * municipality's counts are tested against it with a test per indicator type — helseprofil/manual
 * `produksjon/khfunctions-access.qmd`, table FRISKVIK: "testtype Hvilken statistisk test? Chiang,
 * binomial, poisson"; "Alle statistiske tester … skal være mot landstall samme år":
 * - shares: the exact binomial test of x = sumTELLER of n = sumNEVNER against p₀ = benchmark/multiplier;
 * - crude rates: the exact Poisson test of O = sumTELLER against E = sumNEVNER × benchmark/multiplier;
 * - indirectly standardised rates (MEIS, SMR): the exact Poisson test of O against the count expected
 *   at the benchmark's level, E = O × benchmark / value (MEIS and SMR are proportional to O/E);
 * - life expectancy computed from deaths and population: Chiang's z test with the value's standard error.
 * Other measures, and every other source, keep Fingertips' comparator 1: not different when the
 * benchmark lies inside the municipality's 95 % interval (`compare`). The catalogue's `test`
 * chooses either for one indicator.
 */
import type { Indicator } from './catalogue.js';
import { binomialTest } from './methods/binomial-test.js';
import { chiangTest } from './methods/chiang-test.js';
import { compare } from './methods/compare.js';
import { MethodInputError } from './methods/errors.js';
import { poissonTest } from './methods/poisson-test.js';
import { zFor } from './methods/quantiles.js';
import { referenceVerdict, type ReferenceTest } from './methods/reference-test.js';
import type { AreaValue, Comparison, ComparisonMethod, NotTestedReason } from './result.js';

/** Values that are not samples of persons are never tested: why, for the comparison and the trend. */
export const NOT_A_SAMPLE = {
  units: { reason: 'not-a-sample', what: 'a share of a few units (waterworks, schools), not a sample of persons' },
  projection: { reason: 'projection', what: "a projection (SSB's main alternative), not an observation" },
} as const;

/** FHI's shares and rates are tested on counts: without them the file lacks TELLER (the counts can be downloaded too). */
const COUNTED = new Set<Indicator['measureType']>(['proportion', 'rate', 'indirectly-standardised-rate']);

/** Why a value without an interval cannot be tested: the file lacks the counts FHI publishes, or only values exist. */
export function noCountsReason(ind: Indicator, v: AreaValue | null): 'no-counts' | 'no-counts-in-file' {
  return ind.select.source === 'fhi' && COUNTED.has(ind.measureType) && (v === null || v.numerator === null) ? 'no-counts-in-file' : 'no-counts';
}

/** The test an indicator gets: its catalogue's `test`, else FHI's barometer for FHI's indicators and the interval rule for the rest. */
export function testKind(ind: Indicator): 'barometer' | 'interval' {
  return ind.test ?? (ind.select.source === 'fhi' ? 'barometer' : 'interval');
}

/**
 * FHI's barometer test of the municipality's value against a fixed benchmark, or null when the
 * indicator type has none (directly standardised rates, means, values) or the counts it needs are
 * not there.
 */
export function barometerTest(ind: Indicator, mine: AreaValue, benchmark: number, level: number): ReferenceTest | null {
  const m = ind.multiplier ?? 1;
  const x = mine.numerator;
  const n = mine.denominator;
  try {
    switch (ind.measureType) {
      case 'proportion':
        return x !== null && n !== null && n > 0 && benchmark >= 0 && benchmark <= m ? binomialTest(x, n, benchmark / m, { level }) : null;
      case 'rate':
        if (x !== null && n !== null && n > 0) return benchmark > 0 ? poissonTest(x, (n * benchmark) / m, { level }) : null;
        // A standardised rate with its count and no population is tested as FHI's MEIS (area-value.ts).
        return n === null && (mine.method === 'exact' || mine.method === 'byar') ? expectedAtBenchmark(x, mine.value, benchmark, level) : null;
      case 'indirectly-standardised-rate':
        return expectedAtBenchmark(x, mine.value, benchmark, level);
      case 'life-expectancy': {
        if (mine.method !== 'chiang' || mine.value === null || mine.lower === null || mine.upper === null) return null;
        return chiangTest(mine.value, (mine.upper - mine.lower) / (2 * zFor(level)), benchmark, { level });
      }
      default:
        return null;
    }
  } catch (e) {
    if (e instanceof MethodInputError) return null;
    throw e;
  }
}

/** MEIS = O/E × land's level, so the count expected at the benchmark's level is O × benchmark / MEIS. */
function expectedAtBenchmark(observed: number | null, value: number | null, benchmark: number, level: number): ReferenceTest | null {
  return observed !== null && observed > 0 && value !== null && value > 0 && benchmark > 0 ? poissonTest(observed, (observed * benchmark) / value, { level }) : null;
}

/** The municipality's value against a benchmark's value for the same period, with the test behind the verdict. */
export function comparison(mine: AreaValue, bench: AreaValue | null, ind: Indicator, label: string, level: number): Comparison {
  const notTested = (reason: NotTestedReason, note: string): Comparison => ({ value: bench, verdict: 'not-tested', method: null, p: null, reason, note });
  if (mine.absent) return notTested('kommune-absent', `the municipality's value is not published (${mine.absent.reason})`);
  if (!bench) return { value: null, verdict: 'not-tested', method: null, p: null, reason: 'no-benchmark', note: `no ${label} value for ${mine.period.label}` };
  if (bench.absent || bench.value === null) return notTested('benchmark-absent', `the ${label} value for ${mine.period.label} is not published`);
  // A count of persons or an amount is described, not tested; a value without counts (below) is
  // untested for want of counts, not by nature.
  if (ind.measureType === 'count') return notTested('not-comparable', 'a count or amount: not compared for significance');
  if (ind.sampling && ind.sampling !== 'persons') return notTested(NOT_A_SAMPLE[ind.sampling].reason, `${NOT_A_SAMPLE[ind.sampling].what}: no significance test`);
  if (testKind(ind) === 'barometer') {
    const test = barometerTest(ind, mine, bench.value, level);
    if (test) return { value: bench, verdict: referenceVerdict(test, ind.polarity), method: test.method as ComparisonMethod, p: test.p, reason: null, note: null };
  }
  if (mine.lower === null || mine.upper === null) {
    const reason = noCountsReason(ind, mine);
    return notTested(reason, reason === 'no-counts-in-file' ? 'the file has the value but not the count (TELLER): download the count too' : 'only the value is published, without counts: no significance test is possible');
  }
  return { value: bench, verdict: compare(mine, bench.value, ind.polarity), method: 'interval', p: null, reason: null, note: null };
}
