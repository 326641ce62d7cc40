import type { Text } from '../indicators/catalogue.js';
import type { Verdict } from '../indicators/methods/compare.js';
import type { TrendDirection } from '../indicators/methods/trend.js';
import type { IndicatorResult, NotTestedReason } from '../indicators/result.js';
import { priorityOf, type Priorities } from './priorities.js';

/**
 * The criteria of the proposed utfordringsbilde, each a whole number of points (the document shows
 * every one, so the ranking can be checked and argued with):
 * - extent (omfang, 0–3): 1 when the municipality is significantly worse than land, +1 when the
 *   relative gap to land is at least 10 %, +1 more at 25 % or more; 0 when not significantly worse.
 * - severity (alvorlighet, 1–3) and influence (påvirkning, 1–3: how much the municipality can
 *   change it): data in `data/overview/utfordringsbilde.json`.
 * - development (utvikling): +2 for a significant trend for the worse, −1 for the better, else 0.
 * - skewness (sosial skjevhet, 0–2): 2 when the social gradient's χ² test for trend is significant,
 *   1 when there is a marked gap without a test (worst/best ≥ 1.5, or 2 years of life expectancy).
 * An indicator is a candidate only when it is significantly worse than land or developing for the
 * worse; its score is the sum of the five.
 */
export interface ScoreBreakdown {
  extent: number;
  severity: number;
  development: number;
  skewness: number;
  influence: number;
  total: number;
}

export interface ChallengeIndicator {
  id: string;
  title: Text;
  theme: IndicatorResult['theme'];
  score: ScoreBreakdown;
  /** The numbers behind the score. */
  value: number | null;
  land: number | null;
  /** (value − land) ÷ land; null without both. */
  relativeGap: number | null;
  verdictLand: Verdict;
  verdictFylke: Verdict;
  trend: TrendDirection;
  /** Persons (or events) behind the value: the numerator, when published. */
  affected: number | null;
  period: string | null;
}

export interface Challenge {
  rank: number;
  /** The challenge group id, or the indicator id when it is in no group. */
  id: string;
  title: Text;
  /** Highest member score + 1 for each further candidate in the group (at most +2). */
  score: number;
  /** The candidate indicators of the group, highest score first. */
  indicators: ChallengeIndicator[];
  /** Always true: computed from the numbers, not adopted by the municipality. */
  proposal: true;
}

export interface ChallengeOptions {
  /** At most this many challenges (default 8). */
  max?: number;
  /** Fewer than this many is reported (`tooFew`), never padded (default 4). */
  min?: number;
}

export interface Utfordringsbilde {
  /** 'municipality' when the municipality's own list exists: it takes precedence over the proposals. */
  source: 'municipality' | 'proposal';
  own: string[] | null;
  proposals: Challenge[];
  /** Fewer candidates than `min`: the document says so instead of filling the list. */
  tooFew: boolean;
  /** How many indicators could be tested against land, and why the others could not. */
  tested: TestedAgainstLand;
  /** Indicators on the unfavourable side of land that could not be tested, furthest first, marked as not tested. */
  untested: UntestedIndicator[];
}

export interface TestedAgainstLand {
  /** Indicators with a verdict against land. */
  tested: number;
  /** Indicators with a value (or a withheld one) for the municipality. */
  total: number;
  /** Why the others were not tested, most frequent first. */
  reasons: { reason: NotTestedReason; count: number }[];
}

/** An indicator that could not be tested against land, with its distance to land. */
export interface UntestedIndicator {
  id: string;
  title: Text;
  theme: IndicatorResult['theme'];
  value: number;
  land: number;
  /** (value − land) ÷ land. */
  relativeGap: number;
  /** On the unfavourable side of land (by the indicator's polarity). */
  unfavourable: boolean;
  /** Why it was not tested. */
  reason: NotTestedReason;
  period: string | null;
  tested: false;
}

/** N of M indicators could be tested against land, and why the others could not. */
export function testedAgainstLand(results: IndicatorResult[]): TestedAgainstLand {
  const shown = results.filter((r) => r.status === 'ok' || r.status === 'absent');
  const reasons = new Map<NotTestedReason, number>();
  let tested = 0;
  for (const r of shown) {
    const land = r.comparisons.land;
    if (land.verdict !== 'not-tested') tested++;
    else reasons.set(land.reason ?? 'no-counts', (reasons.get(land.reason ?? 'no-counts') ?? 0) + 1);
  }
  return { tested, total: shown.length, reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)) };
}

/** Not tested by design, or without a land value to measure the distance to. */
const NOT_RANKED = new Set<NotTestedReason>(['not-comparable', 'projection', 'kommune-absent', 'no-benchmark', 'benchmark-absent']);

/**
 * Indicators that could not be tested against land (no counts in the file, only values published,
 * shares of a few units), ranked by their relative distance to land on the unfavourable side —
 * the furthest on the wrong side first, those on the favourable side last: an empty list of tested
 * challenges is not a good picture when most indicators could not be tested. They are marked as
 * not tested and never scored as challenges.
 */
export function rankUntested(results: IndicatorResult[], max = 12): UntestedIndicator[] {
  const out: UntestedIndicator[] = [];
  for (const r of results) {
    const land = r.comparisons.land;
    if (r.status !== 'ok' || r.polarity === 'none' || land.verdict !== 'not-tested' || NOT_RANKED.has(land.reason ?? 'no-counts')) continue;
    const value = r.value?.value ?? null;
    const landValue = land.value && !land.value.absent ? land.value.value : null;
    if (value === null || landValue === null || landValue === 0) continue;
    const relativeGap = (value - landValue) / landValue;
    const unfavourable = r.polarity === 'high-is-good' ? relativeGap < 0 : relativeGap > 0;
    out.push({ id: r.id, title: r.title, theme: r.theme, value, land: landValue, relativeGap, unfavourable, reason: land.reason ?? 'no-counts', period: r.period?.label ?? null, tested: false });
  }
  // Distance on the unfavourable side: positive when worse than land, negative when better.
  const worseBy = (u: UntestedIndicator) => (u.unfavourable ? 1 : -1) * Math.abs(u.relativeGap);
  return out.sort((a, b) => worseBy(b) - worseBy(a) || a.id.localeCompare(b.id)).slice(0, max);
}

/** Scores one indicator; null when it is not a candidate. */
export function scoreIndicator(r: IndicatorResult, priorities: Priorities): ChallengeIndicator | null {
  if (r.status !== 'ok' || r.polarity === 'none') return null;
  const value = r.value?.value ?? null;
  const land = r.comparisons.land.value?.value ?? null;
  const relativeGap = value !== null && land !== null && land !== 0 ? (value - land) / land : null;
  const verdictLand = r.comparisons.land.verdict;
  let extent = 0;
  if (verdictLand === 'worse') {
    extent = 1;
    const g = Math.abs(relativeGap ?? 0);
    if (g >= 0.1) extent++;
    if (g >= 0.25) extent++;
  }
  const development = r.trend.judgement === 'worse' ? 2 : r.trend.judgement === 'better' ? -1 : 0;
  if (extent === 0 && development !== 2) return null;
  const p = priorityOf(priorities, r.id);
  const skewness = gradientSkewness(r);
  const score = { extent, severity: p.severity, development, skewness, influence: p.influence, total: 0 };
  score.total = extent + p.severity + development + skewness + p.influence;
  return {
    id: r.id,
    title: r.title,
    theme: r.theme,
    score,
    value,
    land,
    relativeGap,
    verdictLand,
    verdictFylke: r.comparisons.fylke.verdict,
    trend: r.trend.direction,
    affected: r.value?.numerator ?? null,
    period: r.period?.label ?? null,
  };
}

/** 2 for a significant χ² test for trend across the groups, 1 for a marked gap without one, else 0. */
export function gradientSkewness(r: Pick<IndicatorResult, 'gradient' | 'measureType'>): number {
  const g = r.gradient;
  if (!g) return 0;
  if (g.trendTest?.significant) return 2;
  if (g.trendTest) return 0;
  if ((r.measureType === 'years' || r.measureType === 'life-expectancy') && g.absoluteRange !== null) return Math.abs(g.absoluteRange) >= 2 ? 1 : 0;
  if (g.relativeRange !== null && g.relativeRange > 0) return Math.max(g.relativeRange, 1 / g.relativeRange) >= 1.5 ? 1 : 0;
  return 0;
}

/**
 * The proposed utfordringsbilde: candidates scored, grouped by the challenge groups of the data
 * (an indicator in no group is a challenge of its own), ranked by score (ties: the data's group
 * order, then id), at most `max`. The municipality's own list, when given, takes precedence.
 */
export function proposeChallenges(results: IndicatorResult[], priorities: Priorities, own: string[] | null = null, options: ChallengeOptions = {}): Utfordringsbilde {
  const max = options.max ?? 8;
  const min = options.min ?? 4;
  const groupOf = new Map<string, number>();
  priorities.groups.forEach((g, i) => g.indicators.forEach((id) => groupOf.set(id, i)));
  const buckets = new Map<string, { order: number; title: Text; members: ChallengeIndicator[] }>();
  for (const r of results) {
    const c = scoreIndicator(r, priorities);
    if (!c) continue;
    const gi = groupOf.get(r.id);
    const key = gi === undefined ? r.id : priorities.groups[gi]!.id;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { order: gi ?? priorities.groups.length, title: gi === undefined ? r.title : priorities.groups[gi]!.title, members: [] }));
    b.members.push(c);
  }
  const challenges = [...buckets].map(([id, b]) => {
    const members = [...b.members].sort((x, y) => y.score.total - x.score.total || x.id.localeCompare(y.id));
    return { id, order: b.order, title: b.title, score: members[0]!.score.total + Math.min(2, members.length - 1), indicators: members };
  });
  challenges.sort((x, y) => y.score - x.score || x.order - y.order || x.id.localeCompare(y.id));
  const proposals: Challenge[] = challenges.slice(0, max).map((c, i) => ({ rank: i + 1, id: c.id, title: c.title, score: c.score, indicators: c.indicators, proposal: true }));
  const ownItems = own && own.length > 0 ? own : null;
  return { source: ownItems ? 'municipality' : 'proposal', own: ownItems, proposals, tooFew: proposals.length < min, tested: testedAgainstLand(results), untested: rankUntested(results) };
}

export interface ResourceProposal {
  id: string;
  title: Text;
  value: number | null;
  land: number | null;
  relativeGap: number | null;
  period: string | null;
  proposal: true;
}

export interface Ressurser {
  source: 'municipality' | 'proposal';
  own: string[] | null;
  proposals: ResourceProposal[];
}

/**
 * Resources proposed from the numbers: indicators the data marks as assets (`asset: true`), with a
 * direction (polarity), where the municipality is significantly better than land. Merely lower or
 * better than land without a test, or without polarity, is not a resource; so is an indicator that
 * describes a risk rather than an asset (living alone at 45+). Largest relative gap first.
 */
export function proposeResources(results: IndicatorResult[], priorities: Priorities, own: string[] | null = null): Ressurser {
  const proposals: ResourceProposal[] = [];
  for (const r of results) {
    if (r.status !== 'ok' || r.polarity === 'none' || r.comparisons.land.verdict !== 'better') continue;
    if (!priorityOf(priorities, r.id).asset) continue;
    const value = r.value?.value ?? null;
    const land = r.comparisons.land.value?.value ?? null;
    proposals.push({ id: r.id, title: r.title, value, land, relativeGap: value !== null && land ? (value - land) / land : null, period: r.period?.label ?? null, proposal: true });
  }
  proposals.sort((a, b) => Math.abs(b.relativeGap ?? 0) - Math.abs(a.relativeGap ?? 0) || a.id.localeCompare(b.id));
  const ownItems = own && own.length > 0 ? own : null;
  return { source: ownItems ? 'municipality' : 'proposal', own: ownItems, proposals };
}
