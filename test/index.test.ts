import { describe, expect, it } from 'vitest';

// The package as a script imports it: by name, through "exports" (needs `npm run build`, which `npm test` does).
describe("import { … } from 'folkehelse'", () => {
  it('exports the methods with the documented shapes', async () => {
    const f = await import('folkehelse');
    expect(Object.keys(f.wilson(65, 100)).sort()).toEqual(['lower', 'upper', 'value']);
    expect(f.poissonRate(222, 3215, { multiplier: 100000 }).method).toBe('byar');
    expect(f.dsr([{ count: 5, population: 100, standard: 1 }])).toEqual({ value: null, lower: null, upper: null, observed: 5, population: 100 });
    expect(f.lifeExpectancy).toBeTypeOf('function');
    expect(f.mean([1, 2, 3]).value).toBe(2);
    expect(Object.keys(f.smr([{ count: 20, population: 1000, referenceRate: 0.01 }])).sort()).toEqual(['expected', 'lower', 'observed', 'upper', 'value']);
    expect(() => f.sii([{ population: 1, value: 1 }])).toThrow(/at least 5 ordered groups/);
    expect(f.compare({ value: 1, lower: null, upper: null }, 2, 'none')).toBe('not-tested');
    expect(f.wilson(1, 10, { level: 0.998 }).lower).toBeLessThan(f.wilson(1, 10).lower!);
    expect(typeof f.computeIndicators).toBe('function');
    expect(typeof f.loadCatalogue).toBe('function');
    expect(typeof f.readFile).toBe('function');
    expect(f.testChange({ period: { from: 2020, to: 2020 }, value: 30, lower: null, upper: null, numerator: 15, denominator: 50, method: 'wilson', absent: null }, { period: { from: 2024, to: 2024 }, value: 50, lower: null, upper: null, numerator: 25, denominator: 50, method: 'wilson', absent: null }, 'proportion')).toMatchObject({ method: 'two-proportions', significant: true });
    expect(typeof f.diffResults).toBe('function');
  });
});
