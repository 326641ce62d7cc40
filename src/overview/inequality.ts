import type { Text } from '../indicators/catalogue.js';
import type { Verdict } from '../indicators/methods/compare.js';
import { zFor } from '../indicators/methods/quantiles.js';
import { wilson } from '../indicators/methods/wilson.js';
import type { GradientResult, IndicatorResult } from '../indicators/result.js';
import type { Priorities } from './priorities.js';

export interface Estimate {
  value: number;
  lower: number | null;
  upper: number | null;
}

export interface InequalityGroup {
  key: string;
  label: Text;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Cases (e.g. lonely) and respondents of the group; null when not published or suppressed. */
  numerator: number | null;
  denominator: number | null;
  /** Set when the group's number is withheld. */
  absent: string | null;
}

/** One social gradient, ready for the chapter on social inequality in health. */
export interface GradientSummary {
  indicatorId: string;
  indicatorTitle: Text;
  title: Text;
  dimension: string;
  unit: Text;
  period: string;
  groups: InequalityGroup[];
  /** N (respondents) and n (cases) over all groups, only when every group has counts. */
  total: { denominator: number; numerator: number } | null;
  best: string | null;
  worst: string | null;
  /** worst − best in the indicator's unit, with Newcombe's interval when both have counts. */
  absoluteGap: Estimate | null;
  /** worst ÷ best, with the Katz log interval when both have counts. */
  relativeGap: Estimate | null;
  trendTest: GradientResult['trendTest'];
  sii: GradientResult['sii'];
}

/**
 * The gradient of one indicator result. The gaps are between the worst and the best group (by
 * polarity). For proportions with counts:
 * - absolute gap p_w − p_b with Newcombe's hybrid score interval (method 10), from each group's
 *   Wilson interval: L = d − √((p_w − l_w)² + (u_b − p_b)²), U = d + √((u_w − p_w)² + (p_b − l_b)²)
 *   (Newcombe, Stat Med 1998;17:873–890);
 * - relative gap p_w / p_b with the Katz log interval: exp(ln RR ± z·√(1/x_w − 1/n_w + 1/x_b − 1/n_b))
 *   (Katz et al., Biometrics 1978;34:469–474), not when a group has no cases;
 * - the χ² test for trend across the ordered groups (Armitage, Biometrics 1955;11:375–386), as
 *   computed by the engine (`socialGradient`): significant above χ²₁ at 99.8 %.
 * Without counts (life expectancy by education) the gaps have no interval.
 */
export function summariseGradient(r: IndicatorResult, level = 0.95): GradientSummary | null {
  const g = r.gradient;
  if (!g || r.status !== 'ok') return null;
  const groups: InequalityGroup[] = g.groups.map((x) => ({
    key: x.key,
    label: x.label,
    value: x.value.value,
    lower: x.value.lower,
    upper: x.value.upper,
    numerator: x.value.numerator,
    denominator: x.value.denominator,
    absent: x.value.absent?.reason ?? null,
  }));
  const counted = groups.every((x) => x.numerator !== null && x.denominator !== null);
  const total = counted && groups.length > 0 ? { denominator: sum(groups.map((x) => x.denominator!)), numerator: sum(groups.map((x) => x.numerator!)) } : null;
  const best = groups.find((x) => x.key === g.best) ?? null;
  const worst = groups.find((x) => x.key === g.worst) ?? null;
  let absoluteGap: Estimate | null = null;
  let relativeGap: Estimate | null = null;
  if (best && worst && best.value !== null && worst.value !== null) {
    absoluteGap = { value: worst.value - best.value, lower: null, upper: null };
    relativeGap = best.value !== 0 ? { value: worst.value / best.value, lower: null, upper: null } : null;
    const m = multiplierOf(worst) ?? multiplierOf(best);
    if (r.measureType === 'proportion' && m !== null && best.numerator !== null && worst.numerator !== null) {
      const w = wilson(worst.numerator, worst.denominator, { multiplier: m, level });
      const b = wilson(best.numerator, best.denominator, { multiplier: m, level });
      const d = w.value! - b.value!;
      absoluteGap = {
        value: d,
        lower: d - Math.hypot(w.value! - w.lower!, b.upper! - b.value!),
        upper: d + Math.hypot(w.upper! - w.value!, b.value! - b.lower!),
      };
      if (relativeGap && worst.numerator > 0 && best.numerator > 0) {
        const se = Math.sqrt(1 / worst.numerator - 1 / worst.denominator! + 1 / best.numerator - 1 / best.denominator!);
        const z = zFor(level);
        relativeGap = { value: relativeGap.value, lower: relativeGap.value * Math.exp(-z * se), upper: relativeGap.value * Math.exp(z * se) };
      }
    }
  }
  return {
    indicatorId: r.id,
    indicatorTitle: r.title,
    title: g.title,
    dimension: g.dimension,
    unit: r.unit,
    period: g.period.label,
    groups,
    total,
    best: g.best,
    worst: g.worst,
    absoluteGap,
    relativeGap,
    trendTest: g.trendTest,
    sii: g.sii,
  };
}

/** The scale of a value against its proportion x/n (100 for percent); null without counts. */
function multiplierOf(g: InequalityGroup): number | null {
  if (g.value === null || g.numerator === null || !g.denominator || g.numerator === 0) return null;
  const m = g.value / (g.numerator / g.denominator);
  // Values are published or computed as x/n × 1, 100, 1000 …: snap to that power of ten.
  const p = Math.round(Math.log10(m));
  return Math.abs(m - 10 ** p) / 10 ** p < 1e-6 ? 10 ** p : null;
}

/** A low-income or inequality indicator, as a level against land (the data's `inequality` list). */
export interface InequalityLevel {
  indicatorId: string;
  title: Text;
  unit: Text;
  period: string | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
  land: number | null;
  verdictLand: Verdict;
  trend: IndicatorResult['trend']['direction'];
}

export interface SosialUlikhet {
  gradients: GradientSummary[];
  levels: InequalityLevel[];
  /** Ids of the indicators whose gradient is significant: these feed the ranking (skewness). */
  significant: string[];
}

/**
 * The chapter on social inequality in health: every gradient among the results (in catalogue order)
 * and the low-income and inequality indicators the data lists.
 */
export function sosialUlikhet(results: IndicatorResult[], priorities: Priorities, level = 0.95): SosialUlikhet {
  const gradients = results.map((r) => summariseGradient(r, level)).filter((g): g is GradientSummary => g !== null);
  const wanted = new Set(priorities.inequality ?? []);
  const levels: InequalityLevel[] = results
    .filter((r) => wanted.has(r.id) && r.status === 'ok')
    .map((r) => ({
      indicatorId: r.id,
      title: r.title,
      unit: r.unit,
      period: r.period?.label ?? null,
      value: r.value?.value ?? null,
      lower: r.value?.lower ?? null,
      upper: r.value?.upper ?? null,
      numerator: r.value?.numerator ?? null,
      denominator: r.value?.denominator ?? null,
      land: r.comparisons.land.value?.value ?? null,
      verdictLand: r.comparisons.land.verdict,
      trend: r.trend.direction,
    }));
  return { gradients, levels, significant: gradients.filter((g) => g.trendTest?.significant).map((g) => g.indicatorId) };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
