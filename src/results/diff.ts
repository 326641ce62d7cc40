import type { Text, Theme } from '../indicators/catalogue.js';
import type { DocumentKind, ResultsFile, ResultsIndicator, ResultsPeriod } from './types.js';

export interface IndicatorRef {
  id: string;
  theme: Theme;
  title: Text;
}

export interface VerdictChange extends IndicatorRef {
  /** land / fylke: the comparison's verdict; trend: the trend's direction. */
  against: 'land' | 'fylke' | 'trend';
  from: string;
  to: string;
  previousPeriod: ResultsPeriod | null;
  period: ResultsPeriod | null;
}

/** The source changed a number it had published for the same period. */
export interface Revision extends IndicatorRef {
  period: ResultsPeriod;
  from: number;
  to: number;
  unit: Text;
  decimals: number;
}

/** A newer period than the previous edition had. */
export interface NewData extends IndicatorRef {
  previousPeriod: ResultsPeriod | null;
  period: ResultsPeriod;
  previousValue: number | null;
  value: number | null;
  unit: Text;
  decimals: number;
}

export interface ResultsDiff {
  kommune: { code: string; name: string };
  from: { edition: number; kind: DocumentKind };
  to: { edition: number; kind: DocumentKind };
  verdictChanges: VerdictChange[];
  newIndicators: IndicatorRef[];
  droppedIndicators: IndicatorRef[];
  challengesEntered: IndicatorRef[];
  challengesLeft: IndicatorRef[];
  revisions: Revision[];
  newData: NewData[];
  dataFiles: { added: string[]; changed: string[]; removed: string[] };
}

const hasData = (r: ResultsIndicator | undefined): r is ResultsIndicator => r !== undefined && (r.status === 'ok' || r.status === 'absent');
const ref = (r: ResultsIndicator): IndicatorRef => ({ id: r.id, theme: r.theme, title: r.title });
const samePeriod = (a: ResultsPeriod | null, b: ResultsPeriod | null) => a !== null && b !== null && a.from === b.from && a.to === b.to;
/** Differences smaller than the shown decimals are not revisions (floating-point noise, re-rounding). */
const rounded = (x: number, decimals: number) => Math.round(x * 10 ** decimals);

/**
 * What changed between two editions for one municipality. A number the source changed for a
 * period both editions have is a revision, not a change; a newer period is new data, and its
 * verdict (against land and fylke) and the trend are compared with the previous edition's.
 */
export function diffResults(previous: ResultsFile, current: ResultsFile): ResultsDiff {
  const before = new Map(previous.indicators.map((r) => [r.id, r]));
  const after = new Map(current.indicators.map((r) => [r.id, r]));
  const diff: ResultsDiff = {
    kommune: current.kommune,
    from: { edition: previous.edition, kind: previous.kind },
    to: { edition: current.edition, kind: current.kind },
    verdictChanges: [],
    newIndicators: [],
    droppedIndicators: [],
    challengesEntered: [],
    challengesLeft: [],
    revisions: [],
    newData: [],
    dataFiles: { added: [], changed: [], removed: [] },
  };
  for (const r of current.indicators) {
    const old = before.get(r.id);
    if (!hasData(r)) continue;
    if (!hasData(old)) {
      diff.newIndicators.push(ref(r));
      if (r.challenge) diff.challengesEntered.push(ref(r));
      continue;
    }
    for (const against of ['land', 'fylke'] as const) {
      if (old.verdicts[against] !== r.verdicts[against]) diff.verdictChanges.push({ ...ref(r), against, from: old.verdicts[against], to: r.verdicts[against], previousPeriod: old.period, period: r.period });
    }
    if (old.trend.direction !== r.trend.direction) diff.verdictChanges.push({ ...ref(r), against: 'trend', from: old.trend.direction, to: r.trend.direction, previousPeriod: old.period, period: r.period });
    if (r.challenge && !old.challenge) diff.challengesEntered.push(ref(r));
    if (!r.challenge && old.challenge) diff.challengesLeft.push(ref(r));
    const oldSeries = new Map(old.series.map((v) => [`${v.period.from}_${v.period.to}`, v]));
    for (const v of r.series) {
      const o = oldSeries.get(`${v.period.from}_${v.period.to}`);
      if (!o || o.value === null || v.value === null) continue;
      if (rounded(o.value, r.decimals) !== rounded(v.value, r.decimals)) diff.revisions.push({ ...ref(r), period: v.period, from: o.value, to: v.value, unit: r.unit, decimals: r.decimals });
    }
    if (r.period && !samePeriod(old.period, r.period) && (!old.period || r.period.to > old.period.to || (r.period.to === old.period.to && r.period.from > old.period.from))) {
      diff.newData.push({ ...ref(r), previousPeriod: old.period, period: r.period, previousValue: old.value?.value ?? null, value: r.value?.value ?? null, unit: r.unit, decimals: r.decimals });
    }
  }
  for (const old of previous.indicators) {
    if (!hasData(old) || hasData(after.get(old.id))) continue;
    diff.droppedIndicators.push(ref(old));
    if (old.challenge) diff.challengesLeft.push(ref(old));
  }
  const oldFiles = new Map(previous.data.map((d) => [d.file, d.sha256]));
  const newFiles = new Map(current.data.map((d) => [d.file, d.sha256]));
  for (const [file, sha] of newFiles) {
    if (!oldFiles.has(file)) diff.dataFiles.added.push(file);
    else if (oldFiles.get(file) !== sha) diff.dataFiles.changed.push(file);
  }
  for (const file of oldFiles.keys()) if (!newFiles.has(file)) diff.dataFiles.removed.push(file);
  return diff;
}

/** Whether anything changed at all. */
export function isEmptyDiff(d: ResultsDiff): boolean {
  return d.verdictChanges.length + d.newIndicators.length + d.droppedIndicators.length + d.challengesEntered.length + d.challengesLeft.length + d.revisions.length + d.newData.length === 0;
}
