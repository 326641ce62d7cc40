/**
 * Which counts an area value's interval, tests and suppression rest on: for a period of several
 * years, the period's SUMS — as FHI counts them.
 *
 * In FHI's 3-, 5-, 7- and 10-year tables `TELLER` and `NEVNER` are yearly averages: khfunctions
 * sums every value column over the period (`R/moving_average.R`, `calculate_period_sums`), computes
 * RATE from the sums (`R/compute_columns.R`, `add_crude_rate`), keeps the sums as `sumTELLER` and
 * `sumNEVNER` and divides TELLER and NEVNER by the number of years with data, `RATE.n`
 * (`R/edit_columns.R`, `add_sumvalues`, `set_nonsumvalues`). Its suppression limits apply to the
 * sums (`R/censoring.R`, `do_censor_primary`: `sumTELLER <= limits$TELLER | sumNEVNER - sumTELLER
 * <= limits$TELLER`, `sumNEVNER <= limits$NEVNER`; the series rule `sumTELLER <= limits$STATTOL`;
 * the Stata original in `misc/censor.R`: "Tu3 = (sumteller<=`grense_sumT_pv' | …)"). The API gives
 * TELLER (the average) and practically never sumTELLER, and a NEVNER derived at fetch time from
 * TELLER and RATE (src/sources/fhi/derive.ts) is an average too. So the sum is TELLER × RATE.n
 * where RATE.n is published, else TELLER × k for a k-year period (exact when every year has data).
 *
 * Applied once, where an area value is built (area-value.ts): every interval, comparison, trend
 * and change test, goal and suppression decision downstream then sees the sums. The published
 * value (RATE, MEIS) is never changed.
 */
import type { Observation, Period } from '../model/observation.js';
import type { Indicator } from './catalogue.js';
import type { CountBasis } from './result.js';

export interface PeriodCounts {
  numerator: number | null;
  denominator: number | null;
  /** What the counts are; null when there are none. */
  counts: CountBasis | null;
}

/** Years in a period: 3 for 2021–2023, 1 for a year or a school year. */
export function periodYears(p: Period): number {
  return p.kind === 'pool' ? p.to - p.from + 1 : 1;
}

const AVERAGED = new Set(['TELLER', 'NEVNER']);
/** sumTELLER, sumNEVNER (and 'sum' for counts the engine has already summed). */
const isSumColumn = (column: string | null | undefined): boolean => column?.startsWith('sum') ?? false;

/**
 * Whether a count of this observation is a yearly average: the catalogue says so
 * (`periods.counts`), or the source is FHI, the period spans several years and the count was read
 * from TELLER/NEVNER (or a label download's "antall", paired in select.ts) rather than sumTELLER/sumNEVNER.
 */
function isYearlyAverage(ind: Indicator, o: Observation, column: string | null | undefined): boolean {
  if (periodYears(o.period) <= 1 || isSumColumn(column)) return false;
  const declared = ind.periods?.counts;
  if (declared === 'sum') return false;
  if (declared === 'yearly-average') return true;
  return o.source === 'fhi' && column !== null && column !== undefined && AVERAGED.has(column);
}

/**
 * The counts of one observation as the statistics use them: the period's sums. Sums of persons are
 * whole numbers, so an average × years is rounded (a published average 1.7 over three years is 5).
 */
export function periodCounts(ind: Indicator, o: Observation): PeriodCounts {
  const numerator = o.numerator;
  const denominator = o.denominator;
  if (numerator === null && denominator === null) return { numerator, denominator, counts: null };
  const num = numerator !== null && isYearlyAverage(ind, o, o.countColumns?.numerator);
  const den = denominator !== null && isYearlyAverage(ind, o, o.countColumns?.denominator);
  if (!num && !den) {
    const summed = periodYears(o.period) > 1 && (isSumColumn(o.countColumns?.numerator) || isSumColumn(o.countColumns?.denominator));
    return { numerator, denominator, counts: { basis: summed ? 'sum' : 'as-published', factor: 1 } };
  }
  // RATE.n, the years with data, where FHI publishes it; otherwise every year of the period.
  const years = o.countColumns?.years;
  const factor = years !== null && years !== undefined && years > 0 ? years : periodYears(o.period);
  return {
    numerator: num ? Math.round(numerator! * factor) : numerator,
    denominator: den ? Math.round(denominator! * factor) : denominator,
    counts: { basis: 'yearly-average→sum', factor },
  };
}

/**
 * The counts the suppression limits look at: the same period sums (FHI's rule, above). Kept as its
 * own function so that disclosure control states which counts it applies its limits to.
 */
export function countsForLimits(ind: Indicator, o: Observation): { numerator: number | null; denominator: number | null } {
  const c = periodCounts(ind, o);
  return { numerator: c.numerator, denominator: c.denominator };
}
