import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/ingest/numbers.js';
import { parsePeriod, splitTrailingPeriod } from '../../src/ingest/period.js';
import { readValueCell, ageFromLabel, measureFromLabel, sexFromLabel } from '../../src/ingest/cells.js';

describe('parseNumber', () => {
  it.each([
    ['12', 12],
    ['12.5', 12.5],
    ['12,5', 12.5],
    ['-3,25', -3.25],
    ['\u22123,25', -3.25],
    ['12 807', 12807],
    ['12\u00a0807,5', 12807.5],
    [' 7 ', 7],
  ])('reads %j as %d', (text, value) => expect(parseNumber(text)).toBe(value));

  it.each(['', '1.234,5', '12 personer', '0x10', '1e5', '..', 'abc', '1,2,3'])('rejects %j', (text) => expect(parseNumber(text)).toBeNaN());
});

describe('parsePeriod', () => {
  it('reads years, FHI pools, label periods and school years', () => {
    expect(parsePeriod('2023')).toEqual({ from: 2023, to: 2023, kind: 'year', label: '2023' });
    expect(parsePeriod('2023_2023')).toMatchObject({ from: 2023, to: 2023, kind: 'year' });
    expect(parsePeriod('2021_2023')).toMatchObject({ from: 2021, to: 2023, kind: 'pool' });
    expect(parsePeriod('2017-2023')).toMatchObject({ from: 2017, to: 2023, kind: 'pool' });
    expect(parsePeriod('2020/2021')).toMatchObject({ from: 2020, to: 2021, kind: 'school-year' });
    expect(parsePeriod('2020/21')).toMatchObject({ from: 2020, to: 2021, kind: 'school-year' });
    expect(parsePeriod('2021K4')).toMatchObject({ from: 2021, to: 2021, kind: 'quarter', part: 4 });
  });
  it('rejects what is not a period', () => {
    for (const t of ['2023_2021', '202', 'år 2023', '2020/2023', '']) expect(parsePeriod(t)).toBeNull();
  });
  it('splits SSB wide column names', () => {
    expect(splitTrailingPeriod('Sysselsatte personer bosatt i regionen 2021')).toMatchObject({ name: 'Sysselsatte personer bosatt i regionen', period: { from: 2021 } });
    expect(splitTrailingPeriod('Folkemengde 1. januar 2024')).toMatchObject({ name: 'Folkemengde 1. januar', period: { from: 2024 } });
    expect(splitTrailingPeriod('region')).toBeNull();
  });
});

describe('cells', () => {
  it('keeps symbols as typed missing values, never zero', () => {
    expect(readValueCell(':', 'ssb')).toEqual({ kind: 'missing', missing: { symbol: ':', reason: 'suppressed' } });
    expect(readValueCell('..', 'fhi')).toEqual({ kind: 'missing', missing: { symbol: '..', reason: 'missing' } });
    expect(readValueCell('.', 'ssb')).toEqual({ kind: 'missing', missing: { symbol: '.', reason: 'not-applicable' } });
    expect(readValueCell('...', 'ssb')).toEqual({ kind: 'missing', missing: { symbol: '...', reason: 'not-yet-available' } });
    expect(readValueCell('-', 'ssb')).toEqual({ kind: 'missing', missing: { symbol: '-', reason: 'nil' } });
    expect(readValueCell('-', 'fhi')).toEqual({ kind: 'missing', missing: { symbol: '-', reason: 'missing' } });
    expect(readValueCell('123*', 'ssb')).toEqual({ kind: 'number', value: 123, provisional: true });
    expect(readValueCell('…', 'ssb')).toEqual({ kind: 'unknown-symbol', raw: '…' });
    expect(readValueCell('x', 'ssb')).toEqual({ kind: 'text', raw: 'x' });
  });
  it('reads sex and age labels', () => {
    expect(sexFromLabel('kjønn samlet')).toBe('total');
    expect(sexFromLabel('Gutter')).toBe('male');
    expect(sexFromLabel('kvinner')).toBe('female');
    expect(sexFromLabel('ukjent')).toBeNull();
    expect(ageFromLabel('0-74 år')).toMatchObject({ code: '0_74', from: 0, to: 74 });
    expect(ageFromLabel('30 år')).toMatchObject({ code: '30_30' });
    expect(ageFromLabel('80 år +')).toMatchObject({ code: '80_120' });
    expect(ageFromLabel('ved fødsel')).toMatchObject({ code: '0_0' });
  });
  it('reads FHI measure labels', () => {
    expect(measureFromLabel('andel (prosent, standardisert)')).toEqual({ measureType: 'proportion', unit: 'prosent', multiplier: 100, standardisation: 'unspecified' });
    expect(measureFromLabel('per 1000, standardisert')).toMatchObject({ measureType: 'rate', multiplier: 1000 });
    expect(measureFromLabel('per 100 000')).toMatchObject({ measureType: 'rate', multiplier: 100000 });
    expect(measureFromLabel('leveår')).toMatchObject({ measureType: 'years' });
  });
});
