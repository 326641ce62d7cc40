import { describe, expect, it } from 'vitest';
import { mergeDatasets } from '../../src/jsonstat/cells.js';
import { asDataset, categoryCodes, MalformedDatasetError, type Dataset } from '../../src/jsonstat/dataset.js';
import { deriveDenominator } from '../../src/sources/fhi/derive.js';
import { deriveShares } from '../../src/sources/ssb/derive.js';
import { planTables, type ApiIndicator } from '../../src/fetch/plan.js';
import { UsageError } from '../../src/base/errors.js';

function ssbPart(regions: string[], values: (number | null)[], status?: Record<string, string>): Dataset {
  return {
    version: '2.0',
    class: 'dataset',
    label: '07459: Befolkning',
    id: ['Region', 'ContentsCode', 'Tid'],
    size: [regions.length, 1, 2],
    dimension: {
      Region: { label: 'region', category: { index: Object.fromEntries(regions.map((r, i) => [r, i])), label: Object.fromEntries(regions.map((r) => [r, `R${r}`])) } },
      ContentsCode: { label: 'statistikkvariabel', category: { index: { Personer1: 0 }, label: { Personer1: 'Personer' }, unit: { Personer1: { base: 'personer', decimals: 0 } } } },
      Tid: { label: 'år', category: { index: { '2023': 0, '2024': 1 }, label: { '2023': '2023', '2024': '2024' } } },
    },
    value: values,
    ...(status ? { status } : {}),
  };
}

describe('joining the parts of a table', () => {
  it('SSB: object indexes, null values with status, in region order', () => {
    const a = ssbPart(['0', '50'], [10, 11, 20, null], { '3': '..' });
    const b = ssbPart(['5037'], [null, 31], { '0': ':' });
    const m = mergeDatasets([a, b]);
    expect(m.size).toEqual([3, 1, 2]);
    expect(m.dimension.Region!.category.index).toEqual({ '0': 0, '50': 1, '5037': 2 });
    expect(m.dimension.Region!.category.label).toEqual({ '0': 'R0', '50': 'R50', '5037': 'R5037' });
    expect(m.value).toEqual([10, 11, 20, null, null, 31]);
    expect(m.status).toEqual({ '3': '..', '4': ':' });
    expect(m.dimension.ContentsCode!.category.unit).toEqual({ Personer1: { base: 'personer', decimals: 0 } });
  });

  it('FHI: array indexes and flags inside value', () => {
    const part = (geo: string[], values: (number | string | null)[]): Dataset => ({
      id: ['GEO', 'AAR', 'MEASURE_TYPE'],
      size: [geo.length, 1, 2],
      dimension: {
        GEO: { category: { index: geo, label: Object.fromEntries(geo.map((g) => [g, g])) } },
        AAR: { category: { index: ['2022_2024'] } },
        MEASURE_TYPE: { category: { index: ['TELLER', 'RATE'] } },
      },
      value: values,
      status: '',
    });
    const m = mergeDatasets([part(['0'], [100, 2.5]), part(['5037', '5038'], [':', ':', 7, 3.1])]);
    expect(m.dimension.GEO!.category.index).toEqual(['0', '5037', '5038']);
    expect(m.value).toEqual([100, 2.5, ':', ':', 7, 3.1]);
    expect(m.status).toBe('');
  });

  it('parts with different dimensions are refused', () => {
    const a = ssbPart(['0'], [1, 2]);
    const b = { ...ssbPart(['50'], [1, 2]), id: ['Region', 'Tid', 'ContentsCode'] };
    expect(() => mergeDatasets([a, b])).toThrow(MalformedDatasetError);
  });

  it('a body that is not JSON-stat, or whose values do not fit its dimensions, is refused', () => {
    expect(() => asDataset({ id: ['A'] })).toThrow(/not a JSON-stat/);
    expect(() => asDataset(ssbPart(['0'], [1]))).toThrow(/"value" has 1 cells but the dimensions make 2/);
  });
});

describe('derived denominators', () => {
  const fhi = (values: (number | string | null)[], measures = ['TELLER', 'RATE']): Dataset => ({
    id: ['GEO', 'MEASURE_TYPE'],
    size: [3, measures.length],
    dimension: { GEO: { category: { index: ['0', '5037', '5038'] } }, MEASURE_TYPE: { category: { index: measures, label: Object.fromEntries(measures.map((m) => [m, m])) } } },
    value: values,
    status: '',
  });

  it('NEVNER = TELLER × multiplier / RATE, rounded; "." where it cannot be computed', () => {
    const r = deriveDenominator(fhi([1200, 12.5, ':', 3.3, 40, 0]), 100)!;
    expect(r.derived).toEqual({ measure: 'NEVNER', from: ['TELLER', 'RATE'], multiplier: 100, cells: 1 });
    expect(r.dataset.dimension.MEASURE_TYPE!.category.index).toEqual(['TELLER', 'RATE', 'NEVNER']);
    expect(r.dataset.dimension.MEASURE_TYPE!.category.label!.NEVNER).toMatch(/avledet/);
    expect(r.dataset.value).toEqual([1200, 12.5, 9600, ':', 3.3, '.', 40, 0, '.']);
  });

  it('not for a table without TELLER and RATE, nor one that publishes its denominator', () => {
    expect(deriveDenominator(fhi([1, 2, 3, 4, 5, 6], ['TELLER', 'MEIS']), 100)).toBeNull();
    expect(deriveDenominator(fhi([1, 2, 3, 4, 5, 6, 7, 8, 9], ['TELLER', 'RATE', 'NEVNER']), 100)).toBeNull();
  });
});

describe('shares derived from one SSB table (api.share)', () => {
  // Region × Alder × ContentsCode × Tid, as 14288 would answer for two regions and one year.
  const projection = (values: (number | null)[], status?: Record<string, string>): Dataset => ({
    version: '2.0',
    class: 'dataset',
    label: '14288: Framskrevet folkemengde',
    id: ['Region', 'Alder', 'ContentsCode', 'Tid'],
    size: [2, 4, 1, 1],
    dimension: {
      Region: { label: 'region', category: { index: { '5037': 0, '0': 1 }, label: { '5037': 'Levanger', '0': 'Hele landet' } } },
      Alder: { label: 'alder', category: { index: { '000': 0, '067': 1, '080': 2, '105+': 3 }, label: { '000': '0 år', '067': '67 år', '080': '80 år', '105+': '105 år eller eldre' } } },
      ContentsCode: { label: 'statistikkvariabel', category: { index: { MMMM: 0 }, label: { MMMM: 'Hovedalternativet' } } },
      Tid: { label: 'år', category: { index: { '2040': 0 }, label: { '2040': '2040' } } },
    },
    value: values,
    ...(status ? { status } : {}),
  });
  const shares = [
    { dimension: 'Alder', from: 67, code: 'Andel67', label: 'Andel 67 år og eldre (prosent)' },
    { dimension: 'Alder', from: 80, code: 'Andel80', label: 'Andel 80 år og eldre (prosent)' },
  ];

  it('sums the ages from 67 (and 80) over all ages, per region and year; the age dimension is summed away', () => {
    const { dataset, derived } = deriveShares(projection([100, 50, 30, 20, 1000, 700, 200, 100]), shares);
    expect(dataset.id).toEqual(['Region', 'ContentsCode', 'Tid']);
    expect(categoryCodes(dataset.dimension.ContentsCode!)).toEqual(['Andel67', 'Andel80']);
    expect(dataset.dimension.ContentsCode!.category.unit).toEqual({ Andel67: { base: 'prosent', decimals: 1 }, Andel80: { base: 'prosent', decimals: 1 } });
    // 5037: (50 + 30 + 20) / 200 = 50 %, (30 + 20) / 200 = 25 %; land: 1000 / 2000 = 50 %, 300 / 2000 = 15 %.
    expect(dataset.value).toEqual([50, 25, 50, 15]);
    expect(derived.shares[0]!.numerator).toEqual(['067', '080', '105+']);
    expect(derived.shares[1]!.numerator).toEqual(['080', '105+']);
    expect(derived.cells).toBe(4);
    expect(asDataset(dataset)).toBeTruthy();
  });

  it('a missing cell makes the share "." (no partial sums); listed codes and a total category work too', () => {
    const { dataset } = deriveShares(projection([100, null, 30, 20, 1000, 700, 200, 100], { '1': '..' }), shares);
    expect(dataset.value).toEqual([null, null, 50, 15]);
    expect(dataset.status).toEqual({ '0': '.', '1': '.' });
    const byCode = deriveShares(projection([100, 50, 30, 20, 1000, 700, 200, 100]), [{ dimension: 'Alder', codes: ['080'], total: '000', code: 'X', label: 'x' }]);
    expect(byCode.dataset.value).toEqual([30, 20]);
  });

  it('a total category of the table ("999" Alle aldre) is neither an age nor counted twice', () => {
    const ds = projection([100, 50, 30, 200, 1000, 700, 200, 1900]);
    ds.dimension.Alder!.category = { index: { '000': 0, '067': 1, '080': 2, '999': 3 }, label: { '000': '0 år', '067': '67 år', '080': '80 år', '999': 'Alle aldre' } };
    const { dataset, derived } = deriveShares(ds, shares);
    expect(derived.shares[0]!.numerator).toEqual(['067', '080']);
    expect(derived.shares[0]!.denominator).toEqual(['000', '067', '080']);
    // 5037: 80 / 180; land: 900 / 1900.
    expect(dataset.value).toEqual([44.4, 16.7, 47.4, 10.5]);
  });

  it('refuses a table with several ContentsCodes or without the dimension', () => {
    const two = projection([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(() => deriveShares(two, [{ ...shares[0]!, dimension: 'Nivaa' }])).toThrow(MalformedDatasetError);
    two.dimension.ContentsCode!.category.index = { MMMM: 0, LLML: 1 };
    two.size = [2, 4, 2, 1];
    expect(() => deriveShares(two, shares)).toThrow(/exactly one ContentsCode/);
  });
});

describe('planning tables from the catalogue', () => {
  const ind = (id: string, over: Partial<ApiIndicator>): ApiIndicator =>
    ({
      id,
      theme: 'f',
      title: { nb: id, nn: id },
      howToRead: { nb: 'x', nn: 'x' },
      source: { nb: 'x', nn: 'x' },
      select: { source: 'fhi', table: 'nokkel-714', measure: 'MEIS' },
      measureType: 'indirectly-standardised-rate',
      multiplier: 1000,
      unit: { nb: 'x', nn: 'x' },
      polarity: 'low-is-good',
      ...over,
    }) as ApiIndicator;

  it('one table per source table; a dimension stays narrowed only when every indicator narrows it', () => {
    const { tables, without } = planTables([
      ind('a', { api: { table: '714', dimensions: { KODEGRUPPE: ['S00_T78'], ALDER: ['0_120'] }, years: 5 } }),
      ind('b', { api: { table: '714', dimensions: { KODEGRUPPE: ['S720_S722'] }, years: 10 } }),
      ind('c', {}),
    ], { pyramid: false });
    expect(without).toEqual(['c']);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ api: 'fhi', collection: 'nokkel', table: '714', file: 'fhi/nokkel-714.json', dimensions: { KODEGRUPPE: ['S00_T78', 'S720_S722'] }, years: 10, indicators: ['a', 'b'] });
  });

  it('a gradient\'s groups are asked for with the total', () => {
    const { tables } = planTables([ind('g', { select: { source: 'fhi', table: 'nokkel-507', measure: 'MEIS' }, measureType: 'years', api: { table: '507', dimensions: { UTDANN: ['0'] } }, gradient: { dimension: 'UTDANN', title: { nb: 'x', nn: 'x' }, groups: [{ value: '3', label: { nb: 'x', nn: 'x' } }, { value: '1', label: { nb: 'x', nn: 'x' } }] } })]);
    expect(tables[0]!.dimensions.UTDANN).toEqual(['0', '3', '1']);
  });

  it('refuses a select.table that is not the fetched file, and a derived denominator for a standardised measure', () => {
    expect(() => planTables([ind('x', { api: { table: '999' } })])).toThrow(UsageError);
    expect(() => planTables([ind('y', { api: { table: '714', denominator: 'derived' } })])).toThrow(/only sound for crude/);
  });
});

describe('former numbers in a table with level-prefixed region codes', () => {
  it('drops K_1719 when K_5037 has figures for the same years, and keeps it when it has none', async () => {
    const { dropCoveredFormerCodes } = await import('../../src/sources/ssb/derive.js');
    const ds = (values: (number | null)[]) => ({
      version: '2.0',
      class: 'dataset',
      id: ['Region', 'Tid'],
      size: [2, 2],
      dimension: { Region: { category: { index: { K_5037: 0, K_1719: 1 }, label: { K_5037: 'Levanger', K_1719: 'Levanger (-2017)' } } }, Tid: { category: { index: { '2016': 0, '2017': 1 } } } },
      value: values,
    });
    const covered = dropCoveredFormerCodes(ds([100, 101, 99, 100]) as never, 'Region', 'Tid', { '5037': ['1719'] });
    expect(covered.dropped).toEqual(['K_1719']);
    expect(Object.keys(covered.dataset.dimension.Region!.category.index as Record<string, number>)).toEqual(['K_5037']);
    const history = dropCoveredFormerCodes(ds([0, 0, 99, 100]) as never, 'Region', 'Tid', { '5037': ['1719'] });
    expect(history.dropped).toEqual([]);
  });
});

describe('the population pyramid\'s table', () => {
  const folkemengde = {
    id: 'folkemengde-07459',
    theme: 'a',
    title: { nb: 'x', nn: 'x' },
    howToRead: { nb: 'x', nn: 'x' },
    source: { nb: 'x', nn: 'x' },
    select: { source: 'ssb', table: '07459', measure: 'Personer' },
    api: { table: '07459', dimensions: { ContentsCode: ['Personer1'] } },
    measureType: 'count',
    unit: { nb: 'x', nn: 'x' },
    polarity: 'none',
  } as unknown as ApiIndicator;
  it('is fetched by sex and single year of age, in 07459.json when no indicator reads 07459', () => {
    const { tables } = planTables([]);
    expect(tables).toEqual([expect.objectContaining({ table: '07459', file: 'ssb/07459.json', dimensions: { ContentsCode: ['Personer1'], Kjonn: ['1', '2'], Alder: ['*'] }, years: 10, indicators: [] })]);
    expect(planTables([], { pyramid: false }).tables).toEqual([]);
  });
  it('is a request of its own when an indicator reads 07459, whose totals stay as it asks', () => {
    const { tables } = planTables([folkemengde]);
    expect(tables.map((t) => [t.file, t.dimensions])).toEqual([
      ['ssb/07459-pyramide.json', { ContentsCode: ['Personer1'], Kjonn: ['1', '2'], Alder: ['*'] }],
      ['ssb/07459.json', { ContentsCode: ['Personer1'] }],
    ]);
  });
});
