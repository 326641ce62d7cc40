import type { Period } from '../model/observation.js';
import type { Verdict } from '../indicators/methods/compare.js';

export type Lang = 'nb' | 'nn';

/**
 * A number as Norwegian text: decimal comma and a (no-break) space between thousands:
 * 20600 → "20 600", 12.6 → "12,6". Rounds only here, at presentation.
 */
export function formatNumber(value: number, decimals: number, thousands = '\u00a0'): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int!.length > 3 ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) : int!;
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : '';
  return `${sign}${grouped}${frac ? `,${frac}` : ''}`;
}

/** "2024", "2022–2024", "2020/21". */
export function formatPeriod(p: Period): string {
  if (p.kind === 'school-year') return `${p.from}/${String(p.to).slice(2)}`;
  return p.from === p.to ? String(p.from) : `${p.from}–${p.to}`;
}

/** Shape markers for verdicts: colour-blind-safe and readable without colour (coloured where shown). */
export const VERDICT_MARK: Record<Verdict, string> = { better: '●', worse: '■', higher: '◆', lower: '◆', similar: '○', 'not-tested': '·' };
