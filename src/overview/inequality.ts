import type { Text } from '../indicators/catalogue.js';
import type { Verdict } from '../indicators/methods/compare.js';
import { zFor } from '../indicators/methods/quantiles.js';
import { wilson } from '../indicators/methods/wilson.js';
import type { GradientGroupResult, GradientGroupsAt, GradientHistoryResult, GradientResult, IndicatorResult } from '../indicators/result.js';
import type { Period } from '../model/observation.js';
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
  /** The gap between the same two groups in every period and area the data has (kommune first, then fylke and land), oldest first. */
  gaps: GapAt[];
  /** The development of the municipality's gap between its first and latest independent period; null with one period. */
  change: GapChange | null;
}

/**
 * The groups of one gradient in one period and area. The engine gives the latest period of the
 * municipality (`gradient.period/groups`); a result that carries `gradient.history` (every period
 * of the municipality, the county and the country) gives the chapter the gap over time and the
 * same gap in the county and the country.
 */
export type { GradientGroupsAt } from '../indicators/result.js';
export type GradientHistory = GradientHistoryResult;

export type GapArea = 'kommune' | 'fylke' | 'land';

export interface GapAt {
  area: GapArea;
  period: Period;
  absolute: Estimate | null;
  relative: Estimate | null;
}

export interface GapChange {
  from: Period;
  to: Period;
  first: Estimate;
  last: Estimate;
  /** z for the difference of the two gaps (standard errors from their intervals); null without intervals. */
  z: number | null;
  significant: boolean | null;
}

/**
 * The gradient of one indicator result. The gaps are between the worst and the best group (by
 * polarity) of the latest period, with intervals where the groups have counts (`gapOf`), the same
 * two groups' gap in every period and area of the result's history, and its development (`changeOf`);
 * - the χ² test for trend across the ordered groups (Armitage, Biometrics 1955;11:375–386), as
 *   computed by the engine (`socialGradient`): significant above χ²₁ at 99.8 %.
 * Without counts (life expectancy by education) the gaps have no interval.
 */
export function summariseGradient(r: IndicatorResult, level = 0.95): GradientSummary | null {
  const g = r.gradient;
  if (!g || r.status !== 'ok') return null;
  const groups: InequalityGroup[] = g.groups.map(groupOf);
  const counted = groups.every((x) => x.numerator !== null && x.denominator !== null);
  const total = counted && groups.length > 0 ? { denominator: sum(groups.map((x) => x.denominator!)), numerator: sum(groups.map((x) => x.numerator!)) } : null;
  const { absolute: absoluteGap, relative: relativeGap } = gapOf(groups, g.best, g.worst, r.measureType, level);
  const history = historyOf(g);
  const gaps: GapAt[] = (['kommune', 'fylke', 'land'] as const).flatMap((area) =>
    history[area].map((at) => ({ area, period: at.period, ...gapOf(at.groups.map(groupOf), g.best, g.worst, r.measureType, level) })),
  );
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
    gaps,
    change: changeOf(gaps.filter((x) => x.area === 'kommune'), level),
  };
}

function groupOf(x: GradientGroupResult): InequalityGroup {
  return {
    key: x.key,
    label: x.label,
    value: x.value.value,
    lower: x.value.lower,
    upper: x.value.upper,
    numerator: x.value.numerator,
    denominator: x.value.denominator,
    absent: x.value.absent?.reason ?? null,
  };
}

/** The result's history when the engine gives one; else the latest period of the municipality alone. */
function historyOf(g: GradientResult): GradientHistory {
  const h = g.history;
  if (h && h.kommune.length > 0) return { kommune: sorted(h.kommune), fylke: sorted(h.fylke), land: sorted(h.land) };
  return { kommune: [{ period: g.period, groups: g.groups }], fylke: [], land: [] };
}

function sorted(xs: GradientGroupsAt[]): GradientGroupsAt[] {
  return [...xs].sort((a, b) => a.period.to - b.period.to || a.period.from - b.period.from);
}

/**
 * The gap between the worst and the best group. For proportions with counts:
 * - absolute gap p_w − p_b with Newcombe's hybrid score interval (method 10), from each group's
 *   Wilson interval: L = d − √((p_w − l_w)² + (u_b − p_b)²), U = d + √((u_w − p_w)² + (p_b − l_b)²)
 *   (Newcombe, Stat Med 1998;17:873–890);
 * - relative gap p_w / p_b with the Katz log interval: exp(ln RR ± z·√(1/x_w − 1/n_w + 1/x_b − 1/n_b))
 *   (Katz et al., Biometrics 1978;34:469–474), not when a group has no cases.
 */
export function gapOf(groups: InequalityGroup[], bestKey: string | null, worstKey: string | null, measureType: IndicatorResult['measureType'], level = 0.95): { absolute: Estimate | null; relative: Estimate | null } {
  const best = groups.find((x) => x.key === bestKey) ?? null;
  const worst = groups.find((x) => x.key === worstKey) ?? null;
  if (!best || !worst || best.value === null || worst.value === null || best.absent || worst.absent) return { absolute: null, relative: null };
  let absolute: Estimate = { value: worst.value - best.value, lower: null, upper: null };
  let relative: Estimate | null = best.value !== 0 ? { value: worst.value / best.value, lower: null, upper: null } : null;
  const m = multiplierOf(worst) ?? multiplierOf(best);
  if (measureType === 'proportion' && m !== null && best.numerator !== null && worst.numerator !== null) {
    const w = wilson(worst.numerator, worst.denominator, { multiplier: m, level });
    const b = wilson(best.numerator, best.denominator, { multiplier: m, level });
    const d = w.value! - b.value!;
    absolute = {
      value: d,
      lower: d - Math.hypot(w.value! - w.lower!, b.upper! - b.value!),
      upper: d + Math.hypot(w.upper! - w.value!, b.value! - b.lower!),
    };
    if (relative && worst.numerator > 0 && best.numerator > 0) {
      const se = Math.sqrt(1 / worst.numerator - 1 / worst.denominator! + 1 / best.numerator - 1 / best.denominator!);
      const z = zFor(level);
      relative = { value: relative.value, lower: relative.value * Math.exp(-z * se), upper: relative.value * Math.exp(z * se) };
    }
  }
  return { absolute, relative };
}

/**
 * The change of the absolute gap from the first to the latest period that share no year (pooled
 * periods 2019–2021 and 2021–2023 count the same pupils twice): z = (d₂ − d₁) / √(se₁² + se₂²), each
 * se from its interval's width ((U − L) / 2z). Untested (z null) when either gap has no interval.
 */
export function changeOf(gaps: GapAt[], level = 0.95): GapChange | null {
  const withGap = gaps.filter((x): x is GapAt & { absolute: Estimate } => x.absolute !== null);
  const last = withGap[withGap.length - 1];
  if (!last) return null;
  const first = withGap.find((x) => x.period.to < last.period.from);
  if (!first) return null;
  const zc = zFor(level);
  const se = (e: Estimate) => (e.lower !== null && e.upper !== null ? (e.upper - e.lower) / (2 * zc) : null);
  const s1 = se(first.absolute);
  const s2 = se(last.absolute);
  const z = s1 !== null && s2 !== null && s1 + s2 > 0 ? (last.absolute.value - first.absolute.value) / Math.hypot(s1, s2) : null;
  return { from: first.period, to: last.period, first: first.absolute, last: last.absolute, z, significant: z === null ? null : Math.abs(z) > zc };
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
