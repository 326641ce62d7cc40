import type { IndicatorResult, AreaValue } from '../indicators/result.js';
import { formatNumber } from '../language/intl.js';

const NBSP = '\u00a0';

/** The unit of shares in per cent, as the catalogue and the readers write it (bokmål and nynorsk alike). */
export const PERCENT = 'prosent';

/**
 * A unit split at its qualifier: "prosent, standardisert" → base "prosent", qualifier
 * "standardisert". The document says the qualifier once per sentence, never after every number.
 */
export function unitParts(unit: string): { base: string; qualifier: string | null } {
  const i = unit.indexOf(', ');
  return i < 0 ? { base: unit, qualifier: null } : { base: unit.slice(0, i), qualifier: unit.slice(i + 2) };
}

/** Whether a unit (a catalogue text or its words in one language) is per cent, standardised or not: its changes are percentage points. */
export function isPercent(unit: string | { nb: string } | null | undefined): boolean {
  const u = typeof unit === 'string' ? unit : unit?.nb;
  return u !== undefined && u !== null && unitParts(u).base === PERCENT;
}

/**
 * A value with its unit as the document writes it: "12,6 %", "13,7 per 1000", "83,2 år". Units
 * with a symbol (`unitSymbols` in the language file: prosent → %) use the symbol; a unit whose
 * symbol is empty (forholdstall: a ratio is a bare number) gives the number alone. A qualifier
 * ("prosent, standardisert") is left to the sentence, which says it once.
 */
export function valueWithUnit(r: Pick<IndicatorResult, 'decimals'>, value: number, unit: string, symbols: Record<string, string> = { [PERCENT]: '%' }): string {
  const n = formatNumber(value, r.decimals);
  const { base } = unitParts(unit);
  const shown = Object.hasOwn(symbols, base) ? symbols[base]! : base;
  return shown ? `${n}${NBSP}${shown}` : n;
}

/** A table cell: the number, or the symbol of a withheld value, or an en dash. */
export function cell(v: AreaValue | null | undefined, decimals: number, thousands = NBSP): string {
  if (!v) return '–';
  if (v.absent) return v.absent.symbol;
  return v.value === null ? '–' : formatNumber(v.value, decimals, thousands);
}

/** "12,6 (10,5–15,0)" when the value has an interval. */
export function cellWithInterval(v: AreaValue | null | undefined, decimals: number): string {
  const c = cell(v, decimals);
  if (!v || v.absent || v.lower === null || v.upper === null) return c;
  return `${c} (${formatNumber(v.lower, decimals)}–${formatNumber(v.upper, decimals)})`;
}
