import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { DEFAULT_SECTIONS } from '../assessments/sections.js';
import { FolkehelseError, msg, UsageError } from '../base/errors.js';
import { readRegularFile } from '../base/user-file.js';
import { VERSION } from '../base/version.js';
import type { BuildConfig, KommuneConfig, OutputFormat } from '../config/config.js';
import { realOrSelf, symlinkEscape } from '../config/paths.js';
import { templateProblems } from '../config/templates.js';
import { defaultRegister } from '../geo/register.js';
import { DEFAULT_CATALOGUE_DIR } from '../indicators/catalogue.js';
import { formatList } from '../language/intl.js';
import { resolveKommune } from '../indicators/engine.js';
import { expandDataPaths } from '../ingest/files.js';
import { loadData, type LoadedData } from '../sources/load.js';
import type { Geography } from '../model/observation.js';
import { cleanStaging, STAGING } from '../output/atomic.js';
import { acquireOutputLock } from '../output/lock.js';
import { readManifest } from '../output/manifest.js';
import { DEFAULT_PRIORITIES } from '../overview/priorities.js';
import { slug } from '../report/escape.js';
import type { DocumentLang as Lang } from '../language/tags.js';
import { TEMPLATE_DIR } from '../report/language.js';
import { withEarlierEditions } from '../indicators/disclosure-editions.js';
import { previousProblem } from '../results/archive.js';
import { earlierEditions } from '../results/ledger.js';
import type { DocumentKind } from '../results/types.js';
import { keptForBuild } from './compute.js';
import { followUpInputs } from './follow-up.js';
import { hash, hashFile } from './provenance.js';
import type { BuildEvent, BuildRequest, DocumentOutcome } from './request.js';

/** A municipality of the run, as configured and as the register knows it. */
export interface KommuneTarget {
  k: KommuneConfig;
  geo: Geography & { fylke: string };
}

/** A file (or setting) a document is made from, hashed: the same inputs give the same outputs. */
export interface InputFile {
  file: string;
  sha256: string;
}

/** One document of the run: a municipality's, or the region report. */
export interface Item {
  kind: 'kommune' | 'region';
  id: string;
  name: string;
  folder: string;
  kommune?: KommuneTarget;
  /** SHA-256 over `inputFiles`: what the manifest compares. */
  inputs: string;
  inputFiles: InputFile[];
}

/** The request's options resolved against the configuration, and the data, read once when first needed. */
export interface Run {
  config: BuildConfig;
  kind: DocumentKind;
  /** Where relative paths in the document are counted from. */
  base: string;
  formats: OutputFormat[];
  lang: Lang;
  /** The manifest's key: it keeps the full document and the annual update of a language apart. */
  recordKey: string;
  out: string;
  concurrency: number;
  final: boolean;
  previous: string | null;
  env: NodeJS.ProcessEnv | undefined;
  emit: (event: BuildEvent) => void;
  /** Never data, even inside a data folder (`"data": ["."]`): the outputs and folkehelse's own files. */
  notData: string[];
  /** The earlier editions' results files and ledgers this run's suppression is bound by. */
  earlierFiles: string[];
  data(): Promise<LoadedData>;
}

/**
 * Resolves the request and refuses what cannot be built (a missing `--previous` or one that is a
 * pipe or device, an output folder that is a file or that a symbolic link takes out of the
 * project, broken template language files) before anything is read; takes the output folder's
 * lock (one build at a time per folder: a second is refused, exit 2) and completes or clears what
 * killed runs left in the staging folder.
 */
export async function startRun(req: BuildRequest): Promise<Run> {
  let config = req.edition !== undefined ? { ...req.config, edition: req.edition } : req.config;
  const kind = req.kind ?? 'full';
  if (req.previous !== undefined) {
    const problem = previousProblem(req.previous);
    // A missing one in the user's words; the rarer kinds (a pipe, a device) as the results module says them.
    if (problem) throw new UsageError(existsSync(req.previous) ? `--previous: ${req.previous}: ${problem}` : msg('errors.usage.previous', { path: req.previous }));
  }
  const lang = req.lang ?? config.lang;
  const out = req.out ?? config.out;
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(msg('errors.usage.outIsFile', { out }));
  const project = config.file ? dirname(config.file) : process.cwd();
  const roots = config.allowedRoots ?? [realOrSelf(project)];
  for (const [field, p] of [['out', out], ...config.data.map((d, i) => [`data[${i}]`, d])] as [string, string][]) {
    const problem = symlinkEscape(field, p, project, roots);
    if (problem) throw new UsageError(problem);
  }
  if (config.templates) {
    const problems = templateProblems(config.templates);
    if (problems.length) throw new UsageError(problems.join('\n'));
  }
  const release = req.readOnly ? () => {} : acquireOutputLock(out);
  try {
    if (!req.readOnly) await cleanStaging(join(out, STAGING));
  } catch (e) {
    release();
    throw e;
  }
  // The earlier editions in the output folder and --previous: this edition's suppression keeps what
  // they withheld withheld and counts what they published as known (README "Suppression", rule 5).
  const earlier = earlierEditions({ out, previous: req.previous ?? null }, { edition: config.edition, kind });
  config = { ...config, suppression: withEarlierEditions(config.suppression, earlier.editions) };
  const notData = [out, config.file, ...config.catalogue, config.assessments, config.templates, config.goals].filter((p): p is string => typeof p === 'string');
  let data: Promise<LoadedData> | null = null;
  const run: Run = {
    config,
    kind,
    base: req.base ?? (config.file ? dirname(config.file) : process.cwd()),
    formats: req.formats ?? config.formats,
    lang,
    recordKey: kind === 'full' ? lang : `${lang}-lopende`,
    out,
    concurrency: Math.max(1, Math.floor(req.concurrency ?? 2)),
    final: Boolean(req.final),
    previous: req.previous ?? null,
    env: req.env,
    emit: req.onEvent ?? (() => {}),
    notData,
    // A draft leaves out a file that cannot be read or fails validation and builds from the rest;
    // --final refuses bad data as before.
    earlierFiles: earlier.files,
    data: () => (data ??= releasingOnError(loadData(config.data, { exclude: notData, leaveOut: !req.final, keep: keptForBuild(config) }), run)),
  };
  // The run's hold of the lock: given back once, by the step that fails or by writeIndex at the end.
  releases.set(run, release);
  return run;
}

const releases = new WeakMap<Run, () => void>();

/** A step of the run that fails gives the output folder's lock back (the run ends there). */
async function releasingOnError<T>(step: Promise<T>, run: Run): Promise<T> {
  try {
    return await step;
  } catch (e) {
    releases.get(run)?.();
    throw e;
  }
}

/**
 * The documents of the run, sorted by municipality number (the region report last) and cut to
 * the shard's part: each with the hash of everything it is made from.
 */
export async function planItems(run: Run, req: Pick<BuildRequest, 'kommuner' | 'fylke' | 'shard'>): Promise<{ items: Item[]; kommuner: KommuneTarget[] }> {
  return releasingOnError(planned(run, req), run);
}

async function planned(run: Run, req: Pick<BuildRequest, 'kommuner' | 'fylke' | 'shard'>): Promise<{ items: Item[]; kommuner: KommuneTarget[] }> {
  const { config } = run;
  const dataFiles = (await expandDataPaths(config.data, run.notData)).files.filter((f) => !f.error);
  const shared = sharedInputs(run, dataFiles.map((f) => f.path));
  const register = defaultRegister();
  const kommuner = (await chooseKommuner(run, req)).map((k) => ({ k, geo: resolveKommune(k.code, register) })).sort((a, b) => a.geo.code.localeCompare(b.geo.code));
  const items: Item[] = kommuner.map(({ k, geo }) => {
    const own = kommuneInputs(config, k, geo.code);
    const folder = join(run.out, `${geo.code}-${slug(geo.name)}`);
    const follow = followUpInputs({ kind: run.kind, edition: config.edition, previous: run.previous, goals: config.goals ?? null, folder });
    return { kind: 'kommune', id: geo.code, name: geo.name, folder, kommune: { k, geo }, ...combine(shared, [...own, ...follow]) };
  });
  if (kommuner.length >= 2) items.push(regionItem(run, kommuner, shared));
  const shard = req.shard;
  return { items: shard ? items.filter((_, i) => i % shard.count === shard.index - 1) : items, kommuner };
}

/** The configuration's municipalities, or those `--kommune` names, or those of `--fylke` that are in the data. */
async function chooseKommuner(run: Run, req: Pick<BuildRequest, 'kommuner' | 'fylke'>): Promise<KommuneConfig[]> {
  const { config } = run;
  const register = defaultRegister();
  if (req.fylke !== undefined) {
    const fylke = req.fylke.padStart(2, '0');
    if (!register.current('fylke', fylke)) throw new UsageError(msg('errors.usage.fylke', { value: req.fylke }));
    const members = new Set(register.kommunerIn(fylke).map((k) => k.code));
    // A municipality whose data is only under the former numbers merged into it counts as present.
    const codes = new Set([...(await run.data()).summary.areas.values()].filter((a) => a.geo.level === 'kommune').map((a) => a.geo.code));
    const present = [...new Set([...codes].map((c) => (members.has(c) ? c : register.kommune(c)?.area.code)).filter((c): c is string => c !== undefined && members.has(c)))].sort();
    if (present.length === 0) throw new FolkehelseError(msg('errors.data.fylkeNoData', { fylke, data: config.data.join(', ') }), 2);
    return present.map((code) => config.kommuner.find((k) => k.code === code) ?? { code });
  }
  if (req.kommuner) {
    // A former number (1719, 0104) means the municipality it became; say so.
    return req.kommuner.map((code) => {
      const geo = resolveKommune(code, register);
      if (geo.note) run.emit({ type: 'info', message: geo.note });
      return config.kommuner.find((k) => k.code === geo.code) ?? config.kommuner.find((k) => k.code === code.padStart(4, '0')) ?? { code: geo.code };
    });
  }
  return config.kommuner;
}

/**
 * The side-by-side report of two or more municipalities: unnamed, it is named after them ("Levanger
 * og Verdal"), never after their county, which it does not cover (issue 26).
 */
function regionItem(run: Run, kommuner: KommuneTarget[], shared: InputFile[]): Item {
  const { config } = run;
  const names = kommuner.map((x) => x.geo.name);
  const name = config.region ?? (names.length <= 3 ? formatList(names, run.lang) : `${names.slice(0, 2).join(', ')} og ${names.length - 2} andre`);
  const own = kommuner.flatMap(({ k, geo }) => kommuneInputs(config, k, geo.code).filter((f) => !f.file.startsWith('assessment:')));
  return { kind: 'region', id: 'region', name, folder: join(run.out, `region-${slug(name)}`), ...combine(shared, [...own, { file: 'region', sha256: hash(`${name}|${kommuner.map((x) => x.geo.code).join(',')}`) }]) };
}

/** Splits the documents into those whose outputs are up to date (skipped, unless `force`) and those to build. */
export async function splitUpToDate(items: Item[], run: Run, force?: boolean): Promise<{ skipped: DocumentOutcome[]; pending: Item[] }> {
  return releasingOnError(split(items, run, force), run);
}

async function split(items: Item[], run: Run, force?: boolean): Promise<{ skipped: DocumentOutcome[]; pending: Item[] }> {
  const skipped: DocumentOutcome[] = [];
  const pending: Item[] = [];
  for (const item of items) {
    const upToDate = force ? null : await upToDateOutputs(item, run.recordKey, run.formats);
    if (upToDate) skipped.push({ id: item.id, name: item.name, kind: item.kind, status: 'skipped', outputs: upToDate, warnings: [], assessmentWarnings: [], error: null, seconds: 0 });
    else pending.push(item);
  }
  return { skipped, pending };
}

// ---- inputs, for incremental builds ---------------------------------------------------------

/** Every file below a folder (hidden ones left out), sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !relative(dir, f).split(sep).some((part) => part.startsWith('.')))
    .sort();
}

/** Inputs every document of the run shares: tool, options, data, catalogue, templates. */
function sharedInputs(run: Run, dataFiles: string[]): InputFile[] {
  const { config } = run;
  const options = { edition: config.edition, generatedOn: config.generatedOn ?? null, suppression: config.suppression, kostragruppe: config.kostragruppe ?? null, formats: [...run.formats].sort(), lang: run.lang, ...(run.final ? { final: true } : {}) };
  const files: InputFile[] = [{ file: 'tool', sha256: hash(`folkehelse ${VERSION}`) }, { file: 'options', sha256: hash(JSON.stringify(options)) }];
  // A missing data path is reported by the reader, with a plain message; here it only counts as changed.
  for (const f of dataFiles) files.push({ file: `data:${f}`, sha256: existsSync(f) && statSync(f).isFile() ? hashFile(f) : 'missing' });
  for (const f of [...filesUnder(DEFAULT_CATALOGUE_DIR), ...config.catalogue]) files.push({ file: `catalogue:${f}`, sha256: existsSync(f) ? hashFile(f) : 'missing' });
  // The utfordringsbilde's priorities and the assessment sections shape the document too.
  for (const f of [DEFAULT_PRIORITIES, DEFAULT_SECTIONS]) files.push({ file: `overview:${f}`, sha256: hashFile(f) });
  // What earlier editions published binds this edition's suppression.
  if (run.earlierFiles.length) files.push({ file: 'earlier-editions', sha256: hash(run.earlierFiles.map((f) => `${f}=${hashFile(f)}`).join('\n')) });
  for (const f of [...filesUnder(TEMPLATE_DIR), ...(config.templates ? filesUnder(config.templates) : [])]) files.push({ file: `template:${f}`, sha256: hashFile(f) });
  return files;
}

/** Inputs of one municipality's document: its configuration entry, assessments, coat of arms. */
function kommuneInputs(config: BuildConfig, k: KommuneConfig, code: string): InputFile[] {
  const files = [{ file: `kommune:${code}`, sha256: hash(JSON.stringify({ ...k, coatOfArms: undefined })) }];
  if (k.coatOfArms) files.push({ file: `coat-of-arms:${k.coatOfArms}`, sha256: existsSync(k.coatOfArms) ? hashFile(k.coatOfArms) : 'missing' });
  if (config.assessments) for (const f of filesUnder(join(config.assessments, code))) files.push({ file: `assessment:${f}`, sha256: hashFile(f) });
  return files;
}

function combine(shared: InputFile[], own: InputFile[]): { inputs: string; inputFiles: InputFile[] } {
  const inputFiles = [...shared, ...own];
  return { inputs: hash(inputFiles.map((f) => `${f.file}=${f.sha256}`).join('\n')), inputFiles };
}

/** The outputs, when the manifest says they were made from exactly these inputs and they are intact. */
async function upToDateOutputs(item: Item, key: string, formats: OutputFormat[]): Promise<string[] | null> {
  const record = readManifest(item.folder)?.documents[key];
  if (!record || record.inputs !== item.inputs) return null;
  if (formats.some((f) => !record.formats.includes(f))) return null;
  for (const o of record.outputs) {
    const path = join(item.folder, o.file);
    // An output that is no longer a regular file (a pipe put in its place) is never opened: build again.
    let bytes: Buffer;
    try {
      bytes = readRegularFile(path, Number.MAX_SAFE_INTEGER);
    } catch {
      return null;
    }
    if (hash(bytes) !== o.sha256) return null;
  }
  return record.outputs.map((o) => join(item.folder, o.file));
}
