import { InputFileError, msg } from '../base/errors.js';
import { GeoResolver } from '../geo/resolve.js';
import { defaultRegister, type GeoRegister } from '../geo/register.js';
import { ReadContext } from '../ingest/context.js';
import { CsvSyntaxError } from '../ingest/csv-records.js';
import { describeNotData, NotDataError } from '../ingest/not-data.js';
import { sniffCsv, type CsvLayout } from '../ingest/sniff.js';
import { decodedChunks, EncodingError, openSource, type SourceFile } from '../ingest/source-file.js';
import type { Observation, SourceId } from '../model/observation.js';
import { IssueCollector } from '../validate/issues.js';
import { detectCsvFormat, detectJsonFormat, formatNames, FORMATS, isJsonFormat, sourceOf, type FormatId } from './detect.js';
import { formatDefinition } from './registry.js';

export interface ReadOptions {
  /** Force a format instead of detecting it. */
  format?: FormatId;
  register?: GeoRegister;
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  /** How the file is named in messages (default: the path). */
  display?: string;
  /** Issues kept per code (the counts are always complete). */
  keepPerCode?: number;
}

export interface FileScan {
  file: SourceFile;
  format: FormatId;
  source: SourceId;
  layout: CsvLayout | null;
  issues: IssueCollector;
  observations: number;
}

/**
 * Reads one export from start to end, streaming: detects its format, validates every row and
 * hands each valid observation to `onObservation`. Bad data is reported in `issues`;
 * a file that is not data at all (missing, empty, binary, too big, unknown format) throws an
 * InputFileError.
 */
export async function scanFile(path: string, options: ReadOptions = {}, onObservation?: (o: Observation) => void, onFormat?: (format: FormatId) => void): Promise<FileScan> {
  const file = await openSource(path, options.display ?? path, options.maxBytes);
  const { format, layout } = await detect(file, options.format);
  // Told before the first observation (loadData keeps a file whole that its format may recognise).
  onFormat?.(format);
  const source = sourceOf(format);
  const issues = new IssueCollector(file.display, options.keepPerCode);
  const ctx = new ReadContext(file, issues, new GeoResolver(options.register ?? defaultRegister()), layout);
  let observations = 0;
  try {
    for await (const batch of readerFor(ctx, format)) {
      observations += batch.length;
      if (onObservation) for (const o of batch) onObservation(o);
    }
  } catch (e) {
    if (e instanceof EncodingError) {
      // The encoding was decided from the whole file: this line is the exception in a UTF-8 file.
      const name = e.encoding === 'utf-8-bom' ? 'UTF-8' : e.encoding.toUpperCase();
      issues.report({ code: 'encoding-error', line: e.line, note: msg('issue.note.encodingLine', { encoding: name, bom: e.encoding === 'utf-8-bom' ? msg('issue.note.bom') : '' }) });
    } else if (e instanceof CsvSyntaxError) {
      issues.report({ code: 'syntax-error', line: e.line, note: e.note });
    } else throw e;
  }
  return { file, format, source, layout, issues, observations };
}

/** Reads a whole file into memory: for small exports, tests and scripts. */
export async function readFile(path: string, options: ReadOptions = {}): Promise<FileScan & { data: Observation[] }> {
  const data: Observation[] = [];
  const scan = await scanFile(path, options, (o) => data.push(o));
  return { ...scan, data };
}

/**
 * Looks through the whole of a JSON file for the dimension ids, for files whose "id" comes after the
 * first 64 kB (a long label, notes or links first): such a file is as valid as any other.
 */
async function detectJsonFormatWhole(file: SourceFile): Promise<FormatId | null> {
  let tail = '';
  for await (const chunk of decodedChunks(file)) {
    const text = tail + chunk;
    const found = detectJsonFormat(text);
    if (found) return found;
    // Keep enough to catch an "id" list cut between two chunks.
    tail = text.slice(-4096);
  }
  return null;
}

async function detect(file: SourceFile, forced?: FormatId): Promise<{ format: FormatId; layout: CsvLayout | null }> {
  const looksJson = /^\s*[{[]/.test(file.head);
  if (forced) {
    if (!FORMATS.includes(forced)) throw new InputFileError(file.display, msg('errors.file.unknownFormat', { format: forced, formats: FORMATS.join(', ') }));
    if (isJsonFormat(forced)) {
      if (!looksJson) throw new InputFileError(file.display, msg('errors.file.expectsJson', { format: forced }));
      return { format: forced, layout: null };
    }
    const layout = sniffCsv(file.head);
    if (!layout) throw new InputFileError(file.display, msg('errors.file.noHeader'));
    return { format: forced, layout };
  }
  const layout = looksJson ? null : sniffCsv(file.head);
  // Files kept next to exports that are not data (queries, code lists, metadata): say what they are.
  const notData = describeNotData(file.head, layout);
  if (notData) throw new NotDataError(file.display, notData, msg('errors.file.known', { formats: formatNames() }));
  if (looksJson) {
    const format = detectJsonFormat(file.head) ?? (file.headIsWhole ? null : await detectJsonFormatWhole(file));
    if (format) return { format, layout: null };
    throw new InputFileError(file.display, msg('errors.file.notJsonStat', { known: msg('errors.file.known', { formats: formatNames() }) }));
  }
  if (!layout) throw new InputFileError(file.display, msg('errors.file.noHeaderKnown', { known: msg('errors.file.known', { formats: formatNames() }) }));
  const format = detectCsvFormat(layout);
  if (!format) {
    throw new InputFileError(file.display, msg('errors.file.unknownExport', { header: layout.header.slice(0, 6).join(layout.delimiter), known: msg('errors.file.known', { formats: formatNames() }) }));
  }
  return { format, layout };
}

function readerFor(ctx: ReadContext, format: FormatId): AsyncGenerator<Observation[]> {
  return formatDefinition(format).read(ctx);
}
