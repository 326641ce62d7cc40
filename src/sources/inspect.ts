import type { CsvLayout } from '../ingest/sniff.js';
import type { TextEncoding } from '../ingest/source-file.js';
import { ObservationSummary, type ObservationSummaryJson } from '../ingest/summary.js';
import type { Observation, SourceId } from '../model/observation.js';
import type { IssueCode } from '../validate/issues.js';
import { formatName, type FormatId } from './detect.js';
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
  /** Whether the file's shares and rates come with counts, which every significance test and trend needs. */
  numbers: NumbersWithCounts;
}

export interface NumbersWithCounts {
  /** Shares, rates and standardised rates with their count (numerator). */
  withCounts: number;
  /** … without one: only the value is published. */
  withoutCounts: number;
  /** Measures that are counts on rows of their own (a label download's "antall"), which the engine pairs with the values. */
  countMeasures: string[];
  /** Values of multi-year periods (FHI's counts of those are yearly averages). */
  pooled: number;
}

const TESTED_TYPES = new Set(['proportion', 'rate', 'smr', 'meis']);

/** Counts which values have counts, for the note on what to download. */
class CountsTally {
  readonly numbers: NumbersWithCounts = { withCounts: 0, withoutCounts: 0, countMeasures: [], pooled: 0 };
  add(o: Observation): void {
    if (o.missing) return;
    if (o.measureType === 'count') {
      if (!this.numbers.countMeasures.includes(o.measure)) this.numbers.countMeasures.push(o.measure);
      return;
    }
    if (!TESTED_TYPES.has(o.measureType)) return;
    if (o.numerator !== null) this.numbers.withCounts++;
    else this.numbers.withoutCounts++;
    if (o.period.kind === 'pool') this.numbers.pooled++;
  }
}

/** Reads a whole file and describes it: source, encoding, layout, geographies, periods, measures. */
export async function inspectFile(path: string, options: ReadOptions = {}): Promise<InspectReport> {
  const summary = new ObservationSummary();
  const tally = new CountsTally();
  const scan = await scanFile(path, options, (o) => {
    summary.add(o);
    tally.add(o);
  });
  const layout = scan.layout;
  return {
    file: scan.file.display,
    bytes: scan.file.size,
    format: scan.format,
    formatDescription: formatName(scan.format),
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
    numbers: tally.numbers,
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

