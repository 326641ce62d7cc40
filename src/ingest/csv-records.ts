import { parse, CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { decodedChunks, type SourceFile } from './source-file.js';

/** One CSV record with the physical line it ends on in the original file. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A CSV syntax problem csv-parse cannot get past (an unclosed quote, say). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Streams the records of a delimited text file. Rows of any length pass through (the caller
 * compares them with the header); completely empty rows are skipped.
 * No `cast` function: csv-parse is several times slower with one, so cells stay strings.
 */
export async function* csvRecords(file: SourceFile, delimiter: string): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
  });
  const text = Readable.from(decodedChunks(file));
  // pipe() does not pass a source error on: hand it to the parser, whose iteration rethrows it.
  text.on('error', (e) => parser.destroy(e));
  text.pipe(parser);
  let lastLine = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = item.record;
      lastLine = item.info.lines;
      if (cells.length === 1 && cells[0] === '') continue;
      yield { line: item.info.lines, cells };
    }
  } catch (e) {
    text.destroy();
    if (e instanceof CsvError) {
      // csv-parse names the last line; an unclosed quote opened on the line after the last record.
      const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : ((e as unknown as { lines?: number }).lines ?? 0);
      throw new CsvSyntaxError(line, plainCsvMessage(e));
    }
    throw e;
  }
}

function plainCsvMessage(e: CsvError): string {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell that starts on this line is never closed (a " is missing), so the rest of the file cannot be read';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote (") is followed by other text inside a cell';
    default:
      return `the file is not valid CSV here (${e.code})`;
  }
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
