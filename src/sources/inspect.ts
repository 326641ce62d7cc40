import type { CsvLayout } from '../ingest/sniff.js';
import type { TextEncoding } from '../ingest/source-file.js';
import { ObservationSummary, type ObservationSummaryJson } from '../ingest/summary.js';
import type { SourceId } from '../model/observation.js';
import type { IssueCode } from '../validate/issues.js';
import { FORMAT_DESCRIPTIONS, type FormatId } from './detect.js';
import { scanFile, type ReadOptions } from './read.js';
import { formatDefinition } from './registry.js';

export interface InspectReport {
  file: string;
  bytes: number;
  format: FormatId;
  formatDescription: string;
  source: SourceId;
  encoding: TextEncoding;
  layout: {
    kind: 'csv' | 'json';
    delimiter: string | null;
    headerLine: number | null;
    title: string | null;
    columns: string[];
    /** wide (one column per variable and year / per measure) or long. */
    shape: 'wide' | 'long';
    decimalMark: 'comma' | 'point' | 'none seen';
  };
  summary: ObservationSummaryJson;
  errors: number;
  warnings: number;
  counts: Partial<Record<IssueCode, number>>;
}

/** Reads a whole file and describes it: source, encoding, layout, geographies, periods, measures. */
export async function inspectFile(path: string, options: ReadOptions = {}): Promise<InspectReport> {
  const summary = new ObservationSummary();
  const scan = await scanFile(path, options, (o) => summary.add(o));
  const layout = scan.layout;
  return {
    file: scan.file.display,
    bytes: scan.file.size,
    format: scan.format,
    formatDescription: FORMAT_DESCRIPTIONS[scan.format],
    source: scan.source,
    encoding: scan.file.encoding,
    layout: layout
      ? {
          kind: 'csv',
          delimiter: layout.delimiter,
          headerLine: layout.headerLine,
          title: layout.title,
          columns: layout.header,
          shape: shapeOf(scan.format, layout),
          decimalMark: decimalMark(layout),
        }
      : { kind: 'json', delimiter: null, headerLine: null, title: null, columns: [], shape: 'long', decimalMark: 'point' },
    summary: summary.toJSON(),
    errors: scan.issues.errorCount,
    warnings: scan.issues.warningCount,
    counts: Object.fromEntries(scan.issues.counts),
  };
}

/** The format's own answer (FormatDefinition.shape), long when it gives none. */
function shapeOf(format: FormatId, layout: CsvLayout): 'wide' | 'long' {
  return formatDefinition(format).shape?.(layout) ?? 'long';
}

function decimalMark(layout: CsvLayout): 'comma' | 'point' | 'none seen' {
  let point = false;
  for (const row of layout.sample) {
    for (const cell of row) {
      const c = cell.trim();
      if (/^-?\d+,\d+$/.test(c)) return 'comma';
      if (/^-?\d+\.\d+$/.test(c)) point = true;
    }
  }
  return point ? 'point' : 'none seen';
}

