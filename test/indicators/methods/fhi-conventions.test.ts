import { describe, expect, it } from 'vitest';
import {
  binomialTest,
  chiangTest,
  compare,
  dsr,
  fayFeuer,
  meis,
  MethodInputError,
  poissonTest,
  referenceVerdict,
  smr,
  spcLimits,
  type SmrBand,
} from '../../../src/indicators/methods/index.js';

/** Relative difference below `tol` (default 1e-9). */
const close = (actual: number | null | undefined, expected: number, tol = 1e-9) => {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  expect(Math.abs(actual! - expected) / Math.max(Math.abs(expected), 1e-300)).toBeLessThan(tol);
};

/**
 * FHI's own example data: helseprofil/misc standard/dt3.txt and standard/dtNorge.txt (used by
 * standard/standard.R and epitool-pkg.R): induced abortions 2019 (ABORT_NH), women 15–44 by five-year
 * band, Oslo (GEO 3) and Norway (GEO 0). `case` = abortions, `TELLER` = women.
 */
const osloBands = [
  { count: 85, population: 15380 },
  { count: 437, population: 24381 },
  { count: 601, population: 38496 },
  { count: 527, population: 35193 },
  { count: 400, population: 27520 },
  { count: 141, population: 23299 },
];
const norgeBands = [
  { count: 745, population: 155334 },
  { count: 2445, population: 164895 },
  { count: 3131, population: 181578 },
  { count: 2714, population: 178708 },
  { count: 1903, population: 170931 },
  { count: 704, population: 170461 },
];

describe('smr with { land } (FHI: khfunctions do_adjust_smr_and_meis)', () => {
  const land: SmrBand[] = norgeBands.map((b) => ({ ...b, referenceRate: b.count / b.population }));
  it('is exactly 100 for land itself', () => {
    expect(smr(land, { land }).value).toBe(100);
    expect(smr(norgeBands, { land: norgeBands }).value).toBe(100);
  });
  it('with land\'s own rates equals the textbook SMR (standard.R: smr3i = sum(case)/sum(exp_nr))', () => {
    // standard.R: exp_nr = crude/1000 * TELLER, crude = Norway's case/TELLER*1000; computed by hand:
    // E = 2036.1507399611944, O = 2191, SMR = 1.076049998165537.
    const r = smr(osloBands, { land: norgeBands });
    close(r.expected, 2036.1507399611944, 1e-12);
    expect(r.observed).toBe(2191);
    close(r.value, 107.6049998165537, 1e-12);
    close(r.landRatio, 1, 1e-12);
    // Byar limits of O = 2191 over E (land's ratio fixed): 103.1460089688719, 112.20716004304757.
    close(r.lower, 103.1460089688719, 1e-11);
    close(r.upper, 112.20716004304757, 1e-11);
    const textbook = smr(osloBands.map((b, i) => ({ ...b, referenceRate: land[i]!.referenceRate })));
    close(textbook.value, r.value!, 1e-14);
    expect(textbook).not.toHaveProperty('landRatio');
  });
  it('divides by land\'s ratio when the reference rates are another year\'s (FHI fixed reference year)', () => {
    // Reference rates 10 % below this year's national rates: textbook SMR for land is 111.1…,
    // FHI's is 100; the area keeps its position relative to land.
    const ref = norgeBands.map((b) => ({ ...b, referenceRate: (0.9 * b.count) / b.population }));
    const area = osloBands.map((b, i) => ({ ...b, referenceRate: ref[i]!.referenceRate }));
    close(smr(ref).value, 100 / 0.9, 1e-12);
    expect(smr(ref, { land: ref }).value).toBe(100);
    const r = smr(area, { land: ref });
    close(r.landRatio, 1 / 0.9, 1e-12);
    close(r.value, 107.6049998165537, 1e-12);
    close(r.upper! / r.lower!, smr(area).upper! / smr(area).lower!, 1e-12);
  });
  it('input rules', () => {
    expect(() => smr(osloBands)).toThrow(/no reference rate/);
    expect(() => smr(osloBands, { land: norgeBands.slice(1) })).toThrow(/same bands/);
    expect(smr(osloBands, { land: norgeBands.map((b) => ({ ...b, count: 0 })) }).value).toBeNull();
    const ref = osloBands.map((b) => ({ ...b, referenceRate: 0.01 }));
    expect(() => smr(ref, { land: norgeBands.map((b) => ({ ...b, count: 0 })) })).toThrow(MethodInputError);
  });
});

describe('meis (MEIS = SMR/100 × land\'s crude rate, khfunctions add_meisskala)', () => {
  it('FHI\'s example data: Oslo\'s MEIS per 1000 = refCrude × smr3i (standard.R)', () => {
    // refCrude = 11.392426120967954 per 1000; MEIS = 12.258820106568582.
    const r = meis(osloBands, { land: norgeBands, multiplier: 1000 });
    close(r.scale * 1000, 11.392426120967954, 1e-12);
    close(r.value, 12.258820106568582, 1e-12);
    close(r.lower, 11.75083286850571, 1e-11);
    close(r.upper, 12.78311781034047, 1e-11);
    close(r.smr, 107.6049998165537, 1e-12);
  });
  it('is land\'s crude rate for land', () => {
    const r = meis(norgeBands, { land: norgeBands, multiplier: 1000 });
    close(r.value, 11.392426120967954, 1e-14);
    expect(r.smr).toBe(100);
  });
  it('with a fixed reference (MEISskala): O/E × reference', () => {
    const r = meis(osloBands, { land: norgeBands, multiplier: 1000, reference: 0.0115 });
    close(r.value, (2191 / 2036.1507399611944) * 11.5, 1e-12);
  });
  it('needs land', () => {
    expect(() => meis(osloBands, {} as never)).toThrow(/land/);
  });
});

/**
 * epitools' `ageadjust.direct` help example (Fleiss 1981, p. 249; "This recreates Table 1 of Fay
 * and Feuer, 1997"): Down syndrome births by birth order, standard = the mean population of birth
 * orders 1–5. Expected values per 100 000 computed from the ageadjust.direct formulas
 * (epitools R/ageadjust.direct.R) with scipy.stats.gamma.ppf in double precision; `round(.., 1)`
 * as the example prints them: 1: 56.3, 92.3, 80.4, 105.8; 2: 67.6, 91.2, 82.4, 100.9;
 * 3: 83.3, 85.1, 77.2, 94.2; 4: 115.5, 92.7, 80.0, 114.7; 5+: 167.1, 75.5, 67.7, 188.3
 * (crude.rate, adj.rate, lci, uci).
 */
describe('dsr { interval: "fay-feuer" } (epitools::ageadjust.direct)', () => {
  const population = [230061, 329449, 114920, 39487, 14208, 3052, 72202, 326701, 208667, 83228, 28466, 5375, 15050, 175702, 207081, 117300, 45026, 8660, 2293, 68800, 132424, 98301, 46075, 9834, 327, 30666, 123419, 149919, 104088, 34392];
  const count = [107, 141, 60, 40, 39, 25, 25, 150, 110, 84, 82, 39, 3, 71, 114, 103, 108, 75, 1, 26, 64, 89, 137, 96, 0, 8, 63, 112, 262, 295];
  const standard = [0, 1, 2, 3, 4, 5].map((age) => [0, 1, 2, 3, 4].reduce((s, order) => s + population[order * 6 + age]!, 0) / 5);
  const bandsOf = (order: number) => [0, 1, 2, 3, 4, 5].map((age) => ({ count: count[order * 6 + age]!, population: population[order * 6 + age]!, standard: standard[age]! }));
  const expected: [number, number, number, number][] = [
    [56.347505460374165, 92.30452553319944, 80.44174985070424, 105.76334574926118],
    [67.61987693182398, 91.17411683466409, 82.36121165200444, 100.86757631725105],
    [83.33054978824546, 85.06922133830194, 77.18345340272157, 94.22356983220654],
    [115.45116806950553, 92.71786505519977, 80.0099927553993, 114.66944482258438],
    [167.11418641361664, 75.5290074452568, 67.70212041764667, 188.3001727277759],
  ];
  it.each(expected.map((e, i) => [i + 1, e] as const))('birth order %s', (order, [crude, adj, lci, uci]) => {
    const r = dsr(bandsOf(order - 1), { multiplier: 1e5, interval: 'fay-feuer' });
    close(r.crudeRate, crude, 1e-12);
    close(r.value, adj, 1e-12);
    close(r.lower, lci, 1e-10);
    close(r.upper, uci, 1e-10);
    expect(r.interval).toBe('fay-feuer');
    expect(Math.round(r.value * 10) / 10).toBe(Math.round(adj * 10) / 10);
  });
  it('99.8 % (conf.level = 0.998), birth order 1: 74.1619686694918, 113.70719360022153', () => {
    const r = fayFeuer(bandsOf(0), { multiplier: 1e5, level: 0.998 });
    close(r.lower, 74.1619686694918, 1e-10);
    close(r.upper, 113.70719360022153, 1e-10);
  });
  it('the ageadjust.indirect help example\'s direct part (Selvin 2004): 1940 deaths on the 1960 population', () => {
    // round(100000*dsr, 2): 119.53, 139.25, 138.21, 140.29.
    const dth40 = [45, 201, 320, 670, 1126, 3160, 9723, 17935, 22179, 13461, 2238];
    const pop40 = [906897, 3794573, 10003544, 10629526, 9465330, 8249558, 7294330, 5022499, 2920220, 1019504, 142532];
    const pop60 = [1784033, 7065148, 15658730, 10482916, 9939972, 10563872, 9114202, 6850263, 4702482, 1874619, 330915];
    const r = dsr(dth40.map((c, i) => ({ count: c, population: pop40[i]!, standard: pop60[i]! })), { multiplier: 1e5, interval: 'fay-feuer' });
    close(r.crudeRate, 119.52864153221125, 1e-12);
    close(r.value, 139.25054402189605, 1e-12);
    close(r.lower, 138.21412580437155, 1e-10);
    close(r.upper, 140.2937589873475, 1e-10);
  });
  it('FHI\'s example data (helseprofil/misc standard.R: ageadjust.direct(dt3$case, dt3$TELLER, dtNorge$TELLER))', () => {
    const r = dsr(osloBands.map((b, i) => ({ ...b, standard: norgeBands[i]!.population })), { multiplier: 1000, interval: 'fay-feuer' });
    close(r.crudeRate, 13.337878723313588, 1e-12);
    close(r.value, 12.565670302363102, 1e-12);
    close(r.lower, 12.033661462345945, 1e-10);
    close(r.upper, 13.119260000169312, 1e-10);
  });
  it('keeps Dobson as the default and reports small counts (no suppression) with a lower limit of 0 for no events', () => {
    const bands = [{ count: 3, population: 1000, standard: 1 }, { count: 2, population: 2000, standard: 1 }];
    expect(dsr(bands)).toEqual({ value: null, lower: null, upper: null, observed: 5, population: 3000 });
    expect(dsr(bands, { interval: 'dobson' })).toEqual(dsr(bands));
    const ff = dsr(bands, { interval: 'fay-feuer' });
    close(ff.value, (3 / 1000 + 2 / 2000) / 2, 1e-14);
    const none = dsr([{ count: 0, population: 1000, standard: 1 }], { interval: 'fay-feuer' });
    expect(none.value).toBe(0);
    expect(none.lower).toBe(0);
    close(none.upper, -Math.log(0.025) / 1000, 1e-12); // wm · qgamma(0.975, 1)
    expect(() => dsr(bands, { interval: 'x' as never })).toThrow(MethodInputError);
    expect(() => dsr([{ count: 1, population: 0, standard: 1 }], { interval: 'fay-feuer' })).toThrow(/populations must all be above 0/);
  });
});

/**
 * Fingertips' own unit tests (ukhsa-collaboration/fingertips-open,
 * PholioVisualisationWS/AnalysisTest/SpcForProportionsComparerTest.cs, SpcForDsrComparerTest.cs),
 * polarity "RAG – low is good"; published values and flags as there.
 */
describe('compare { method: "spc" } (Fingertips SPC comparers)', () => {
  const spc95 = { method: 'spc' as const, multiplier: 100 };
  const spc998 = { method: 'spc' as const, multiplier: 100, level: 0.998 };
  const row = (value: number, lower: number, upper: number, population: number) => ({ value, lower, upper, population });
  it('proportions, IndicatorId 1, 2010: same significance at 95 % and 99.8 %', () => {
    const b = 8.9611086876279327;
    const a5pp = row(7.7065767284991562, 7.0548320523366375, 8.4130813590727076, 5930);
    const a5pn = row(9.8988121425428961, 8.7379055891773572, 11.195035154784872, 2273);
    const a5pr = row(12.474645030425965, 11.088798553603118, 14.006406155616993, 1972);
    expect(compare(a5pp, b, 'low-is-good', spc95)).toBe('better');
    expect(compare(a5pp, b, 'low-is-good', spc998)).toBe('better');
    expect(compare(a5pn, b, 'low-is-good', spc95)).toBe('similar');
    expect(compare(a5pn, b, 'low-is-good', spc998)).toBe('similar');
    expect(compare(a5pr, b, 'low-is-good', spc95)).toBe('worse');
    expect(compare(a5pr, b, 'low-is-good', spc998)).toBe('worse');
  });
  it('proportions, IndicatorId 514, 2010: different significance at 95 % and 99.8 %', () => {
    const b = 12.8379546895717;
    const a5py = row(10.9783420463032, 9.41418865607498, 12.7657535004819, 1339);
    const a5gc = row(15.9065628476085, 13.6615426206213, 18.4417082867185, 899);
    expect(compare(a5py, b, 'low-is-good', spc95)).toBe('better');
    expect(compare(a5py, b, 'low-is-good', spc998)).toBe('similar');
    expect(compare(a5gc, b, 'low-is-good', spc95)).toBe('worse');
    expect(compare(a5gc, b, 'low-is-good', spc998)).toBe('similar');
  });
  it('DSR, IndicatorId 501, MRSA per 100 000, 2011 (Denominator2 = population)', () => {
    const b = 2.132708657734625;
    const o = (level?: number) => ({ method: 'spc' as const, multiplier: 100000, ...(level ? { level } : {}) });
    const cams = row(1.1358436559886544, 0.4566680649368694, 2.34027204390037, 616282);
    const suffolk = row(2.657913272289925, 1.5192270945178816, 4.3162846329446163, 601976);
    const birmingham = row(4.1515156695295845, 2.4184108857503652, 6.6469787446568454, 409489);
    expect(compare(cams, b, 'low-is-good', o())).toBe('better');
    expect(compare(cams, b, 'low-is-good', o(0.998))).toBe('similar');
    expect(compare(suffolk, b, 'low-is-good', o())).toBe('similar');
    expect(compare(suffolk, b, 'low-is-good', o(0.998))).toBe('similar');
    expect(compare(birmingham, b, 'low-is-good', o())).toBe('worse');
    expect(compare(birmingham, b, 'low-is-good', o(0.998))).toBe('similar');
    // Comparator 1 (the default) on the same rows: Cams's interval holds the benchmark.
    expect(compare(cams, b, 'low-is-good')).toBe('similar');
    expect(compare(birmingham, b, 'low-is-good')).toBe('worse');
  });
  it('the DSR limits are PoisLow/PoisHigh of the expected count (E = 13.1435 for Cams)', () => {
    // Gamma quantiles of ⌈E⌉ = 14 and ⌊E⌋ + 1 = 14 (scipy), per 100 000; Fingertips' bisection
    // (StatisticalMethods.cs, ported) gives 1.24195265, 3.60717878.
    const l = spcLimits(2.132708657734625, 616282, { multiplier: 100000, measure: 'rate' })!;
    close(l.lower, 1.2419525925307886, 1e-10);
    close(l.upper, 3.6071791676795484, 1e-10);
    const l998 = spcLimits(2.132708657734625, 616282, { multiplier: 100000, measure: 'rate', level: 0.998 })!;
    close(l998.lower, 0.8430295802754121, 1e-10);
    close(l998.upper, 4.615767245624051, 1e-10);
  });
  it('proportion limits are the Wilson limits of E = N·P₀ out of N', () => {
    const l = spcLimits(50, 100, { multiplier: 100 })!;
    expect(l.measure).toBe('proportion');
    const z = 1.959963984540054;
    close(l.lower, (100 * (100 + z * z - z * Math.sqrt(z * z + 100))) / (2 * (100 + z * z)), 1e-13);
  });
  it('not tested without population, value or benchmark; polarity none gives higher/lower', () => {
    expect(compare({ value: 5, lower: null, upper: null }, 8.96, 'low-is-good', spc95)).toBe('not-tested');
    expect(compare({ value: 5, lower: null, upper: null, population: 0 }, 8.96, 'low-is-good', spc95)).toBe('not-tested');
    expect(compare({ value: null, lower: null, upper: null, population: 100 }, 8.96, 'low-is-good', spc95)).toBe('not-tested');
    expect(compare({ value: 5, lower: null, upper: null, population: 5930 }, null, 'low-is-good', spc95)).toBe('not-tested');
    expect(compare({ value: 7.7065767284991562, lower: null, upper: null, population: 5930 }, 8.9611086876279327, 'none', spc95)).toBe('lower');
  });
});

describe('FHI barometer tests against a fixed national value', () => {
  it('binomial: Stata manual, bitesti 10 3 .5 → Pr(k ≥ 3) = 0.945313, Pr(k ≤ 3) = 0.171875, two-sided 0.343750', () => {
    const t = binomialTest(3, 10, 0.5)!;
    close(t.pUpper, 0.9453125, 1e-12);
    close(t.pLower, 0.171875, 1e-12);
    close(t.p, 0.34375, 1e-12);
    close(t.pMinLikelihood, 0.34375, 1e-12);
    expect(t.direction).toBe('similar');
  });
  it('binomial: R binom.test(682, 925, p = 3/4) → p-value = 0.3825, 95 % CI 0.7076683–0.7654066', () => {
    const t = binomialTest(682, 925, 0.75)!;
    expect(Math.round(t.pMinLikelihood! * 1e4) / 1e4).toBe(0.3825);
    // Equal-tailed: the reference at a Clopper–Pearson limit gives a tail of 0.025.
    close(binomialTest(682, 925, 0.7076683)!.pUpper, 0.025, 1e-4);
    close(binomialTest(682, 925, 0.7654066)!.pLower, 0.025, 1e-4);
    expect(binomialTest(682, 925, 0.77)!.direction).toBe('lower');
    expect(referenceVerdict(binomialTest(682, 925, 0.77), 'high-is-good')).toBe('worse');
    expect(referenceVerdict(binomialTest(682, 925, 0.70), 'high-is-good')).toBe('better');
  });
  it('poisson: the reference at the exact limits of one event (PHE: 25.317807984289896, 5571.6433909388979 per 100 000 of 100) gives p = 0.05', () => {
    const hi = poissonTest(1, 5.5716433909388979)!;
    close(hi.pLower, 0.025, 1e-9);
    close(hi.p, 0.05, 1e-9);
    const lo = poissonTest(1, 0.025317807984289896)!;
    close(lo.pUpper, 0.025, 1e-9);
    expect(poissonTest(1, 6)!.direction).toBe('lower');
    expect(poissonTest(1, 5)!.direction).toBe('similar');
    expect(poissonTest(0, 4)!.pUpper).toBe(1);
    // R's poisson.test two-sided p (its algorithm replayed with scipy.stats.poisson):
    // poisson.test(10, 4) → 0.008132242796933871, poisson.test(1, 6) → 0.03744322877610931.
    close(poissonTest(10, 4)!.pMinLikelihood, 0.008132242796933871, 1e-9);
    close(poissonTest(1, 6)!.pMinLikelihood, 0.03744322877610931, 1e-9);
    expect(poissonTest(null, 4)).toBeNull();
    expect(() => poissonTest(1, 0)).toThrow(MethodInputError);
  });
  it('chiang: PHE\'s e₀ = 80.1696 [79.8827, 80.4565] — the reference at a limit gives p = 0.05', () => {
    const se = (80.4565 - 79.8827) / (2 * 1.959963984540054);
    close(chiangTest(80.1696, se, 79.8827)!.p, 0.05, 1e-9);
    expect(chiangTest(80.1696, se, 79.8)!.direction).toBe('higher');
    expect(chiangTest(80.1696, se, 80.2)!.direction).toBe('similar');
    expect(chiangTest(80.1696, 0, 80)).toBeNull();
  });
});
