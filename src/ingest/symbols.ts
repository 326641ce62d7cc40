import type { MissingReason, MissingValue, SourceId } from '../model/observation.js';

/**
 * SSB's and FHI's shared legend of symbols for absent numbers. A symbol is never a zero.
 * `-` is SSB's "nil" (nothing to report) but means "missing" in FHI's label exports.
 * `*` marks a provisional value in SSB tables; standing alone it is not a number.
 */
const REASONS: Record<string, MissingReason> = {
  '.': 'not-applicable',
  '..': 'missing',
  ':': 'suppressed',
  '...': 'not-yet-available',
  '-': 'nil',
};

export const SYMBOL_LEGEND: Record<string, string> = {
  '.': 'cannot occur / not computable',
  '..': 'data missing',
  ':': 'suppressed for confidentiality',
  '...': 'not yet available',
  '-': 'nil (SSB) or missing (FHI label exports)',
  '*': 'provisional value',
};

export function missingFromSymbol(symbol: string, source: SourceId): MissingValue | null {
  const reason = REASONS[symbol];
  if (!reason) return null;
  if (symbol === '-' && source === 'fhi') return { symbol, reason: 'missing' };
  return { symbol, reason };
}

/** A short run of punctuation that is not a number: looks meant as a symbol. */
export function looksLikeSymbol(cell: string): boolean {
  return cell.length > 0 && cell.length <= 4 && /^[^\p{L}\p{N}\s]+$/u.test(cell);
}

/**
 * FHI cube files code the symbol in SPVFLAGG, after FHI Statistikk's flag table
 * (eksempelfil_kategori.json): 1 = `..` missing, 2 = `.` cannot be computed, 3 = `:` anonymised,
 * 4 = `-` data not available.
 */
export const SPVFLAGG_SYMBOL: Record<string, string> = { '1': '..', '2': '.', '3': ':', '4': '-' };
