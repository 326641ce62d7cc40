import { describe, expect, it } from 'vitest';
import {
  applySecondarySuppression,
  compare,
  dsr,
  meisInterval,
  MethodInputError,
  poissonRate,
  primarySuppression,
  recentTrend,
  seriesSuppressed,
  sii,
  smr,
  socialGradient,
  wilson,
  type SuppressionCell,
} from '../../../src/indicators/methods/index.js';

/** Relative difference; the published values must match to 1e-9. */
const close = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected) / Math.abs(expected)).toBeLessThan(1e-9);
};

describe('wilson (published values, methods.md)', () => {
  it('65 of 100', () => {
    const r = wilson(65, 100);
    close(r.value, 0.65);
    close(r.lower, 0.55254443296887967);
    close(r.upper, 0.73635751756902468);
  });
  it('222 of 3215', () => {
    const r = wilson(222, 3215);
    close(r.value, 0.069051321928460335);
    close(r.lower, 0.060791690363636595);
    close(r.upper, 0.078339566813836331);
  });
  it('scales with the multiplier and handles x = 0 and x = n', () => {
    const p = wilson(65, 100, { multiplier: 100 });
    close(p.lower, 55.254443296887967);
    const zero = wilson(0, 50);
    expect(zero.value).toBe(0);
    expect(zero.lower).toBeCloseTo(0, 15);
    expect(zero.upper!).toBeGreaterThan(0);
    const all = wilson(50, 50);
    expect(all.upper).toBeCloseTo(1, 15);
    expect(all.lower!).toBeLessThan(1);
    expect(wilson(2.5, 10.2).value).toBeCloseTo(2.5 / 10.2, 15); // survey-weighted counts
  });
  it('returns nulls for missing input and rejects impossible input', () => {
    expect(wilson(null, 100)).toEqual({ value: null, lower: null, upper: null });
    expect(wilson(5, Number.NaN)).toEqual({ value: null, lower: null, upper: null });
    expect(() => wilson(5, 0)).toThrow(MethodInputError);
    expect(() => wilson(-1, 10)).toThrow(/cannot be negative/);
    expect(() => wilson(11, 10)).toThrow(/cannot exceed/);
  });
});

describe('poissonRate (published values, methods.md)', () => {
  it('222 per 3215 per 100 000: Byar', () => {
    const r = poissonRate(222, 3215, { multiplier: 100000 });
    expect(r.method).toBe('byar');
    close(r.value, 6905.1321928460338);
    close(r.lower, 6026.5748776526743);
    close(r.upper, 7875.7293708718507);
  });
  it('1 per 100 per 100 000: exact', () => {
    const r = poissonRate(1, 100, { multiplier: 100000 });
    expect(r.method).toBe('exact');
    close(r.value, 1000);
    close(r.lower, 25.317807984289896);
    close(r.upper, 5571.6433909388979);
  });
  it('switches at 10 events; x = 0 has a lower limit of 0', () => {
    expect(poissonRate(9, 1000).method).toBe('exact');
    expect(poissonRate(10, 1000).method).toBe('byar');
    const z = poissonRate(0, 1000, { multiplier: 1000 });
    expect(z.lower).toBe(0);
    // Exact upper limit for 0 events: −ln(0.025) = 3.6888794541139363
    close(z.upper, 3.6888794541139363);
  });
  it('rejects n = 0 and gives nulls for NA', () => {
    expect(() => poissonRate(3, 0)).toThrow(MethodInputError);
    expect(poissonRate(undefined, 10)).toEqual({ value: null, lower: null, upper: null, method: null });
  });
});

describe('dsr (Dobson)', () => {
  const bands = [
    { count: 12, population: 4000, standard: 30000 },
    { count: 30, population: 3000, standard: 40000 },
    { count: 58, population: 1500, standard: 30000 },
  ];
  it('follows the formula', () => {
    const r = dsr(bands, { multiplier: 100000 })!;
    const sumW = 100000;
    const expected = (12 * 30000) / 4000 + (30 * 40000) / 3000 + (58 * 30000) / 1500;
    close(r.value, (expected / sumW) * 100000);
    // Limits from Byar limits of O = 100 (Byar L = 81.36..., U = 121.63...), scaled by √(var/O).
    const variance = (12 * (30000 / 4000) ** 2 + 30 * (40000 / 3000) ** 2 + 58 * (30000 / 1500) ** 2) / sumW ** 2;
    const byarL = 100 * Math.pow(1 - 1 / 900 - 1.959963984540054 / 30, 3);
    close(r.lower, (expected / sumW + Math.sqrt(variance / 100) * (byarL - 100)) * 100000);
    expect(r.lower!).toBeLessThan(r.value!);
    expect(r.upper!).toBeGreaterThan(r.value!);
  });
  it('has no value under 10 events, but keeps the observed count (like wilson and poissonRate, no null)', () => {
    expect(dsr([{ count: 9, population: 1000, standard: 1 }])).toEqual({ value: null, lower: null, upper: null, observed: 9, population: 1000 });
  });
  it('rejects impossible bands, as PHE: a band with population 0 is an input error even without events', () => {
    expect(() => dsr([])).toThrow(MethodInputError);
    expect(() => dsr([{ count: 3, population: 0, standard: 1 }])).toThrow(/populations must all be above 0/);
    expect(() => dsr([...bands, { count: 0, population: 0, standard: 1 }])).toThrow(/band 3 has 0/);
    expect(() => dsr([{ count: -1, population: 10, standard: 1 }])).toThrow(/counts must all be 0 or more/);
  });
});

describe('smr (indirect standardisation)', () => {
  it('is 100·O/E with exact or Byar limits of O over E', () => {
    const r = smr([
      { count: 20, population: 1000, referenceRate: 0.01 },
      { count: 30, population: 2000, referenceRate: 0.02 },
    ]);
    expect(r.expected).toBeCloseTo(50, 12);
    close(r.value, 100);
    const byarL = 50 * Math.pow(1 - 1 / 450 - 1.959963984540054 / (3 * Math.sqrt(50)), 3);
    close(r.lower, (100 * byarL) / 50);
  });
  it('gives a MEIS interval from the observed count', () => {
    const r = meisInterval(12.5, 1, 0.95)!;
    close(r.lower, 12.5 * 0.025317807984289896);
    expect(meisInterval(5, 0)).toBeNull();
  });
});

describe('compare', () => {
  const r = { value: 12, lower: 10, upper: 14 };
  it('similar when the benchmark is inside the interval', () => expect(compare(r, 13.9, 'low-is-good')).toBe('similar'));
  it('better/worse with polarity, higher/lower without', () => {
    expect(compare(r, 15, 'low-is-good')).toBe('better');
    expect(compare(r, 15, 'high-is-good')).toBe('worse');
    expect(compare(r, 9, 'low-is-good')).toBe('worse');
    expect(compare(r, 9, 'none')).toBe('higher');
    expect(compare(r, 15, 'none')).toBe('lower');
  });
  it('not tested without an interval or a benchmark', () => {
    expect(compare({ value: 81.2, lower: null, upper: null }, 80, 'high-is-good')).toBe('not-tested');
    expect(compare(r, null, 'low-is-good')).toBe('not-tested');
  });
});

describe('recentTrend', () => {
  it('finds a significant increase in proportions and judges it by polarity', () => {
    const pts = [0.1, 0.11, 0.12, 0.13, 0.14].map((p, i) => ({ t: 2020 + i, x: Math.round(p * 5000), n: 5000 }));
    const up = recentTrend(pts, 'low-is-good');
    expect(up.direction).toBe('increasing');
    expect(up.judgement).toBe('worse');
    expect(up.method).toBe('chi-square-trend');
    expect(up.statistic!).toBeGreaterThan(9.5495);
  });
  it('says no significant change for noise, and cannot calculate with fewer than 5 points', () => {
    const flat = [0.1, 0.102, 0.099, 0.101, 0.1].map((p, i) => ({ t: i, x: Math.round(p * 1000), n: 1000 }));
    expect(recentTrend(flat, 'none').direction).toBe('no-significant-change');
    expect(recentTrend(flat.slice(1), 'none')).toMatchObject({ direction: 'cannot-be-calculated', reason: 'needs 5 points, has 4' });
  });
  it('needs the slope to keep its sign when any one point is dropped', () => {
    // One extreme last point drives the statistic; without it the slope turns negative.
    const pts = [
      { t: 1, x: 300, n: 1000 },
      { t: 2, x: 290, n: 1000 },
      { t: 3, x: 280, n: 1000 },
      { t: 4, x: 270, n: 1000 },
      { t: 5, x: 600, n: 1000 },
    ];
    expect(recentTrend(pts, 'none').direction).toBe('no-significant-change');
  });
  it('uses a weighted regression for values with standard errors', () => {
    const pts = [80, 80.5, 81, 81.5, 82].map((v, i) => ({ t: i, value: v, se: 0.1 }));
    expect(recentTrend(pts, 'high-is-good')).toMatchObject({ direction: 'increasing', judgement: 'better', method: 'weighted-regression' });
    expect(recentTrend([1, 2, 3, 4, 5].map((v) => ({ t: v, value: v })), 'none').direction).toBe('cannot-be-calculated');
  });
});

describe('socialGradient', () => {
  it('reads the Levanger 2015 loneliness gradient: 12.6 / 31.0 / 43.5 %, range 30.9 points, significant', () => {
    const g = socialGradient(
      [
        { key: 'god', x: 106, n: 841 },
        { key: 'verken god eller dårlig', x: 65, n: 210 },
        { key: 'dårlig', x: 30, n: 69 },
      ],
      { polarity: 'low-is-good', multiplier: 100 },
    );
    expect(g.groups.map((x) => Number(x.value!.toFixed(1)))).toEqual([12.6, 31, 43.5]);
    expect(g.best).toBe('god');
    expect(g.worst).toBe('dårlig');
    expect(g.absoluteRange!).toBeCloseTo(30.874, 3);
    expect(Number(g.absoluteRange!.toFixed(1))).toBe(30.9);
    expect(g.relativeRange!).toBeCloseTo(3.45, 2);
    expect(g.trendTest!.significant).toBe(true);
    expect(g.trendTest!.p).toBeLessThan(1e-10);
    expect(g.sii).toBeNull(); // three groups are not an SII
    const w = wilson(30, 69, { multiplier: 100 });
    expect(g.groups[2]).toMatchObject({ lower: w.lower, upper: w.upper, numerator: 30, denominator: 69 });
  });
  it('works without counts (life expectancy by education): ranges, no test', () => {
    const g = socialGradient(
      [
        { key: 'grunnskole', x: null, n: null, value: 77.6 },
        { key: 'videregående', x: null, n: null, value: 81.3 },
        { key: 'universitet/høgskole', x: null, n: null, value: 84.6 },
      ],
      { polarity: 'high-is-good' },
    );
    expect(g).toMatchObject({ best: 'universitet/høgskole', worst: 'grunnskole', trendTest: null });
    expect(g.absoluteRange!).toBeCloseTo(-7, 10);
  });
});

describe('sii (published values, methods.md)', () => {
  it('ten deciles', () => {
    const populations = [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534];
    const values = [75.933459010308098, 78.344238272784295, 83.836063104165405, 83.637539966493094, 80.465503152955904, 81.115675985702197, 81.693083571856207, 84.190006206098701, 80.595564108147201, 86.289434957862397];
    const r = sii(populations.map((population, i) => ({ population, value: values[i]! })));
    close(r.sii, 6.9346164736688189);
    close(r.rii, 1.0888180804446217);
  });
  it('refuses fewer than 5 groups with a clear message', () => {
    expect(() => sii([{ population: 1, value: 1 }, { population: 1, value: 2 }, { population: 1, value: 3 }])).toThrow(/at least 5 ordered groups/);
  });
});

describe('suppression', () => {
  it('primary: few cases, everyone but a few, small denominators', () => {
    expect(primarySuppression(3, 100)).toBe('primary');
    expect(primarySuppression(4, 100)).toBeNull();
    expect(primarySuppression(97, 100)).toBe('primary');
    expect(primarySuppression(5, 10)).toBe('primary');
    expect(primarySuppression(null, null)).toBeNull();
  });
  it('secondary: a suppressed sex is not recoverable from the published total', () => {
    const cells = new Map<string, SuppressionCell>([
      ['total', { id: 'total', numerator: 37, denominator: 7374, suppressed: null }],
      ['male', { id: 'male', numerator: 20, denominator: 3687, suppressed: null }],
      ['female', { id: 'female', numerator: null, denominator: null, suppressed: 'source' }],
    ]);
    expect(applySecondarySuppression(cells, [{ total: 'total', parts: ['male', 'female'] }])).toEqual(['male']);
    expect(cells.get('male')!.suppressed).toBe('secondary');
    expect(cells.get('total')!.suppressed).toBeNull();
  });
  it('secondary: suppresses the smallest other group, repeated across hierarchies', () => {
    const cells = new Map<string, SuppressionCell>([
      ['alle', { id: 'alle', numerator: 201, denominator: 1120, suppressed: null }],
      ['god', { id: 'god', numerator: 106, denominator: 841, suppressed: null }],
      ['verken', { id: 'verken', numerator: 65, denominator: 210, suppressed: null }],
      ['dårlig', { id: 'dårlig', numerator: 2, denominator: 69, suppressed: 'primary' }],
    ]);
    applySecondarySuppression(cells, [{ total: 'alle', parts: ['god', 'verken', 'dårlig'] }]);
    expect([...cells.values()].filter((c) => c.suppressed).map((c) => c.id)).toEqual(['verken', 'dårlig']);
  });
  it('leaves incomplete hierarchies alone (nothing to subtract from)', () => {
    const cells = new Map<string, SuppressionCell>([
      ['total', { id: 'total', numerator: 37, denominator: 7374, suppressed: null }],
      ['female', { id: 'female', numerator: null, denominator: null, suppressed: 'source' }],
    ]);
    expect(applySecondarySuppression(cells, [{ total: 'total', parts: ['male', 'female'] }])).toEqual([]);
  });
  it('series: hidden above 20 % suppressed or 50 % few cases', () => {
    const p = (numerator: number | null, suppressed = false) => ({ numerator, suppressed });
    expect(seriesSuppressed([p(50), p(50), p(50), p(50), p(null, true)])).toBe(false);
    expect(seriesSuppressed([p(50), p(50), p(50), p(null, true), p(null, true)])).toBe(true);
    expect(seriesSuppressed([p(5), p(6), p(7), p(50), p(50)])).toBe(true);
  });
});
