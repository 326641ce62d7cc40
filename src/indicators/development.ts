/**
 * The development of an indicator's series ("trekk ved utviklingen", folkehelseloven § 5):
 *
 * 1. Fingertips' recent-trend rule over the five most recent independent points where there are
 *    five (methods/trend.ts). Rolling pools (2020–2022, 2021–2023 …) share years: only
 *    non-overlapping periods are independent points.
 * 2. Where the rule cannot apply — fewer than five points, typically FHI's overlapping moving
 *    averages — the change between the FIRST and the LAST period of the series, when they share no
 *    year, with the change tests the editions use (methods/change-test.ts `testChange`: two
 *    proportions, the log rate ratio, or the intervals; two-sided at 5 %) on the period's sums.
 * 3. Otherwise "cannot be calculated", with the reason.
 */
import type { Indicator } from './catalogue.js';
import { NOT_A_SAMPLE, noCountsReason } from './comparison.js';
import { testChange } from './methods/change-test.js';
import { nonOverlapping, recentTrend, type TrendPoint, type TrendResult } from './methods/trend.js';
import { standardError } from './area-value.js';
import type { AreaValue, Development } from './result.js';

const overlaps = (a: AreaValue, b: AreaValue) => a.period.from <= b.period.to && b.period.from <= a.period.to;

export function developmentOf(series: AreaValue[], ind: Indicator, z: number): Development {
  if (ind.sampling && ind.sampling !== 'persons') {
    const why = NOT_A_SAMPLE[ind.sampling];
    return { direction: 'cannot-be-calculated', judgement: null, statistic: null, method: null, points: 0, independentPoints: null, reasonCode: why.reason, reason: `${why.what}: no trend test` };
  }
  const published = series.filter((v) => !v.absent && v.value !== null);
  const overlap = published.some((v, i) => published.some((w, j) => j !== i && overlaps(v, w)));
  const used = overlap ? nonOverlapping(published) : published;
  const points: TrendPoint[] = used.map((v) => {
    const p: TrendPoint = { t: v.period.to, value: v.value, se: standardError(v, z) };
    // Proportions with counts: χ² test for trend on the period's counts, as Fingertips (the
    // periods no longer overlap, so no one is counted in two points).
    if (ind.measureType === 'proportion' && v.numerator !== null && v.denominator !== null) {
      p.x = v.numerator;
      p.n = v.denominator;
    }
    return p;
  });
  const pooledSeries = overlap || (ind.periods?.pooled ?? 1) > 1;
  const trend = recentTrend(points, { polarity: ind.polarity, independentPoints: pooledSeries ? used.length : null });
  if (trend.reasonCode === 'no-counts') return withoutCounts(ind, trend, published);
  if (trend.reasonCode !== 'few-points' && trend.reasonCode !== 'few-independent-points') return trend;
  return firstLastChange(published, ind, trend);
}

/** Why a series without counts or intervals is not tested: a count of persons or an amount is not tested at all; FHI's shares and rates lack the file's TELLER. */
function withoutCounts(ind: Indicator, trend: TrendResult, published: AreaValue[]): Development {
  if (ind.measureType === 'count') return { ...trend, reasonCode: 'not-comparable', reason: 'a count or amount: its development is not tested' };
  const reasonCode = noCountsReason(ind, published[published.length - 1] ?? null);
  return { ...trend, reasonCode, reason: reasonCode === 'no-counts-in-file' ? 'the file has the values but not the counts (TELLER)' : 'only values are published, without counts or intervals' };
}

/** The change from the first to the last period of the series, when the 5-point rule cannot apply. */
function firstLastChange(published: AreaValue[], ind: Indicator, trend: TrendResult): Development {
  const cannot = (reasonCode: TrendResult['reasonCode'], reason: string): Development => ({ ...trend, reasonCode, reason });
  if (published.length < 2) return trend;
  const first = published[0]!;
  const last = published[published.length - 1]!;
  if (overlaps(first, last)) return cannot('one-independent-period', `the first and last periods (${first.period.label}, ${last.period.label}) share years: no two independent periods`);
  const t = testChange(first, last, ind.measureType);
  if (!t.method || t.method === 'gap') return withoutCounts(ind, trend, published);
  const direction = t.significant ? (t.difference > 0 ? 'increasing' : 'decreasing') : 'no-significant-change';
  const judgement = direction === 'no-significant-change' || ind.polarity === 'none' ? null : (direction === 'increasing') === (ind.polarity === 'high-is-good') ? 'better' : 'worse';
  return {
    direction,
    judgement,
    statistic: t.z,
    method: 'first-last-change',
    points: 2,
    independentPoints: trend.independentPoints,
    reasonCode: null,
    reason: null,
    change: { from: first.period, to: last.period, method: t.method, difference: t.difference, z: t.z, p: t.p, significant: t.significant },
  };
}
