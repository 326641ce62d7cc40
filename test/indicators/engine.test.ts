import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/sources/load.js';
import { CatalogueError, loadCatalogue, readCatalogueFile, type Indicator } from '../../src/indicators/catalogue.js';
import { computeIndicators, resolveKommune, UnknownKommuneError } from '../../src/indicators/engine.js';
import { wilson } from '../../src/indicators/methods/wilson.js';
import type { IndicatorResult } from '../../src/indicators/result.js';
import type { Observation } from '../../src/model/observation.js';
import { planTables, type ApiIndicator } from '../../src/fetch/plan.js';
import { INNHERRED, SYNTHETIC_CATALOGUE, tempDir } from '../helpers.js';

let observations: Observation[];
/** The default catalogue, on the real FHI Statistikk and SSB tables. */
const defaultCatalogue = loadCatalogue();
/** The synthetic data's own catalogue: every computation on the synthetic data uses it. */
const catalogue = loadCatalogue(SYNTHETIC_CATALOGUE);
const byId = (rs: IndicatorResult[], id: string) => rs.find((r) => r.id === id)!;

beforeAll(async () => {
  observations = (await loadData([INNHERRED])).observations;
});

describe('the default catalogue', () => {
  it('has at least 30 indicators covering all six themes, with both gradients', () => {
    expect(defaultCatalogue.length).toBeGreaterThanOrEqual(30);
    expect(new Set(defaultCatalogue.map((i) => i.theme))).toEqual(new Set(['a', 'b', 'c', 'd', 'e', 'f']));
    // Ungdata's loneliness by family economy; FHI's life expectancy by education (table 507, UTDANN 3/2/1).
    expect(defaultCatalogue.find((i) => i.id === 'ensomhet')?.gradient?.dimension).toBe('familieokonomi');
    const le = defaultCatalogue.find((i) => i.id === 'levealder-utdanning')!;
    expect(le.gradient?.dimension).toBe('UTDANN');
    expect(le.gradient!.groups.map((g) => g.value)).toEqual(['3', '2', '1']);
    expect(le.select.dimensions?.UTDANN).toBe('0');
    for (const i of defaultCatalogue) {
      expect(i.title.nb && i.title.nn && i.howToRead.nb && i.howToRead.nn).toBeTruthy();
    }
  });

  it('fetches every FHI, SSB and KOSTRA indicator from its table (Ungdata and the county survey are read from files)', () => {
    const { tables, without } = planTables(defaultCatalogue as ApiIndicator[]);
    const fromFiles = (i: { select: { source: string } }) => i.select.source === 'ungdata' || i.select.source === 'fylkesundersokelse';
    expect(without.sort()).toEqual(defaultCatalogue.filter(fromFiles).map((i) => i.id).sort());
    expect(tables.flatMap((t) => t.indicators).sort()).toEqual(defaultCatalogue.filter((i) => !fromFiles(i)).map((i) => i.id).sort());
  });
});

describe('the synthetic catalogue on its data', () => {
  it.each(['5037', '5038'])('produces a result for every indicator for %s', (kommune) => {
    const results = computeIndicators(observations, catalogue, { kommune, comparisons: { kostragruppe: 'EKG11' } });
    expect(results).toHaveLength(catalogue.length);
    for (const r of results) {
      expect({ id: r.id, status: r.status, message: r.message }).toEqual({ id: r.id, status: 'ok', message: null });
      expect(r.value!.value).not.toBeNull();
      expect(Number.isNaN(r.value!.value)).toBe(false);
      expect(r.comparisons.land.value).not.toBeNull();
      expect(r.provenance.files.length).toBeGreaterThan(0);
    }
    expect(JSON.parse(JSON.stringify(results))).toEqual(results);
  });
});

describe('Levanger', () => {
  let results: IndicatorResult[];
  beforeAll(() => {
    results = computeIndicators(observations, catalogue, { kommune: '5037', comparisons: { kostragruppe: 'EKG11' } });
  });

  it('loneliness by family economy (Ungdata 2015): 12.6 / 31.0 / 43.5 %, range 30.9 points, significant', () => {
    const g = byId(results, 'ensomhet').gradient!;
    expect(g.period).toMatchObject({ from: 2015, to: 2015 });
    expect(g.groups.map((x) => x.key)).toEqual(['god', 'verken god eller dårlig', 'dårlig']);
    expect(g.groups.map((x) => Number(x.value.value!.toFixed(1)))).toEqual([12.6, 31.0, 43.5]);
    const w = wilson(30, 69, { multiplier: 100 });
    expect(g.groups[2]!.value).toMatchObject({ numerator: 30, denominator: 69, lower: w.lower, upper: w.upper, method: 'wilson' });
    expect(Number(g.absoluteRange!.toFixed(1))).toBe(30.9);
    expect(g.best).toBe('god');
    expect(g.worst).toBe('dårlig');
    expect(g.trendTest!.significant).toBe(true);
    expect(g.sii).toBeNull();
  });

  it('life expectancy by education: a gradient of published values, not tested', () => {
    const r = byId(results, 'levealder-utdanning');
    expect(r.gradient!.groups.map((g) => g.value.method)).toEqual(['as-published', 'as-published', 'as-published']);
    expect(r.gradient!.best).toBe('universitet/ høgskole');
    expect(r.gradient!.worst).toBe('grunnskole');
    expect(r.gradient!.trendTest).toBeNull();
    expect(r.comparisons.land).toMatchObject({ verdict: 'not-tested', reason: 'no-counts' });
  });

  it('compares with fylke, land and the KOSTRA group for the same period', () => {
    const r = byId(results, 'vedvarende-lavinntekt');
    expect(r.period).toMatchObject({ from: 2022, to: 2024 });
    expect(r.comparisons.land.value!.period).toEqual(r.period);
    expect(r.comparisons.fylke.value!.geo.code).toBe('50');
    expect(r.value!.method).toBe('wilson');
    expect(r.value!.lower! < r.value!.value! && r.value!.value! < r.value!.upper!).toBe(true);
    const kostra = byId(results, 'sosialhjelp');
    expect(kostra.comparisons.kostragruppe!.value!.geo.code).toBe('EKG11');
  });

  it('uses exact/Byar for MEIS, Dobson for the directly standardised rate', () => {
    expect(['exact', 'byar']).toContain(byId(results, 'hoftebrudd').value!.method);
    const d = byId(results, 'hjerte-kar-dodelighet');
    expect(d.value!.method).toBe('dobson');
    expect(d.value!.numerator).toBeGreaterThanOrEqual(10);
  });

  it('finds trends with the 5-point rule', () => {
    expect(byId(results, 'antibiotika').trend).toMatchObject({ direction: 'decreasing', judgement: 'better', points: 5 });
    // Four Ungdata years: too few for the 5-point rule, so the change from the first to the last year is tested.
    const e = byId(results, 'ensomhet').trend;
    expect(e).toMatchObject({ method: 'first-last-change', points: 2, reasonCode: null, change: { method: 'two-proportions' } });
    expect([e.change!.from.label, e.change!.to.label]).toEqual([e.change!.from.label, e.change!.to.label].sort());
  });

  it('traces every number: table, periods, files, lines', () => {
    const r = byId(results, 'ensomhet');
    expect(r.provenance).toMatchObject({ source: 'ungdata', table: 'ungdata', measure: 'ensomhet' });
    expect(r.provenance.files.some((f) => f.endsWith('ungdata_innherred.csv'))).toBe(true);
    expect(r.value!.origins[0]!.line).toBeGreaterThan(1);
  });
});

/** A small table built by hand: one municipality, one period, by sex. */
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

const TEST_INDICATOR: Indicator = {
  id: 'test',
  theme: 'f',
  title: { nb: 'Test', nn: 'Test' },
  howToRead: { nb: 'Test', nn: 'Test' },
  source: { nb: 'Test', nn: 'Test' },
  select: { source: 'fhi', table: 'test', measure: 'RATE' },
  measureType: 'proportion',
  multiplier: 100,
  unit: { nb: 'prosent', nn: 'prosent' },
  polarity: 'low-is-good',
};

describe('suppression inside the engine', () => {
  it('when one sex is suppressed and the total is published, the other sex is suppressed too', () => {
    const table = [
      obs({ sex: 'total', value: 1.6, numerator: 1234571, denominator: 77777777 }),
      obs({ sex: 'male', value: 1.6, numerator: 1234569, denominator: 77777700 }),
      obs({ sex: 'female', value: null, numerator: null, denominator: null, missing: { symbol: ':', reason: 'suppressed' } }),
    ];
    const [r] = computeIndicators(table, [TEST_INDICATOR], { kommune: '5037' });
    expect(r!.value!.numerator).toBe(1234571); // the total stays published
    expect(r!.bySex!.female).toMatchObject({ value: null, numerator: null, absent: { symbol: ':', reason: 'suppressed' } });
    expect(r!.bySex!.male).toMatchObject({ value: null, lower: null, upper: null, numerator: null, denominator: null, absent: { symbol: ':', reason: 'secondary-suppression' } });
    // The men's numbers are nowhere in the result.
    const json = JSON.stringify(r);
    expect(json).not.toContain('1234569');
    expect(json).not.toContain('77777700');
  });

  it('a sex with few cases is suppressed (primary), and then the other sex (secondary)', () => {
    const table = [
      obs({ sex: 'total', value: 1, numerator: 5002, denominator: 500000 }),
      obs({ sex: 'male', value: 1, numerator: 4999, denominator: 250000 }),
      obs({ sex: 'female', value: 0, numerator: 3, denominator: 250000 }),
    ];
    const [r] = computeIndicators(table, [TEST_INDICATOR], { kommune: '5037' });
    expect(r!.bySex!.female!.absent!.reason).toBe('primary-suppression');
    expect(r!.bySex!.male!.absent!.reason).toBe('secondary-suppression');
    expect(JSON.stringify(r)).not.toContain('4999');
  });

  it('a small Ungdata group is suppressed, and the smallest other group with it', () => {
    const ind: Indicator = { ...TEST_INDICATOR, select: { source: 'ungdata', table: 'ungdata', measure: 'x' }, suppression: { denominator: 20 }, gradient: { dimension: 'okonomi', title: { nb: 'G', nn: 'G' }, groups: ['god', 'middels', 'darlig'].map((v) => ({ value: v, label: { nb: v, nn: v } })) } };
    const u = (dims: Record<string, string>, x: number, n: number) => obs({ source: 'ungdata', table: 'ungdata', measure: 'x', period: { from: 2015, to: 2015, kind: 'year', label: '2015' }, dimensions: dims, value: (100 * x) / n, numerator: x, denominator: n });
    const table = [u({}, 140, 1000), u({ okonomi: 'god' }, 100, 800), u({ okonomi: 'middels' }, 34, 185), u({ okonomi: 'darlig' }, 6, 15)];
    const [r] = computeIndicators(table, [ind], { kommune: '5037' });
    const groups = Object.fromEntries(r!.gradient!.groups.map((g) => [g.key, g.value.absent?.reason ?? g.value.value]));
    expect(groups).toEqual({ god: 12.5, middels: 'secondary-suppression', darlig: 'primary-suppression' });
    expect(r!.gradient!.trendTest).toBeNull();
    expect(JSON.stringify(r)).not.toMatch(/"numerator":(34|6),/);
  });

  it('hides a series that rests mostly on few cases', () => {
    const table = [2018, 2019, 2020, 2021, 2022].map((y, i) => obs({ period: { from: y, to: y, kind: 'year', label: String(y) }, value: 1, numerator: [5, 6, 7, 50, 60][i]!, denominator: 1000 }));
    const [r] = computeIndicators(table, [TEST_INDICATOR], { kommune: '5037' });
    expect(r!.series.hidden).toBe(true);
    expect(r!.status).toBe('absent');
    expect(r!.series.kommune.every((v) => v.value === null && v.absent !== null)).toBe(true);
    expect(r!.message).toMatch(/whole series is hidden/);
  });
});

describe('clear messages', () => {
  it('an unknown municipality', () => {
    expect(() => computeIndicators(observations, catalogue, { kommune: '9999' })).toThrow(UnknownKommuneError);
  });
  it('an old number is understood (1719 → 5037)', () => {
    const [r] = computeIndicators(observations, [catalogue[0]!], { kommune: '1719' });
    expect(r!.kommune.code).toBe('5037');
  });
  it('an indicator with no data, and a measure that is not in the table', () => {
    const missing = { ...TEST_INDICATOR, select: { source: 'fhi' as const, table: 'finnes_ikke', measure: 'RATE' } };
    const wrongMeasure = { ...TEST_INDICATOR, select: { source: 'fhi' as const, table: 'hoftebrudd', measure: 'TELLER' } };
    const [a, b] = computeIndicators(observations, [missing, wrongMeasure], { kommune: '5037' });
    expect(a).toMatchObject({ status: 'no-data', message: expect.stringMatching(/table finnes_ikke from fhi is not in the data folder/) });
    expect(b).toMatchObject({ status: 'no-data', message: expect.stringMatching(/not measure "TELLER"; it has "RATE", "SMR", "MEIS"/) });
  });
  it('an ambiguous selection names the dimension to add', () => {
    const ambiguous = { ...TEST_INDICATOR, select: { source: 'fhi' as const, table: 'mobbing_csv3', measure: 'RATE' } };
    const [r] = computeIndicators(observations, [ambiguous], { kommune: '5037' });
    expect(r).toMatchObject({ status: 'invalid-selection', message: expect.stringMatching(/differ in TRINN \(7, 10\); add it to select.dimensions/) });
  });
  it('rate-only data: a value, no test, and why', () => {
    const [r] = computeIndicators(observations, catalogue.filter((i) => i.id === 'hjerte-kar-primaer'), { kommune: '5038' });
    // FHI's rates are tested on counts: the file has the rate but not TELLER, and the reason says to download it.
    expect(r).toMatchObject({ status: 'ok', value: { method: 'as-published', lower: null }, comparisons: { land: { verdict: 'not-tested', reason: 'no-counts-in-file' } } });
  });
});

describe('user catalogues', () => {
  it('add, replace and exclude indicators', () => {
    const dir = tempDir();
    const file = join(dir, 'mine.json');
    const replaced = { ...defaultCatalogue.find((i) => i.id === 'ensomhet')!, title: { nb: 'Ensomhet (egen)', nn: 'Einsemd (eiga)' } };
    delete (replaced as { definedIn?: string }).definedIn;
    writeFileSync(file, JSON.stringify({ exclude: ['luftforurensning'], indicators: [replaced, { ...TEST_INDICATOR, id: 'egen-indikator' }] }));
    const cat = loadCatalogue([file]);
    expect(cat.find((i) => i.id === 'luftforurensning')).toBeUndefined();
    expect(cat.find((i) => i.id === 'ensomhet')!.title.nb).toBe('Ensomhet (egen)');
    expect(cat.find((i) => i.id === 'egen-indikator')).toBeDefined();
    expect(cat.length).toBe(defaultCatalogue.length);
  });
  it('a standalone file replaces the default catalogue', () => {
    const own = SYNTHETIC_CATALOGUE.flatMap((f) => readCatalogueFile(f).indicators.map((i) => i.id));
    expect(catalogue.map((i) => i.id).sort()).toEqual(own.sort());
    expect(catalogue.map((i) => i.id)).not.toContain('neet');
  });
  it('report every problem with file and path', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ indicators: [{ ...TEST_INDICATOR, id: 'Bad Id', polarity: 'up', select: { source: 'fhi', table: 't' } }] }));
    try {
      loadCatalogue([file]);
      throw new Error('expected a CatalogueError');
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogueError);
      const msg = (e as Error).message;
      expect(msg).toContain(`${file}: indicators[0].id: must be lower-case letters a–z, digits and '-'`);
      expect(msg).toContain('indicators[0].polarity: must be one of "high-is-good", "low-is-good", "none"');
      expect(msg).toContain('indicators[0].select.measure: is missing');
    }
  });
});

describe('suppression across municipalities', () => {
  it('hides a second municipality when a county and all its municipalities are published', async () => {
    const { defaultRegister } = await import('../../src/geo/register.js');
    const kommuner = defaultRegister().kommunerIn('50');
    expect(kommuner.length).toBeGreaterThan(30);
    const table: Observation[] = [];
    let total = 0;
    kommuner.forEach((k, i) => {
      // Holtålen (5026) has 2 cases: suppressed. Every other municipality has many.
      const x = k.code === '5026' ? 2 : 100 + i;
      total += x;
      table.push(obs({ geo: { code: k.code, level: 'kommune', name: k.name }, value: x / 100, numerator: x, denominator: 10000 }));
    });
    table.push(obs({ geo: { code: '50', level: 'fylke', name: 'Trøndelag' }, value: total / (100 * kommuner.length), numerator: total, denominator: 10000 * kommuner.length }));
    const smallestOther = kommuner.find((k) => k.code !== '5026')!; // numerator 100 + its index: the first has the fewest
    const [forIt] = computeIndicators(table, [TEST_INDICATOR], { kommune: smallestOther.code });
    expect(forIt!.value!.absent).toEqual({ symbol: ':', reason: 'secondary-suppression' });
    const [levanger] = computeIndicators(table, [TEST_INDICATOR], { kommune: '5037' });
    expect(levanger!.value!.absent).toBeNull();
    expect(levanger!.comparisons.fylke.value!.numerator).toBe(total);
    // Without every municipality, nothing can be derived and nothing more is hidden.
    const last = kommuner[kommuner.length - 1]!.code;
    const [partial] = computeIndicators(table.filter((o) => o.geo.code !== last), [TEST_INDICATOR], { kommune: smallestOther.code });
    expect(partial!.value!.absent).toBeNull();
  });
});

describe('the latest period', () => {
  it('is the latest with a number (or a suppressed one), not a trailing "no data" period', () => {
    const year = (y: number) => ({ from: y, to: y, kind: 'year' as const, label: String(y) });
    const table = [
      obs({ period: year(2022), value: 10, numerator: 100, denominator: 1000 }),
      obs({ period: year(2023), value: 11, numerator: 110, denominator: 1000 }),
      obs({ period: year(2024), value: null, missing: { symbol: '.', reason: 'not-applicable' } }),
    ];
    expect(computeIndicators(table, [TEST_INDICATOR], { kommune: '5037' })[0]!.period!.from).toBe(2023);
    table[2] = obs({ period: year(2024), value: null, missing: { symbol: ':', reason: 'suppressed' } });
    const [r] = computeIndicators(table, [TEST_INDICATOR], { kommune: '5037' });
    expect(r!.period!.from).toBe(2024);
    expect(r!.status).toBe('absent');
  });
});

describe('merged municipalities', () => {
  const year = (y: number) => ({ from: y, to: y, kind: 'year' as const, label: String(y) });
  const k = (code: string, name: string, y: number, x: number, n: number) => obs({ geo: { code, level: 'kommune', name }, period: year(y), value: (100 * x) / n, numerator: x, denominator: n });
  const parts = [['0122', 'Trøgstad'], ['0123', 'Spydeberg'], ['0124', 'Askim'], ['0125', 'Eidsberg'], ['0138', 'Hobøl']] as const;

  it("Indre Østfold's history before 2020 is the sum of the five it was made from", () => {
    const table = [
      ...[2018, 2019].flatMap((y) => parts.map(([code, name], i) => k(code, name, y, 100 + i, 1000 + 10 * i))),
      k('3118', 'Indre Østfold', 2020, 560, 5200),
      k('3118', 'Indre Østfold', 2021, 570, 5250),
    ];
    const [r] = computeIndicators(table, [TEST_INDICATOR], { kommune: '3118' });
    expect(r!.series.kommune.map((v) => [v.period.from, v.numerator, v.denominator])).toEqual([
      [2018, 510, 5100],
      [2019, 510, 5100],
      [2020, 560, 5200],
      [2021, 570, 5250],
    ]);
    const y2018 = r!.series.kommune[0]!;
    expect(y2018.value).toBeCloseTo(10, 10);
    expect(y2018.method).toBe('wilson');
    expect(y2018.origins).toHaveLength(5);
  });

  it('is not summed when a part is missing or suppressed', () => {
    const table = [
      ...parts.slice(1).map(([code, name], i) => k(code, name, 2019, 100 + i, 1000)),
      obs({ geo: { code: '0122', level: 'kommune', name: 'Trøgstad' }, period: year(2019), value: null, missing: { symbol: ':', reason: 'suppressed' } }),
      k('3118', 'Indre Østfold', 2020, 560, 5200),
    ];
    const [r] = computeIndicators(table, [TEST_INDICATOR], { kommune: '3118' });
    expect(r!.series.kommune.map((v) => v.period.from)).toEqual([2020]);
  });
});

describe('one suppression decision per run', () => {
  it("a neighbour's series in one report is exactly its own report's series, hidden values included", () => {
    const levanger = computeIndicators(observations, catalogue, { kommune: '5037', comparisons: { neighbours: ['5038'] } });
    const verdal = computeIndicators(observations, catalogue, { kommune: '5038' });
    const shape = (v: { period: { label: string }; value: number | null; absent: { reason: string } | null }) => [v.period.label, v.value, v.absent?.reason ?? null];
    for (const r of levanger) {
      const own = verdal.find((x) => x.id === r.id)!;
      const shown = r.series.neighbours.find((n) => n.geo.code === '5038');
      if (!shown) continue;
      expect(shown.values.map(shape), r.id).toEqual(own.series.kommune.map(shape));
    }
  });
});

describe('a municipality asked for by name', () => {
  it('a unique name (any case) is that municipality, with a note; a shared name lists the candidates; garbage stays unknown', () => {
    expect(resolveKommune('levanger')).toMatchObject({ code: '5037', note: expect.stringContaining('5037 Levanger') });
    expect(resolveKommune('Herøy (Nordland)').code).toBe('1818');
    expect(() => resolveKommune('Herøy')).toThrow(/names 2 municipalities: 1515 .*1818/);
    expect(() => resolveKommune('xyz')).toThrow(UnknownKommuneError);
    expect(() => resolveKommune('5037,')).toThrow(UnknownKommuneError);
  });
});
