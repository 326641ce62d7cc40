import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import type { ApiIndicator } from '../../src/fetch/plan.js';
import { SYNTHETIC_CATALOGUE } from '../helpers.js';
import { innherredResults } from './results.js';

describe('the population projection in theme a', () => {
  it('is in the catalogue for 67+ and 80+, as published projections (not tested)', () => {
    // The default catalogue computes the shares from SSB's projection by age (table 14746, the main alternative), 10–20 years ahead.
    const cat = loadCatalogue();
    for (const [id, from] of [['andel-67-fremskrevet', 67], ['andel-80-fremskrevet', 80]] as const) {
      const ind = cat.find((i) => i.id === id)! as ApiIndicator;
      expect(ind.theme).toBe('a');
      expect(ind.measureType).toBe('proportion');
      expect(ind.polarity).toBe('none');
      // A projection: never tested, with its own reason.
      expect(ind.sampling).toBe('projection');
      expect(ind.source.nb).toContain('14746');
      expect(ind.api).toMatchObject({ table: '14746', horizon: [10, 20], share: { dimension: 'Alder', from }, dimensions: { ContentsCode: ['Personer'] } });
    }
    // The synthetic data's catalogue has them as FHI publishes them.
    const syn = loadCatalogue(SYNTHETIC_CATALOGUE);
    for (const id of ['andel-67-framskrevet', 'andel-80-framskrevet']) {
      expect(syn.find((i) => i.id === id)).toMatchObject({ theme: 'a', measureType: 'value', polarity: 'none' });
    }
  });

  it("shows Levanger's share 20 years ahead from the synthetic data's projection file", async () => {
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
