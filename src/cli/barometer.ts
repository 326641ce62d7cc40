import { THEMES } from '../indicators/catalogue.js';
import type { AreaValue, IndicatorResult } from '../indicators/result.js';
import type { Verdict } from '../indicators/methods/compare.js';
import { formatNumber, formatPeriod, JUDGEMENT_WORDS, NOT_TESTED_WORDS, TREND_WORDS, VERDICT_WORDS, type Lang } from '../report/format.js';
import type { Style } from './style.js';

/** A colour-blind-safe marker (blue/orange, and a different shape) for a verdict on a TTY. */
function marker(v: Verdict, color: boolean): string {
  if (!color) return '';
  const blue = (s: string) => `\u001b[38;5;33m${s}\u001b[39m`;
  const orange = (s: string) => `\u001b[38;5;208m${s}\u001b[39m`;
  switch (v) {
    case 'better':
      return blue('●') + ' ';
    case 'worse':
      return orange('■') + ' ';
    case 'higher':
    case 'lower':
      return '◆ ';
    case 'similar':
      return '○ ';
    default:
      return '· ';
  }
}

export function cellText(v: AreaValue | null, decimals: number): string {
  if (!v) return '–';
  if (v.absent) return v.absent.symbol;
  return v.value === null ? '–' : formatNumber(v.value, decimals, ' ');
}

const HEAD: Record<Lang, string[]> = {
  nb: ['Tema', 'Indikator', 'Periode', '', '', 'Landet', 'Enhet', 'Mot landet', 'Trend'],
  nn: ['Tema', 'Indikator', 'Periode', '', '', 'Landet', 'Eining', 'Mot landet', 'Trend'],
};

/** The barometer as an aligned text table, with notes for indicators without a tested value. */
export function renderBarometer(results: IndicatorResult[], lang: Lang, style: Style, color: boolean, fylkeName: string): string {
  const kommune = results[0]?.kommune;
  const head = [...HEAD[lang]];
  head[3] = kommune?.name ?? 'Kommune';
  head[4] = fylkeName;
  const rows = results.map((r) => {
    const verdict = r.comparisons.land.verdict;
    const trend = r.trend.judgement ? `${TREND_WORDS[lang][r.trend.direction]} (${JUDGEMENT_WORDS[lang][r.trend.judgement]})` : TREND_WORDS[lang][r.trend.direction];
    return {
      verdict,
      cells: [
        r.theme,
        r.title[lang],
        r.period ? formatPeriod(r.period) : '–',
        r.status === 'no-data' || r.status === 'invalid-selection' ? (lang === 'nb' ? 'ingen data' : 'ingen data') : cellText(r.value, r.decimals),
        cellText(r.comparisons.fylke.value, r.decimals),
        cellText(r.comparisons.land.value, r.decimals),
        r.unit[lang],
        VERDICT_WORDS[lang][verdict],
        r.status === 'ok' || r.status === 'absent' ? trend : '–',
      ],
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
  const title = lang === 'nb' ? 'Folkehelsebarometer' : 'Folkehelsebarometer';
  out.push(style.bold(`${title}: ${kommune?.name} (${kommune?.code}), ${lang === 'nb' ? 'sammenlignet med' : 'samanlikna med'} ${fylkeName} ${lang === 'nb' ? 'og landet' : 'og landet'}`));
  out.push('');
  out.push(style.bold(line(head)));
  let theme = '';
  for (const r of rows) {
    if (r.cells[0] !== theme) {
      theme = r.cells[0]!;
      out.push(style.dim(`— ${theme}) ${THEMES[theme as keyof typeof THEMES][lang]}`));
    }
    out.push(line(r.cells, r.verdict));
  }
  const notes = results.filter((r) => r.message || (r.comparisons.land.reason && r.comparisons.land.reason !== 'not-comparable'));
  if (notes.length) {
    out.push('');
    out.push(style.bold('Merknader:'));
    for (const r of notes) out.push(`  ${r.title[lang]}: ${r.message ?? NOT_TESTED_WORDS[lang][r.comparisons.land.reason!]}`);
  }
  out.push('');
  out.push(style.dim(lang === 'nb' ? 'Mot landet: signifikant bedre/dårligere når landets verdi ligger utenfor kommunens 95 %-konfidensintervall. ":" = skjult (få tilfeller).' : 'Mot landet: signifikant betre/dårlegare når verdien for landet ligg utanfor konfidensintervallet (95 %) til kommunen. ":" = skjult (få tilfelle).'));
  return out.join('\n') + '\n';
}

/** The barometer as CSV (comma-separated, decimal point: for machines). */
export function renderBarometerCsv(results: IndicatorResult[]): string {
  const cols = ['id', 'theme', 'title', 'period_from', 'period_to', 'kommune', 'value', 'lower', 'upper', 'numerator', 'denominator', 'absent', 'fylke', 'land', 'unit', 'verdict_land', 'verdict_fylke', 'trend', 'status', 'source', 'table', 'measure'];
  const esc = (x: unknown) => {
    const s = x === null || x === undefined ? '' : String(x);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
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
  return [cols, ...rows].map((row) => row.map(esc).join(',')).join('\n') + '\n';
}
