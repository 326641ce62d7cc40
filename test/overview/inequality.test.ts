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

describe('the gap over time and beside the county and the country (issue 26)', () => {
  it('gives the same two groups’ gap per period and area, and tests its development where counts allow', async () => {
    const { changeOf } = await import('../../src/overview/inequality.js');
    const results = await innherredResults('5037');
    const r = structuredClone(results.find((x) => x.id === 'ensomhet')!);
    const g = r.gradient!;
    // An earlier period with a smaller gap (counts scaled), and the country's groups in the latest period.
    const at = (from: number, to: number, scale: (key: string, x: number, n: number) => [number, number]) => ({
      period: { ...g.period, from, to, label: `${from}–${to}` },
      groups: g.groups.map((x) => {
        const [num, den] = scale(x.key, x.value.numerator!, x.value.denominator!);
        return { ...x, value: { ...x.value, numerator: num, denominator: den, value: (num / den) * 100 } };
      }),
    });
    const latest = { period: g.period, groups: g.groups };
    const early = at(g.period.from - 6, g.period.to - 6, (key, x, n) => (key === g.worst ? [Math.round(x * 0.5), n] : [x, n]));
    const land = at(g.period.from, g.period.to, (_k, x, n) => [x * 100, n * 100]);
    (g as typeof g & { history: unknown }).history = { kommune: [early, latest], fylke: [], land: [land] };
    const s = summariseGradient(r)!;
    expect(s.gaps.map((x) => x.area)).toEqual(['kommune', 'kommune', 'land']);
    expect(s.gaps.every((x) => x.absolute!.lower !== null && x.relative!.lower !== null)).toBe(true);
    expect(s.change!.last.value).toBeGreaterThan(s.change!.first.value);
    expect(s.change!.z).not.toBeNull();
    // Without intervals (values only) the change is reported untested; with one period there is none.
    const bare = s.gaps.filter((x) => x.area === 'kommune').map((x) => ({ ...x, absolute: { value: x.absolute!.value, lower: null, upper: null } }));
    expect(changeOf(bare)).toMatchObject({ z: null, significant: null });
    expect(changeOf(bare.slice(1))).toBeNull();
  });
  it('has one period and no county or country when the result carries no history', async () => {
    const results = await innherredResults('5037');
    const { history: _history, ...without } = results.find((x) => x.id === 'ensomhet')!.gradient!;
    const s = summariseGradient({ ...results.find((x) => x.id === 'ensomhet')!, gradient: without })!;
    expect(s.gaps).toHaveLength(1);
    expect(s.change).toBeNull();
  });
  it("takes the engine's history: the gap in each period and area the data has, the same groups throughout", async () => {
    const results = await innherredResults('5037');
    const r = results.find((x) => x.id === 'ensomhet')!;
    const s = summariseGradient(r)!;
    const h = r.gradient!.history!;
    expect(s.gaps).toHaveLength(h.kommune.length + h.fylke.length + h.land.length);
    expect(s.gaps.filter((x) => x.area === 'kommune').map((x) => x.period.to)).toEqual(h.kommune.map((x) => x.period.to));
    // The latest municipal gap is the one the chapter's sentence gives.
    const latest = s.gaps.filter((x) => x.area === 'kommune').pop()!;
    expect(latest.period).toEqual(r.gradient!.period);
  });
});
