import type { Text } from '../indicators/catalogue.js';
import type { Polarity, Verdict } from '../indicators/methods/compare.js';
import type { IndicatorResult } from '../indicators/result.js';
import type { Challenge, Ressurser, Utfordringsbilde } from './challenges.js';
import type { SosialUlikhet } from './inequality.js';

/** The county's municipalities for one indicator: lowest and highest value of the same period. */
export interface CountyRange {
  period: string;
  min: number;
  max: number;
  /** Municipalities with a value. */
  count: number;
  /** Municipalities in the county (the geography register): the range is partial when `count` is fewer. */
  total?: number;
}

/**
 * The range of the county's municipalities per indicator, from each municipality's results (one
 * array per municipality, e.g. from `computeIndicators` for every kommune of the fylke). Only
 * values of the same period as `periodOf` (the municipality's own period) count, so that the range
 * compares like with like; suppressed values are absent and do not count.
 */
export function countyRanges(perKommune: IndicatorResult[][], periodOf: Map<string, string>, total?: number): Map<string, CountyRange> {
  const out = new Map<string, CountyRange>();
  for (const results of perKommune) {
    for (const r of results) {
      const v = r.value?.value;
      const period = r.period?.label;
      if (r.status !== 'ok' || v === null || v === undefined || !period || periodOf.get(r.id) !== period) continue;
      const c = out.get(r.id);
      if (!c) out.set(r.id, { period, min: v, max: v, count: 1, ...(total === undefined ? {} : { total }) });
      else {
        c.min = Math.min(c.min, v);
        c.max = Math.max(c.max, v);
        c.count++;
      }
    }
  }
  return out;
}

export interface SpineRow {
  id: string;
  title: Text;
  theme: IndicatorResult['theme'];
  unit: Text;
  period: string | null;
  polarity: Polarity;
  value: number;
  land: number;
  fylke: number | null;
  verdict: Verdict;
  range: CountyRange | null;
  /** The county's own value lies outside the range (a partial range, or periods and methods that differ): said beside it. */
  fylkeOutside: boolean;
  /**
   * Positions on the spine, 0–1, land at 0.5 and better to the right (higher to the right when the
   * indicator has no direction), scaled so that the value or range end farthest from land touches
   * an edge (Fingertips' spine chart).
   */
  position: { value: number; min: number | null; max: number | null };
}

/** One row of the spine-chart barometer: null without a municipal and a land value. */
export function spineRow(r: IndicatorResult, range: CountyRange | null): SpineRow | null {
  const value = r.value?.value;
  const land = r.comparisons.land.value?.value;
  if (r.status !== 'ok' || value === null || value === undefined || land === null || land === undefined) return null;
  const usable = range && range.count > 0 ? range : null;
  const spread = Math.max(Math.abs(value - land), usable ? Math.abs(usable.min - land) : 0, usable ? Math.abs(usable.max - land) : 0);
  const flip = r.polarity === 'low-is-good' ? -1 : 1;
  const pos = (x: number) => (spread === 0 ? 0.5 : 0.5 + (flip * (x - land)) / (2 * spread));
  let min = usable ? pos(usable.min) : null;
  let max = usable ? pos(usable.max) : null;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  const fylke = r.comparisons.fylke.value?.value ?? null;
  return {
    id: r.id,
    title: r.title,
    theme: r.theme,
    unit: r.unit,
    period: r.period?.label ?? null,
    polarity: r.polarity,
    value,
    land,
    fylke,
    verdict: r.comparisons.land.verdict,
    range: usable,
    fylkeOutside: usable !== null && fylke !== null && (fylke < usable.min || fylke > usable.max),
    position: { value: pos(value), min, max },
  };
}

export type Finding =
  | { kind: 'challenge'; rank: number; id: string; title: Text; indicators: string[] }
  | { kind: 'own-challenge'; rank: number; text: string }
  | { kind: 'inequality'; id: string; title: Text; relativeGap: number | null; statistic: number | null }
  | { kind: 'trend'; id: string; title: Text; judgement: 'better' | 'worse'; direction: string }
  | { kind: 'resource'; id: string; title: Text; value: number | null; land: number | null }
  | { kind: 'own-resource'; text: string };

export interface Kortversjon {
  findings: Finding[];
  /** The utfordringsbilde as the full document has it: the municipality's own list or the proposals. */
  challenges: { source: Utfordringsbilde['source']; own: string[] | null; proposals: Challenge[] };
  spine: SpineRow[];
}

export interface ShortOptions {
  /** Main findings at most (default 6): 2–4 pages leave room for little more. */
  maxFindings?: number;
  /** Challenges at most (default 5). */
  maxChallenges?: number;
}

/**
 * What the short version (kortversjon, 2–4 pages like FHI's folkehelseprofil) shows: the main
 * findings — the first challenges (the municipality's own when it has a list), significant social
 * gradients, significant trends, then resources — the utfordringsbilde, and the spine-chart
 * barometer of every indicator with a municipal and a land value, in catalogue order.
 */
export function kortversjon(results: IndicatorResult[], u: Utfordringsbilde, res: Ressurser, inequality: SosialUlikhet, ranges: Map<string, CountyRange>, options: ShortOptions = {}): Kortversjon {
  const maxFindings = options.maxFindings ?? 6;
  const maxChallenges = options.maxChallenges ?? 5;
  const challenges: Finding[] =
    u.source === 'municipality' && u.own
      ? u.own.slice(0, 3).map((text, i) => ({ kind: 'own-challenge', rank: i + 1, text }))
      : u.proposals.slice(0, 3).map((c) => ({ kind: 'challenge', rank: c.rank, id: c.id, title: c.title, indicators: c.indicators.map((i) => i.id) }));
  const gradients: Finding[] = inequality.gradients
    .filter((g) => g.trendTest?.significant)
    .map((g) => ({ kind: 'inequality', id: g.indicatorId, title: g.indicatorTitle, relativeGap: g.relativeGap?.value ?? null, statistic: g.trendTest?.statistic ?? null }));
  const trends: Finding[] = results
    .filter((r) => r.status === 'ok' && r.trend.judgement !== null)
    .sort((a, b) => (a.trend.judgement === 'worse' ? 0 : 1) - (b.trend.judgement === 'worse' ? 0 : 1))
    .map((r) => ({ kind: 'trend', id: r.id, title: r.title, judgement: r.trend.judgement!, direction: r.trend.direction }));
  const resources: Finding[] =
    res.source === 'municipality' && res.own
      ? res.own.slice(0, 2).map((text) => ({ kind: 'own-resource', text }))
      : res.proposals.slice(0, 2).map((p) => ({ kind: 'resource', id: p.id, title: p.title, value: p.value, land: p.land }));
  // Challenges first, then at least one of each other kind when there is room.
  const findings: Finding[] = [];
  const queues = [challenges, gradients, trends, resources];
  for (const q of queues) if (q.length && findings.length < maxFindings) findings.push(q.shift()!);
  for (const q of queues) while (q.length && findings.length < maxFindings) findings.push(q.shift()!);
  const order = (f: Finding) => ['challenge', 'own-challenge', 'inequality', 'trend', 'resource', 'own-resource'].indexOf(f.kind);
  findings.sort((a, b) => order(a) - order(b));
  const spine = results.map((r) => spineRow(r, ranges.get(r.id) ?? null)).filter((s): s is SpineRow => s !== null);
  return { findings, challenges: { source: u.source, own: u.own, proposals: u.proposals.slice(0, maxChallenges) }, spine };
}
