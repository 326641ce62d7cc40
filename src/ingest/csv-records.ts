import { msg, render, type Message } from '../base/messages.js';
import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { decodedChunks, type SourceFile } from './source-file.js';

/** One CSV record with the physical line it starts on in the original file. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A CSV syntax problem the reader cannot get past (an unclosed quote, say); `note` says it in the user's language. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly note: Message,
  ) {
    super(render(note, 'en'));
  }
}

/** Longest record accepted: an unclosed quote must not swallow a whole national file into memory. */
const MAX_RECORD_CHARS = 1 << 20;

/**
 * The csv-parse options every reader uses (and `bench/ingest` measures against): CRLF, LF, CR-only
 * (Excel "CSV (Macintosh)") and mixed line endings; a quote inside an unquoted cell kept as a
 * character; rows of any length, so a short or long row becomes a validation issue, not an exception.
 */
export function csvParseOptions(delimiter: string): Options {
  return {
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: MAX_RECORD_CHARS,
  };
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** csv-parse's error codes in words a coordinator understands. */
function syntaxError(e: unknown, nextLine: number): CsvSyntaxError {
  const err = e as { code?: string; lines?: number; message?: string };
  const line = typeof err.lines === 'number' ? err.lines : nextLine;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      // The quote opens on the record after the last complete one, not where the file ends.
      return new CsvSyntaxError(nextLine, msg('issue.note.quoteNotClosed'));
    case 'CSV_MAX_RECORD_SIZE':
      return new CsvSyntaxError(line, msg('issue.note.recordTooLong', { max: MAX_RECORD_CHARS.toLocaleString('en').replace(/,/g, ' ') }));
    default:
      return new CsvSyntaxError(line, msg('issue.note.csvRules', { detail: err.message ?? String(e) }));
  }
}

function isBlank(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c !== '' && c.trim() !== '') return false;
  }
  return true;
}

/** Physical lines a record spans beyond its first (line breaks inside quoted cells). */
function extraLines(cells: string[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.indexOf('\n') === -1 && c.indexOf('\r') === -1) continue;
    n += c.split(/\r\n|\r|\n/).length - 1;
  }
  return n;
}

/**
 * Streams the records of a delimited text file through csv-parse, in batches, so a national file of
 * a million rows costs one async step per batch, not per row. Records carry the physical line they
 * start on; records with nothing but delimiters and blanks are skipped. Cells stay strings.
 */
export async function* csvBatches(file: SourceFile, delimiter: string, batchSize = 256, onDamage?: (line: number, cell: number, text: string) => void): AsyncGenerator<CsvRecord[]> {
  // U+FFFD in the text: letters lost when the file was saved (ø → �). One indexOf per chunk says
  // whether records need looking at, so clean files pay nothing per row.
  let damaged = false;
  async function* watched(): AsyncGenerator<string> {
    for await (const chunk of decodedChunks(file)) {
      if (!damaged && chunk.indexOf('\uFFFD') !== -1) damaged = true;
      yield chunk;
    }
  }
  const source = Readable.from(onDamage ? watched() : decodedChunks(file), { objectMode: false });
  const parser = source.pipe(parse(csvParseOptions(delimiter)));
  // pipe() does not forward errors: an encoding error in the source must end the parse with it.
  source.on('error', (e) => parser.destroy(e));
  let out: CsvRecord[] = [];
  let lastLine = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<ParsedRecord>) {
      const end = info.lines;
      const spanned = end - lastLine > 1 ? extraLines(record) : 0;
      lastLine = end;
      if (isBlank(record)) continue;
      if (damaged && onDamage) {
        for (let c = 0; c < record.length; c++) if (record[c]!.indexOf('\uFFFD') !== -1) onDamage(end - spanned, c, record[c]!);
      }
      out.push({ line: end - spanned, cells: record });
      if (out.length >= batchSize) {
        yield out;
        out = [];
      }
    }
  } catch (e) {
    if (e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'string' && String((e as { code: string }).code).startsWith('CSV_')) {
      if (out.length > 0) yield out;
      throw syntaxError(e, lastLine + 1);
    }
    throw e;
  }
  if (out.length > 0) yield out;
}

/**
 * Splits one line of the head for sniffing, with the same csv-parse rules; a line cut inside quotes
 * (the head is a partial read) falls back to a plain split.
 */
export function splitLine(line: string, delimiter: string): string[] {
  if (line.indexOf('"') === -1) return line.split(delimiter);
  try {
    const rows = parseSync(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return rows[0] ?? [''];
  } catch {
    return line.split(delimiter);
  }
}
