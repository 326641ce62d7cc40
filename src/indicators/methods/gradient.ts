import type { Polarity } from './compare.js';
import { chiSquareUpper } from './quantiles.js';
import { chiSquareTrend, TREND_THRESHOLD } from './trend.js';
import { sii } from './sii.js';
import { wilson } from './wilson.js';

export interface GradientGroupInput {
  key: string;
  /** Events and group size, when counts are published. */
  x: number | null;
  n: number | null;
  /** The published value, when there are no counts (e.g. life expectancy). */
  value?: number | null;
}

export interface GradientGroup {
  key: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface SocialGradient {
  groups: GradientGroup[];
  /** Keys of the best and worst group (by polarity; by order when there is none). */
  best: string | null;
  worst: string | null;
  /** worst − best, in the indicator's unit (percentage points for percentages). */
  absoluteRange: number | null;
  /** worst ÷ best. */
  relativeRange: number | null;
  /** χ² test for trend across the ordered groups (t = rank); null without counts. */
  trendTest: { statistic: number; p: number; significant: boolean; threshold: number } | null;
  /** Only with 5 or more groups. */
  sii: { sii: number; rii: number } | null;
}

/**
 * The social gradient of an indicator over ordered groups (family economy good → neither → poor;
 * education levels; SES groups): each group's value with its Wilson interval and n, the absolute and
 * relative range between the worst and the best group, a χ² test for trend across the groups
 * (significant above χ²₁ at 99.8 %, as for time trends), and SII/RII with 5 or more groups.
 * Groups must be given in their order; a group without value is skipped in ranges and tests.
 */
export function socialGradient(input: GradientGroupInput[], options: { polarity: Polarity; multiplier?: number; level?: number; threshold?: number }): SocialGradient {
  const m = options.multiplier ?? 1;
  const groups: GradientGroup[] = input.map((g) => {
    if (g.x !== null && g.n !== null && g.n > 0) {
      const w = wilson(g.x, g.n, { multiplier: m, level: options.level });
      return { key: g.key, value: w.value, lower: w.lower, upper: w.upper, numerator: g.x, denominator: g.n };
    }
    return { key: g.key, value: g.value ?? null, lower: null, upper: null, numerator: null, denominator: g.n };
  });
  const valued = groups.filter((g) => g.value !== null);
  let best: GradientGroup | undefined;
  let worst: GradientGroup | undefined;
  if (valued.length >= 2) {
    if (options.polarity === 'none') {
      best = valued[0];
      worst = valued[valued.length - 1];
    } else {
      const sorted = [...valued].sort((a, b) => a.value! - b.value!);
      const [low, high] = [sorted[0]!, sorted[sorted.length - 1]!];
      best = options.polarity === 'high-is-good' ? high : low;
      worst = options.polarity === 'high-is-good' ? low : high;
    }
  }
  const threshold = options.threshold ?? TREND_THRESHOLD;
  let trendTest: SocialGradient['trendTest'] = null;
  const counted = groups.map((g, i) => ({ t: i + 1, x: g.numerator, n: g.denominator })).filter((g) => g.x !== null && g.n !== null && g.n > 0);
  if (counted.length === groups.length && counted.length >= 2) {
    const r = chiSquareTrend(counted as { t: number; x: number; n: number }[]);
    if (r) trendTest = { statistic: r.statistic, p: chiSquareUpper(r.statistic, 1), significant: r.statistic > threshold, threshold };
  }
  let siiResult: SocialGradient['sii'] = null;
  if (valued.length >= 5 && valued.every((g) => g.denominator !== null && g.denominator > 0)) {
    siiResult = sii(valued.map((g) => ({ population: g.denominator!, value: g.value! })));
  }
  return {
    groups,
    best: best?.key ?? null,
    worst: worst?.key ?? null,
    absoluteRange: best && worst ? worst.value! - best.value! : null,
    relativeRange: best && worst && best.value !== 0 ? worst.value! / best.value! : null,
    trendTest,
    sii: siiResult,
  };
}
