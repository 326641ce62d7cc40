import { msg } from '../base/messages.js';
import type { GoalsFile } from '../contracts/goals.js';
import { testChange, testGapChange, type ChangeOutcome } from './change-test.js';
import { JsonFileError, readJsonDocument } from './json-file.js';
import type { ResultsFile, ResultsIndicator, ResultsPeriod, ResultsValue } from './types.js';

/** The municipality's goals file; its types are generated from `schemas/goals.schema.json`. */
export type { GoalsFile };

/** One goal as the municipality writes it. */
export type Goal = GoalsFile['goals'][number];

/** "2024", "2022-2024", "2023/24" (a school year: 2023–2024). */
export function parsePeriod(text: string): ResultsPeriod {
  const [a, b] = text.split(/[-–_/]/);
  const from = Number(a);
  if (b === undefined) return { from, to: from };
  if (b.length !== 2) return { from, to: Number(b) };
  const to = Math.floor(from / 100) * 100 + Number(b);
  return { from, to: to < from ? to + 100 : to };
}

/** Why a period as a goal writes it cannot be used (written backwards, a school year of more than one year), or null. */
export function periodProblem(text: string): string | null {
  const [a, b] = text.split(/[-–_/]/);
  if (b === undefined) return null;
  const from = Number(a);
  const written = b.length === 2 ? Math.floor(from / 100) * 100 + Number(b) : Number(b);
  // 1999/00 crosses a century; 2018_2014 and 2024-22 are written backwards.
  const wraps = b.length === 2 && from % 100 === 99 && Number(b) === 0;
  if (written < from && !wraps) return 'ends before it starts (write the first year first, e.g. 2014-2018)';
  if (/\//.test(text) && parsePeriod(text).to !== from + 1) return 'is not a school year (2023/24: two years that follow each other)';
  return null;
}

/**
 * Reads and checks a goals file: the schema, unique ids, (given the catalogue's ids) that each
 * goal's indicator exists, baseline periods written forwards, and a target year not before the
 * baseline. Problems name the line and column.
 */
export function loadGoals(path: string, indicatorIds?: Set<string>, shown = path): GoalsFile {
  const doc = readJsonDocument<GoalsFile>(path, 'goals', shown, GOALS_FILE);
  const file = doc.value;
  const pointers = file.goals.flatMap((_, i) => [`/goals/${i}/id`, `/goals/${i}/indicator`, `/goals/${i}/baseline/period`, `/goals/${i}/target/year`]);
  const at = doc.at(pointers);
  const problems: string[] = [];
  const seen = new Set<string>();
  file.goals.forEach((g, i) => {
    if (seen.has(g.id)) problems.push(`${at(`/goals/${i}/id`)}: goals[${i}].id: "${g.id}" is used by an earlier goal`);
    seen.add(g.id);
    if (indicatorIds && !indicatorIds.has(g.indicator)) problems.push(`${at(`/goals/${i}/indicator`)}: goals[${i}].indicator: "${g.indicator}" is not an indicator of the catalogue`);
    let baselineYear: number | null = null;
    if ('period' in g.baseline) {
      const problem = periodProblem(g.baseline.period);
      if (problem) problems.push(`${at(`/goals/${i}/baseline/period`)}: goals[${i}].baseline.period: "${g.baseline.period}" ${problem}`);
      else baselineYear = parsePeriod(g.baseline.period).to;
    } else baselineYear = g.baseline.edition;
    if (baselineYear !== null && g.target.year < baselineYear) {
      const baseline = 'period' in g.baseline ? `the baseline period ${g.baseline.period}` : `the baseline edition ${g.baseline.edition}`;
      problems.push(`${at(`/goals/${i}/target/year`)}: goals[${i}].target.year: ${g.target.year} is before ${baseline}; a target is reached after its baseline`);
    }
  });
  if (problems.length) throw new JsonFileError(shown, problems);
  return file;
}

/** A goals file is a few kB; anything but a JSON object is refused in one sentence. */
const GOALS_FILE = {
  maxBytes: 8 * 1024 ** 2,
  what: msg('json.kind.goals'),
  looksRight: (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

export type GoalProblem = 'no-data' | 'no-baseline' | 'no-gradient' | 'absent';

export interface GoalStatus {
  goal: Goal;
  indicator: ResultsIndicator | null;
  /** decrease when the target is below the baseline. */
  direction: 'decrease' | 'increase' | null;
  baseline: { edition: number | null; period: ResultsPeriod; value: number | null } | null;
  latest: { period: ResultsPeriod; value: number | null; lower: number | null; upper: number | null } | null;
  test: ChangeOutcome | null;
  /** The change the goal asks for (|target − baseline|) and whether the indicator can detect it. */
  power: { detectable: number; needed: number; detectableEnough: boolean } | null;
  reached: boolean | null;
  problem: GoalProblem | null;
}

const sameP = (a: ResultsPeriod, b: ResultsPeriod) => a.from === b.from && a.to === b.to;

/** The goals of one municipality: those without `kommune` and those for it. */
export function goalsFor(file: GoalsFile, kommune: string): Goal[] {
  return file.goals.filter((g) => !g.kommune || g.kommune.padStart(4, '0') === kommune);
}

/**
 * Follows each goal from its baseline to the latest published value. `editions` gives the
 * results of an earlier edition (for baselines like { "edition": 2027 }). Values come only from
 * results files, that is from published numbers.
 */
export function evaluateGoals(goals: Goal[], current: ResultsFile, editions: (edition: number) => ResultsFile | null): GoalStatus[] {
  return goals.map((goal) => evaluateGoal(goal, current, editions));
}

function evaluateGoal(goal: Goal, current: ResultsFile, editions: (edition: number) => ResultsFile | null): GoalStatus {
  const indicator = current.indicators.find((r) => r.id === goal.indicator) ?? null;
  const status: GoalStatus = { goal, indicator, direction: null, baseline: null, latest: null, test: null, power: null, reached: null, problem: null };
  if (!indicator || (indicator.status !== 'ok' && indicator.status !== 'absent')) return { ...status, problem: 'no-data' };
  // The results the baseline comes from, and the baseline's value (or, for equity, its groups).
  let source: ResultsIndicator | null = null;
  let edition: number | null = null;
  if ('edition' in goal.baseline) {
    edition = goal.baseline.edition;
    const file = edition === current.edition && current.kind === 'full' ? current : editions(edition);
    source = file?.indicators.find((r) => r.id === goal.indicator) ?? null;
  }
  if (goal.type === 'equity') return equity(status, indicator, source, edition, goal, current, editions);
  let baseValue: ResultsValue | null = null;
  if ('edition' in goal.baseline) baseValue = source?.value ?? null;
  else {
    const p = parsePeriod(goal.baseline.period);
    baseValue = indicator.series.find((v) => sameP(v.period, p)) ?? null;
  }
  const latest = indicator.value;
  if (latest) status.latest = { period: latest.period, value: latest.value, lower: latest.lower, upper: latest.upper };
  if (!baseValue || baseValue.value === null) return { ...status, problem: baseValue?.absent ? 'absent' : 'no-baseline' };
  status.baseline = { edition, period: baseValue.period, value: baseValue.value };
  status.direction = goal.target.value < baseValue.value ? 'decrease' : 'increase';
  if (!latest || latest.value === null) return { ...status, problem: latest?.absent ? 'absent' : 'no-data' };
  status.reached = status.direction === 'decrease' ? latest.value <= goal.target.value : latest.value >= goal.target.value;
  // With the baseline period still the latest there is no change to test, but the power note holds.
  const t = testChange(onSums(baseValue, latest), latest, indicator.measureType, status.direction);
  status.test = sameP(baseValue.period, latest.period) ? null : t;
  if (t.method) {
    const needed = Math.abs(goal.target.value - baseValue.value);
    status.power = { detectable: t.detectable, needed, detectableEnough: needed >= t.detectable };
  }
  return status;
}

/**
 * The change tests and power notes rest on the period's sums (src/indicators/period-counts.ts). A
 * baseline from a results file written before the counts' basis was recorded holds FHI's yearly
 * averages for a multi-year period: it is put on the latest value's basis (same indicator, periods
 * of the same length), so that both sides are sums.
 */
export function onSums(base: ResultsValue, latest: ResultsValue): ResultsValue {
  const factor = latest.counts?.basis === 'yearly-average→sum' ? latest.counts.factor : null;
  const years = (p: ResultsPeriod) => p.to - p.from + 1;
  if (base.counts !== undefined || factor === null || years(base.period) !== years(latest.period) || years(base.period) <= 1) return base;
  const scale = (x: number | null) => (x === null ? null : Math.round(x * factor));
  return { ...base, numerator: scale(base.numerator), denominator: scale(base.denominator), counts: { basis: 'yearly-average→sum', factor } };
}

function equity(status: GoalStatus, indicator: ResultsIndicator, source: ResultsIndicator | null, edition: number | null, goal: Goal, current: ResultsFile, editions: (edition: number) => ResultsFile | null): GoalStatus {
  let base = source?.gradient ?? null;
  if ('period' in goal.baseline) {
    const p = parsePeriod(goal.baseline.period);
    if (indicator.gradient && sameP(indicator.gradient.period, p)) base = indicator.gradient;
    else {
      // An earlier edition whose gradient is for the baseline period.
      for (let e = current.edition; e >= current.edition - 12 && !base; e--) {
        const g = editions(e)?.indicators.find((r) => r.id === goal.indicator)?.gradient;
        if (g && sameP(g.period, p)) base = g;
      }
    }
  }
  const now = indicator.gradient;
  if (!now) return { ...status, problem: 'no-gradient' };
  if (!base || !base.worst || !base.best) return { ...status, problem: 'no-baseline' };
  const pick = (g: NonNullable<ResultsIndicator['gradient']>, key: string) => g.groups.find((x) => x.key === key)?.value ?? null;
  const bw = pick(base, base.worst);
  const bb = pick(base, base.best);
  const lw = pick(now, base.worst);
  const lb = pick(now, base.best);
  if (!bw || !bb || bw.value === null || bb.value === null) return { ...status, problem: bw?.absent || bb?.absent ? 'absent' : 'no-baseline' };
  const baselineGap = bw.value - bb.value;
  status.baseline = { edition, period: base.period, value: baselineGap };
  status.direction = goal.target.value < baselineGap ? 'decrease' : 'increase';
  if (!lw || !lb || lw.value === null || lb.value === null) return { ...status, problem: lw?.absent || lb?.absent ? 'absent' : 'no-data' };
  const latestGap = lw.value - lb.value;
  status.latest = { period: now.period, value: latestGap, lower: null, upper: null };
  status.reached = status.direction === 'decrease' ? latestGap <= goal.target.value : latestGap >= goal.target.value;
  const t = testGapChange({ worst: onSums(bw, lw), best: onSums(bb, lb) }, { worst: lw, best: lb }, indicator.measureType);
  status.test = sameP(base.period, now.period) ? null : t;
  if (t.method) {
    const needed = Math.abs(goal.target.value - baselineGap);
    status.power = { detectable: t.detectable, needed, detectableEnough: needed >= t.detectable };
  }
  return status;
}
