import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildConfig, KommuneConfig, OutputFormat } from '../config.js';
import { FolkehelseError } from '../errors.js';
import { defaultRegister } from '../geo/register.js';
import { loadData, type LoadedData } from '../ingest/load.js';
import { loadCatalogue, type Indicator } from '../indicators/catalogue.js';
import { computeIndicators, resolveKommune } from '../indicators/engine.js';
import { DEFAULT_LIMITS } from '../indicators/methods/suppression.js';
import type { IndicatorResult } from '../indicators/result.js';
import { ObservationIndex } from '../indicators/select.js';
import type { Geography, Observation } from '../model/observation.js';
import { slug } from '../report/escape.js';
import type { Lang } from '../report/format.js';
import { renderHtml } from '../report/html.js';
import { loadTexts, text } from '../report/language.js';
import { compileTemplates } from '../report/markdown.js';
import { buildDocument, type SourceFileInfo } from '../report/model.js';
import { writeFileAtomic } from './atomic.js';
import { PdfRenderer } from './pdf.js';

const VERSION = (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;

export interface BuildRequest {
  config: BuildConfig;
  /** Override the configuration's municipalities. */
  kommuner?: string[];
  formats?: OutputFormat[];
  lang?: Lang;
  out?: string;
  /** Where relative paths in the document are counted from (default: the config file's folder). */
  base?: string;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface KommuneOutcome {
  kommune: Geography;
  status: 'built' | 'failed';
  outputs: string[];
  warnings: string[];
  error: string | null;
  seconds: number;
}

export interface BuildOutcome {
  kommuner: KommuneOutcome[];
  /** Requests the PDF renderer blocked (should be none). */
  blockedRequests: string[];
}

/** A document for one municipality, rendered in memory before anything is written. */
interface Rendered {
  folder: string;
  files: Map<string, string | Uint8Array>;
  html: string | null;
  header: string;
  texts: ReturnType<typeof loadTexts>;
}

/**
 * `folkehelse build`: reads the data once, then for each municipality computes the indicators,
 * renders Markdown (with SVG figures) and HTML, and PDF with one browser for the whole run. Files
 * are written atomically once a municipality's document is complete; a municipality that fails
 * does not stop the others.
 */
export async function build(req: BuildRequest): Promise<BuildOutcome> {
  const { config } = req;
  const log = req.log ?? (() => {});
  const base = req.base ?? (config.file ? dirname(config.file) : process.cwd());
  const formats = req.formats ?? config.formats;
  const lang = req.lang ?? config.lang;
  const out = req.out ?? config.out;
  const register = defaultRegister();
  const kommuneConfigs: KommuneConfig[] = req.kommuner ? req.kommuner.map((code) => config.kommuner.find((k) => k.code === code.padStart(4, '0')) ?? { code }) : config.kommuner;
  // Fail fast on numbers that are no municipality at all.
  const kommuner = kommuneConfigs.map((k) => ({ k, geo: resolveKommune(k.code, register) }));

  const catalogue = loadCatalogue(config.catalogue);
  const data = await loadData(config.data);
  log(`read ${data.files.length} files, ${data.observations.length} observations`);
  const index = new ObservationIndex(data.observations);
  const sources = describeFiles(data, base);
  const population = data.observations.filter((o) => o.source === 'ssb' && o.table === '07459');
  const suppression = { ...DEFAULT_LIMITS, ...config.suppression };
  const render = compileTemplates(config.templates);
  const texts = loadTexts(lang, config.templates);

  const outcomes: KommuneOutcome[] = [];
  const rendered: (Rendered | null)[] = [];
  for (const { k, geo } of kommuner) {
    const start = performance.now();
    try {
      const r = renderKommune({ k, geo, config, catalogue, index, sources, population, suppression, lang, formats, out, base, render, texts });
      rendered.push(r);
      outcomes.push({ kommune: { code: geo.code, level: 'kommune', name: geo.name }, status: 'built', outputs: [], warnings: [], error: null, seconds: (performance.now() - start) / 1000 });
    } catch (e) {
      if (!(e instanceof FolkehelseError)) throw e;
      rendered.push(null);
      outcomes.push({ kommune: { code: geo.code, level: 'kommune', name: geo.name }, status: 'failed', outputs: [], warnings: [], error: e.message, seconds: (performance.now() - start) / 1000 });
      log(`${geo.code} ${geo.name}: failed: ${e.message}`);
    }
  }

  let pdf: PdfRenderer | null = null;
  let pdfError: string | null = null;
  if (formats.includes('pdf') && rendered.some((r) => r)) {
    try {
      pdf = await PdfRenderer.launch(req.env);
    } catch (e) {
      if (!(e instanceof FolkehelseError)) throw e;
      pdfError = e.message;
    }
  }
  try {
    for (let i = 0; i < rendered.length; i++) {
      const r = rendered[i];
      const outcome = outcomes[i]!;
      if (!r) continue;
      const start = performance.now();
      if (formats.includes('pdf')) {
        if (pdf) {
          const bytes = await pdf.render(r.html!, { header: r.header, page: text(r.texts, 'pdf.page'), of: text(r.texts, 'pdf.of') });
          r.files.set(`oversikt-${config.edition}.${lang}.pdf`, bytes);
        } else outcome.warnings.push(pdfError!);
      }
      for (const [name, content] of r.files) {
        await writeFileAtomic(join(r.folder, name), content);
        outcome.outputs.push(join(r.folder, name));
      }
      await removeStaleFigures(join(r.folder, 'figurer'), lang, new Set([...r.files.keys()].filter((f) => f.startsWith('figurer/')).map((f) => f.slice('figurer/'.length))));
      outcome.seconds += (performance.now() - start) / 1000;
      log(`${outcome.kommune.code} ${outcome.kommune.name}: ${[...r.files.keys()].filter((f) => !f.startsWith('figurer/')).join(', ')} (${outcome.seconds.toFixed(2)} s)`);
    }
  } finally {
    await pdf?.close();
  }
  return { kommuner: outcomes, blockedRequests: pdf?.blockedRequests ?? [] };
}

interface KommuneJob {
  k: KommuneConfig;
  geo: Geography & { fylke: string };
  config: BuildConfig;
  catalogue: Indicator[];
  index: ObservationIndex;
  sources: Map<string, SourceFileInfo>;
  population: Observation[];
  suppression: typeof DEFAULT_LIMITS;
  lang: Lang;
  formats: OutputFormat[];
  out: string;
  base: string;
  render: (model: import('../report/model.js').DocumentModel) => string;
  texts: ReturnType<typeof loadTexts>;
}

function renderKommune(job: KommuneJob): Rendered {
  const { k, geo, config, lang, texts } = job;
  if (job.index.countFor(geo.code) === 0) throw new FolkehelseError(`${geo.name} (${geo.code}) has no data in ${config.data.map((d) => relative(job.base, d) || '.').join(', ')}`, 1);
  const results = computeIndicators(job.index, job.catalogue, {
    kommune: geo.code,
    comparisons: { kostragruppe: k.kostragruppe ?? config.kostragruppe, neighbours: k.neighbours },
    suppression: config.suppression,
  });
  const fylkeArea = defaultRegister().current('fylke', geo.fylke);
  const fylke: Geography = { code: geo.fylke, level: 'fylke', name: fylkeArea?.name ?? geo.fylke };
  const assessments = readAssessments(config.assessments, geo.code);
  const folder = join(job.out, `${geo.code}-${slug(geo.name)}`);
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
  const usedFiles = new Set(results.flatMap((r) => r.provenance.files));
  for (const o of job.population) if (o.geo.code === geo.code) usedFiles.add(o.origin.file);
  const { model, figures } = buildDocument({
    lang,
    texts,
    kommune: { code: geo.code, level: 'kommune', name: geo.name },
    fylke,
    edition: config.edition,
    generatedOn: config.generatedOn ?? null,
    coatOfArms,
    results,
    sources: [...job.sources.entries()].filter(([file]) => usedFiles.has(file)).map(([, s]) => s),
    population: job.population.filter((o) => o.geo.code === geo.code || o.geo.code === '0'),
    assessments,
    assessmentPath: (key) => toPosix(relative(job.base, join(config.assessments ?? join(job.base, 'vurderinger'), geo.code, `${key}.md`))),
    suppression: job.suppression,
    version: VERSION,
  });
  const markdown = job.render(model);
  if (job.formats.includes('md')) {
    files.set(`oversikt-${config.edition}.${lang}.md`, markdown);
    for (const [name, svg] of figures) files.set(name, svg);
  }
  let html: string | null = null;
  if (job.formats.includes('html') || job.formats.includes('pdf')) {
    html = renderHtml(markdown, { title: `${model.title} – ${geo.name}`, lang, figures, images, templates: config.templates });
    if (job.formats.includes('html')) files.set(`oversikt-${config.edition}.${lang}.html`, html);
  }
  return { folder, files, html, header: `${geo.name} kommune – ${model.title} ${config.edition}`, texts };
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
    f.from = Math.min(f.from, o.period.from);
    f.to = Math.max(f.to, o.period.to);
  }
  const out = new Map<string, SourceFileInfo>();
  for (const { file } of data.files) {
    const f = byFile.get(file.display);
    if (!f) continue;
    const sha256 = createHash('sha256').update(readFileSync(file.path)).digest('hex');
    out.set(file.display, { file: toPosix(relative(base, file.path)), sha256, source: f.source, tables: [...f.tables].sort(), periods: f.from === f.to ? String(f.from) : `${f.from}–${f.to}` });
  }
  return out;
}

async function removeStaleFigures(dir: string, lang: Lang, keep: Set<string>): Promise<void> {
  if (!existsSync(dir)) return;
  for (const f of await readdir(dir)) if (f.endsWith(`.${lang}.svg`) && !keep.has(f)) await rm(join(dir, f), { force: true });
}

function toPosix(p: string): string {
  return p.split(sep).join('/');
}

export type { IndicatorResult };
