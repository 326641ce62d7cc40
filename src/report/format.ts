import type { Period } from '../model/observation.js';
import type { Verdict } from '../indicators/methods/compare.js';

export type Lang = 'nb' | 'nn';

/** BCP 47 locale of each document language (the language file says the same in "locale"). */
export const LOCALES: Record<Lang, string> = { nb: 'nb-NO', nn: 'nn-NO' };

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number as Norwegian text through Intl (nb-NO/nn-NO): decimal comma, a no-break space between
 * thousands, a real minus sign: 20600 → "20 600", 12.6 → "12,6", −0.04 → "0,0". Rounds only here,
 * at presentation, half away from zero on the number as written (0.35 → "0,4").
 */
export function formatNumber(value: number, decimals: number, thousands = '\u00a0', locale = 'nb-NO'): string {
  const key = `${locale}|${decimals}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'negative', useGrouping: true })));
  const s = f.format(value);
  return thousands === '\u00a0' ? s : s.replace(/[\u00a0\u202f]/g, thousands);
}

/** "2026-11-22" → "22. november 2026" (nb-NO/nn-NO through Intl). */
export function formatDate(iso: string, lang: Lang | string): string {
  const locale = lang in LOCALES ? LOCALES[lang as Lang] : lang;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

/** "FHI, SSB og Ungdata" (Intl.ListFormat, conjunction). */
export function formatList(items: string[], lang: Lang | string): string {
  const locale = lang in LOCALES ? LOCALES[lang as Lang] : lang;
  return new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }).format(items);
}

/** "2024", "2022–2024", "2020/21". */
export function formatPeriod(p: Period): string {
  if (p.kind === 'school-year') return `${p.from}/${String(p.to).slice(2)}`;
  return p.from === p.to ? String(p.from) : `${p.from}–${p.to}`;
}

/** Shape markers for verdicts: colour-blind-safe and readable without colour (coloured where shown). */
export const VERDICT_MARK: Record<Verdict, string> = { better: '●', worse: '■', higher: '◆', lower: '◆', similar: '○', 'not-tested': '·' };
