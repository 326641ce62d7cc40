import { BASE_LANG, isMessageLang, localeOf, type MessageLang } from './tags.js';

/**
 * Numbers, dates, lists and plurals as a language writes them, through Intl and the language's
 * locale (nb-NO, nn-NO): decimal comma, a no-break space between thousands, a real minus sign.
 * Rounding happens only here, at presentation, half away from zero on the number as written.
 */

const NBSP = '\u00a0';
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: MessageLang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${lang}|${key}`;
  let f = formats.get(id);
  if (!f) formats.set(id, (f = new Intl.NumberFormat(localeOf(lang), options)));
  return f;
}

/** A locale from a language tag, or a locale given as it is ("nb-NO", from a document's language file). */
function localeFor(langOrLocale: string): string {
  return isMessageLang(langOrLocale) ? localeOf(langOrLocale) : langOrLocale;
}

/**
 * A number in a table or a figure's data: thousands grouped from four digits, no "−0,0" for a
 * value that rounds to zero: 20600 → "20 600", 12.6 → "12,6", −0.04 → "0,0". `thousands` replaces
 * the no-break space (a plain space for the terminal).
 */
export function formatNumber(value: number, decimals: number, thousands = NBSP, lang: MessageLang = BASE_LANG): string {
  const s = numberFormat(lang, `table${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'negative', useGrouping: true }).format(value);
  return thousands === NBSP ? s : s.replace(/[\u00a0\u202f]/g, thousands);
}

/**
 * A number in running text: thousands grouped from five digits only (46,6; 1000; 20 600), as
 * Språkrådet recommends.
 */
export function formatNumberInText(value: number, decimals: number, lang: MessageLang): string {
  // 'min2' (ES2023) is not in TypeScript's lib types yet.
  return numberFormat(lang, `text${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: 'min2' as unknown as boolean }).format(value);
}

/** A change in running text with its sign: "+0,6", "−1,2", and "0,0" without one. */
export function formatSigned(value: number, decimals: number, lang: MessageLang): string {
  return numberFormat(lang, `signed${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: 'exceptZero' }).format(value);
}

/** "2026-11-22" → "22. november 2026". `lang` is a language tag or a locale. */
export function formatDate(iso: string, lang: MessageLang | string): string {
  return once(dateFormats, localeFor(lang), (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })).format(new Date(`${iso}T00:00:00Z`));
}

/** "FHI, SSB og Ungdata" (a conjunction). `lang` is a language tag or a locale. */
export function formatList(items: string[], lang: MessageLang | string): string {
  return once(listFormats, localeFor(lang), (l) => new Intl.ListFormat(l, { type: 'conjunction', style: 'long' })).format(items);
}

/** The plural category of a count in a language ("one", "other" …). */
export function pluralCategory(n: number, lang: MessageLang): Intl.LDMLPluralRule {
  return once(pluralRules, localeOf(lang), (l) => new Intl.PluralRules(l)).select(n);
}

// One formatter per locale: making one costs far more than using it (a document formats thousands).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function once<T>(cache: Map<string, T>, locale: string, make: (locale: string) => T): T {
  let f = cache.get(locale);
  if (!f) cache.set(locale, (f = make(locale)));
  return f;
}

/** The form for a count: `plural(1, 'en', { one: 'file', other: 'files' })` → "file". */
export function plural<T>(n: number, lang: MessageLang, forms: Partial<Record<Intl.LDMLPluralRule, T>> & { other: T }): T {
  return forms[pluralCategory(n, lang)] ?? forms.other;
}
