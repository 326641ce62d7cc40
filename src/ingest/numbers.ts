/**
 * Parses a number as Norwegian and international exports write it: decimal point or comma,
 * optional spaces (also no-break) as thousands separators, a leading minus or U+2212.
 * Returns NaN for anything else; never guesses at "1.234" being a thousand.
 */
export function parseNumber(cell: string): number {
  // Fast path: what most cells are.
  const n = Number(cell);
  if (cell !== '' && Number.isFinite(n) && plainDecimal(cell)) return n;
  let s = cell.trim().replace(/\u2212/g, '-');
  if (/^-?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/.test(s)) s = s.replace(/[ \u00a0\u202f]/g, '');
  if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return Number.NaN;
  return Number(s);
}

/** True when the cell uses a decimal comma; used to report the layout in `inspect`. */
export function hasDecimalComma(cell: string): boolean {
  return /^-?\d+,\d+$/.test(cell.trim());
}

/** Digits with at most one point and a leading minus: what Number() should be trusted with. */
function plainDecimal(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 46 && !(c === 45 && i === 0)) return false;
  }
  return true;
}
