import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dsr, lifeExpectancy, lifeExpectancyTable, mean, MethodInputError, sii, studentTQuantile } from '../../../src/indicators/methods/index.js';

/**
 * PHEindicatormethods' own expected values (tests/testthat of ukhsa-collaboration/PHEindicatormethods,
 * commit 093fd28), copied unchanged into phe-testdata.json (SII, means, DSR) or below (life expectancy,
 * from testLifeExpectancy.R).
 */
const fx = JSON.parse(readFileSync(new URL('./phe-testdata.json', import.meta.url), 'utf8')) as {
  sii: { description: string; area: string; groups: { population: number; value: number }[]; multiplier: number; sii: number; rii: number | null; intercept: number | null }[];
  mean: { area: string; values: number[]; value_sum: number; value_count: number; stdev: number; value: number; lower95_0cl: number; upper95_0cl: number; lower99_8cl: number; upper99_8cl: number }[];
  dsr: { area: string; statistic: string; bands: { count: number; population: number; standard: number }[]; total_count: number; total_pop: number; value: number | null; lower95_0cl: number | null; upper95_0cl: number | null; lower99_8cl: number | null; upper99_8cl: number | null }[];
};

const rel = (actual: number | null, expected: number, tol = 1e-9) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected) / Math.max(1, Math.abs(expected))).toBeLessThan(tol);
};
/** PHE's own comparison for life expectancy: equal after rounding to 4 decimals. */
const dp4 = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.round(actual! * 1e4) / 1e4).toBe(Math.round(expected * 1e4) / 1e4);
};

// testLifeExpectancy.R: df1 and answer1.
const POPS = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936];
const DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];
const df1 = POPS.map((population, i) => ({ deaths: DEATHS[i]!, population }));
const ANSWER1 = {
  value: [80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987, 50.92752727, 46.06740425, 41.24505636, 36.49322717, 31.83343842, 27.26027992, 22.9719144, 18.76856852, 14.95858336, 11.51684445, 8.618849241, 6.163942934, 6.16210635],
  lower: [79.88268548, 79.0898816, 75.17407307, 70.20675732, 65.26548673, 60.41876577, 55.53801579, 50.68279939, 45.82666794, 41.00842831, 36.26223216, 31.60996318, 27.04337271, 22.76653134, 18.57570352, 14.77985004, 11.34831778, 8.451134045, 5.978358351, 5.887683386],
  upper: [80.45653078, 79.63503188, 75.70979983, 70.7392414, 65.79270412, 60.931436, 56.03870395, 51.17225516, 46.30814055, 41.48168441, 36.72422219, 32.05691365, 27.47718713, 23.17729746, 18.96143352, 15.13731667, 11.68537112, 8.786564437, 6.349527517, 6.436529314],
};
const AGES = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];

describe('lifeExpectancy (PHE phe_life_expectancy, published expected values)', () => {
  it('df1: all 20 start ages, value and 95 % limits to 4 decimals', () => {
    const r = lifeExpectancy(df1);
    expect(r.map((x) => x.age)).toEqual(AGES);
    r.forEach((row, i) => {
      dp4(row.value, ANSWER1.value[i]!);
      dp4(row.lower, ANSWER1.lower[i]!);
      dp4(row.upper, ANSWER1.upper[i]!);
    });
    expect(Object.keys(r[0]!).sort()).toEqual(['age', 'lower', 'upper', 'value']);
  });
  it('the value does not depend on the level; 95 and 0.95 are the same level; 99.8 % is wider', () => {
    const a = lifeExpectancy(df1, { level: 95 });
    expect(a).toEqual(lifeExpectancy(df1));
    const b = lifeExpectancy(df1, { level: 0.998 });
    expect(b[0]!.value).toBe(a[0]!.value);
    expect(b[0]!.lower!).toBeLessThan(a[0]!.lower!);
    // z(0.999)/z(0.975) times the 95 % half-width.
    rel(b[0]!.value! - b[0]!.lower!, ((a[0]!.value! - a[0]!.lower!) * 3.090232306167813) / 1.959963984540054, 1e-12);
  });
  it('a 95 % interval wider than 20 years gives no value, its limits kept (df_widecis_plus, Area 2)', () => {
    const pops = [270, 235, 246, 248, 243, 238, 246, 257, 261, 355, 350, 356, 346, 339, 337, 337, 333, 323, 311, 311];
    const deaths = [17, 9, 4, 8, 20, 15, 24, 33, 50, 51, 10, 16, 26, 30, 36, 22, 13, 5, 6, 1];
    const values = [19.22914685, 19.4412061, 18.33467808, 14.67659995, 11.81284556, 11.63815414, 10.05641628, 9.93152356, 11.95846561];
    const lower = [16.43900644, 16.53437505, 15.6292255, 12.0810863, 9.21823373, 8.68414661, 6.54020385, 4.71570153, 2.37762283, -1.6069521, -10.33328815, -17.16409724, -26.91715103, -45.04820928, -76.27067271, -137.12203187, -195.39453664, -242.37480291, -266.74198466, -298.548804];
    const upper = [22.01928726, 22.34803716, 21.04013066, 17.27211361, 14.40745738, 14.59216167, 13.57262872, 15.14734559, 21.53930839, 50.29765396, 97.99598549, 107.54413263, 128.91238524, 181.91668353, 278.06441642, 472.32822039, 649.40455756, 783.50845564, 841.04259816, 920.548804];
    const r = lifeExpectancy(pops.map((population, i) => ({ deaths: deaths[i]!, population })));
    r.forEach((row, i) => {
      if (i < 9) dp4(row.value, values[i]!);
      else expect(row.value).toBeNull();
      dp4(row.lower, lower[i]!);
      dp4(row.upper, upper[i]!);
    });
    // Area 1: 312 deaths among 311 aged 90+ → everything null.
    const area1 = lifeExpectancyTable(pops.map((population, i) => ({ deaths: i === 19 ? 312 : deaths[i]!, population })));
    expect(area1.suppressed).toBe('deaths-above-population');
    expect(area1.rows.every((x) => x.value === null && x.lower === null && x.upper === null)).toBe(true);
  });
  it('PHE warnings: negative deaths, population ≤ 0, deaths > population, total population ≤ 5000, not 20 bands → all null', () => {
    const nulls = (bands: { deaths: number; population: number }[], ages?: number[]) => lifeExpectancy(bands, ages ? { ages } : {}).every((x) => x.value === null && x.lower === null && x.upper === null);
    expect(nulls(df1.map((b, i) => (i === 3 ? { ...b, deaths: -5 } : b)))).toBe(true);
    expect(nulls(df1.map((b, i) => (i === 5 ? { ...b, population: 0 } : b)))).toBe(true);
    expect(nulls(df1.map((b, i) => (i === 18 ? { ...b, population: 119 } : b)))).toBe(true);
    const lowPops = [128, 152, 120, 176, 194, 180, 145, 149, 107, 185, 165, 109, 100, 122, 133, 189, 123, 121, 147, 138];
    const lowDeaths = [58, 93, 78, 94, 59, 71, 80, 73, 69, 72, 91, 69, 78, 71, 54, 91, 82, 53, 50, 84];
    expect(lifeExpectancyTable(lowPops.map((population, i) => ({ deaths: lowDeaths[i]!, population }))).suppressed).toBe('total-population-5000');
    expect(nulls(df1.slice(0, 19), AGES.slice(0, 19))).toBe(true);
    // Exactly 5000 is suppressed, 5001 is not (≤ 5000).
    const scaled = (total: number) => df1.map((b) => ({ deaths: 0, population: 0 })).map((_, i) => ({ deaths: i === 19 ? 20 : 1, population: i === 19 ? total - 19 * 250 : 250 }));
    expect(lifeExpectancyTable(scaled(5000)).suppressed).toBe('total-population-5000');
    expect(lifeExpectancyTable(scaled(5001)).suppressed).toBeNull();
  });
  it('PHE input errors: bands not matching the ages, first age not 0, ages not ascending, a level outside 0.9–1 / 90–100', () => {
    expect(() => lifeExpectancy(df1.slice(1))).toThrow(MethodInputError);
    expect(() => lifeExpectancy(df1, { ages: [1, 0, ...AGES.slice(2)] })).toThrow(/first age band must start at 0/);
    expect(() => lifeExpectancy(df1, { ages: [0, 1, 5, 20, 25, 10, ...AGES.slice(6)] })).toThrow(/ascending/);
    expect(() => lifeExpectancy(df1, { level: 0.8 })).toThrow(/between 90 and 100 or between 0.9 and 1/);
    expect(() => lifeExpectancy(df1, { level: 85 })).toThrow(MethodInputError);
  });
});

describe('mean (PHE phe_mean, testdata_Mean)', () => {
  it.each(fx.mean.map((m) => [m.area, m] as const))('%s: mean, sd, 95 % and 99.8 % Student t limits', (_, m) => {
    const r = mean(m.values);
    expect(r.count).toBe(m.value_count);
    rel(r.sum, m.value_sum, 1e-13);
    rel(r.sd, m.stdev, 1e-12);
    rel(r.value, m.value, 1e-13);
    rel(r.lower, m.lower95_0cl, 1e-12);
    rel(r.upper, m.upper95_0cl, 1e-12);
    const r998 = mean(m.values, { level: 0.998 });
    rel(r998.lower, m.lower99_8cl, 1e-12);
    rel(r998.upper, m.upper99_8cl, 1e-12);
    expect(mean(m.values, { level: 99.8 })).toEqual(r998);
  });
  it('one value has no interval; no values, a missing value or a level below 0.9 are input errors', () => {
    expect(mean([4])).toMatchObject({ value: 4, lower: null, upper: null, count: 1 });
    expect(() => mean([])).toThrow(MethodInputError);
    expect(() => mean([1, Number.NaN])).toThrow(MethodInputError);
    expect(() => mean([1, 2], { level: 0.5 })).toThrow(MethodInputError);
  });
  it('Student t quantiles: closed forms for 1 and 2 degrees of freedom, tables for others', () => {
    rel(studentTQuantile(0.975, 1), Math.tan(Math.PI * 0.475), 1e-15);
    rel(studentTQuantile(0.975, 2), 2 / Math.sqrt(2 * 0.025 * 0.975) * 0.475, 1e-14);
    rel(studentTQuantile(0.975, 10), 2.228138851986, 1e-12);
    rel(studentTQuantile(0.995, 30), 2.749995653567, 1e-12);
    rel(studentTQuantile(0.025, 10), -studentTQuantile(0.975, 10), 1e-14);
  });
});

describe('dsr (PHE phe_dsr / calculate_dsr, testresults_DSR)', () => {
  it.each(fx.dsr.map((d) => [`${d.area}, ${d.statistic}`, d] as const))('%s', (_, d) => {
    const multiplier = /per 100000/.test(d.statistic) ? 100000 : 10000;
    if (d.value === null) {
      // Below 10 events: the fields are null, the observed count is given.
      expect(dsr(d.bands, { multiplier })).toMatchObject({ value: null, lower: null, upper: null, observed: d.total_count });
      return;
    }
    const r = dsr(d.bands, { multiplier });
    expect(r.observed).toBe(d.total_count);
    expect(r.population).toBe(d.total_pop);
    rel(r.value, d.value, 1e-12);
    rel(r.lower, d.lower95_0cl!, 1e-12);
    rel(r.upper, d.upper95_0cl!, 1e-12);
    // (PHE's sheet has testdata_1976's 99.8 % limits ten times too large; PHE's own test checks
    // only its 95 % limits.)
    if (d.area !== 'testdata_1976') {
      const w = dsr(d.bands, { multiplier, level: 0.998 });
      rel(w.lower, d.lower99_8cl!, 1e-12);
      rel(w.upper, d.upper99_8cl!, 1e-12);
    }
  });
});

describe('sii (PHE phe_sii without transform, testdata_SII)', () => {
  it.each(fx.sii.map((c) => [`${c.description}, ${c.area}`, c] as const))('%s', (_, c) => {
    const r = sii(c.groups, { multiplier: c.multiplier });
    rel(r.sii, c.sii, 1e-10);
    if (c.rii !== null) rel(r.rii, c.rii, 1e-10);
    if (c.intercept !== null) rel(r.intercept, c.intercept, 1e-10);
  });
  it('a group with population 0 is an input error, as in PHE', () => {
    const groups = fx.sii[0]!.groups.map((g, i) => (i === 2 ? { ...g, population: 0 } : g));
    expect(() => sii(groups)).toThrow(/zero, negative or missing population/);
  });
});
