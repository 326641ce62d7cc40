import { isPercent } from './values.js';
import type { ResultsDiff } from '../results/diff.js';
import type { ResultsPeriod, ResultsValue } from '../results/types.js';
import type { Block, Section } from './document.js';
import { runs } from './document.js';
import type { DocumentText } from '../language/generated.js';
import { formatNumber } from '../language/intl.js';
import { fill, type Below } from '../language/lookup.js';
import { inLang, type DataText, type DocumentLang } from '../language/tags.js';
import { group, text as t, type Texts } from './language.js';

/**
 * "Endringer siden forrige utgave" as a section of the format-neutral document, and the note under
 * each indicator that changed. Plain text: every renderer escapes for its own format.
 */

const NBSP = '\u00a0';

export function periodText(p: ResultsPeriod | null): string {
  if (!p) return '–';
  if (p.kind === 'school-year') return `${p.from}/${String(p.to).slice(2)}`;
  return p.from === p.to ? String(p.from) : `${p.from}–${p.to}`;
}

type Unit = { unit: DataText; decimals: number };

/** "12,6 %", "13,7 per 1000". */
export function withUnit(value: number | null, r: Unit, lang: DocumentLang): string {
  if (value === null) return '–';
  const n = formatNumber(value, r.decimals);
  const unit = inLang(r.unit, lang);
  return isPercent(r.unit) ? `${n}${NBSP}%` : unit ? `${n}${NBSP}${unit}` : n;
}

/** A change in the unit: percentage points for per cent; signed shows + − or ± (rounds to zero). */
export function changeWithUnit(value: number, r: Unit, lang: DocumentLang, texts: Texts, signed = false): string {
  const n = formatNumber(Math.abs(value), r.decimals);
  const sign = signed ? (Number(n.replace(',', '.').replace(/\s/g, '')) === 0 ? '±' : value < 0 ? '−' : '+') : '';
  const unit = isPercent(r.unit) ? t(texts, 'percentagePoints') : inLang(r.unit, lang);
  return unit ? `${sign}${n}${NBSP}${unit}` : `${sign}${n}`;
}

/** "5,3 (4,1–6,8)", the symbol of a hidden value, or –. */
export function valueCell(v: Pick<ResultsValue, 'value' | 'lower' | 'upper' | 'absent'> | null, decimals: number): string {
  if (!v) return '–';
  if (v.absent) return v.absent.symbol;
  if (v.value === null) return '–';
  const c = formatNumber(v.value, decimals);
  return v.lower !== null && v.upper !== null ? `${c} (${formatNumber(v.lower, decimals)}–${formatNumber(v.upper, decimals)})` : c;
}

/** A verdict or trend judgement in words ("dårligere"). */
export function verdictWords(texts: Texts, against: string, value: string): string {
  const table = group(texts, against === 'trend' ? 'trendShort' : 'verdicts');
  return table[value] ?? value;
}

export function previousName(texts: Texts, p: { edition: number; kind: 'full' | 'annual' }): string {
  return fill(t(texts, `followUp.changes.previous.${p.kind}`), { edition: p.edition });
}

const para = (text: string): Block => ({ kind: 'paragraph', runs: runs(text) });

/**
 * The changes section (depth 1, unnumbered, listed in the table of contents) with one subsection
 * per kind of change, and the notes per indicator id. `ids` gives each heading a unique anchor.
 */
export function changesSection(diff: ResultsDiff, texts: Texts, lang: DocumentLang, ids: (title: string) => string): { section: Section; notes: Map<string, string[]> } {
  const tx = (path: Below<DocumentText, 'followUp.changes.'>, vars: Record<string, string | number> = {}) => fill(t(texts, `followUp.changes.${path}`), vars);
  const title = (r: { title: DataText }) => inLang(r.title, lang);
  const notes = new Map<string, string[]>();
  const note = (id: string, s: string) => notes.set(id, [...(notes.get(id) ?? []), s]);
  const heading = tx('heading');
  const id = ids(heading);
  const groups: Section[] = [];
  const group = (key: Below<DocumentText, 'followUp.changes.'>, items: string[]) => {
    if (!items.length) return;
    const h = tx(key);
    groups.push({ kind: 'section', id: ids(h), number: null, title: h, depth: 2, role: `changes-${key}`, blocks: [{ kind: 'list', items: items.map(runs) }], children: [] });
  };
  group(
    'verdictChanges',
    diff.verdictChanges.map((c) => {
      const vars = { title: title(c), against: tx(`against.${c.against}`), from: verdictWords(texts, c.against, c.from), to: verdictWords(texts, c.against, c.to), period: periodText(c.period) };
      note(c.id, tx('noteVerdict', vars));
      return tx('verdict', vars);
    }),
  );
  group('newData', diff.newData.map((c) => tx('newDataItem', { title: title(c), value: withUnit(c.value, c, lang), period: periodText(c.period), previousValue: withUnit(c.previousValue, c, lang), previousPeriod: periodText(c.previousPeriod) })));
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
  // What the comparison rests on comes first: the previous edition and the data files since.
  const blocks: Block[] = [
    para(tx('intro', { previous: previousName(texts, diff.from) })),
    para(tx('dataFiles', { added: diff.dataFiles.added.length, changed: diff.dataFiles.changed.length, removed: diff.dataFiles.removed.length })),
  ];
  if (groups.length === 0) blocks.push(para(tx('none')));
  return { section: { kind: 'section', id, number: null, title: heading, depth: 1, role: 'changes', toc: true, blocks, children: groups }, notes };
}
