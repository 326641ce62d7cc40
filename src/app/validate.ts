import { FolkehelseError, InputFileError } from '../base/errors.js';
import { formatName, type FormatId } from '../sources/detect.js';
import { expandDataPaths } from '../ingest/files.js';
import { scanFile, type ReadOptions } from '../sources/read.js';
import type { TextEncoding } from '../ingest/source-file.js';
import type { SourceId } from '../model/observation.js';
import type { IssueCode, ValidationIssue } from '../validate/issues.js';

export interface FileReport {
  file: string;
  format: FormatId | null;
  formatDescription: string | null;
  source: SourceId | null;
  encoding: TextEncoding | null;
  observations: number;
  valid: boolean;
  errors: number;
  warnings: number;
  /** Number of problems per code, complete even when `issues` is capped. */
  counts: Partial<Record<IssueCode, number>>;
  issues: ValidationIssue[];
  /** Set when the file could not be read as data at all (missing, empty, binary, too big …). */
  fileError: string | null;
}

export interface ValidationReport {
  files: FileReport[];
  /** Files in the folders given that are not data files (README, config …). */
  skipped: string[];
  totals: { files: number; valid: number; invalid: number; unreadable: number; errors: number; warnings: number; observations: number };
}

/** Validates every data file under the given paths. Never throws for bad input. */
export async function validatePaths(paths: string[], options: ReadOptions = {}): Promise<ValidationReport> {
  const { files, skipped } = await expandDataPaths(paths);
  const reports: FileReport[] = [];
  for (const f of files) {
    try {
      if (f.error) throw new InputFileError(f.display, f.error);
      const scan = await scanFile(f.path, { ...options, display: f.display });
      reports.push({
        file: f.display,
        format: scan.format,
        formatDescription: formatName(scan.format),
        source: scan.source,
        encoding: scan.file.encoding,
        observations: scan.observations,
        valid: scan.issues.errorCount === 0,
        errors: scan.issues.errorCount,
        warnings: scan.issues.warningCount,
        counts: Object.fromEntries(scan.issues.counts),
        issues: scan.issues.issues,
        fileError: null,
      });
    } catch (e) {
      if (!(e instanceof InputFileError) && !(e instanceof FolkehelseError)) throw e;
      reports.push({ file: f.display, format: null, formatDescription: null, source: null, encoding: null, observations: 0, valid: false, errors: 0, warnings: 0, counts: {}, issues: [], fileError: e.message });
    }
  }
  const totals = {
    files: reports.length,
    valid: reports.filter((r) => r.valid).length,
    invalid: reports.filter((r) => !r.valid && !r.fileError).length,
    unreadable: reports.filter((r) => r.fileError).length,
    errors: reports.reduce((a, r) => a + r.errors, 0),
    warnings: reports.reduce((a, r) => a + r.warnings, 0),
    observations: reports.reduce((a, r) => a + r.observations, 0),
  };
  return { files: reports, skipped, totals };
}
