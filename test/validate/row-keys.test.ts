import { describe, expect, it } from 'vitest';
import { RowKeyIndex } from '../../src/validate/row-keys.js';

describe('RowKeyIndex (duplicate-row table)', () => {
  it('returns the line a key was first seen on, 0 for a new key, -1 when the first line is unknown', () => {
    const k = new RowKeyIndex();
    expect(k.add('5037|2023_2023|total', 2)).toBe(0);
    expect(k.add('5037|2022_2022|total', 3)).toBe(0);
    expect(k.add('5037|2023_2023|total', 9)).toBe(2);
    expect(k.add('5037|2023_2023|total', 10)).toBe(2);
    expect(k.add('0301|x', 0)).toBe(0);
    expect(k.add('0301|x', 0)).toBe(-1);
    expect(k.size).toBe(3);
  });

  it('keeps every key of a large file through its growth, with no false duplicates, in under 20 bytes a row', () => {
    const k = new RowKeyIndex();
    const n = 300_000;
    let repeats = 0;
    for (let i = 0; i < n; i++) if (k.add(`${i % 373}|${1990 + (i % 31)}_${i}|${i % 3}`, i + 2) !== 0) repeats++;
    expect(repeats).toBe(0);
    expect(k.size).toBe(n);
    for (const i of [0, 1, 4_096, 65_537, n - 1]) expect(k.add(`${i % 373}|${1990 + (i % 31)}_${i}|${i % 3}`, n + 10)).toBe(i + 2);
    expect(k.size).toBe(n);
    expect(k.bytes / n).toBeLessThan(20);
  });

  it('keeps a small file’s keys as they are (no tables), and finds its repeats', () => {
    const k = new RowKeyIndex();
    for (let i = 0; i < 30; i++) k.add(`5037|${2000 + i}`, i + 2);
    expect(k.bytes).toBe(0);
    expect(k.add('5037|2010', 99)).toBe(12);
    expect(k.size).toBe(30);
  });
});
