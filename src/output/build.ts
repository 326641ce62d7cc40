import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildConfig, KommuneConfig, OutputFormat } from '../config.js';
import { FolkehelseError, UsageError } from '../errors.js';
import { defaultRegister } from '../geo/register.js';
import { expandDataPaths } from '../ingest/files.js';
import { loadData, type LoadedData } from '../ingest/load.js';
import { DEFAULT_CATALOGUE_DIR, loadCatalogue, type Indicator } from '../indicators/catalogue.js';
import { computeIndicators, resolveKommune } from '../indicators/engine.js';
import { DEFAULT_LIMITS } from '../indicators/methods/suppression.js';
import type { IndicatorResult } from '../indicators/result.js';
import { ObservationIndex } from '../indicators/select.js';
import type { Geography, Observation } from '../model/observation.js';
import { slug } from '../report/escape.js';
import type { Lang } from '../report/format.js';
import { renderHtml } from '../report/html.js';
import { loadTexts, TEMPLATE_DIR, text, type Texts } from '../report/language.js';
import { compileTemplates } from '../report/markdown.js';
import { buildDocument, type DocumentModel, type SourceFileInfo } from '../report/model.js';
import { buildRegion } from '../report/region.js';
import { cleanStaging, STAGING, writeFileAtomic } from './atomic.js';
import { readManifest, writeIndex, type DocumentRecord, type Manifest } from './manifest.js';
import { PdfRenderer } from './pdf.js';
import { attachFollowUp, buildAnnual, followUp, followUpInputs } from '../results/follow-up.js';
import { loadGoals, type GoalsFile } from '../results/goals.js';
import type { DocumentKind } from '../results/types.js';

export const VERSION = (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;

export interface BuildRequest {
  config: BuildConfig;
  /** Override the configuration's municipalities. */
  kommuner?: string[];
  /** Every municipality of this county that is in the data. */
  fylke?: string;
  formats?: OutputFormat[];
  lang?: Lang;
  out?: string;
  /** This run builds the documents i (1-based) of n, after sorting: for CI matrix jobs. */
  shard?: { index: number; count: number };
  /** Rebuild even when the inputs are unchanged. */
  force?: boolean;
  /** Documents rendered at once, and browser pages (default 2). */
  concurrency?: number;
  /** Where relative paths in the document are counted from (default: the config file's folder). */
  base?: string;
  onEvent?: (event: BuildEvent) => void;
  env?: NodeJS.ProcessEnv;
  /** full (the oversiktsdokument, default) or annual (the løpende oversikt). */
  kind?: DocumentKind;
  /** Overrides the configuration's edition (e.g. the year of an annual update). */
  edition?: number;
  /** A results file, or a folder of them, to compare with (default: earlier results in each document's folder). */
  previous?: string;
}

export interface DocumentOutcome {
  /** The municipality's number, or `region`. */
  id: string;
  name: string;
  kind: 'kommune' | 'region';
  status: 'built' | 'skipped' | 'failed';
  /** Files written (or, when skipped, the files that are up to date). */
  outputs: string[];
  warnings: string[];
  error: string | null;
  seconds: number;
}

export interface BuildOutcome {
  documents: DocumentOutcome[];
  /** Requests the PDF renderer blocked (there should be none). */
  blockedRequests: string[];
  /** The index manifest of the output folder. */
  manifest: string;
  seconds: number;
}

export type BuildEvent = { type: 'plan'; total: number; skipped: number } | { type: 'document'; outcome: DocumentOutcome } | { type: 'info'; message: string };

interface Item {
  kind: 'kommune' | 'region';
  id: string;
  name: string;
  folder: string;
  kommune?: { k: KommuneConfig; geo: Geography & { fylke: string } };
  inputs: string;
  inputFiles: { file: string; sha256: string }[];
}

/**
 * `folkehelse build`: for each municipality (and, with two or more, the region report) computes the
 * indicators and renders Markdown (with SVG figures), HTML and PDF. The data is read once; documents
 * are rendered `concurrency` at a time with one browser; each document's files are written
 * atomically once it is complete; a document whose inputs (data, configuration, templates,
 * catalogue, assessments, tool version) are unchanged is skipped; a municipality that fails does
 * not stop the others.
 */
export async function build(req: BuildRequest): Promise<BuildOutcome> {
  const started = performance.now();
  const config = req.edition !== undefined ? { ...req.config, edition: req.edition } : req.config;
  const kind = req.kind ?? 'full';
  if (req.previous !== undefined && !existsSync(req.previous)) throw new UsageError(`--previous: ${req.previous}: no such results file or folder`);
  const emit = req.onEvent ?? (() => {});
  const base = req.base ?? (config.file ? dirname(config.file) : process.cwd());
  const formats = req.formats ?? config.formats;
  const lang = req.lang ?? config.lang;
  // The manifest keeps the full document and the annual update of a language apart.
  const recordKey = kind === 'full' ? lang : `${lang}-lopende`;
  const out = req.out ?? config.out;
  const concurrency = Math.max(1, Math.floor(req.concurrency ?? 2));
  const register = defaultRegister();
  await cleanStaging(join(out, STAGING));

  // What the documents are made from, hashed: the same inputs give the same outputs.
  // The goals file may sit in the data folder: it is not data.
  const notData = [out, ...(config.goals ? [config.goals] : [])];
  const dataFiles = (await expandDataPaths(config.data, notData)).files;
  const shared = sharedInputs(config, { formats, lang }, dataFiles.map((f) => f.path));

  let data: LoadedData | null = null;
  const loadOnce = async (): Promise<LoadedData> => {
    data ??= await loadData(config.data, { exclude: notData });
    return data;
  };

  let kommuneConfigs: KommuneConfig[];
  if (req.fylke !== undefined) {
    const fylke = req.fylke.padStart(2, '0');
    if (!register.current('fylke', fylke)) throw new UsageError(`--fylke: "${req.fylke}" is not a county number (e.g. 50 for Trøndelag)`);
    const members = new Set(register.kommunerIn(fylke).map((k) => k.code));
    const present = [...new Set((await loadOnce()).observations.filter((o) => o.geo.level === 'kommune' && members.has(o.geo.code)).map((o) => o.geo.code))].sort();
    if (present.length === 0) throw new FolkehelseError(`no municipality of county ${fylke} has data in ${config.data.join(', ')}`, 1);
    kommuneConfigs = present.map((code) => config.kommuner.find((k) => k.code === code) ?? { code });
  } else if (req.kommuner) kommuneConfigs = req.kommuner.map((code) => config.kommuner.find((k) => k.code === code.padStart(4, '0')) ?? { code });
  else kommuneConfigs = config.kommuner;
  const kommuner = kommuneConfigs.map((k) => ({ k, geo: resolveKommune(k.code, register) })).sort((a, b) => a.geo.code.localeCompare(b.geo.code));

  const items: Item[] = kommuner.map(({ k, geo }) => {
    const own = kommuneInputs(config, k, geo.code);
    const folder = join(out, `${geo.code}-${slug(geo.name)}`);
    const follow = followUpInputs({ kind, edition: config.edition, previous: req.previous ?? null, goals: config.goals ?? null, folder });
    return { kind: 'kommune', id: geo.code, name: geo.name, folder, kommune: { k, geo }, ...combine(shared, [...own, ...follow]) };
  });
  if (kommuner.length >= 2) {
    // Unnamed, the region is its county when all the municipalities are in one.
    const fylker = new Set(kommuner.map((x) => x.geo.fylke));
    const fylkeName = fylker.size === 1 ? register.current('fylke', [...fylker][0]!)?.name : undefined;
    const name = config.region ?? fylkeName ?? 'Region';
    const own = kommuner.flatMap(({ k, geo }) => kommuneInputs(config, k, geo.code).filter((f) => !f.file.startsWith('assessment:')));
    items.push({ kind: 'region', id: 'region', name, folder: join(out, `region-${slug(name)}`), ...combine(shared, [...own, { file: 'region', sha256: hash(`${name}|${kommuner.map((x) => x.geo.code).join(',')}`) }]) });
  }
  const mine = req.shard ? items.filter((_, i) => i % req.shard!.count === req.shard!.index - 1) : items;

  const outcomes: DocumentOutcome[] = [];
  const pending: Item[] = [];
  for (const item of mine) {
    const upToDate = req.force ? null : await upToDateOutputs(item, recordKey, formats);
    if (upToDate) outcomes.push({ id: item.id, name: item.name, kind: item.kind, status: 'skipped', outputs: upToDate, warnings: [], error: null, seconds: 0 });
    else pending.push(item);
  }
  emit({ type: 'plan', total: mine.length, skipped: outcomes.length });
  for (const o of outcomes) emit({ type: 'document', outcome: o });

  let pdf: PdfRenderer | null = null;
  let pdfError: string | null = null;
  if (pending.length > 0) {
    const loaded = await loadOnce();
    emit({ type: 'info', message: `read ${loaded.files.length} files, ${loaded.observations.length} observations` });
    const ctx = prepare(config, loaded, base, lang, formats);
    ctx.kind = kind;
    ctx.previous = req.previous ?? null;
    ctx.goals = config.goals ? loadGoals(config.goals, new Set(ctx.catalogue.map((i) => i.id)), relative(base, config.goals) || config.goals) : null;
    if (formats.includes('pdf')) {
      try {
        pdf = await PdfRenderer.launch(req.env, Math.min(concurrency, pending.length));
      } catch (e) {
        if (!(e instanceof FolkehelseError)) throw e;
        pdfError = e.message;
      }
    }
    try {
      await pool(pending, concurrency, async (item) => {
        const start = performance.now();
        const outcome: DocumentOutcome = { id: item.id, name: item.name, kind: item.kind, status: 'built', outputs: [], warnings: [], error: null, seconds: 0 };
        try {
          const doc = item.kind === 'kommune' ? renderKommune(ctx, item) : renderRegion(ctx, item, kommuner);
          outcome.warnings.push(...(doc.warnings ?? []));
          if (formats.includes('pdf')) {
            if (pdf) doc.files.set(`${doc.stem}.pdf`, await pdf.render(doc.html!, { header: doc.header, page: text(ctx.texts, 'pdf.page'), of: text(ctx.texts, 'pdf.of') }));
            else outcome.warnings.push(pdfError!);
          }
          // The files of one document are written side by side: each one atomically.
          const entries = [...doc.files];
          await Promise.all(entries.map(([name, content]) => writeFileAtomic(join(item.folder, name), content, join(out, STAGING))));
          const written = entries.map(([name, content]) => ({ file: name, sha256: hash(content) }));
          outcome.outputs.push(...entries.map(([name]) => join(item.folder, name)));
          if (kind === 'full') await removeStaleFigures(join(item.folder, 'figurer'), lang, new Set([...doc.files.keys()].filter((f) => f.startsWith('figurer/')).map((f) => f.slice('figurer/'.length))));
          const manifest: Manifest = readManifest(item.folder) ?? { tool: `folkehelse ${VERSION}`, documents: {} };
          const record: DocumentRecord = { kind: item.kind, id: item.id, name: item.name, lang, formats: formats.filter((f) => f !== 'pdf' || pdf !== null), inputs: item.inputs, inputFiles: item.inputFiles, outputs: written };
          manifest.tool = `folkehelse ${VERSION}`;
          manifest.documents[recordKey] = record;
          await writeFileAtomic(join(item.folder, 'folkehelse-manifest.json'), JSON.stringify(manifest, null, 2) + '\n', join(out, STAGING));
        } catch (e) {
          if (!(e instanceof FolkehelseError)) throw e;
          outcome.status = 'failed';
          outcome.error = e.message;
        }
        outcome.seconds = (performance.now() - start) / 1000;
        outcomes.push(outcome);
        emit({ type: 'document', outcome });
      });
    } finally {
      await pdf?.close();
    }
  }
  const manifest = await writeIndex(out);
  const order = new Map(mine.map((item, i) => [item.id, i]));
  outcomes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { documents: outcomes, blockedRequests: pdf?.blockedRequests ?? [], manifest, seconds: (performance.now() - started) / 1000 };
}

/** Runs `work` over the items with at most `n` at a time. */
async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

interface Context {
  config: BuildConfig;
  catalogue: Indicator[];
  index: ObservationIndex;
  sources: Map<string, SourceFileInfo>;
  /** SSB 07459 observations by area, for the population pyramid. */
  population: Map<string, Observation[]>;
  suppression: typeof DEFAULT_LIMITS;
  lang: Lang;
  formats: OutputFormat[];
  base: string;
  render: ReturnType<typeof compileTemplates>;
  renderRegion: ReturnType<typeof compileTemplates>;
  texts: Texts;
  /** Results per municipality, kept for the region report. */
  results: Map<string, IndicatorResult[]>;
  kind: DocumentKind;
  previous: string | null;
  goals: GoalsFile | null;
  /** The løpende oversikt's template, compiled when first used. */
  renderAnnual?: ReturnType<typeof compileTemplates>;
}

function prepare(config: BuildConfig, data: LoadedData, base: string, lang: Lang, formats: OutputFormat[]): Context {
  const population = new Map<string, Observation[]>();
  for (const o of data.observations) {
    if (o.source !== 'ssb' || o.table !== '07459') continue;
    let list = population.get(o.geo.code);
    if (!list) population.set(o.geo.code, (list = []));
    list.push(o);
  }
  return {
    config,
    catalogue: loadCatalogue(config.catalogue),
    index: new ObservationIndex(data.observations),
    sources: describeFiles(data, base),
    population,
    suppression: { ...DEFAULT_LIMITS, ...config.suppression },
    lang,
    formats,
    base,
    render: compileTemplates(config.templates),
    renderRegion: compileTemplates(config.templates, 'region.md.hbs'),
    texts: loadTexts(lang, config.templates),
    results: new Map(),
    kind: 'full',
    previous: null,
    goals: null,
  };
}

interface RenderedDocument {
  stem: string;
  files: Map<string, string | Uint8Array>;
  html: string | null;
  header: string;
  warnings?: string[];
}

function resultsFor(ctx: Context, k: KommuneConfig, geo: Geography): IndicatorResult[] {
  let results = ctx.results.get(geo.code);
  if (!results) {
    results = computeIndicators(ctx.index, ctx.catalogue, {
      kommune: geo.code,
      comparisons: { kostragruppe: k.kostragruppe ?? ctx.config.kostragruppe, neighbours: k.neighbours },
      suppression: ctx.config.suppression,
    });
    ctx.results.set(geo.code, results);
  }
  return results;
}

function renderKommune(ctx: Context, item: Item): RenderedDocument {
  const { config, lang, texts } = ctx;
  const { k, geo } = item.kommune!;
  if (ctx.index.countFor(geo.code) === 0) throw new FolkehelseError(`${geo.name} (${geo.code}) has no data in ${config.data.map((d) => relative(ctx.base, d) || '.').join(', ')}`, 1);
  const results = resultsFor(ctx, k, geo);
  const fylkeArea = defaultRegister().current('fylke', geo.fylke);
  const fylke: Geography = { code: geo.fylke, level: 'fylke', name: fylkeArea?.name ?? geo.fylke };
  const files = new Map<string, string | Uint8Array>();
  const images = new Map<string, string>();
  let coatOfArms: string | null = null;
  if (k.coatOfArms) {
    if (!existsSync(k.coatOfArms)) throw new FolkehelseError(`coat of arms ${k.coatOfArms}: no such file`, 2);
    const ext = extname(k.coatOfArms).toLowerCase();
    if (ext !== '.svg' && ext !== '.png') throw new FolkehelseError(`coat of arms ${k.coatOfArms}: use an .svg or .png file`, 2);
    coatOfArms = `figurer/kommunevapen${ext}`;
    const bytes = readFileSync(k.coatOfArms);
    files.set(coatOfArms, bytes);
    images.set(coatOfArms, `data:${ext === '.svg' ? 'image/svg+xml' : 'image/png'};base64,${bytes.toString('base64')}`);
  }
  const population = [...(ctx.population.get(geo.code) ?? []), ...(ctx.population.get('0') ?? [])];
  const usedFiles = new Set(results.flatMap((r) => r.provenance.files));
  for (const o of ctx.population.get(geo.code) ?? []) usedFiles.add(o.origin.file);
  const { model, figures } = buildDocument({
    lang,
    texts,
    kommune: { code: geo.code, level: 'kommune', name: geo.name },
    fylke,
    edition: config.edition,
    generatedOn: config.generatedOn ?? null,
    coatOfArms,
    results,
    sources: [...ctx.sources.entries()].filter(([file]) => usedFiles.has(file)).map(([, s]) => s),
    population,
    assessments: readAssessments(config.assessments, geo.code),
    assessmentPath: (key) => toPosix(relative(ctx.base, join(config.assessments ?? join(ctx.base, 'vurderinger'), geo.code, `${key}.md`))),
    suppression: ctx.suppression,
    version: VERSION,
  });
  // The results file (only published numbers), the comparison with the previous edition and the goals.
  const follow = followUp({ kind: ctx.kind, edition: config.edition, generatedOn: config.generatedOn ?? null, tool: `folkehelse ${VERSION}`, kommune: geo, fylke, results, sources: new Map([...ctx.sources].filter(([f]) => usedFiles.has(f))), model, texts, lang, previous: ctx.previous, folder: item.folder, goals: ctx.goals });
  if (ctx.kind === 'full') attachFollowUp(model, follow, texts, lang);
  const markdown = ctx.kind === 'full' ? ctx.render(model) : (ctx.renderAnnual ??= compileTemplates(config.templates, 'lopende.md.hbs'))(buildAnnual(follow, model, texts, lang) as unknown as DocumentModel);
  const stem = ctx.kind === 'full' ? `oversikt-${config.edition}.${lang}` : `lopende-oversikt-${config.edition}.${lang}`;
  if (ctx.formats.includes('md')) {
    files.set(`${stem}.md`, markdown);
    if (ctx.kind === 'full') for (const [name, svg] of figures) files.set(name, svg);
  }
  let html: string | null = null;
  if (ctx.formats.includes('html') || ctx.formats.includes('pdf')) {
    html = renderHtml(markdown, { title: `${ctx.kind === 'full' ? model.title : text(texts, 'followUp.annual.title')} – ${geo.name}`, lang, figures, images, templates: config.templates });
    if (ctx.formats.includes('html')) files.set(`${stem}.html`, html);
  }
  files.set(follow.fileName, follow.content);
  return { stem, files, html, header: `${geo.name} kommune – ${ctx.kind === 'full' ? model.title : text(texts, 'followUp.annual.title')} ${config.edition}`, warnings: follow.warnings };
}

function renderRegion(ctx: Context, item: Item, kommuner: { k: KommuneConfig; geo: Geography & { fylke: string } }[]): RenderedDocument {
  const { config, lang, texts } = ctx;
  const withData = kommuner.filter(({ geo }) => ctx.index.countFor(geo.code) > 0);
  if (withData.length < 2) throw new FolkehelseError(`the region report needs two municipalities with data; ${withData.length} ${withData.length === 1 ? 'has' : 'have'} data`, 1);
  const fylker = new Set(withData.map(({ geo }) => geo.fylke));
  const fylkeCode = fylker.size === 1 ? [...fylker][0]! : null;
  const model = buildRegion({
    lang,
    texts,
    name: item.name,
    edition: config.edition,
    generatedOn: config.generatedOn ?? null,
    kommuner: withData.map(({ k, geo }) => ({ geo: { code: geo.code, level: 'kommune', name: geo.name }, results: resultsFor(ctx, k, geo) })),
    fylke: fylkeCode ? { code: fylkeCode, level: 'fylke', name: defaultRegister().current('fylke', fylkeCode)?.name ?? fylkeCode } : null,
    version: VERSION,
  });
  const markdown = ctx.renderRegion(model);
  const stem = `side-om-side-${config.edition}.${lang}`;
  const files = new Map<string, string | Uint8Array>();
  if (ctx.formats.includes('md')) files.set(`${stem}.md`, markdown);
  let html: string | null = null;
  if (ctx.formats.includes('html') || ctx.formats.includes('pdf')) {
    html = renderHtml(markdown, { title: model.title, lang, figures: new Map(), templates: config.templates });
    if (ctx.formats.includes('html')) files.set(`${stem}.html`, html);
  }
  return { stem, files, html, header: `${model.title} ${config.edition}` };
}

/** Reads `<folder>/<kommune>/*.md`: keys are the file names without .md. */
export function readAssessments(folder: string | undefined, kommune: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!folder) return out;
  const dir = join(folder, kommune);
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.md')) continue;
    const body = readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '').trim();
    if (body) out.set(f.slice(0, -3), body);
  }
  return out;
}

/** Per data file: SHA-256, source, tables and periods, for the Kunnskapsgrunnlag. */
function describeFiles(data: LoadedData, base: string): Map<string, SourceFileInfo> {
  const byFile = new Map<string, { tables: Set<string>; from: number; to: number; source: string }>();
  for (const o of data.observations) {
    let f = byFile.get(o.origin.file);
    if (!f) byFile.set(o.origin.file, (f = { tables: new Set(), from: o.period.from, to: o.period.to, source: o.source }));
    f.tables.add(o.table);
    if (o.period.from < f.from) f.from = o.period.from;
    if (o.period.to > f.to) f.to = o.period.to;
  }
  const out = new Map<string, SourceFileInfo>();
  for (const { file } of data.files) {
    const f = byFile.get(file.display);
    if (!f) continue;
    out.set(file.display, { file: toPosix(relative(base, file.path)), sha256: hashFile(file.path), source: f.source, tables: [...f.tables].sort(), periods: f.from === f.to ? String(f.from) : `${f.from}–${f.to}` });
  }
  return out;
}

// ---- inputs, for incremental builds ---------------------------------------------------------

/** Hashes of files, reused while a file's size and modification time stay the same. */
const fileHashes = new Map<string, { stamp: string; sha256: string }>();
function hashFile(path: string): string {
  const st = statSync(path);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const cached = fileHashes.get(path);
  if (cached?.stamp === stamp) return cached.sha256;
  const sha256 = hash(readFileSync(path));
  fileHashes.set(path, { stamp, sha256 });
  return sha256;
}

function hash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

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
function sharedInputs(config: BuildConfig, opts: { formats: OutputFormat[]; lang: Lang }, dataFiles: string[]): { file: string; sha256: string }[] {
  const options = { edition: config.edition, generatedOn: config.generatedOn ?? null, suppression: config.suppression, kostragruppe: config.kostragruppe ?? null, formats: [...opts.formats].sort(), lang: opts.lang };
  const files: { file: string; sha256: string }[] = [{ file: 'tool', sha256: hash(`folkehelse ${VERSION}`) }, { file: 'options', sha256: hash(JSON.stringify(options)) }];
  // A missing data path is reported by the reader, with a plain message; here it only counts as changed.
  for (const f of dataFiles) files.push({ file: `data:${f}`, sha256: existsSync(f) && statSync(f).isFile() ? hashFile(f) : 'missing' });
  for (const f of [...filesUnder(DEFAULT_CATALOGUE_DIR), ...config.catalogue]) files.push({ file: `catalogue:${f}`, sha256: existsSync(f) ? hashFile(f) : 'missing' });
  for (const f of [...filesUnder(TEMPLATE_DIR), ...(config.templates ? filesUnder(config.templates) : [])]) files.push({ file: `template:${f}`, sha256: hashFile(f) });
  return files;
}

/** Inputs of one municipality's document: its configuration entry, assessments, coat of arms. */
function kommuneInputs(config: BuildConfig, k: KommuneConfig, code: string): { file: string; sha256: string }[] {
  const files = [{ file: `kommune:${code}`, sha256: hash(JSON.stringify({ ...k, coatOfArms: undefined })) }];
  if (k.coatOfArms) files.push({ file: `coat-of-arms:${k.coatOfArms}`, sha256: existsSync(k.coatOfArms) ? hashFile(k.coatOfArms) : 'missing' });
  if (config.assessments) for (const f of filesUnder(join(config.assessments, code))) files.push({ file: `assessment:${f}`, sha256: hashFile(f) });
  return files;
}

function combine(shared: { file: string; sha256: string }[], own: { file: string; sha256: string }[]): { inputs: string; inputFiles: { file: string; sha256: string }[] } {
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
    if (!existsSync(path) || hash(readFileSync(path)) !== o.sha256) return null;
  }
  return record.outputs.map((o) => join(item.folder, o.file));
}

async function removeStaleFigures(dir: string, lang: Lang, keep: Set<string>): Promise<void> {
  if (!existsSync(dir)) return;
  for (const f of await readdir(dir)) if (f.endsWith(`.${lang}.svg`) && !keep.has(f)) await rm(join(dir, f), { force: true });
}

function toPosix(p: string): string {
  return p.split(sep).join('/');
}
