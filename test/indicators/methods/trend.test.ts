import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, chiSquareTrend, nonOverlapping, recentTrend, TREND_THRESHOLD } from '../../../src/indicators/methods/index.js';

/** The textbook (uncentred) χ² for trend, written out independently: t as given. */
function textbookChi2(points: { t: number; x: number; n: number }[]): number {
  const N = points.reduce((s, p) => s + p.n, 0);
  const X = points.reduce((s, p) => s + p.x, 0);
  const sxt = points.reduce((s, p) => s + p.x * p.t, 0);
  const snt = points.reduce((s, p) => s + p.n * p.t, 0);
  const snt2 = points.reduce((s, p) => s + p.n * p.t * p.t, 0);
  return (N * (N * sxt - X * snt) ** 2) / (X * (N - X) * (N * snt2 - snt * snt));
}
/** Unweighted least-squares slope of logit(x/n) on t, written out. */
function logitSlope(points: { t: number; x: number; n: number }[]): number {
  const ys = points.map((p) => Math.log(p.x / (p.n - p.x)));
  const tb = points.reduce((s, p) => s + p.t, 0) / points.length;
  const yb = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  points.forEach((p, i) => {
    sxy += (p.t - tb) * (ys[i]! - yb);
    sxx += (p.t - tb) ** 2;
  });
  return sxy / sxx;
}

describe("Fingertips' recent-trend rule", () => {
  it('threshold: χ²₁ at 99.8 % = z(0.999)² = 9.5495', () => {
    expect(TREND_THRESHOLD).toBeCloseTo(3.090232306167813 ** 2, 12);
    expect(TREND_THRESHOLD.toFixed(4)).toBe('9.5495');
  });

  it('χ² for trend: hand-checked value (t = 1..5)', () => {
    // N = 5000, X = 600, Σxt = 1900, Σnt = 15000, Σnt² = 55000:
    // χ² = 5000·(5000·1900 − 600·15000)² / (600·4400·(5000·55000 − 15000²)) = 5000·500000² / (2 640 000 · 50 000 000) = 9.469696…
    // — just below 9.5495: not significant.
    const pts = [100, 110, 120, 130, 140].map((x, i) => ({ t: i + 1, x, n: 1000 }));
    expect(chiSquareTrend(pts)!.statistic).toBeCloseTo(9.46969696969697, 12);
    expect(recentTrend(pts, 'none').direction).toBe('no-significant-change');
    expect(chiSquareTrend(pts)!.statistic).toBeCloseTo(textbookChi2(pts), 12);
  });

  it("χ² for trend: the published value of R's prop.trend.test example (smokers of patients, X-squared = 8.2249)", () => {
    // R documentation, stats::prop.trend.test: smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82).
    const pts = [83, 90, 129, 70].map((x, i) => ({ t: i + 1, x, n: [86, 93, 136, 82][i]! }));
    expect(chiSquareTrend(pts)!.statistic.toFixed(4)).toBe('8.2249');
  });

  it('χ² is computed with centred t: calendar years give the same statistic as 1..5 to full precision', () => {
    const counts = [
      { x: 151_234, n: 1_203_456 },
      { x: 149_876, n: 1_210_001 },
      { x: 152_345, n: 1_215_678 },
      { x: 155_555, n: 1_220_123 },
      { x: 158_001, n: 1_230_987 },
    ];
    const small = chiSquareTrend(counts.map((c, i) => ({ ...c, t: i + 1 })))!.statistic;
    const years = chiSquareTrend(counts.map((c, i) => ({ ...c, t: 2019 + i })))!.statistic;
    const far = chiSquareTrend(counts.map((c, i) => ({ ...c, t: 1e7 + i })))!.statistic;
    expect(Math.abs(years - small) / small).toBeLessThan(1e-14);
    expect(Math.abs(far - small) / small).toBeLessThan(1e-14);
    // The uncentred textbook formula loses digits with calendar years.
    expect(Math.abs(textbookChi2(counts.map((c, i) => ({ ...c, t: 1e7 + i }))) - small) / small).toBeGreaterThan(1e-9);
  });

  it('points are numbered 1..5 by rank: a gap in the years does not change the result', () => {
    const counts = [90, 100, 115, 120, 140].map((x) => ({ x, n: 1000 }));
    const consecutive = recentTrend(counts.map((c, i) => ({ ...c, t: 2016 + i })), { polarity: 'low-is-good' });
    const gaps = recentTrend(counts.map((c, i) => ({ ...c, t: [2009, 2012, 2013, 2019, 2024][i]! })), { polarity: 'low-is-good' });
    expect(gaps).toEqual(consecutive);
    expect(consecutive.statistic).toBeCloseTo(textbookChi2(counts.map((c, i) => ({ ...c, t: i + 1 }))), 12);
    expect(consecutive).toMatchObject({ direction: 'increasing', judgement: 'worse', method: 'chi-square-trend', points: 5 });
    // Only the last five points count.
    const six = recentTrend([{ t: 2000, x: 500, n: 1000 }, ...counts.map((c, i) => ({ ...c, t: 2016 + i }))], 'low-is-good');
    expect(six.statistic).toBe(consecutive.statistic);
  });

  it('direction stability uses the unweighted slope of logit(p), not the n-weighted χ² numerator', () => {
    // χ² = 11.31 > 9.5495. Dropping the first point, the n-weighted numerator turns positive
    // (the old check said "no significant change"); the unweighted logit slope is negative over all
    // five points and with any one dropped, so Fingertips says "decreasing".
    const pts = [
      { t: 1, n: 4153, x: 883 },
      { t: 2, n: 2609, x: 230 },
      { t: 3, n: 2920, x: 607 },
      { t: 4, n: 524, x: 69 },
      { t: 5, n: 100, x: 10 },
    ];
    expect(textbookChi2(pts)).toBeGreaterThan(TREND_THRESHOLD);
    expect(chiSquareTrend(pts.slice(1))!.sign).toBe(1);
    expect(logitSlope(pts)).toBeLessThan(0);
    for (let i = 0; i < 5; i++) expect(logitSlope(pts.filter((_, j) => j !== i))).toBeLessThan(0);
    expect(recentTrend(pts, 'high-is-good')).toMatchObject({ direction: 'decreasing', judgement: 'worse' });
  });

  it('… and the other way: weighted numerator stable, an unweighted logit slope flips → no significant change', () => {
    const pts = [
      { t: 1, n: 2812, x: 381 },
      { t: 2, n: 978, x: 225 },
      { t: 3, n: 3264, x: 1061 },
      { t: 4, n: 4609, x: 569 },
      { t: 5, n: 3456, x: 296 },
    ];
    expect(textbookChi2(pts)).toBeGreaterThan(TREND_THRESHOLD);
    const signs = [0, 1, 2, 3, 4].map((i) => Math.sign(logitSlope(pts.filter((_, j) => j !== i))));
    expect(new Set(signs).size).toBe(2);
    for (let i = 0; i < 5; i++) expect(chiSquareTrend(pts.filter((_, j) => j !== i))!.sign).toBe(chiSquareTrend(pts)!.sign);
    expect(recentTrend(pts, 'none').direction).toBe('no-significant-change');
  });

  it('a point with count 0 or count = denominator makes the trend "cannot be calculated" (logit undefined)', () => {
    const base = [100, 115, 130, 145, 160].map((x, i) => ({ t: i + 1, x, n: 1000 }));
    expect(recentTrend(base.map((p, i) => (i === 2 ? { ...p, x: 0 } : p)), 'none')).toMatchObject({ direction: 'cannot-be-calculated', reasonCode: 'logit-undefined', statistic: null });
    expect(recentTrend(base.map((p, i) => (i === 4 ? { ...p, x: 1000 } : p)), 'none')).toMatchObject({ direction: 'cannot-be-calculated', reasonCode: 'logit-undefined' });
    // An older, sixth point with 0 is not among the five: no effect.
    expect(recentTrend([{ t: 0, x: 0, n: 1000 }, ...base], 'none').direction).toBe('increasing');
  });

  it('fewer than 5 points: cannot be calculated, with the reason as a code', () => {
    const four = [100, 110, 120, 130].map((x, i) => ({ t: i + 1, x, n: 1000 }));
    expect(recentTrend(four, 'none')).toMatchObject({ direction: 'cannot-be-calculated', reasonCode: 'few-points', points: 4, independentPoints: null });
  });

  it('other measures: weighted regression, its χ² = slope²·Σw(t − t̄)², direction from the regression slope', () => {
    const pts = [80, 80.2, 80.5, 80.6, 81].map((value, i) => ({ t: 2015 + i, value, se: 0.1 }));
    // w = 100; slope = Σ(t − 3)(y − ȳ)/Σ(t − 3)² = 2.4/10 = 0.24; χ² = 0.24²·100·10 = 57.6.
    const r = recentTrend(pts, 'high-is-good');
    expect(r.statistic).toBeCloseTo(57.6, 10);
    expect(r).toMatchObject({ direction: 'increasing', judgement: 'better', method: 'weighted-regression' });
    expect(recentTrend(pts, { polarity: 'high-is-good', threshold: 58 }).direction).toBe('no-significant-change');
    // A level instead of a threshold: χ²₁(0.99999999) = 32.8 < 57.6.
    expect(chiSquareQuantile(0.99999999, 1)).toBeLessThan(57.6);
    expect(recentTrend(pts, { polarity: 'high-is-good', level: 0.99999999 }).direction).toBe('increasing');
  });

  it('pooled periods: only non-overlapping periods are independent points', () => {
    const rolling = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022].map((from) => ({ period: { from, to: from + 2 } }));
    expect(nonOverlapping(rolling).map((v) => `${v.period.from}–${v.period.to}`)).toEqual(['2016–2018', '2019–2021', '2022–2024']);
    const fiveYearPools = [2000, 2005, 2010, 2015, 2020].map((from) => ({ period: { from, to: from + 4 } }));
    expect(nonOverlapping(fiveYearPools)).toHaveLength(5);
    const r = recentTrend([1, 2, 3].map((t) => ({ t, x: 100 * t, n: 1000 })), { independentPoints: 3 });
    expect(r).toMatchObject({ direction: 'cannot-be-calculated', reasonCode: 'few-independent-points', independentPoints: 3 });
  });
});

describe('socialGradient with a group of size 0', () => {
  it('gives no SII (PHE: a group with population 0 is an input error) instead of throwing', async () => {
    const { socialGradient } = await import('../../../src/indicators/methods/gradient.js');
    const groups = [10, 12, 14, 16, 18].map((v, i) => ({ key: `q${i + 1}`, x: null, n: i === 2 ? 0 : 1000, value: v }));
    const g = socialGradient(groups, { polarity: 'low-is-good' });
    expect(g.sii).toBeNull();
    expect(socialGradient(groups.map((x) => ({ ...x, n: 1000 })), { polarity: 'low-is-good' }).sii!.sii).toBeCloseTo(10, 10);
  });
});
