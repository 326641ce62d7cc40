import type { Inline, TableBlock } from './document.js';

/** The text width of A4 less the margins docx.ts sets (11906 − 2 × 1134 twips). */
export const TEXT_WIDTH = 9638;
/** About one character of the table text (8,5 pt, DejaVu Sans/Calibri-like) in twips, and a cell's left and right padding. */
const CHAR = 105;
const PADDING = 230;
/** A cell longer than this many characters wraps rather than widen its column further. */
const LONG = 42;

const plain = (c: Inline): string => c.map((r) => r.text).join('');

/**
 * Column widths in twips from the table's content (issue 26: equal widths broke words in narrow
 * columns): each column gets at least its longest word (so no word is split), then the rest of the
 * text width is shared by how much more each column's longest cell wants. A table that needs less
 * than the text width is only as wide as its content; one whose words alone do not fit is scaled.
 */
export function columnWidths(t: TableBlock, total = TEXT_WIDTH): number[] {
  const rows = [...t.header, ...t.rows];
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const min: number[] = [];
  const want: number[] = [];
  const wraps: boolean[] = [];
  for (let i = 0; i < columns; i++) {
    const texts = rows.map((r) => (r[i] ? plain(r[i]!) : ''));
    const word = Math.max(1, ...texts.flatMap((s) => s.split(/\s+/).map((w) => [...w].length)));
    const longest = Math.max(1, ...texts.map((s) => [...s].length));
    min.push(word * CHAR + PADDING);
    want.push(Math.max(word, Math.min(longest, LONG)) * CHAR + PADDING);
    wraps.push(longest > LONG);
  }
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumWant = want.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sumWant <= total) {
    // Columns whose text wraps take what is left of the line, rather than wrap in a narrow table.
    const wrapping = want.filter((_, i) => wraps[i]).reduce((a, b) => a + b, 0);
    widths = wrapping > 0 ? want.map((w, i) => (wraps[i] ? w + ((total - sumWant) * w) / wrapping : w)) : want;
  }
  else if (sumMin >= total) widths = min.map((m) => (m * total) / sumMin);
  else {
    const extra = sumWant - sumMin;
    widths = min.map((m, i) => m + ((want[i]! - m) * (total - sumMin)) / extra);
  }
  return fitToTotal(widths.map((w) => Math.round(w)), Math.min(total, Math.round(widths.reduce((a, b) => a + b, 0))));
}

/** Rounded widths that add up to exactly `total` (the remainder on the widest column). */
function fitToTotal(widths: number[], total: number): number[] {
  if (widths.length === 0) return widths;
  const diff = total - widths.reduce((a, b) => a + b, 0);
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest] = widths[widest]! + diff;
  return widths;
}
