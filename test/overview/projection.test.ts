import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { innherredResults } from './results.js';

describe('the population projection in theme a', () => {
  it('is in the catalogue for 67+ and 80+, as published projections (not tested)', () => {
    const cat = loadCatalogue();
    for (const id of ['andel-67-framskrevet', 'andel-80-framskrevet']) {
      const ind = cat.find((i) => i.id === id)!;
      expect(ind.theme).toBe('a');
      expect(ind.measureType).toBe('value');
      expect(ind.polarity).toBe('none');
      expect(ind.source.nb).toContain('14288');
    }
  });

  it("shows Levanger's share 20 years ahead from the example's projection file", async () => {
    const rs = await innherredResults('5037');
    const r67 = rs.find((r) => r.id === 'andel-67-framskrevet')!;
    // fixtures/make-innherred.mjs: 2045: n = round(20 600 × 1.08) = 22 248, x = round(22 248 × 22.6 % × 1.06) = 5330.
    expect([r67.period!.from, r67.period!.to]).toEqual([2045, 2045]);
    expect(r67.value!.value).toBeCloseTo((5330 / 22248) * 100, 4);
    expect(r67.comparisons.land.verdict).toBe('not-tested');
    expect(r67.series.kommune.map((v) => v.period.from)).toEqual([2025, 2030, 2035, 2040, 2045]);
    const r80 = rs.find((r) => r.id === 'andel-80-framskrevet')!;
    expect(r80.value!.value).toBeCloseTo((1957 / 22248) * 100, 4);
  });
});
