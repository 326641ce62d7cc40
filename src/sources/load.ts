import { FolkehelseError, EXIT_USAGE, InputFileError, msg } from '../base/errors.js';
import { expandDataPaths } from '../ingest/files.js';
import { NotDataError } from '../ingest/not-data.js';
import type { SourceFile } from '../ingest/source-file.js';
import type { Observation } from '../model/observation.js';
import { issueMessage, type ValidationIssue } from '../validate/issues.js';
import { location } from '../validate/report.js';
import { scanFile, type ReadOptions } from './read.js';

/** Data that did not validate: the indicators are not computed on it. */
export class InvalidDataError extends FolkehelseError {
  constructor(
    readonly errors: ValidationIssue[],
    readonly total: number,
    paths: string[],
  ) {
    const shown = errors.slice(0, 5).map((i) => `  ${i.file}: ${location(i)}: ${i.message}`);
    // Nothing is computed on data with errors: found before any output (exit 2).
    super(msg(total === 1 ? 'errors.data.invalidOne' : 'errors.data.invalid', { count: total, paths: paths.join(' '), lines: shown.join('\n'), more: total > shown.length ? msg('errors.data.more', { count: total - shown.length }) : '' }), EXIT_USAGE);
  }
}

export interface LoadedData {
  observations: Observation[];
  files: { file: SourceFile; format: string; observations: number }[];
  warnings: ValidationIssue[];
}

/** Reads every data file under the paths; refuses data with validation errors. */
export async function loadData(paths: string[], options: ReadOptions & { exclude?: string[] } = {}): Promise<LoadedData> {
  const { files } = await expandDataPaths(paths, options.exclude);
  const observations: Observation[] = [];
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const loaded: LoadedData['files'] = [];
  let total = 0;
  for (const f of files) {
    if (f.error) throw new InputFileError(f.display, f.error);
    let scan;
    try {
      scan = await scanFile(f.path, { ...options, display: f.display }, (o) => observations.push(o));
    } catch (e) {
      // A query, code list or metadata file kept in a data folder is skipped with a warning; named
      // on its own it is refused.
      if (!(e instanceof NotDataError) || !f.fromFolder) throw e;
      warnings.push({ code: 'not-data-file', severity: 'warning', file: f.display, line: null, column: null, columnNumber: null, value: null, message: issueMessage('not-data-file', { note: `looks like ${e.looksLike}` }) });
      continue;
    }
    total += scan.issues.errorCount;
    for (const i of scan.issues.issues) (i.severity === 'error' ? errors : warnings).push(i);
    loaded.push({ file: scan.file, format: scan.format, observations: scan.observations });
  }
  if (total > 0) throw new InvalidDataError(errors, total, paths);
  if (files.length === 0) throw new FolkehelseError(msg('errors.data.noFiles', { paths: paths.join(', ') }), 2);
  return { observations, files: loaded, warnings };
}
