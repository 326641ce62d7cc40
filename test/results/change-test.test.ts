import { describe, expect, it } from 'vitest';
import { testChange, testGapChange } from '../../src/results/change-test.js';
import type { ResultsValue } from '../../src/results/types.js';

const v = (year: number, value: number | null, numerator: number | null, denominator: number | null, lower: number | null = null, upper: number | null = null): ResultsValue => ({
  period: { from: year, to: year },
  value,
  lower,
  upper,
  numerator,
  denominator,
  method: numerator === null ? 'as-published' : 'wilson',
  absent: null,
});

describe('testChange: two-sample tests between the baseline and the latest value', () => {
  it('proportions: pooled z-test, as R prop.test(c(15, 25), c(50, 50), correct = FALSE): X² = 4.1667, p = 0.04123', () => {
    const t = testChange(v(2020, 30, 15, 50), v(2024, 50, 25, 50), 'proportion');
    if (!t.method) throw new Error('not tested');
    expect(t.method).toBe('two-proportions');
    expect(t.z ** 2).toBeCloseTo(4.1667, 3);
    expect(t.p).toBeCloseTo(0.04123, 4);
    expect(t.significant).toBe(true);
    expect(t.difference).toBeCloseTo(20, 10);
    // (1.960 + 0.842)·√(0.3·0.7·(1/50 + 1/50)) = 0.2568 → 25.7 percentage points
    expect(t.detectable).toBeCloseTo(25.68, 1);
  });
  it('proportions: a small change in a small municipality is not significant', () => {
    const t = testChange(v(2020, 10, 10, 100), v(2024, 14, 14, 100), 'proportion');
    expect(t.method && t.significant).toBe(false);
    if (t.method) expect(t.p).toBeGreaterThan(0.3);
  });
  it('rates: the log rate ratio test, z = ln(130/100)/√(1/100 + 1/130) = 1.9725, p = 0.0486', () => {
    const t = testChange(v(2020, 100, 100, 100_000), v(2024, 130, 130, 100_000), 'rate');
    if (!t.method) throw new Error('not tested');
    expect(t.method).toBe('rate-ratio');
    expect(t.z).toBeCloseTo(1.9725, 3);
    expect(t.p).toBeCloseTo(0.0486, 3);
    // a decrease of 100·(1 − exp(−2.8016·√(2/100))) = 32.7 is the smallest detectable
    const d = testChange(v(2020, 100, 100, 100_000), v(2024, 100, 100, 100_000), 'indirectly-standardised-rate', 'decrease');
    if (!d.method) throw new Error('not tested');
    expect(d.detectable).toBeCloseTo(100 * (1 - Math.exp(-2.8016 * Math.sqrt(0.02))), 1);
    expect(d.significant).toBe(false);
  });
  it('values with intervals only: a z-test with standard errors from the intervals', () => {
    const t = testChange(v(2020, 80, null, null, 79, 81), v(2024, 82, null, null, 81, 83), 'years');
    if (!t.method) throw new Error('not tested');
    expect(t.method).toBe('intervals');
    const se = Math.sqrt(2 * (2 / (2 * 1.959964)) ** 2);
    expect(t.z).toBeCloseTo(2 / se, 6);
    expect(t.significant).toBe(true);
  });
  it('no counts and no interval, or a withheld value: not tested', () => {
    expect(testChange(v(2020, 80, null, null), v(2024, 82, null, null), 'value')).toEqual({ method: null, reason: 'no-counts' });
    expect(testChange(v(2020, 80, 8, 10), { ...v(2024, null, null, null), absent: { symbol: ':', reason: 'primary-suppression' } }, 'proportion')).toEqual({ method: null, reason: 'absent' });
  });
});

describe('testGapChange: equity goals, the change in the gap between two groups', () => {
  it('Ungdata loneliness by family economy, 2015 (12.6 % vs 43.5 %) to a narrower gap', () => {
    const t = testGapChange({ worst: v(2015, 43.478, 30, 69), best: v(2015, 12.604, 106, 841) }, { worst: v(2025, 25, 20, 80), best: v(2025, 14.286, 100, 700) }, 'proportion');
    if (!t.method) throw new Error('not tested');
    expect(t.baselineGap).toBeCloseTo(30.87, 1);
    expect(t.latestGap).toBeCloseTo(10.71, 1);
    const variance = (p: number, n: number) => (100 * 100 * p * (1 - p)) / n;
    const se = Math.sqrt(variance(30 / 69, 69) + variance(106 / 841, 841) + variance(20 / 80, 80) + variance(100 / 700, 700));
    expect(t.z).toBeCloseTo((10.714 - 30.874) / se, 2);
    expect(t.significant).toBe(true);
    expect(t.detectable).toBeCloseTo(2.8016 * se, 2);
  });
});
