import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Indicator } from '../../src/indicators/catalogue.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import type { IndicatorResult } from '../../src/indicators/result.js';
import { loadData } from '../../src/sources/load.js';
import { tempDir } from '../helpers.js';

/**
 * FHI's pooled tables run through loadData and computeIndicators, as FHI counts them: TELLER and
 * NEVNER of a 3-year table are yearly averages, and FHI's intervals, barometer tests, change tests
 * and suppression rest on the period's sums (khfunctions R/edit_columns.R `add_sumvalues`,
 * R/censoring.R `do_censor_primary`). The expected values are computed independently of the engine
 * (Python, scipy.stats 1.17: binom.cdf/sf, poisson.cdf/sf, norm; the Wilson and Byar formulas of
 * ../shared/domain/methods.md), on the sums.
 */

const PERIODS = ['2017_2019', '2018_2020', '2019_2021', '2020_2022'];
const FLAGS = { index: ['..', '.', ':'], label: { '..': 'Manglende data', '.': 'Lar seg ikke beregne', ':': 'Anonymisert eller skjult av andre årsaker' } };

/** A JSON-stat 2.0 table as `folkehelse fetch` writes FHI's (GEO × AAR × MEASURE_TYPE). */
function jsonStat(label: string, measures: string[], rows: Record<string, number[][]>): string {
  const geos = Object.keys(rows);
  const value: number[] = [];
  for (const g of geos) for (const perPeriod of rows[g]!) value.push(...perPeriod);
  return JSON.stringify({
    class: 'dataset',
    version: '2.0',
    label,
    id: ['GEO', 'AAR', 'MEASURE_TYPE'],
    size: [geos.length, PERIODS.length, measures.length],
    role: { geo: ['GEO'], metric: ['MEASURE_TYPE'] },
    dimension: {
      GEO: { label: 'Geografi', category: { index: geos, label: { '0': 'Hele landet', '5037': 'Levanger', '5038': 'Verdal' } } },
      AAR: { label: 'År', category: { index: PERIODS, label: Object.fromEntries(PERIODS.map((p) => [p, p.replace('_', '-')])) } },
      MEASURE_TYPE: { label: 'Måltall', category: { index: measures } },
    },
    value,
    extension: { flags: FLAGS },
  });
}

const share: Indicator = {
  id: 'andel',
  theme: 'b',
  title: { nb: 'Andel', nn: 'Del' },
  howToRead: { nb: 'Andel', nn: 'Del' },
  source: { nb: 'FHI', nn: 'FHI' },
  select: { source: 'fhi', table: 'nokkel-901', measure: 'RATE' },
  measureType: 'proportion',
  multiplier: 100,
  unit: { nb: 'prosent', nn: 'prosent' },
  polarity: 'low-is-good',
  periods: { pooled: 3 },
};
const meis: Indicator = { ...share, id: 'meis', select: { source: 'fhi', table: 'nokkel-902', measure: 'MEIS' }, measureType: 'indirectly-standardised-rate', multiplier: 1000, unit: { nb: 'per 1000', nn: 'per 1000' } };

let levanger: IndicatorResult[];
let verdal: IndicatorResult[];
let averagesAsCounts: IndicatorResult[];

beforeAll(async () => {
  const dir = tempDir();
  // TELLER and NEVNER are yearly averages (NEVNER as fetch derives it: TELLER × 100 / RATE).
  writeFileSync(
    join(dir, 'nokkel-901.json'),
    jsonStat('Andel, treårige tall', ['TELLER', 'RATE', 'NEVNER'], {
      '0': PERIODS.map(() => [120000, 12, 1000000]),
      '5037': [10, 12, 14, 17].map((t) => [t, t, 100]),
      // 1.4 a year is 4 over the period: above the limit (3) on the sum, under it on the average.
      '5038': [20, 20, 20, 1.4].map((t) => [t, t, 100]),
    }),
  );
  writeFileSync(
    join(dir, 'nokkel-902.json'),
    jsonStat('Standardisert rate, treårige tall', ['TELLER', 'RATE', 'MEIS'], {
      '0': PERIODS.map(() => [50000, 10, 100]),
      '5037': [25, 26, 28, 30].map((t, i) => [t, 8 + i, [110, 115, 120, 130][i]!]),
      '5038': PERIODS.map(() => [40, 10, 100]),
    }),
  );
  const { observations } = await loadData([dir]);
  levanger = computeIndicators(observations, [share, meis], { kommune: '5037' });
  verdal = computeIndicators(observations, [share, meis], { kommune: '5038' });
  // The same data with the counts declared as sums: what the engine did before (averages taken as counts).
  averagesAsCounts = computeIndicators(observations, [share, meis].map((i) => ({ ...i, periods: { pooled: 3, counts: 'sum' as const } })), { kommune: '5037' });
});

describe("a pooled FHI share: FHI's sums, interval and barometer test", () => {
  it('counts are the sums (average × 3), and the result says so; RATE is unchanged', () => {
    const r = levanger.find((x) => x.id === 'andel')!;
    expect(r.value).toMatchObject({ value: 17, numerator: 51, denominator: 300, counts: { basis: 'yearly-average→sum', factor: 3 } });
    expect(r.comparisons.land.value).toMatchObject({ value: 12, numerator: 360000, denominator: 3000000 });
  });
  it('the Wilson interval of 51/300', () => {
    const v = levanger.find((x) => x.id === 'andel')!.value!;
    expect(v.lower).toBeCloseTo(13.173009843992434, 10);
    expect(v.upper).toBeCloseTo(21.661426256827607, 10);
  });
  it("FHI's barometer test: exact binomial of 51 of 300 against land's 12 % as fixed → worse (p = 0.01354)", () => {
    const land = levanger.find((x) => x.id === 'andel')!.comparisons.land;
    expect(land).toMatchObject({ verdict: 'worse', method: 'binomial' });
    expect(land.p).toBeCloseTo(0.0135364806127732, 10);
  });
  it('on the yearly averages as counts (17 of 100) the same municipality came out "not different"', () => {
    const r = averagesAsCounts.find((x) => x.id === 'andel')!;
    expect(r.value).toMatchObject({ numerator: 17, denominator: 100, counts: { basis: 'as-published', factor: 1 } });
    expect(r.comparisons.land).toMatchObject({ verdict: 'similar', method: 'binomial' });
    expect(r.comparisons.land.p).toBeCloseTo(0.17488528325692712, 8);
  });
  it('development: no five independent periods, so 2017–2019 against 2020–2022 on the sums (30/300 → 51/300)', () => {
    const t = levanger.find((x) => x.id === 'andel')!.trend;
    expect(t).toMatchObject({ direction: 'increasing', judgement: 'worse', method: 'first-last-change', independentPoints: 2 });
    expect(t.change).toMatchObject({ from: { label: '2017_2019' }, to: { label: '2020_2022' }, method: 'two-proportions', significant: true });
    expect(t.change!.z).toBeCloseTo(2.508815542662195, 10);
    expect(t.change!.p).toBeCloseTo(0.012113672223541316, 10);
    expect(averagesAsCounts.find((x) => x.id === 'andel')!.trend).toMatchObject({ direction: 'no-significant-change', change: { significant: false } });
  });
  it('suppression limits look at the sums: 1.4 a year over three years is 4 cases, published', () => {
    const r = verdal.find((x) => x.id === 'andel')!;
    expect(r.value).toMatchObject({ absent: null, numerator: 4, denominator: 300 });
  });
});

describe('a pooled FHI MEIS: the Poisson barometer test on the summed count', () => {
  it('O = 30 × 3 = 90, MEIS 130 against land 100: E = 90 × 100/130, exact Poisson p = 0.01883 → worse', () => {
    const r = levanger.find((x) => x.id === 'meis')!;
    expect(r.value).toMatchObject({ value: 130, numerator: 90, counts: { basis: 'yearly-average→sum', factor: 3 }, method: 'byar' });
    expect(r.value!.lower).toBeCloseTo(104.53245232747625, 9);
    expect(r.value!.upper).toBeCloseTo(159.79378025412956, 9);
    expect(r.comparisons.land).toMatchObject({ verdict: 'worse', method: 'poisson' });
    expect(r.comparisons.land.p).toBeCloseTo(0.018829435003483927, 10);
  });
  it('on the average count (30) the test was not significant (p = 0.189)', () => {
    const land = averagesAsCounts.find((x) => x.id === 'meis')!.comparisons.land;
    expect(land.verdict).toBe('similar');
    expect(land.p).toBeCloseTo(0.18861754404336134, 8);
  });
});

describe('FHI cube files: sumTELLER is a sum, RATE.n the years with data', () => {
  it('sumTELLER/sumNEVNER are used as they are; TELLER with RATE.n = 2 is multiplied by 2', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'kube.csv'),
      [
        'GEO;AAR;KJONN;ALDER;TELLER;NEVNER;RATE;sumTELLER;sumNEVNER;RATE.n;SPVFLAGG',
        '0;2020_2022;0;0_120;120000;1000000;12;360000;3000000;3;0',
        '5037;2020_2022;0;0_120;17;100;17;51;300;3;0',
        '5038;2020_2022;0;0_120;17;100;17;;;2;0',
      ].join('\n'),
    );
    const { observations } = await loadData([dir]);
    const ind: Indicator = { ...share, select: { source: 'fhi', table: 'kube', measure: 'RATE' } };
    const [a] = computeIndicators(observations, [ind], { kommune: '5037' });
    expect(a!.value).toMatchObject({ numerator: 51, denominator: 300, counts: { basis: 'sum', factor: 1 } });
    const [b] = computeIndicators(observations, [ind], { kommune: '5038' });
    expect(b!.value).toMatchObject({ numerator: 34, denominator: 200, counts: { basis: 'yearly-average→sum', factor: 2 } });
    expect(b!.value!.lower).toBeCloseTo(12.427907912586969, 10);
    expect(b!.value!.upper).toBeCloseTo(22.815883628312626, 10);
  });
});

describe('FHI label downloads: the count downloaded beside the share is paired with it', () => {
  const rows = (measures: [string, number, number][]) =>
    [
      'Geografi,År,Kjønn,Alder,Måltall,value',
      ...measures.flatMap(([m, land, levanger]) => [`Hele landet,2020-2022,kjønn samlet,alle aldre,${m},${land}`, `Levanger,2020-2022,kjønn samlet,alle aldre,${m},${levanger}`]),
    ].join('\n');
  const ind: Indicator = { ...share, select: { source: 'fhi', table: 'andel_label', measure: 'andel (prosent)' } };

  it('"antall" (a yearly average) and "andel (prosent)": 17 a year of 100 → 51 of 300, tested as the API file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'andel_label.csv'), rows([['antall', 120000, 17], ['andel (prosent)', 12, 17]]));
    const { observations } = await loadData([dir]);
    const [r] = computeIndicators(observations, [ind], { kommune: '5037' });
    expect(r!.value).toMatchObject({ numerator: 51, denominator: 300, counts: { basis: 'yearly-average→sum', factor: 3 } });
    expect(r!.comparisons.land).toMatchObject({ verdict: 'worse', method: 'binomial' });
    expect(r!.comparisons.land.p).toBeCloseTo(0.0135364806127732, 10);
  });
  it('the share alone: not tested, and the reason says to download the count too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'andel_label.csv'), rows([['andel (prosent)', 12, 17]]));
    const { observations } = await loadData([dir]);
    const [r] = computeIndicators(observations, [ind], { kommune: '5037' });
    expect(r!.comparisons.land).toMatchObject({ verdict: 'not-tested', reason: 'no-counts-in-file' });
    expect(r!.trend).toMatchObject({ direction: 'cannot-be-calculated' });
  });
});
