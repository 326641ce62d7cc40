import type { ObservationSummaryJson } from './summary.js';
import { ObservationSummary } from './summary.js';
import { FORMAT_DESCRIPTIONS, type FormatId } from './detect.js';
import { classifySsbColumns, ssbTableId } from './formats/ssb-csv.js';
import { scanFile, type ReadOptions } from './read.js';
import type { CsvLayout } from './sniff.js';
import type { SourceId } from '../model/observation.js';
import type { TextEncoding } from './source-file.js';
import type { IssueCode } from '../validate/issues.js';

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

function shapeOf(format: FormatId, layout: CsvLayout): 'wide' | 'long' {
  if (format === 'ssb-csv' || format === 'kostra-csv') {
    const c = classifySsbColumns(layout.header);
    return 'missing' in c || c.wide.length === 0 ? 'long' : 'wide';
  }
  if (format === 'fhi-cube') return 'wide';
  if (format === 'fhi-csv3') return layout.header.some((h) => h.toUpperCase() === 'MEASURE_TYPE') ? 'long' : 'wide';
  return 'long';
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

export { ssbTableId };
