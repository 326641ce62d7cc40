import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/sources/load.js';
import { CatalogueError, loadCatalogue, readCatalogueFile, type Indicator } from '../../src/indicators/catalogue.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import { lifeExpectancy } from '../../src/indicators/methods/life-expectancy.js';
import type { IndicatorResult } from '../../src/indicators/result.js';
import type { Observation, Period } from '../../src/model/observation.js';
import { INNHERRED, SYNTHETIC_CATALOGUE, tempDir } from '../helpers.js';

/** The engine's use of the methods: life tables, shares of units, trends over pooled periods. */

function obs(partial: Partial<Observation> & { value: number | null }): Observation {
  return {
    source: 'fhi',
    table: 'test',
    measure: 'RATE',
    measureType: 'rate',
    unit: null,
    multiplier: null,
    standardisation: 'none',
    geo: { code: '5037', level: 'kommune', name: 'Levanger' },
    harmonisedFrom: null,
    period: { from: 2022, to: 2024, kind: 'pool', label: '2022_2024' },
    sex: 'total',
    age: null,
    dimensions: {},
    missing: null,
    provisional: false,
    numerator: null,
    denominator: null,
    origin: { file: 'test.csv', line: 2 },
    ...partial,
  };
}

const base: Omit<Indicator, 'measureType'> = {
  id: 'test',
  theme: 'f',
  title: { nb: 'Test', nn: 'Test' },
  howToRead: { nb: 'Test', nn: 'Test' },
  source: { nb: 'Test', nn: 'Test' },
  select: { source: 'fhi', table: 'test', measure: 'RATE' },
  unit: { nb: 'prosent', nn: 'prosent' },
  polarity: 'high-is-good',
};
const byId = (rs: IndicatorResult[], id: string) => rs.find((r) => r.id === id)!;

describe('life expectancy from deaths and population by age (a catalogue method)', () => {
  const ages = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];
  const codes = ages.map((a, i) => `${a}_${i === ages.length - 1 ? 120 : ages[i + 1]! - 1}`);
  const POPS = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936];
  const DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937];
  const le: Indicator = { ...base, id: 'levealder', measureType: 'life-expectancy', unit: { nb: 'år', nn: 'år' }, lifeTable: { bands: codes } };
  const table = (code: string, name: string, level: 'kommune' | 'land', scale: number) =>
    codes.map((c, i) => obs({ geo: { code, level, name }, age: { code: c, label: c, from: ages[i]!, to: ages[i]! }, value: null, measureType: 'count', numerator: Math.round(DEATHS[i]! * scale), denominator: POPS[i]! }));

  it("computes PHE's value and interval and compares with land by interval", () => {
    const data = [...table('5037', 'Levanger', 'kommune', 1), ...table('0', 'Norge', 'land', 0.9)];
    const [r] = computeIndicators(data, [le], { kommune: '5037' });
    const expected = lifeExpectancy(POPS.map((p, i) => ({ deaths: DEATHS[i]!, population: p })))[0]!;
    expect(r!.value).toMatchObject({ value: expected.value, lower: expected.lower, upper: expected.upper, method: 'chiang', numerator: 9357, denominator: 787954 });
    expect(r!.value!.value!.toFixed(4)).toBe('80.1696');
    // Land's death rates are 10 % lower: its life expectancy lies above Levanger's interval.
    const land = r!.comparisons.land.value!;
    expect(land.value!).toBeGreaterThan(r!.value!.upper!);
    expect(r!.comparisons.land.verdict).toBe('worse');
    const [same] = computeIndicators([...table('5037', 'Levanger', 'kommune', 1), ...table('0', 'Norge', 'land', 1.01)], [le], { kommune: '5037' });
    expect(same!.comparisons.land.verdict).toBe('similar');
  });

  it('at another start age; no value (".") where PHE gives none (total population ≤ 5000)', () => {
    const [r] = computeIndicators(table('5037', 'Levanger', 'kommune', 1), [{ ...le, lifeTable: { bands: codes, at: 65 } }], { kommune: '5037' });
    expect(r!.value!.value!.toFixed(4)).toBe('18.7686');
    const tiny = table('5037', 'Levanger', 'kommune', 0.01).map((o) => ({ ...o, numerator: Math.max(4, o.numerator!), denominator: 200 }));
    const [t] = computeIndicators(tiny, [le], { kommune: '5037' });
    expect(t!.value).toMatchObject({ value: null, lower: null, absent: { symbol: '.', reason: 'not-applicable' } });
  });

  it('the catalogue schema requires the 20 bands for a life-expectancy indicator', () => {
    const dir = tempDir();
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, JSON.stringify({ indicators: [{ ...le, lifeTable: { bands: codes, at: 30 } }] }));
    expect(readCatalogueFile(ok).indicators[0]!.lifeTable!.at).toBe(30);
    const missing = join(dir, 'missing.json');
    writeFileSync(missing, JSON.stringify({ indicators: [{ ...le, lifeTable: undefined }] }));
    expect(() => readCatalogueFile(missing)).toThrow(CatalogueError);
    const short = join(dir, 'short.json');
    writeFileSync(short, JSON.stringify({ indicators: [{ ...le, lifeTable: { bands: codes.slice(1) } }] }));
    expect(() => readCatalogueFile(short)).toThrow(/lifeTable\.bands/);
  });
});

describe('PHE input rules inside the engine', () => {
  it('a directly standardised rate with an age band of population 0 has no value ("."), and the run goes on', () => {
    const dsrInd: Indicator = { ...base, id: 'dsr', measureType: 'directly-standardised-rate', multiplier: 100000, standard: { name: 'test', bands: [{ age: '0_49', weight: 60 }, { age: '50_120', weight: 40 }] } };
    const band = (code: string, from: number, x: number, n: number) => obs({ age: { code, label: code, from, to: from + 49 }, value: null, measureType: 'count', numerator: x, denominator: n });
    const [ok] = computeIndicators([band('0_49', 0, 20, 10000), band('50_120', 50, 80, 5000)], [dsrInd], { kommune: '5037' });
    expect(ok!.value!.method).toBe('dobson');
    const [r] = computeIndicators([band('0_49', 0, 0, 0), band('50_120', 50, 80, 5000)], [dsrInd], { kommune: '5037' });
    expect(r!.value).toMatchObject({ value: null, absent: { symbol: '.', reason: 'not-applicable' } });
  });
});

describe("shares of a few units (sampling: 'units')", () => {
  const share: Indicator = { ...base, id: 'vann', measureType: 'proportion', multiplier: 100 };
  const data = [obs({ value: 80, numerator: 16000, denominator: 20000 }), obs({ geo: { code: '0', level: 'land', name: 'Norge' }, value: 90, numerator: 4_500_000, denominator: 5_000_000 })];

  it('the level is given as PHE allows it: 95 is 0.95, 80 is an input error', () => {
    expect(computeIndicators(data, [share], { kommune: '5037', level: 95 })).toEqual(computeIndicators(data, [share], { kommune: '5037' }));
    expect(() => computeIndicators(data, [share], { kommune: '5037', level: 80 })).toThrow(/between 90 and 100/);
  });

  it('get no Wilson interval and no significance test: "not tested", with the reason', () => {
    const [persons] = computeIndicators(data, [share], { kommune: '5037' });
    expect(persons!.value!.method).toBe('wilson');
    expect(persons!.comparisons.land.verdict).toBe('worse');
    const [units] = computeIndicators(data, [{ ...share, sampling: 'units' }], { kommune: '5037' });
    expect(units!.value).toMatchObject({ value: 80, lower: null, upper: null, method: 'as-published' });
    expect(units!.comparisons.land).toMatchObject({ verdict: 'not-tested', reason: 'not-a-sample' });
    expect(units!.trend).toMatchObject({ direction: 'cannot-be-calculated', reasonCode: 'not-a-sample' });
  });

  it('is set on the drinking-water indicator of the default catalogue', async () => {
    // Waterworks, not persons: the default catalogue (FHI table 341) and the synthetic data's catalogue.
    expect(loadCatalogue().find((i) => i.id === 'drikkevann')!.sampling).toBe('units');
    // Shares of persons counted in registers are not shares of a few units.
    for (const i of loadCatalogue().filter((x) => x.id !== 'drikkevann')) expect(i.sampling ?? 'persons', i.id).toBe(i.id.endsWith('-fremskrevet') ? 'projection' : 'persons');
    const catalogue = loadCatalogue(SYNTHETIC_CATALOGUE);
    expect(catalogue.find((i) => i.id === 'drikkevann')!.sampling).toBe('units');
    const { observations } = await loadData([INNHERRED]);
    const r = byId(computeIndicators(observations, catalogue, { kommune: '5037' }), 'drikkevann');
    expect(r.status).toBe('ok');
    expect(r.value).toMatchObject({ lower: null, upper: null });
    expect(r.comparisons.land.reason).toBe('not-a-sample');
    expect(r.comparisons.fylke.reason).toBe('not-a-sample');
  });
});

describe('trends over pooled periods', () => {
  const share: Indicator = { ...base, id: 'pool', measureType: 'proportion', multiplier: 100, periods: { pooled: 3 } };
  const pool = (from: number): Period => ({ from, to: from + 2, kind: 'pool', label: `${from}_${from + 2}` });

  it('rolling 3-year pools give 3 independent points (2016–2018, 2019–2021, 2022–2024): no 5-point trend, so the first and last periods are compared', () => {
    const data = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022].map((from, i) => obs({ period: pool(from), value: null, numerator: 1000 + 100 * i, denominator: 10000 }));
    const [r] = computeIndicators(data, [share], { kommune: '5037' });
    expect(r!.trend).toMatchObject({ direction: 'increasing', judgement: 'better', method: 'first-last-change', independentPoints: 3, reasonCode: null });
    expect(r!.trend.change).toMatchObject({ from: { label: '2014_2016' }, to: { label: '2022_2024' }, method: 'two-proportions', significant: true });
  });

  it('overlapping pools only (10-year pools one year apart): no two independent periods, and says why', () => {
    const ten = (from: number): Period => ({ from, to: from + 9, kind: 'pool', label: `${from}_${from + 9}` });
    const data = [2010, 2011, 2012].map((from, i) => obs({ period: ten(from), value: null, numerator: 1000 + 100 * i, denominator: 10000 }));
    const [r] = computeIndicators(data, [share], { kommune: '5037' });
    expect(r!.trend).toMatchObject({ direction: 'cannot-be-calculated', reasonCode: 'one-independent-period' });
  });

  it('five non-overlapping pools are tested on their own counts', () => {
    const data = [2010, 2013, 2016, 2019, 2022].map((from, i) => obs({ period: pool(from), value: null, numerator: 1000 + 100 * i, denominator: 10000 }));
    const [r] = computeIndicators(data, [share], { kommune: '5037' });
    expect(r!.trend).toMatchObject({ direction: 'increasing', judgement: 'better', independentPoints: 5, method: 'chi-square-trend' });
  });
});

describe("FHI's life expectancy by education is at age 30", () => {
  let results: IndicatorResult[];
  beforeAll(async () => {
    const { observations } = await loadData([INNHERRED]);
    results = computeIndicators(observations, loadCatalogue(SYNTHETIC_CATALOGUE), { kommune: '5037' });
  });
  it('selected and labelled at 30, with the education groups', () => {
    for (const cat of [loadCatalogue(), loadCatalogue(SYNTHETIC_CATALOGUE)]) {
      const ind = cat.find((i) => i.id === 'levealder-utdanning')!;
      expect(ind.select.age).toBe('30_30');
      expect(ind.title.nb).toContain('30 år');
      expect(ind.title.nn).toContain('30 år');
      expect(ind.gradient!.groups).toHaveLength(3);
    }
    const r = byId(results, 'levealder-utdanning');
    expect(r.status).toBe('ok');
    expect(r.gradient!.groups.every((g) => g.value.value !== null)).toBe(true);
  });
});
