import { existsSync } from 'node:fs';
import { FolkehelseError, EXIT_INVALID_DATA, EXIT_USAGE, InputFileError, msg } from '../base/errors.js';
import { expandDataPaths, type DataFileRef } from '../ingest/files.js';
import { dimensionsKey } from '../ingest/cells.js';
import { NotDataError } from '../ingest/not-data.js';
import { periodKey } from '../ingest/period.js';
import type { SourceFile } from '../ingest/source-file.js';
import type { Observation } from '../model/observation.js';
import { isMessage, messageLang, msg as message, render, type Message } from '../base/messages.js';
import type { MessageLang } from '../language/tags.js';
import { issueMessageIn, makeIssue, type ValidationIssue } from '../validate/issues.js';
import { DataSummary, Interner } from '../model/summary.js';
import { location } from '../validate/report.js';
import { scanFile, type FileScan, type ReadOptions } from './read.js';
import { formatDefinition } from './registry.js';

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

/** A data file left out of the run (`leaveOut`): it could not be read, or it failed validation. */
export interface LeftOutFile {
  /** The file as messages name it. */
  file: string;
  path: string;
  /** `unreadable`: not data folkehelse can read (empty, binary, of no known format, a folder that cannot be listed); `invalid`: read, with errors. */
  reason: 'unreadable' | 'invalid';
  /** Errors found (1 for an unreadable file). */
  errors: number;
  /** The first problems, each as a sentence with its line and column. */
  problems: string[];
  /** The tables the file held, as far as it was read (an invalid file's), for the indicators it would have given. */
  tables: string[];
}

export interface LoadedData {
  /** The observations kept: all, or with `keep` those it keeps. */
  observations: Observation[];
  /** What every file accepted holds, over every row read (kept or not). */
  summary: DataSummary;
  files: { file: SourceFile; format: string; observations: number; recognised?: { table: string; title: string; note: string } }[];
  warnings: ValidationIssue[];
  /** Files left out (with `leaveOut`); always empty otherwise — a bad file then stops the load. */
  leftOut: LeftOutFile[];
}

export interface LoadOptions extends ReadOptions {
  exclude?: string[];
  /**
   * Leave out a file that cannot be read or fails validation, read everything else, and name the
   * file and its first problems in `leftOut` (`build`'s draft). Without it (the library's default,
   * `validate`, `build --final`) any error stops the load: InvalidDataError or InputFileError.
   */
  leaveOut?: boolean;
  /**
   * Made when reading starts: which observations to keep in memory (`indicators` and `build` keep
   * what their catalogue selects, src/indicators/gather.ts). Every row is still read, validated
   * and counted in `summary`. Default: every observation.
   */
  keep?: () => (o: Observation) => boolean;
}

/** Problems shown per left-out file. */
const PROBLEMS_SHOWN = 3;

/** Reads every data file under the paths; refuses data with validation errors unless `leaveOut`. */
export async function loadData(paths: string[], options: LoadOptions = {}): Promise<LoadedData> {
  const { files } = await expandDataPaths(paths, options.exclude);
  const keep = options.keep?.() ?? null;
  // The observations kept share their periods, ages, dimensions and areas.
  const interner = keep ? new Interner() : null;
  const summary = new DataSummary();
  const observations: Observation[] = [];
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const loaded: LoadedData['files'] = [];
  const leftOut: LeftOutFile[] = [];
  const recognisedCells = new Set<string>();
  let total = 0;
  for (const f of files) {
    const start = observations.length;
    // One file's summary, added to the run's when the file is accepted.
    const seen = new DataSummary();
    // A file the format may recognise as a table of its own is kept whole until it is recognised.
    let whole: Observation[] | null = null;
    let scan: FileScan;
    try {
      if (f.error) throw new InputFileError(f.display, f.error);
      scan = await scanFile(f.path, { ...options, display: f.display }, (o) => {
        seen.add(o);
        if (!keep) observations.push(o);
        else if (whole) whole.push(o);
        else if (keep(o)) observations.push(interner!.intern(o));
      }, (format) => {
        if (keep && formatDefinition(format).recognise) whole = [];
      });
    } catch (e) {
      // A query, code list or metadata file kept in a data folder is skipped with a warning; named
      // on its own it is refused.
      if (e instanceof NotDataError && f.fromFolder) {
        warnings.push(makeIssue({ code: 'not-data-file', severity: 'warning', file: f.display, line: null, column: null, columnNumber: null, value: null }, message('issue.note.looksLike', { what: e.looksLike })));
        continue;
      }
      // A path the user named that is not there is a usage error; only files found are left out.
      if (!options.leaveOut || !(e instanceof InputFileError) || (!f.fromFolder && (f.error || !existsSync(f.path)))) throw e;
      observations.length = start;
      leftOut.push(unreadable(f, e));
      continue;
    }
    const fileErrors = scan.issues.issues.filter((i) => i.severity === 'error');
    if (scan.issues.errorCount > 0 && options.leaveOut) {
      const tables = [...new Set([...seen.files.values()].flatMap((x) => [...x.tables]))].sort();
      observations.length = start;
      const shown = fileErrors.slice(0, PROBLEMS_SHOWN);
      leftOut.push(withProblems({ file: scan.file.display, path: f.path, reason: 'invalid', errors: scan.issues.errorCount, tables }, (lang) => shown.map((i) => `${location(i, lang)}: ${issueMessageIn(i, lang)}`)));
      continue;
    }
    total += scan.issues.errorCount;
    errors.push(...fileErrors);
    warnings.push(...scan.issues.issues.filter((i) => i.severity !== 'error'));
    const entry: LoadedData['files'][number] = { file: scan.file, format: scan.format, observations: scan.observations };
    // A download recognised by what it holds is also the table it was downloaded from.
    const recognise = scan.issues.errorCount === 0 ? formatDefinition(scan.format).recognise : undefined;
    const recognised = recognise ? recognise(whole ?? observations.slice(start), scan.layout) : null;
    if (whole) for (const o of whole as Observation[]) if (keep!(o)) observations.push(interner!.intern(o));
    if (recognised) {
      // Two downloads of one table (two year ranges, a saved copy beside the download): the first
      // file's number of a cell is the table's; the other's same cell is not a second one.
      for (const o of recognised.observations) {
        if (recognisedCells.has(cellKey(o)) || !recognisedCells.add(cellKey(o))) continue;
        seen.add(o);
        if (!keep) observations.push(o);
        else if (keep(o)) observations.push(interner!.intern(o));
      }
      entry.recognised = { table: recognised.table, title: recognised.title, note: recognised.note };
    }
    summary.merge(seen);
    loaded.push(entry);
  }
  if (total > 0) throw new InvalidDataError(errors, total, paths);
  if (files.length === 0) throw new FolkehelseError(msg('errors.data.noFiles', { paths: paths.join(', ') }), 2);
  return { observations, summary, files: loaded, warnings, leftOut };
}

/** A file that could not be read as data at all, named with what is wrong with it (without the list of formats folkehelse reads). */
function unreadable(f: DataFileRef, e: InputFileError): LeftOutFile {
  const problem = (lang: MessageLang): string => {
    if (e.key === null) return (e.message.startsWith(`${e.file}: `) ? e.message.slice(e.file.length + 2) : e.message).replace(/\. folkehelse reads: .*$/s, '');
    const text = render(message(e.key, e.params), lang);
    const known = isMessage(e.params.known) ? text.indexOf(`. ${render(e.params.known, lang)}`) : -1;
    return known >= 0 ? text.slice(0, known) : text;
  };
  return withProblems({ file: f.display, path: f.path, reason: 'unreadable', errors: 1, tables: [] }, (lang) => [problem(lang)]);
}

/** Each left-out file's problems as they can be said in any language (for a document in another one than the run's). */
const problemTexts = new WeakMap<LeftOutFile, (lang: MessageLang) => string[]>();

function withProblems(f: Omit<LeftOutFile, 'problems'>, problems: (lang: MessageLang) => string[]): LeftOutFile {
  const file: LeftOutFile = { ...f, problems: problems(messageLang()) };
  problemTexts.set(file, problems);
  return file;
}

/**
 * A left-out file's problems in a language: the document's, which may differ from the run's
 * (`build --lang en` writes a bokmål document); `problems` holds them in the run's language.
 */
export function leftOutProblems(f: LeftOutFile, lang: MessageLang): string[] {
  return problemTexts.get(f)?.(lang) ?? f.problems;
}

function cellKey(o: Observation): string {
  return `${o.table}|${o.measure}|${o.geo.code}|${periodKey(o.period)}|${o.sex}|${o.age?.code ?? ''}|${dimensionsKey(o.dimensions)}`;
}
