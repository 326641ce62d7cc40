import { decodedChunks, type SourceFile } from './source-file.js';

/** One CSV record with the physical line it ends on in the original file. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A CSV syntax problem the reader cannot get past (an unclosed quote, say). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Splits delimited text into records, chunk by chunk, counting physical lines. A line without
 * quotes (nearly all of them) is split with String.split; a line with quotes goes through an
 * RFC 4180 state machine that allows quoted delimiters, doubled quotes and line breaks inside
 * quotes. As csv-parse's `relax_quotes`, a quote inside an unquoted cell is kept as a character.
 * Records carry the line they start on. Lines with nothing but delimiters are skipped.
 */
export class DelimitedTokenizer {
  private rest = '';
  private line = 0;
  /** State of a record that continues over a line break inside quotes. */
  private open: { cells: string[]; cur: string; startLine: number } | null = null;

  constructor(private readonly delimiter: string) {}

  feed(text: string, out: CsvRecord[]): void {
    let data = this.rest + text;
    let pos = 0;
    for (;;) {
      const nl = data.indexOf('\n', pos);
      if (nl === -1) break;
      this.takeLine(data.slice(pos, nl), out);
      pos = nl + 1;
    }
    this.rest = data.slice(pos);
    data = '';
  }

  end(out: CsvRecord[]): void {
    if (this.rest !== '' || this.open) this.takeLine(this.rest, out);
    this.rest = '';
    if (this.open) {
      throw new CsvSyntaxError(this.open.startLine, 'a quoted cell that starts on this line is never closed (a " is missing), so the rest of the file cannot be read');
    }
  }

  private takeLine(raw: string, out: CsvRecord[]): void {
    this.line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!this.open && text.indexOf('"') === -1) {
      if (text === '' || isOnlyDelimiters(text, this.delimiter)) return;
      out.push({ line: this.line, cells: text.split(this.delimiter) });
      return;
    }
    this.quoted(this.open ? '\n' + text : text, out);
  }

  /** The state machine, for a line with quotes or a line continuing a quoted cell. */
  private quoted(text: string, out: CsvRecord[]): void {
    const d = this.delimiter;
    const state = this.open ?? { cells: [], cur: '', startLine: this.line };
    let { cur } = state;
    const cells = state.cells;
    // Resuming inside quotes: the first character of `text` is the line break kept in the cell.
    let inQuotes = this.open !== null;
    let wasQuoted = inQuotes;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cur += '"';
            i++;
          } else inQuotes = false;
        } else cur += ch;
      } else if (ch === '"' && cur === '' && !wasQuoted) {
        inQuotes = true;
        wasQuoted = true;
      } else if (ch === d) {
        cells.push(cur);
        cur = '';
        wasQuoted = false;
      } else cur += ch;
    }
    if (inQuotes) {
      this.open = { cells, cur, startLine: state.startLine };
      return;
    }
    this.open = null;
    cells.push(cur);
    if (cells.every((c) => c === '')) return;
    out.push({ line: state.startLine, cells });
  }
}

function isOnlyDelimiters(text: string, d: string): boolean {
  for (let i = 0; i < text.length; i++) if (text[i] !== d && text[i] !== ' ') return false;
  return true;
}

/**
 * Streams the records of a delimited text file in batches, so a national file of a million rows
 * costs one async step per chunk, not per row. Small chunks (64 kB) and batches keep records from
 * living long enough to be promoted to V8's old space: peak memory stays flat as files grow.
 * Cells stay strings; readers convert them.
 */
export async function* csvBatches(file: SourceFile, delimiter: string, batchSize = 256): AsyncGenerator<CsvRecord[]> {
  const tokenizer = new DelimitedTokenizer(delimiter);
  let out: CsvRecord[] = [];
  for await (const chunk of decodedChunks(file)) {
    tokenizer.feed(chunk, out);
    if (out.length >= batchSize) {
      yield out;
      out = [];
    }
  }
  tokenizer.end(out);
  if (out.length > 0) yield out;
}

/** Splits one line the way CSV does (quotes, doubled quotes); for sniffing the head only. */
export function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"' && cur === '') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
