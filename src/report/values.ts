import type { IndicatorResult, AreaValue } from '../indicators/result.js';
import { formatNumber } from '../language/intl.js';

const NBSP = '\u00a0';

/** The unit of shares in per cent, as the catalogue and the readers write it (bokmål and nynorsk alike). */
export const PERCENT = 'prosent';

/** Whether a unit (a catalogue text or its words in one language) is per cent: its changes are percentage points. */
export function isPercent(unit: string | { nb: string } | null | undefined): boolean {
  return (typeof unit === 'string' ? unit : unit?.nb) === PERCENT;
}

/**
 * A value with its unit as the document writes it: "12,6 %", "13,7 per 1000", "83,2 år". Units
 * with a symbol (`unitSymbols` in the language file: prosent → %) use the symbol.
 */
export function valueWithUnit(r: IndicatorResult, value: number, unit: string, symbols: Record<string, string> = { [PERCENT]: '%' }): string {
  const n = formatNumber(value, r.decimals);
  return `${n}${NBSP}${Object.hasOwn(symbols, unit) ? symbols[unit] : unit}`;
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
