import { describe, expect, it } from 'vitest';
import { decode, encode, mergeDatasets } from '../../src/jsonstat/cells.js';
import { asDataset, cellCount, jsonStatIds, MalformedDatasetError, statusAt, strides, valueAt, type Dataset } from '../../src/jsonstat/dataset.js';

/** An SSB-shaped cube: index objects, a sparse value object, a status for a null cell. */
const ssb: Dataset = {
  id: ['Region', 'Tid'],
  size: [2, 3],
  dimension: { Region: { category: { index: { '5037': 0, '5038': 1 } } }, Tid: { category: { index: { '2022': 0, '2023': 1, '2024': 2 } } } },
  value: { '0': 1, '1': 2, '5': null },
  status: { '5': '..' },
};

describe('the JSON-stat model', () => {
  it('reads cells row-major, sparse values and statuses', () => {
    expect(cellCount(ssb)).toBe(6);
    expect(strides(ssb.size)).toEqual([3, 1]);
    expect(valueAt(ssb, 1)).toBe(2);
    expect(valueAt(ssb, 3)).toBeUndefined();
    expect(statusAt(ssb, 5)).toBe('..');
    expect(statusAt({ status: ['', ':'] }, 1)).toBe(':');
    expect(statusAt({ status: 'x' }, 0)).toBeNull();
  });

  it('takes a dataset apart into cells and puts it together again', () => {
    const dec = decode(ssb);
    expect([...dec.cells.keys()].map((k) => k.split('\u0001').join('/'))).toEqual(['5037/2022', '5037/2023', '5038/2024']);
    const back = encode(dec);
    expect(back.value).toEqual([1, 2, null, null, null, null]);
    expect(back.status).toEqual({ '5': '..' });
    expect(back.dimension.Tid!.category.index).toEqual({ '2022': 0, '2023': 1, '2024': 2 });
  });

  it('joins the parts of a table, categories in the order they first appear', () => {
    const part = (region: string, v: number): Dataset => ({ id: ['Region'], size: [1], dimension: { Region: { category: { index: [region], label: { [region]: `R${region}` } } } }, value: [v] });
    const joined = mergeDatasets([part('5038', 2), part('5037', 1)]);
    expect(joined.dimension.Region!.category.index).toEqual(['5038', '5037']);
    expect(joined.value).toEqual([2, 1]);
    expect(() => mergeDatasets([part('1', 1), { ...part('2', 2), id: ['GEO'], dimension: { GEO: part('2', 2).dimension.Region! } }])).toThrow(MalformedDatasetError);
  });

  it('refuses an answer that is not a dataset, and finds the dimension ids in a file head', () => {
    expect(() => asDataset({ id: ['A'], size: [2], dimension: { A: { category: { index: ['x'] } } }, value: [1, 2] })).toThrow(/1 categories but size 2/);
    expect(jsonStatIds('{"version":"2.0","id":["GEO","AAR"],"size":[1,1]')).toEqual(['GEO', 'AAR']);
    expect(jsonStatIds('{"no":"ids"}')).toBeNull();
  });
});
