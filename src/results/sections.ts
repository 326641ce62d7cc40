import { THEMES, type Theme } from '../indicators/catalogue.js';
import { escapeMarkdown as md } from '../report/escape.js';
import { formatNumber, type Lang } from '../report/format.js';
import { fill, lookup, text as t, type Texts } from '../report/language.js';
import type { Table } from '../report/model.js';
import type { ResultsDiff } from './diff.js';
import type { GoalStatus } from './goals.js';
import type { ResultsFile, ResultsIndicator, ResultsPeriod, ResultsValue } from './types.js';

/** "Endringer siden forrige utgave": every string ready for Markdown. */
export interface ChangesSection {
  heading: string;
  anchor: string;
  intro: string;
  none: string | null;
  groups: { heading: string; items: string[] }[];
  dataFiles: string;
}

/** The goals table and, per goal, its measures, who is responsible and the power note. */
export interface GoalsSection {
  heading: string;
  anchor: string;
  intro: string;
  table: Table;
  goals: { title: string; lines: string[] }[];
  method: string;
}

const NBSP = '\u00a0';

export function periodText(p: ResultsPeriod | null): string {
  if (!p) return '–';
  if (p.kind === 'school-year') return `${p.from}/${String(p.to).slice(2)}`;
  return p.from === p.to ? String(p.from) : `${p.from}–${p.to}`;
}

/** "12,6 %", "13,7 per 1000". */
export function withUnit(value: number | null, r: { unit: { nb: string; nn: string }; decimals: number }, lang: Lang): string {
  if (value === null) return '–';
  const n = formatNumber(value, r.decimals);
  const unit = r.unit[lang];
  return unit === 'prosent' ? `${n}${NBSP}%` : `${n}${NBSP}${md(unit)}`;
}

/** A change in the unit: percentage points for per cent. */
function changeWithUnit(value: number, r: { unit: { nb: string; nn: string }; decimals: number }, lang: Lang, texts: Texts, signed = false): string {
  const n = formatNumber(Math.abs(value), r.decimals);
  const sign = signed ? (Number(n.replace(',', '.').replace(/\s/g, '')) === 0 ? '±' : value < 0 ? '−' : '+') : '';
  const unit = r.unit[lang] === 'prosent' ? t(texts, 'percentagePoints') : md(r.unit[lang]);
  return `${sign}${n}${NBSP}${unit}`;
}

export function valueCell(v: ResultsValue | null, decimals: number): string {
  if (!v) return '–';
  if (v.absent) return v.absent.symbol;
  if (v.value === null) return '–';
  const c = formatNumber(v.value, decimals);
  return v.lower !== null && v.upper !== null ? `${c} (${formatNumber(v.lower, decimals)}–${formatNumber(v.upper, decimals)})` : c;
}

function words(texts: Texts, against: string, value: string): string {
  const table = (against === 'trend' ? lookup(texts, 'trendShort') : lookup(texts, 'verdicts')) as Record<string, string>;
  return table[value] ?? value;
}

export function previousName(texts: Texts, p: { edition: number; kind: 'full' | 'annual' }): string {
  return fill(t(texts, `followUp.changes.previous.${p.kind}`), { edition: p.edition });
}

/** The changes section and the notes per indicator (by id) for the document. */
export function changesSection(diff: ResultsDiff, texts: Texts, lang: Lang, anchor: string): { section: ChangesSection; notes: Map<string, string[]> } {
  const tx = (path: string, vars: Record<string, string | number> = {}) => fill(t(texts, `followUp.changes.${path}`), vars);
  const title = (r: { title: { nb: string; nn: string } }) => md(r.title[lang]);
  const notes = new Map<string, string[]>();
  const note = (id: string, s: string) => {
    const list = notes.get(id) ?? [];
    list.push(s);
    notes.set(id, list);
  };
  const groups: ChangesSection['groups'] = [];
  const group = (key: string, items: string[]) => {
    if (items.length) groups.push({ heading: tx(key), items });
  };
  group(
    'verdictChanges',
    diff.verdictChanges.map((c) => {
      const vars = { title: title(c), against: tx(`against.${c.against}`), from: words(texts, c.against, c.from), to: words(texts, c.against, c.to), period: periodText(c.period) };
      note(c.id, tx('noteVerdict', vars));
      return tx('verdict', vars);
    }),
  );
  group(
    'newData',
    diff.newData.map((c) => tx('newDataItem', { title: title(c), value: withUnit(c.value, c, lang), period: periodText(c.period), previousValue: withUnit(c.previousValue, c, lang), previousPeriod: periodText(c.previousPeriod) })),
  );
  group(
    'revisions',
    diff.revisions.map((c) => {
      const vars = { title: title(c), period: periodText(c.period), from: withUnit(c.from, c, lang), to: withUnit(c.to, c, lang) };
      note(c.id, tx('noteRevision', vars));
      return tx('revision', vars);
    }),
  );
  group(
    'newIndicators',
    diff.newIndicators.map((c) => {
      note(c.id, tx('noteNew'));
      return `${title(c)} (${c.theme})`;
    }),
  );
  group('droppedIndicators', diff.droppedIndicators.map((c) => `${title(c)} (${c.theme})`));
  group(
    'challengesEntered',
    diff.challengesEntered.map((c) => {
      note(c.id, tx('noteEntered'));
      return title(c);
    }),
  );
  group(
    'challengesLeft',
    diff.challengesLeft.map((c) => {
      note(c.id, tx('noteLeft'));
      return title(c);
    }),
  );
  return {
    section: {
      heading: tx('heading'),
      anchor,
      intro: tx('intro', { previous: previousName(texts, diff.from) }),
      none: groups.length === 0 ? tx('none') : null,
      groups,
      dataFiles: tx('dataFiles', { added: diff.dataFiles.added.length, changed: diff.dataFiles.changed.length, removed: diff.dataFiles.removed.length }),
    },
    notes,
  };
}

/** "= 0,003", "< 0,001". */
function pText(p: number): string {
  return p < 0.001 ? `<${NBSP}0,001` : `=${NBSP}${formatNumber(p, 3)}`;
}

export function goalsSection(statuses: GoalStatus[], texts: Texts, lang: Lang, anchor: string): GoalsSection {
  const tx = (path: string, vars: Record<string, string | number> = {}) => fill(t(texts, `followUp.goals.${path}`), vars);
  const rows: string[][] = [];
  const goals: GoalsSection['goals'] = [];
  for (const s of statuses) {
    const g = s.goal;
    const goalTitle = md(typeof g.title === 'string' ? g.title : g.title[lang]);
    const r = s.indicator;
    const unitOf = r ?? { unit: { nb: '', nn: '' }, decimals: 1 };
    let indicatorText = r ? md(r.title[lang]) : md(g.indicator);
    if (g.type === 'equity' && r?.gradient) {
      const label = (key: string | null) => md((r.gradient!.groups.find((x) => x.key === key)?.label[lang] ?? key ?? '').toLowerCase());
      indicatorText = tx('equity', { title: indicatorText, worst: label(r.gradient.worst), best: label(r.gradient.best) });
    }
    // An equity goal's values are gaps between groups: percentage points for per cent.
    const show = (x: number | null) => (g.type === 'equity' && x !== null ? changeWithUnit(x, unitOf, lang, texts) : withUnit(x, unitOf, lang));
    const baseline = s.baseline
      ? tx(s.baseline.edition !== null ? 'baselineEdition' : 'baseline', { value: show(s.baseline.value), period: periodText(s.baseline.period), edition: s.baseline.edition ?? '' })
      : tx(`problems.${s.problem ?? 'no-baseline'}`);
    const latest = s.latest
      ? `${g.type === 'equity' ? show(s.latest.value) : valueCell({ ...s.latest, numerator: null, denominator: null, method: null, absent: null }, unitOf.decimals)} (${periodText(s.latest.period)})`
      : s.problem
        ? tx(`problems.${s.problem}`)
        : '–';
    const change = s.baseline && s.latest && s.latest.value !== null && s.baseline.value !== null ? changeWithUnit(s.latest.value - s.baseline.value, unitOf, lang, texts, true) : '–';
    const significance = s.baseline && s.latest && s.test === null && s.problem === null ? tx('noNewData') : s.test && s.test.method ? tx(s.test.significant ? 'significant' : 'notSignificant', { p: pText(s.test.p) }) : s.problem ? '–' : tx('notTested');
    const detectable = s.power ? `${changeWithUnit(s.power.detectable, unitOf, lang, texts)}${s.power.detectableEnough ? '' : ' ⚠'}` : '–';
    rows.push([goalTitle, indicatorText, baseline, latest, tx('target', { value: show(g.target.value), year: g.target.year }), change, significance, detectable]);
    const lines: string[] = [];
    if (g.measures?.length) lines.push(`${tx('measures')}: ${g.measures.map(md).join('; ')}`);
    if (g.responsible) lines.push(`${tx('responsible')}: ${md(g.responsible)}`);
    if (s.power) lines.push(tx(s.power.detectableEnough ? 'powerOk' : 'powerTooSmall', { needed: changeWithUnit(s.power.needed, unitOf, lang, texts), detectable: changeWithUnit(s.power.detectable, unitOf, lang, texts) }));
    if (s.reached) lines.push(tx('reached'));
    goals.push({ title: goalTitle, lines });
  }
  return {
    heading: tx('heading'),
    anchor,
    intro: tx('intro'),
    table: { header: (lookup(texts, 'followUp.goals.columns') as string[]).slice(), align: ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'r'], rows },
    goals,
    method: tx('method'),
  };
}

export interface AnnualModel {
  lang: Lang;
  title: string;
  subtitle: string;
  date: string | null;
  introHeading: string;
  intro: string[];
  changes: ChangesSection | null;
  themesHeading: string;
  themes: { heading: string; table: Table | null; none: string }[];
  challengesHeading: string;
  challengesIntro: string;
  challenges: string[];
  noneText: string;
  goals: GoalsSection | null;
  footer: string;
}

/**
 * The løpende oversikt: the short yearly update for the formannskap or kommunestyre — what is
 * new in the data since the last edition, per theme, the changes, the challenges now and the goals.
 */
export function annualModel(input: { current: ResultsFile; diff: ResultsDiff | null; changes: ChangesSection | null; goals: GoalsSection | null; texts: Texts; lang: Lang; date: string | null; footer: string; challengeLines: string[] }): AnnualModel {
  const { current, diff, texts, lang } = input;
  const tx = (path: string, vars: Record<string, string | number> = {}) => fill(t(texts, `followUp.annual.${path}`), vars);
  const kommune = md(current.kommune.name);
  const changedIds = new Set<string>();
  const notes = new Map<string, string[]>();
  const add = (id: string, s: string) => {
    changedIds.add(id);
    notes.set(id, [...(notes.get(id) ?? []), s]);
  };
  if (diff) {
    for (const c of diff.newIndicators) add(c.id, tx('noteNew'));
    for (const c of diff.newData) add(c.id, tx('noteNewData', { previousValue: withUnit(c.previousValue, c, lang), previousPeriod: periodText(c.previousPeriod) }));
    for (const c of diff.revisions) if (!notes.get(c.id)?.includes(tx('noteRevised'))) add(c.id, tx('noteRevised'));
    for (const c of diff.verdictChanges) add(c.id, tx('noteVerdict', { against: t(texts, `followUp.changes.against.${c.against}`), from: words(texts, c.against, c.from), to: words(texts, c.against, c.to) }));
  }
  const verdicts = lookup(texts, 'verdicts') as Record<string, string>;
  const cols = (lookup(texts, 'followUp.annual.themeColumns') as string[]).map((c) => fill(c, { kommune }));
  const hasData = (r: ResultsIndicator) => r.status === 'ok' || r.status === 'absent';
  const themes = (['a', 'b', 'c', 'd', 'e', 'f'] as Theme[]).map((letter) => {
    // Without a previous edition everything is new: the update shows every indicator with data.
    const shown = current.indicators.filter((r) => r.theme === letter && hasData(r) && (!diff || changedIds.has(r.id)));
    return {
      heading: fill(t(texts, 'themeHeading'), { title: THEMES[letter][lang], letter }),
      table: shown.length
        ? {
            header: cols,
            align: ['l', 'l', 'r', 'r', 'l', 'l'],
            rows: shown.map((r) => [md(r.title[lang]), periodText(r.period), valueCell(r.value, r.decimals), valueCell(r.benchmarks.land, r.decimals), verdicts[r.verdicts.land] ?? r.verdicts.land, (notes.get(r.id) ?? []).join('; ')]),
          }
        : null,
      none: tx('themeNone'),
    };
  });
  return {
    lang,
    title: tx('title'),
    subtitle: tx('subtitle', { kommune, edition: current.edition }),
    date: input.date,
    introHeading: tx('introHeading'),
    intro: diff ? [tx('intro', { previous: previousName(texts, diff.from) })] : [tx('noPrevious')],
    changes: input.changes,
    themesHeading: tx('themesHeading'),
    themes,
    challengesHeading: tx('challengesHeading'),
    challengesIntro: tx('challengesIntro'),
    challenges: input.challengeLines,
    noneText: t(texts, 'summary.none'),
    goals: input.goals,
    footer: input.footer,
  };
}
