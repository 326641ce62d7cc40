import { escapeTerminal } from '../cli/terminal.js';
import type { Style } from '../cli/style.js';
import { formatNumber } from '../language/intl.js';
import type { DocumentLang as Lang } from '../language/tags.js';
import { isEmptyDiff, type ResultsDiff } from './diff.js';
import type { ResultsPeriod } from './types.js';

const period = (p: ResultsPeriod | null) => (!p ? '–' : p.kind === 'school-year' ? `${p.from}/${String(p.to).slice(2)}` : p.from === p.to ? String(p.from) : `${p.from}–${p.to}`);
const edition = (e: { edition: number; kind: 'full' | 'annual' }) => `${e.edition}${e.kind === 'annual' ? ' (annual update)' : ''}`;

/** `folkehelse diff` for the terminal: every text from the files goes through escapeTerminal. */
export function renderDiffText(d: ResultsDiff, style: Style, lang: Lang = 'nb'): string {
  const title = (r: { title: { nb: string; nn: string } }) => escapeTerminal(r.title[lang]);
  const num = (x: number | null, decimals: number) => (x === null ? '–' : formatNumber(x, decimals, ' '));
  const lines: string[] = [style.bold(`${escapeTerminal(d.kommune.name)} (${escapeTerminal(d.kommune.code)}): edition ${edition(d.from)} → ${edition(d.to)}`)];
  const section = (heading: string, items: string[]) => {
    if (!items.length) return;
    lines.push('', style.bold(`${heading} (${items.length})`), ...items.map((i) => `  ${i}`));
  };
  section(
    'Verdicts changed',
    d.verdictChanges.map((c) => {
      const mark = c.to === 'worse' ? style.red(c.to) : c.to === 'better' ? style.green(c.to) : c.to;
      return `${title(c)}: ${c.against === 'trend' ? 'trend' : `against ${c.against}`} ${c.from} → ${mark} (${period(c.previousPeriod)} → ${period(c.period)})`;
    }),
  );
  section('New data', d.newData.map((c) => `${title(c)}: ${num(c.previousValue, c.decimals)} (${period(c.previousPeriod)}) → ${num(c.value, c.decimals)} (${period(c.period)})`));
  section('Revised by the source (same period)', d.revisions.map((c) => `${title(c)}, ${period(c.period)}: ${num(c.from, c.decimals)} → ${num(c.to, c.decimals)}`));
  section('New indicators', d.newIndicators.map((c) => `${title(c)} (${c.theme})`));
  section('Dropped indicators', d.droppedIndicators.map((c) => `${title(c)} (${c.theme})`));
  section('Entered the public-health challenges', d.challengesEntered.map((c) => style.yellow(title(c))));
  section('Left the public-health challenges', d.challengesLeft.map(title));
  const f = d.dataFiles;
  if (f.added.length + f.changed.length + f.removed.length > 0) {
    section('Data files', [...f.added.map((x) => `+ ${escapeTerminal(x)}`), ...f.changed.map((x) => `~ ${escapeTerminal(x)}`), ...f.removed.map((x) => `- ${escapeTerminal(x)}`)]);
  }
  if (isEmptyDiff(d)) lines.push('', 'No changes in the indicators.');
  return lines.join('\n') + '\n';
}
