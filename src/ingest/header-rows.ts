import { readValueCell } from './cells.js';
import { parsePeriod } from './period.js';
import type { CsvLayout } from './sniff.js';

/**
 * A header of several rows, as Statistikkbanken and KOSTRA write a table with two or more variables
 * in its head ("Semikolonseparert med overskrift"): the variable over the year (or the year over the
 * variable), a cell spanning the columns after it left blank, and a stub of row variables at the
 * left whose cells in the upper rows are blank (or a single space). IMDi's exports of SSB figures
 * write one row per variable, `Kjønn: Kvinner`, the same way.
 */
export interface StackedHeader {
  /** Every header row, the sniffed header first, as split. */
  rows: string[][];
  /** Rows after the sniffed header that belong to it (data starts after them). */
  extra: number;
  /** Columns at the left that hold the row variables (region, year, group …). */
  stub: number;
  /** Each stub column's name: the last non-blank cell above it, or '' when every cell is blank. */
  stubNames: string[];
  /** Per column from `stub` on: its cell in each header row ('' above the first filled cell), a blank one taking the cell on its left. */
  parts: string[][];
}

const blank = (c: string | undefined): boolean => c === undefined || c.trim() === '';

/** A header cell: text, or a period (a year row); never a number a data row would hold. */
function headerLike(cell: string): boolean {
  const t = cell.trim();
  if (t === '' || parsePeriod(t)) return true;
  const v = readValueCell(t, 'ssb');
  return v.kind === 'text';
}

/**
 * The header rows under the sniffed header: rows whose first cell is blank and whose cells are
 * text or periods, not numbers. Null when the header is one row.
 */
export function stackedHeader(layout: CsvLayout): StackedHeader | null {
  const rows: string[][] = [layout.header];
  // The stub's names are in the first row (IMDi: `Region;Navn;…`, the rows under it blank there)
  // or in the last (KOSTRA: blank cells over `"region";"alder";"2017"`).
  const cornerBlank = blank(layout.header[0]);
  for (const r of layout.sample) {
    if ((!blank(r[0]) && !cornerBlank) || r.every(blank) || !r.every(headerLike)) break;
    rows.push(r.map((c) => c.trim()));
    if (!blank(r[0])) break;
  }
  if (rows.length === 1) return null;
  const width = Math.max(...rows.map((r) => r.length));
  // The stub: leading columns blank in every row under the first, or in every row above the last.
  const leading = (rs: string[][]) => {
    let n = 0;
    while (n < width - 1 && rs.every((r) => blank(r[n]))) n++;
    return n;
  };
  const stub = Math.max(leading(rows.slice(1)), leading(rows.slice(0, -1)));
  if (stub === 0) return null;
  const stubNames = Array.from({ length: stub }, (_, i) => [...rows].reverse().map((r) => (r[i] ?? '').trim()).find((c) => c !== '') ?? '');
  const filled = rows.map((r) => {
    const out: string[] = [];
    let last = '';
    for (let i = stub; i < width; i++) {
      const c = (r[i] ?? '').trim();
      if (c !== '') last = c;
      out.push(c !== '' ? c : last);
    }
    return out;
  });
  const parts = Array.from({ length: width - stub }, (_, j) => filled.map((r) => r[j]!));
  return { rows, extra: rows.length - 1, stub, stubNames, parts };
}

/**
 * The variables a Statistikkbanken title names: "10484: Persontransport med jernbane, etter år,
 * statistikkvariabel og togstrekning" → år, statistikkvariabel, togstrekning (English "by … and …").
 */
export function titleVariables(title: string | null): string[] {
  if (!title) return [];
  const t = title.replace(/\s+/g, ' ').trim();
  const m = /,\s*(?:etter|by)\s+(.*)$/i.exec(t);
  if (!m) return [];
  return m[1]!
    .split(/\s*,\s*|\s+(?:og|and)\s+/i)
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
}

/**
 * Where the notes under a table begin: after a blank line (or as a row shorter than the header), a
 * row with text in its first cell only — SSB's "Sist endret:", "Kilde:", footnotes — that is not a
 * region or a year. That row and every row after it are notes, not data.
 */
export function isNoteRow(cells: string[], width: number, afterGap: boolean): boolean {
  if (width < 2 || blank(cells[0])) return false;
  if (!afterGap && cells.length >= width) return false;
  for (let i = 1; i < cells.length; i++) if (!blank(cells[i])) return false;
  return !/^(?:[KF][-._]?)?\d{1,6}(?:\s|$)/.test(cells[0]!.trim());
}
