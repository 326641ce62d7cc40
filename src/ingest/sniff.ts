import { splitLine } from './csv-records.js';

export interface CsvLayout {
  delimiter: string;
  /** 1-based physical line of the header row. */
  headerLine: number;
  header: string[];
  /** A title line above the header (SSB's "11616: Sysselsatte …"), if any. */
  title: string | null;
  /** A few data rows after the header, split, for format detection. */
  sample: string[][];
}

const DELIMITERS = [';', ',', '\t', '|'];

/**
 * Finds the delimiter and the header row of a delimited export. SSB's web CSV has a title
 * line and a blank line (both may be padded with delimiters) before the header.
 */
export function sniffCsv(head: string): CsvLayout | null {
  const lines = head.split(/\r\n|\r|\n/);
  if (lines.length > 1) lines.pop(); // the last line of a partial read may be cut
  const firstLines = lines.slice(0, 30);
  let best: { delimiter: string; score: number } | null = null;
  for (const d of DELIMITERS) {
    const counts = firstLines.map((l) => splitLine(l, d).length - 1).filter((c) => c > 0);
    if (counts.length === 0) continue;
    // The delimiter that splits most lines into the same, largest number of cells.
    const mode = modeOf(counts);
    const score = counts.filter((c) => c === mode).length * 1000 + mode;
    if (!best || score > best.score) best = { delimiter: d, score };
  }
  if (!best) return null;
  const delimiter = best.delimiter;
  for (let i = 0; i < firstLines.length; i++) {
    const cells = splitLine(firstLines[i]!, delimiter);
    const nonEmpty = cells.filter((c) => c.trim() !== '').length;
    if (nonEmpty < 2) continue;
    const titleLine = lines.slice(0, i).find((l) => l.replaceAll(delimiter, '').trim() !== '');
    const title = titleLine ? splitLine(titleLine, delimiter).find((c) => c.trim() !== '')?.trim() ?? null : null;
    const sample = lines
      .slice(i + 1, i + 60)
      .filter((l) => l.replaceAll(delimiter, '').trim() !== '')
      .map((l) => splitLine(l, delimiter));
    return { delimiter, headerLine: i + 1, header: cells.map((c) => c.trim()), title, sample };
  }
  return null;
}

function modeOf(values: number[]): number {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let best = values[0]!;
  for (const [v, n] of freq) if (n > (freq.get(best) ?? 0) || (n === freq.get(best) && v > best)) best = v;
  return best;
}
