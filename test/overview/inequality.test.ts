import { describe, expect, it } from 'vitest';
import { loadPriorities } from '../../src/overview/priorities.js';
import { sosialUlikhet, summariseGradient } from '../../src/overview/inequality.js';
import { innherredResults } from './results.js';

describe('the chapter on social inequality (Levanger, example)', () => {
  it('shows the loneliness gradient with respondents and lonely per group, N and n, gaps with intervals and the trend test', async () => {
    const results = await innherredResults('5037');
    const g = summariseGradient(results.find((r) => r.id === 'ensomhet')!)!;
    expect(g.groups.map((x) => [x.numerator, x.denominator])).toEqual([
      [106, 841],
      [65, 210],
      [30, 69],
    ]);
    expect(g.groups.map((x) => Number(x.value!.toFixed(1)))).toEqual([12.6, 31.0, 43.5]);
    expect(g.total).toEqual({ denominator: 1120, numerator: 201 });
    expect([g.best, g.worst]).toEqual(['god', 'dårlig']);
    // Hand-computed: 30/69 − 106/841 = 30.874 pp; Newcombe (method 10) from the Wilson intervals
    // [19.568, 42.790]; ratio 3.4495 with the Katz interval exp(ln RR ± 1.96·0.16458) = [2.4985, 4.7627].
    expect(g.absoluteGap!.value).toBeCloseTo(30.8742, 3);
    expect(g.absoluteGap!.lower).toBeCloseTo(19.5679, 3);
    expect(g.absoluteGap!.upper).toBeCloseTo(42.7895, 3);
    expect(g.relativeGap!.value).toBeCloseTo(3.44955, 4);
    expect(g.relativeGap!.lower).toBeCloseTo(2.49847, 4);
    expect(g.relativeGap!.upper).toBeCloseTo(4.76267, 4);
    // Armitage's χ² for trend over t = 1, 2, 3 by hand: 70.305.
    expect(g.trendTest!.statistic).toBeCloseTo(70.3049, 3);
    expect(g.trendTest!.significant).toBe(true);
  });

  it('has life expectancy by education at 30, without intervals (no counts), and the low-income levels', async () => {
    const results = await innherredResults('5037');
    const u = sosialUlikhet(results, loadPriorities());
    expect(u.gradients.map((g) => g.indicatorId)).toEqual(['levealder-utdanning', 'ensomhet']);
    const le = u.gradients[0]!;
    expect(le.total).toBeNull();
    expect(le.absoluteGap!.lower).toBeNull();
    expect(le.relativeGap!.lower).toBeNull();
    expect(le.trendTest).toBeNull();
    const best = le.groups.find((x) => x.key === le.best)!.value!;
    const worst = le.groups.find((x) => x.key === le.worst)!.value!;
    expect(le.absoluteGap!.value).toBeCloseTo(worst - best, 10);
    expect(best).toBeCloseTo(85.0995, 3);
    expect(u.significant).toEqual(['ensomhet']);
    expect(u.levels.map((l) => l.indicatorId)).toEqual(['vedvarende-lavinntekt', 'vedvarende-lavinntekt-barn', 'hoyere-utdanning', 'uforetrygdede', 'barn-enslige-forsorgere', 'trangbodde', 'sosialhjelp']);
    const lav = u.levels[0]!;
    expect([lav.numerator, lav.denominator, lav.verdictLand]).toEqual([5250, 60354, 'better']);
  });
});
