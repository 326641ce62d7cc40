import { isTheme } from '../indicators/catalogue.js';
import type { IndicatorResult } from '../indicators/result.js';
import type { Verdict } from '../indicators/methods/compare.js';
import type { DocumentLang as Lang } from '../language/tags.js';
import { fill } from '../language/lookup.js';
import { formatPeriod, VERDICT_MARK } from '../report/format.js';
import { lookup, text, type Texts } from '../report/language.js';
import { cell } from '../report/values.js';
import type { Style } from './style.js';
import type { MessageLang } from '../commands/options.js';
import { indicatorNote, loadMessages } from './messages.js';
import { escapeTerminal } from './terminal.js';

/** The verdict's marker on a TTY, blue (better) or orange (worse) as well as its shape. */
function marker(v: Verdict, color: boolean): string {
  if (!color) return '';
  const paint = v === 'better' ? 33 : v === 'worse' ? 208 : null;
  return `${paint === null ? VERDICT_MARK[v] : `\u001b[38;5;${paint}m${VERDICT_MARK[v]}\u001b[39m`} `;
}

/** The barometer as an aligned text table, with notes for indicators without a tested value. */
export function renderBarometer(results: IndicatorResult[], texts: Texts, lang: Lang, style: Style, color: boolean, fylkeName: string, notesIn: { lang: MessageLang; messages: Texts } = { lang, messages: loadMessages(lang) }): string {
  const kommune = results[0]?.kommune;
  const words = (key: string) => lookup(texts, key) as Record<string, string>;
  const verdicts = words('verdicts');
  const trends = words('trendShort');
  const judgements = words('judgementShort');
  const head = (lookup(texts, 'barometer.columns') as string[]).map((c) => fill(c, { kommune: kommune?.name ?? 'Kommune', fylke: fylkeName }));
  const rows = results.map((r) => {
    const verdict = r.comparisons.land.verdict;
    const trend = r.trend.judgement ? `${trends[r.trend.direction]} (${judgements[r.trend.judgement]})` : trends[r.trend.direction]!;
    return {
      verdict,
      // Text from data and catalogues is shown escaped: no control character reaches the terminal.
      cells: [
        r.theme,
        r.title[lang],
        r.period ? formatPeriod(r.period) : '–',
        r.status === 'no-data' || r.status === 'invalid-selection' ? text(texts, 'noDataShort') : cell(r.value, r.decimals, ' '),
        cell(r.comparisons.fylke.value, r.decimals, ' '),
        cell(r.comparisons.land.value, r.decimals, ' '),
        r.unit[lang],
        verdicts[verdict]!,
        r.status === 'ok' || r.status === 'absent' ? trend : '–',
      ].map(escapeTerminal),
    };
  });
  const numeric = new Set([3, 4, 5]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const line = (cells: string[], verdict?: Verdict) =>
    cells
      .map((c, i) => {
        const padded = numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!);
        return i === 7 && verdict ? marker(verdict, color) + padded : i === 7 && color ? '  ' + padded : padded;
      })
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  out.push(style.bold(escapeTerminal(fill(text(texts, 'barometer.title'), { kommune: kommune?.name ?? '', code: kommune?.code ?? '', fylke: fylkeName }))));
  out.push('');
  out.push(style.bold(line(head.map(escapeTerminal))));
  let theme = '';
  for (const r of rows) {
    if (r.cells[0] !== theme) {
      theme = r.cells[0]!;
      out.push(style.dim(`— ${theme}) ${isTheme(theme) ? text(texts, `themes.${theme}`) : ''}`));
    }
    out.push(line(r.cells, r.verdict));
  }
  // Notes in the language of the table (nb/nn), or the engine's English with --lang en.
  const notes = results.flatMap((r) => {
    const note = indicatorNote(r, notesIn.lang, notesIn.messages, words('notTested'));
    return note ? [escapeTerminal(`  ${r.title[lang]}: ${note}`)] : [];
  });
  if (notes.length) {
    out.push('');
    out.push(style.bold(text(texts, 'barometer.notes')));
    out.push(...notes);
  }
  out.push('');
  out.push(style.dim(text(texts, 'barometer.footer')));
  return out.join('\n') + '\n';
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula — starting with = + - @, a tab or a
 * carriage return — is neutralised as OWASP recommends: a leading apostrophe, and the cell quoted.
 * Numbers the tool computed are written as numbers, a minus sign included: a number is never a
 * formula, and turning −0.4 into text would break every reader that sums the column. Only text
 * (which may come from data or a catalogue) is neutralised, so "-3" as a title becomes '-3.
 */
export function csvCell(x: unknown): string {
  if (typeof x === 'number') return Number.isFinite(x) ? String(x) : '';
  // Control characters (ESC, NUL, C1 …) are no text: shown as U+FFFD, so a CSV printed to a terminal cannot drive it.
  let s = (x === null || x === undefined ? '' : String(x)).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\uFFFD');
  const formula = /^[=+\-@\t\r]/.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The barometer as CSV (comma-separated, decimal point: for machines). */
export function renderBarometerCsv(results: IndicatorResult[]): string {
  const cols = ['id', 'theme', 'title', 'period_from', 'period_to', 'kommune', 'value', 'lower', 'upper', 'numerator', 'denominator', 'absent', 'fylke', 'land', 'unit', 'verdict_land', 'verdict_fylke', 'trend', 'status', 'source', 'table', 'measure'];
  const rows = results.map((r) => [
    r.id,
    r.theme,
    r.title.nb,
    r.period?.from,
    r.period?.to,
    r.kommune.code,
    r.value?.value,
    r.value?.lower,
    r.value?.upper,
    r.value?.numerator,
    r.value?.denominator,
    r.value?.absent ? `${r.value.absent.symbol} ${r.value.absent.reason}` : '',
    r.comparisons.fylke.value?.value,
    r.comparisons.land.value?.value,
    r.unit.nb,
    r.comparisons.land.verdict,
    r.comparisons.fylke.verdict,
    r.trend.direction,
    r.status,
    r.provenance.source,
    r.provenance.table,
    r.provenance.measure,
  ]);
  return [cols, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
