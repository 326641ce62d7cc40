import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPathProblem, templateProblems, type BuildConfig, type KommuneConfig, type OutputFormat } from '../config.js';
import { FolkehelseError, UsageError } from '../errors.js';
import { defaultRegister } from '../geo/register.js';
import { expandDataPaths } from '../ingest/files.js';
import { loadData, type LoadedData } from '../ingest/load.js';
import { DEFAULT_CATALOGUE_DIR, loadCatalogue, type Indicator } from '../indicators/catalogue.js';
import { readProvenance } from '../fetch/store.js';
import { computeIndicators, resolveKommune } from '../indicators/engine.js';
import { strictestLimits } from '../indicators/disclosure.js';
import type { SuppressionLimits } from '../indicators/methods/suppression.js';
import type { IndicatorResult } from '../indicators/result.js';
import { ObservationIndex } from '../indicators/select.js';
import type { Geography, Observation } from '../model/observation.js';
import { slug } from '../report/escape.js';
import type { Lang } from '../report/format.js';
import type { Document } from '../report/document.js';
import { loadTexts, TEMPLATE_DIR, type Texts } from '../report/language.js';
import { compileTemplates } from '../report/markdown.js';
import { buildDocument, type DocumentInput, type SourceFileInfo } from '../report/model.js';
import { describeUnknown } from '../assessments/names.js';
import { headingPages } from './pdf-outline.js';
import { withInfo } from './pdf-metadata.js';
import { readAssessmentFolder, textFor } from '../assessments/discover.js';
import { FinalGateError } from '../assessments/gate.js';
import { DEFAULT_SECTIONS, loadSections, validNames, type SectionData } from '../assessments/sections.js';
import { withoutComments } from '../assessments/structured.js';
import { overviewData, type OverviewData } from '../overview/document-data.js';
import { countyRanges, type CountyRange } from '../overview/short-version.js';
import { buildShortDocument } from '../report/short.js';
import { DEFAULT_PRIORITIES, loadPriorities, type Priorities } from '../overview/priorities.js';
import { buildRegion } from '../report/region.js';
import { RENDERERS, type RenderContext } from '../report/renderers.js';
import { cleanStaging, STAGING, writeFileAtomic } from './atomic.js';
import { readManifest, writeIndex, type DocumentRecord, type Manifest } from './manifest.js';
import { PdfRenderer } from './pdf.js';
import { annualDocument, attachFollowUp, followUp, followUpInputs, type FollowUp } from '../results/follow-up.js';
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
  /**
   * `build --final`: a municipality whose required assessments or § 5 b–c sections are missing,
   * empty or incomplete fails with the list of files (FinalGateError), and no placeholder is
   * printed anywhere. The default (draft) marks every missing assessment.
   */
  final?: boolean;
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
  /**
   * For the coordinator, not failures (the exit code ignores them): assessment files with unknown
   * names (with the nearest valid name) and texts that contradict the computed trend or verdict.
   */
  assessmentWarnings: string[];
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
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`${out}: the output folder is a file; name a folder with "out" or --out`);
  if (config.templates) {
    const problems = templateProblems(config.templates);
    if (problems.length) throw new UsageError(problems.join('\n'));
  }
  await cleanStaging(join(out, STAGING));

  // What the documents are made from, hashed: the same inputs give the same outputs.
  // Never data, even inside a data folder (`"data": ["."]`): the outputs and folkehelse's own files.
  const notData = [out, config.file, ...config.catalogue, config.assessments, config.templates, config.goals].filter((p): p is string => typeof p === 'string');
  const dataFiles = (await expandDataPaths(config.data, notData)).files.filter((f) => !f.error);
  const shared = sharedInputs(config, { formats, lang, final: req.final }, dataFiles.map((f) => f.path));

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
    // A municipality whose data is only under the former numbers merged into it counts as present.
    const codes = new Set((await loadOnce()).observations.filter((o) => o.geo.level === 'kommune').map((o) => o.geo.code));
    const present = [...new Set([...codes].map((c) => (members.has(c) ? c : register.kommune(c)?.area.code)).filter((c): c is string => c !== undefined && members.has(c)))].sort();
    if (present.length === 0) throw new FolkehelseError(`no municipality of county ${fylke} has data in ${config.data.join(', ')}`, 1);
    kommuneConfigs = present.map((code) => config.kommuner.find((k) => k.code === code) ?? { code });
  } else if (req.kommuner) {
    // A former number (1719, 0104) means the municipality it became; say so.
    kommuneConfigs = req.kommuner.map((code) => {
      const geo = resolveKommune(code, register);
      if (geo.note) emit({ type: 'info', message: geo.note });
      return config.kommuner.find((k) => k.code === geo.code) ?? config.kommuner.find((k) => k.code === code.padStart(4, '0')) ?? { code: geo.code };
    });
  } else kommuneConfigs = config.kommuner;
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
    if (upToDate) outcomes.push({ id: item.id, name: item.name, kind: item.kind, status: 'skipped', outputs: upToDate, warnings: [], assessmentWarnings: [], error: null, seconds: 0 });
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
    // The short version is printed to PDF too when a browser is there.
    if (formats.includes('pdf') || formats.includes('kortversjon')) {
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
        const outcome: DocumentOutcome = { id: item.id, name: item.name, kind: item.kind, status: 'built', outputs: [], warnings: [], assessmentWarnings: [], error: null, seconds: 0 };
        try {
          let doc = item.kind === 'kommune' ? kommuneDocument(ctx, item, Boolean(req.final), outcome.assessmentWarnings) : regionDocument(ctx, item, kommuner);
          // The results file (published numbers only), the changes since the previous edition and the goals.
          let follow: FollowUp | null = null;
          if (item.kind === 'kommune') {
            follow = kommuneFollowUp(ctx, item, doc);
            doc = ctx.kind === 'full' ? attachFollowUp(doc, follow, ctx.texts, lang) : annualDocument(follow, doc, ctx.texts, lang);
            outcome.warnings.push(...follow.warnings);
          }
          // A catalogue mistake is said, not only shown as "no data" in the appendix.
          if (item.kind === 'kommune') for (const r of ctx.results.get(item.id) ?? []) if (r.status === 'invalid-selection') outcome.warnings.push(r.message ?? `indicator ${r.id}: the catalogue selection is invalid`);
          const renderContext: RenderContext = {
            stem: `${item.kind === 'region' ? 'side-om-side' : ctx.kind === 'annual' ? 'lopende-oversikt' : 'oversikt'}-${config.edition}.${lang}`,
            templates: config.templates,
            markdown: ctx.markdown ?? undefined,
            // Author = the municipality, creator = folkehelse and its version (Chromium sets neither).
            printPdf: pdf
              ? async (html, d, print) =>
                  withInfo(await pdf!.render(html, { header: d.labels.runningHeader, page: d.labels.page, of: d.labels.of, layoutOnly: print?.layoutOnly }), {
                    title: d.kind === 'kommune' ? `${d.title} – ${d.subject}` : d.title,
                    author: d.subject,
                    subject: d.subtitle,
                    creator: `folkehelse ${VERSION}`,
                  })
              : undefined,
            headingPages,
          };
          // The coat of arms beside the document, for the Markdown's image link.
          const files = new Map<string, string | Uint8Array>(doc.coatOfArms ? [[doc.coatOfArms.file, doc.coatOfArms.bytes]] : []);
          for (const format of formats) {
            if (format === 'pdf' && !pdf) {
              outcome.warnings.push(pdfError!);
              continue;
            }
            for (const [name, content] of await RENDERERS.get(format)!.render(doc, renderContext)) files.set(name, content);
          }
          // Listed after the document's files.
          if (follow) files.set(follow.fileName, follow.content);
          // The files of one document are written side by side: each one atomically.
          const entries = [...files];
          await Promise.all(entries.map(([name, content]) => writeFileAtomic(join(item.folder, name), content, join(out, STAGING))));
          const written = entries.map(([name, content]) => ({ file: name, sha256: hash(content) }));
          outcome.outputs.push(...entries.map(([name]) => join(item.folder, name)));
          // The annual update has no figures; the full document's stay.
          if (ctx.kind === 'full') await removeStaleFigures(join(item.folder, 'figurer'), lang, new Set([...files.keys()].filter((f) => f.startsWith('figurer/')).map((f) => f.slice('figurer/'.length))));
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
  /** Per municipality: the indicators behind its utfordringsbilde and resources (for the results file). */
  listed: Map<string, { challenges: Set<string>; resources: Set<string> }>;
  config: BuildConfig;
  catalogue: Indicator[];
  index: ObservationIndex;
  sources: Map<string, SourceFileInfo>;
  /** SSB 07459 observations by area, for the population pyramid. */
  population: Map<string, Observation[]>;
  /** The limits applied (the strictest of the defaults and the configuration's), as the appendix states them. */
  suppression: SuppressionLimits & { groupDenominator: number };
  lang: Lang;
  formats: OutputFormat[];
  base: string;
  /** The Markdown templates, compiled once (a broken template stops the run before anything is written). */
  markdown: { document: ReturnType<typeof compileTemplates>; region: ReturnType<typeof compileTemplates> } | null;
  texts: Texts;
  /** Results per municipality, kept for the region report. */
  results: Map<string, IndicatorResult[]>;
  kind: DocumentKind;
  previous: string | null;
  goals: GoalsFile | null;
  /** The assessment sections and the utfordringsbilde's priorities, read when first needed. */
  sections?: SectionData;
  priorities?: Priorities;
}

function prepare(config: BuildConfig, data: LoadedData, base: string, lang: Lang, formats: OutputFormat[]): Context {
  const population = new Map<string, Observation[]>();
  for (const o of data.observations) {
    if (o.source !== 'ssb' || o.table !== '07459') continue;
    let list = population.get(o.geo.code);
    if (!list) population.set(o.geo.code, (list = []));
    list.push(o);
  }
  const catalogue = loadCatalogue(config.catalogue);
  return {
    listed: new Map(),
    config,
    catalogue,
    index: new ObservationIndex(data.observations),
    sources: describeFiles(data, base),
    population,
    suppression: appliedLimits(config, catalogue),
    lang,
    formats,
    base,
    markdown: formats.includes('md') ? { document: compileTemplates(config.templates), region: compileTemplates(config.templates, 'region.md.hbs') } : null,
    texts: loadTexts(lang, config.templates),
    results: new Map(),
    kind: 'full',
    previous: null,
    goals: null,
  };
}

/**
 * The limits the appendix states: the strictest of the defaults and the configuration's, and for
 * Ungdata's groups the strictest denominator limit any Ungdata indicator gets (20 by default).
 */
function appliedLimits(config: BuildConfig, catalogue: Indicator[]): SuppressionLimits & { groupDenominator: number } {
  const run = strictestLimits(config.suppression);
  const ungdata = catalogue.filter((i) => i.select.source === 'ungdata').map((i) => strictestLimits(config.suppression, i.suppression).denominator);
  return { ...run, groupDenominator: Math.max(run.denominator, ...ungdata) };
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

function kommuneDocument(ctx: Context, item: Item, final: boolean, warnings: string[]): Document {
  const { config, lang, texts } = ctx;
  const { k, geo } = item.kommune!;
  if (!hasData(ctx, geo.code)) throw new FolkehelseError(`${geo.name} (${geo.code}) has no data in ${config.data.map((d) => relative(ctx.base, d) || '.').join(', ')}`, 1);
  const results = resultsFor(ctx, k, geo);
  const fylkeArea = defaultRegister().current('fylke', geo.fylke);
  const fylke: Geography = { code: geo.fylke, level: 'fylke', name: fylkeArea?.name ?? geo.fylke };
  let coatOfArms: DocumentInput['coatOfArms'] = null;
  if (k.coatOfArms) {
    if (!existsSync(k.coatOfArms)) throw new FolkehelseError(`coat of arms ${k.coatOfArms}: no such file`, 2);
    const problem = projectPathProblem(k.coatOfArms, [sep], 'file');
    if (problem) throw new FolkehelseError(`coat of arms ${problem}`, 2);
    const ext = extname(k.coatOfArms).toLowerCase();
    if (ext !== '.svg' && ext !== '.png') throw new FolkehelseError(`coat of arms ${k.coatOfArms}: use an .svg or .png file`, 2);
    if (!statSync(k.coatOfArms).isFile()) throw new FolkehelseError(`coat of arms ${k.coatOfArms}: is a folder, not a file`, 2);
    coatOfArms = { file: `figurer/kommunevapen${ext}`, mediaType: ext === '.svg' ? 'image/svg+xml' : 'image/png', bytes: new Uint8Array(readFileSync(k.coatOfArms)) };
  }
  const population = [...(ctx.population.get(geo.code) ?? []), ...(ctx.population.get('0') ?? [])];
  const usedFiles = new Set(results.flatMap((r) => r.provenance.files));
  for (const o of ctx.population.get(geo.code) ?? []) usedFiles.add(o.origin.file);
  const { overview, assessments } = overviewFor(ctx, geo.code, results, final, warnings, ctx.formats.includes('kortversjon') ? countyRangesFor(ctx, geo, results) : undefined);
  // The results file records the same challenges and resources the summary shows.
  ctx.listed.set(geo.code, {
    challenges: new Set(overview.utfordringsbilde.proposals.flatMap((c) => c.indicators.map((i) => i.id))),
    resources: new Set(overview.ressurser.proposals.map((p) => p.id)),
  });
  const input: DocumentInput = {
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
    assessments,
    overview,
    priorities: ctx.priorities,
    final,
    assessmentPath: (key) => toPosix(relative(ctx.base, join(config.assessments ?? join(ctx.base, 'vurderinger'), geo.code, `${key}.md`))),
    suppression: ctx.suppression,
    version: VERSION,
  };
  const doc = buildDocument(input);
  if (ctx.formats.includes('kortversjon')) doc.short = buildShortDocument(input, overview, doc, `oversikt-${config.edition}.${lang}.pdf`);
  return doc;
}

/**
 * The municipality's assessment files (per language: `a.nn.md` before `a.md`) and the data of the
 * summary, inequality and § 5 b–c chapters. Unknown file names (with the nearest valid name) and
 * texts that contradict the numbers become warnings; with `final`, any required gap stops the
 * document (FinalGateError names every file).
 */
function overviewFor(ctx: Context, code: string, results: IndicatorResult[], final: boolean, warnings: string[], ranges?: Map<string, CountyRange>): { overview: OverviewData; assessments: Map<string, string> } {
  const { config, lang } = ctx;
  checkAssessmentPaths(config.assessments, code);
  const sections = (ctx.sections ??= loadSections());
  const priorities = (ctx.priorities ??= loadPriorities());
  const set = config.assessments ? readAssessmentFolder(config.assessments, code, validNames(sections, ctx.catalogue.map((i) => i.id))) : { kommune: code, assessments: new Map(), unknown: [] };
  const overview = overviewData({ results, assessments: set, sections, priorities, lang, ranges });
  if (final && overview.missing.length) throw new FinalGateError(overview.missing, set.unknown);
  for (const u of overview.unknown) warnings.push(describeUnknown(u));
  for (const c of overview.contradictions) warnings.push(c.message);
  const assessments = new Map<string, string>();
  for (const name of [...set.assessments.keys()].sort()) {
    const t = textFor(set, name, lang);
    // HTML comments (the guiding questions of the templates) are never published.
    const body = t ? withoutComments(t.body) : '';
    if (body) assessments.set(name, body);
  }
  return { overview, assessments };
}

/**
 * The range of the county's municipalities in the data, per indicator and the municipality's own
 * period, for the short version's spine chart (only the municipalities whose data is loaded).
 */
function countyRangesFor(ctx: Context, geo: Geography & { fylke: string }, results: IndicatorResult[]): Map<string, CountyRange> {
  const register = defaultRegister();
  const members = register.kommunerIn(geo.fylke).filter((k) => hasData(ctx, k.code));
  const perKommune = members.map((k) => (k.code === geo.code ? results : resultsFor(ctx, ctx.config.kommuner.find((c) => c.code === k.code) ?? { code: k.code }, { code: k.code, level: 'kommune', name: k.name })));
  return countyRanges(perKommune, new Map(results.filter((r) => r.period).map((r) => [r.id, r.period!.label])));
}

/** This edition's results file, the comparison with the previous edition and the goals of one municipality. */
function kommuneFollowUp(ctx: Context, item: Item, full: Document): FollowUp {
  const { k, geo } = item.kommune!;
  const results = resultsFor(ctx, k, geo);
  const fylke: Geography = { code: geo.fylke, level: 'fylke', name: defaultRegister().current('fylke', geo.fylke)?.name ?? geo.fylke };
  const used = new Set(results.flatMap((r) => r.provenance.files));
  return followUp({
    kind: ctx.kind,
    edition: ctx.config.edition,
    generatedOn: ctx.config.generatedOn ?? null,
    tool: `folkehelse ${VERSION}`,
    kommune: { code: geo.code, level: 'kommune', name: geo.name },
    fylke,
    results,
    sources: new Map([...ctx.sources].filter(([f]) => used.has(f))),
    document: full,
    listed: ctx.listed.get(geo.code),
    previous: ctx.previous,
    folder: item.folder,
    goals: ctx.goals,
  });
}

/** Data under the municipality's number or under the former ones merged into it. */
function hasData(ctx: Context, code: string): boolean {
  return defaultRegister().dataCodesFor(code).some((c) => ctx.index.countFor(c) > 0);
}

function regionDocument(ctx: Context, item: Item, kommuner: { k: KommuneConfig; geo: Geography & { fylke: string } }[]): Document {
  const { config, lang, texts } = ctx;
  const withData = kommuner.filter(({ geo }) => hasData(ctx, geo.code));
  if (withData.length < 2) throw new FolkehelseError(`the region report needs two municipalities with data; ${withData.length} ${withData.length === 1 ? 'has' : 'have'} data`, 1);
  const fylker = new Set(withData.map(({ geo }) => geo.fylke));
  const fylkeCode = fylker.size === 1 ? [...fylker][0]! : null;
  return buildRegion({
    lang,
    texts,
    name: item.name,
    edition: config.edition,
    generatedOn: config.generatedOn ?? null,
    kommuner: withData.map(({ k, geo }) => ({ geo: { code: geo.code, level: 'kommune', name: geo.name }, results: resultsFor(ctx, k, geo) })),
    fylke: fylkeCode ? { code: fylkeCode, level: 'fylke', name: defaultRegister().current('fylke', fylkeCode)?.name ?? fylkeCode } : null,
    version: VERSION,
  });
}

/**
 * Refuses, before the assessments are read, a folder named like an assessment (`a.md/`), a device
 * or a link out of the project among `<folder>/<kommune>/*.md`. Reading is src/assessments' job.
 */
function checkAssessmentPaths(folder: string | undefined, kommune: string): void {
  if (!folder) return;
  const dir = join(folder, kommune);
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.md')) continue;
    const problem = projectPathProblem(join(dir, f), [sep], 'file');
    if (problem) throw new FolkehelseError(`assessment ${problem}`, 2);
  }
}

/**
 * A data file as the document names it: its path inside the project folder, or only its name when
 * it lies outside (a `../../…` path says where the build machine keeps files, not what the source is).
 */
function citedPath(base: string, path: string): string {
  const rel = relative(base, path);
  return rel.startsWith('..') || isAbsolute(rel) ? basename(path) : toPosix(rel);
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
    const sha256 = hashFile(file.path);
    // A table written by `folkehelse fetch` is cited by source, table and retrieval date, not by path.
    const p = readProvenance(file.path, sha256);
    const fetched = p ? { api: p.api, collection: p.collection, table: p.tableId, title: p.title, retrievedAt: p.retrievedAt, url: p.url } : undefined;
    out.set(file.display, { file: citedPath(base, file.path), sha256, source: f.source, tables: [...f.tables].sort(), periods: f.from === f.to ? String(f.from) : `${f.from}–${f.to}`, retrieved: retrievedOn(file.path, sha256), ...(fetched ? { fetched } : {}) });
  }
  return out;
}

/**
 * The date `folkehelse fetch` retrieved a data file, from its sidecar (`<file>.sidecar`), when the
 * sidecar still describes the file (same SHA-256); null for a file downloaded by hand.
 */
function retrievedOn(path: string, sha256: string): string | null {
  const sidecar = `${path}.sidecar`;
  if (!existsSync(sidecar)) return null;
  try {
    const s = JSON.parse(readFileSync(sidecar, 'utf8')) as { tool?: unknown; sha256?: unknown; retrievedAt?: unknown };
    return s.tool === 'folkehelse fetch' && s.sha256 === sha256 && typeof s.retrievedAt === 'string' && /^\d{4}-\d{2}-\d{2}/.test(s.retrievedAt) ? s.retrievedAt.slice(0, 10) : null;
  } catch {
    return null;
  }
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
function sharedInputs(config: BuildConfig, opts: { formats: OutputFormat[]; lang: Lang; final?: boolean }, dataFiles: string[]): { file: string; sha256: string }[] {
  const options = { edition: config.edition, generatedOn: config.generatedOn ?? null, suppression: config.suppression, kostragruppe: config.kostragruppe ?? null, formats: [...opts.formats].sort(), lang: opts.lang, ...(opts.final ? { final: true } : {}) };
  const files: { file: string; sha256: string }[] = [{ file: 'tool', sha256: hash(`folkehelse ${VERSION}`) }, { file: 'options', sha256: hash(JSON.stringify(options)) }];
  // A missing data path is reported by the reader, with a plain message; here it only counts as changed.
  for (const f of dataFiles) files.push({ file: `data:${f}`, sha256: existsSync(f) && statSync(f).isFile() ? hashFile(f) : 'missing' });
  for (const f of [...filesUnder(DEFAULT_CATALOGUE_DIR), ...config.catalogue]) files.push({ file: `catalogue:${f}`, sha256: existsSync(f) ? hashFile(f) : 'missing' });
  // The utfordringsbilde's priorities and the assessment sections shape the document too.
  for (const f of [DEFAULT_PRIORITIES, DEFAULT_SECTIONS]) files.push({ file: `overview:${f}`, sha256: hashFile(f) });
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
