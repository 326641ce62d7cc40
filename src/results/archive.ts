import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isSystemPath, kindOf, readProblem, systemPathMessage } from '../base/user-file.js';
import { say } from '../base/messages.js';
import { basename, join } from 'node:path';
import type { AreaValue, IndicatorResult } from '../indicators/result.js';
import { JsonFileError, readJsonFile } from './json-file.js';
import type { DocumentKind, ResultsFile, ResultsIndicator, ResultsPeriod, ResultsValue } from './types.js';

/** `resultater-2027.json` (full) or `resultater-2028-lopende.json` (annual). */
export function resultsFileName(edition: number, kind: DocumentKind): string {
  return kind === 'full' ? `resultater-${edition}.json` : `resultater-${edition}-lopende.json`;
}

const NAME = /^resultater-(\d{4})(-lopende)?\.json$/;

export interface ArchiveInput {
  tool: string;
  edition: number;
  kind: DocumentKind;
  generatedOn: string | null;
  kommune: { code: string; name: string };
  fylke: { code: string; name: string };
  previous: { edition: number; kind: DocumentKind } | null;
  results: IndicatorResult[];
  /** Data files used, as in the Kunnskapsgrunnlag, keyed by the name results' provenance uses. */
  sources: Map<string, { file: string; sha256: string; source: string; tables: string[]; periods: string }>;
  /** Ids of the indicators in the document's list of challenges and of resources. */
  challenges: Set<string>;
  resources: Set<string>;
}

/**
 * A published number as the results file holds it. Only what the engine published is copied: a
 * withheld number (absent) keeps its symbol and reason and nothing else.
 */
export function publishedValue(v: AreaValue): ResultsValue {
  const period = periodOf(v.period);
  if (v.absent) return { period, value: null, lower: null, upper: null, numerator: null, denominator: null, method: null, absent: { symbol: v.absent.symbol, reason: v.absent.reason } };
  return { period, value: v.value, lower: v.lower, upper: v.upper, numerator: v.numerator, denominator: v.denominator, method: v.method, ...(v.counts ? { counts: { basis: v.counts.basis, factor: v.counts.factor } } : {}), absent: null };
}

function periodOf(p: { from: number; to: number; kind?: string }): ResultsPeriod {
  return p.kind === 'school-year' ? { from: p.from, to: p.to, kind: 'school-year' } : { from: p.from, to: p.to };
}

const orNull = (v: AreaValue | null | undefined): ResultsValue | null => (v ? publishedValue(v) : null);

/** Counts left out where a part is withheld: the total's and the other parts' counts would give it by subtraction. */
const withoutCounts = (v: ResultsValue): ResultsValue => ({ ...v, numerator: null, denominator: null });

/** Periods (from_to) in which a group of the gradient, or one sex, is withheld. */
function periodsWithWithheldParts(r: IndicatorResult): Set<string> {
  const out = new Set<string>();
  if (r.gradient?.groups.some((g) => g.value.absent)) out.add(`${r.gradient.period.from}_${r.gradient.period.to}`);
  for (const v of [r.bySex?.male, r.bySex?.female]) if (v?.absent) out.add(`${v.period.from}_${v.period.to}`);
  return out;
}

/** The results file of one edition for one municipality: pure, the same input gives the same bytes. */
export function toResultsFile(input: ArchiveInput): ResultsFile {
  const used = new Set(input.results.flatMap((r) => r.provenance.files));
  const indicators: ResultsIndicator[] = input.results.map((r) => {
    const guarded = periodsWithWithheldParts(r);
    // Shares of a few units and projections are never tested: their counts stay out of the file, so
    // that no later comparison (goals, diff) tests them either.
    const untested = r.trend.reasonCode === 'not-a-sample' || r.trend.reasonCode === 'projection';
    const total = (v: AreaValue): ResultsValue => ((untested || guarded.has(`${v.period.from}_${v.period.to}`)) && !v.absent ? withoutCounts(publishedValue(v)) : publishedValue(v));
    const gradientWithheld = Boolean(r.gradient?.groups.some((g) => g.value.absent));
    return {
      id: r.id,
      theme: r.theme,
      title: { nb: r.title.nb, nn: r.title.nn },
      unit: { nb: r.unit.nb, nn: r.unit.nn },
      decimals: r.decimals,
      measureType: r.measureType,
      polarity: r.polarity,
      status: r.status,
      period: r.period ? periodOf(r.period) : null,
      value: r.value ? total(r.value) : null,
      verdicts: { land: r.comparisons.land.verdict, fylke: r.comparisons.fylke.verdict, kostragruppe: r.comparisons.kostragruppe?.verdict ?? null },
      benchmarks: { land: orNull(r.comparisons.land.value), fylke: orNull(r.comparisons.fylke.value) },
      trend: { direction: r.trend.direction, judgement: r.trend.judgement, method: r.trend.method, points: r.trend.points, ...(r.trend.change ? { change: { from: periodOf(r.trend.change.from), to: periodOf(r.trend.change.to), method: r.trend.change.method, p: r.trend.change.p, significant: r.trend.change.significant } } : {}) },
      gradient: r.gradient
        ? {
            title: { nb: r.gradient.title.nb, nn: r.gradient.title.nn },
            dimension: r.gradient.dimension,
            period: periodOf(r.gradient.period),
            groups: r.gradient.groups.map((g) => ({ key: g.key, label: { nb: g.label.nb, nn: g.label.nn }, value: gradientWithheld ? withoutCounts(publishedValue(g.value)) : publishedValue(g.value) })),
            // The range is derived from the groups: only when none of them is withheld.
            best: r.gradient.best,
            worst: r.gradient.worst,
            absoluteRange: r.gradient.groups.some((g) => g.value.absent) ? null : r.gradient.absoluteRange,
            relativeRange: r.gradient.groups.some((g) => g.value.absent) ? null : r.gradient.relativeRange,
            trendTest: r.gradient.trendTest && !r.gradient.groups.some((g) => g.value.absent) ? { statistic: r.gradient.trendTest.statistic, p: r.gradient.trendTest.p, significant: r.gradient.trendTest.significant } : null,
          }
        : null,
      series: r.series.kommune.map(total),
      challenge: input.challenges.has(r.id),
      resource: input.resources.has(r.id),
      provenance: {
        source: r.provenance.source,
        table: r.provenance.table,
        measure: r.provenance.measure,
        files: r.provenance.files.map((f) => ({ file: input.sources.get(f)?.file ?? f, sha256: input.sources.get(f)?.sha256 ?? null })),
        periods: [...r.provenance.periods],
      },
    };
  });
  const data = [...input.sources.entries()]
    .filter(([key]) => used.has(key))
    .map(([, s]) => ({ file: s.file, sha256: s.sha256, source: s.source, tables: [...s.tables], periods: s.periods }))
    .sort((a, b) => a.file.localeCompare(b.file));
  return {
    $schema: 'https://folkehelse.dev/schemas/results.schema.json',
    format: 'folkehelse-results',
    formatVersion: 1,
    tool: input.tool,
    edition: input.edition,
    kind: input.kind,
    generatedOn: input.generatedOn,
    kommune: input.kommune,
    fylke: input.fylke,
    previous: input.previous,
    data,
    indicators,
  };
}

export function serializeResults(file: ResultsFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

/** Reads a results file and checks it against `schemas/results.schema.json`. */
export function readResultsFile(path: string, shown = path): ResultsFile {
  return readJsonFile<ResultsFile>(path, 'results', shown);
}

/** Editions in order: an annual update comes after the full document of the same year. */
export function editionOrder(a: { edition: number; kind: DocumentKind }): number {
  return a.edition * 2 + (a.kind === 'annual' ? 1 : 0);
}

/**
 * Results files in a folder and in its municipality folders (`<out>/<code>-<name>/`), by file name:
 * regular files only (a pipe or device named like a results file is never opened), none for a
 * path that is not a folder.
 */
export function listResultsFiles(folder: string): string[] {
  if (!isFolder(folder)) return [];
  const out: string[] = [];
  const entries = (dir: string) => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return []; // a folder that cannot be listed holds no results we can use
    }
  };
  for (const e of entries(folder)) {
    if (e.isFile() && NAME.test(e.name)) out.push(join(folder, e.name));
    else if (e.isDirectory() && /^\d{4}-/.test(e.name)) for (const f of entries(join(folder, e.name))) if (f.isFile() && NAME.test(f.name)) out.push(join(folder, e.name, f.name));
  }
  return out.sort();
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The previous edition for a municipality: `from` is a results file, or a folder searched for
 * results files (the output folder of an earlier build). The latest one before the current
 * edition wins. A file given by name must be for the same municipality. A path that is neither a
 * regular file nor a folder (a pipe, a device) is refused without being opened.
 */
export function findPrevious(from: string, kommune: string, current: { edition: number; kind: DocumentKind }): ResultsFile | null {
  const problem = previousProblem(from);
  if (problem) throw new JsonFileError(from, [problem]);
  if (statSync(from).isFile()) {
    const file = readResultsFile(from);
    if (file.kommune.code !== kommune) return null;
    return file;
  }
  return latestBefore(listResultsFiles(from), kommune, current);
}

/** Why `--previous` cannot be used (missing, a pipe, a device, under /proc), or null for a regular file or a folder. */
export function previousProblem(from: string): string | null {
  let st;
  try {
    st = statSync(from);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? say('errors.results.previousMissing') : readProblem(e);
  }
  if (isSystemPath(from, realOrSelf(from))) return systemPathMessage();
  if (!st.isFile() && !st.isDirectory()) return say('errors.results.previousNotFile', { kind: kindOf(st) });
  return null;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

export function latestBefore(files: string[], kommune: string, current: { edition: number; kind: DocumentKind }): ResultsFile | null {
  const limit = editionOrder(current);
  const candidates = files
    .map((f) => {
      const m = NAME.exec(basename(f))!;
      return { f, order: editionOrder({ edition: Number(m[1]), kind: m[2] ? 'annual' : 'full' }) };
    })
    .filter((c) => c.order < limit)
    .sort((a, b) => b.order - a.order);
  for (const c of candidates) {
    const file = readResultsFile(c.f);
    if (file.kommune.code === kommune) return file;
  }
  return null;
}

/** The results of one given edition for a municipality, from the files of a folder. */
export function findEdition(files: string[], kommune: string, edition: number): ResultsFile | null {
  for (const kind of ['full', 'annual'] as const) {
    for (const f of files.filter((x) => basename(x) === resultsFileName(edition, kind))) {
      const file = readResultsFile(f);
      if (file.kommune.code === kommune) return file;
    }
  }
  return null;
}
