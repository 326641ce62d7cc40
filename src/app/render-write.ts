import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FolkehelseError } from '../base/errors.js';
import { VERSION } from '../base/version.js';
import type { OutputFormat } from '../config/config.js';
import { STAGING, writeFileAtomic } from '../output/atomic.js';
import { readManifest, type DocumentRecord, type Manifest } from '../output/manifest.js';
import { withInfo } from '../output/pdf-metadata.js';
import { headingPages } from '../output/pdf-outline.js';
import { PdfRenderer } from '../output/pdf.js';
import type { Document } from '../report/document.js';
import type { DocumentLang as Lang } from '../language/tags.js';
import { renderOutputs, type RenderContext } from '../report/renderers.js';
import type { BuildContext } from './compute.js';
import type { FollowUp } from './follow-up.js';
import type { Item, Run } from './plan.js';
import { hash } from './provenance.js';

/** The run's browser for PDF, or why there is none (then every document says so, and PDF is left out). */
export interface Printer {
  pdf: PdfRenderer | null;
  error: string | null;
}

/** Starts the browser when a format needs it (the short version is printed to PDF too when a browser is there). */
export async function startPrinter(formats: OutputFormat[], env: NodeJS.ProcessEnv | undefined, pages: number): Promise<Printer> {
  if (!formats.includes('pdf') && !formats.includes('kortversjon')) return { pdf: null, error: null };
  try {
    return { pdf: await PdfRenderer.launch(env, pages), error: null };
  } catch (e) {
    if (!(e instanceof FolkehelseError)) throw e;
    return { pdf: null, error: e.message };
  }
}

/**
 * The files of one document, by name inside its folder: the coat of arms beside it (for the
 * Markdown's image link), its renderings in the run's formats, then the results file.
 */
export async function renderFiles(ctx: BuildContext, item: Item, documents: { doc: Document; short: Document | null }, follow: FollowUp | null, printer: Printer, warnings: string[]): Promise<Map<string, string | Uint8Array>> {
  const { doc, short } = documents;
  const { config, lang } = ctx;
  const { pdf } = printer;
  const renderContext: RenderContext = {
    stem: `${item.kind === 'region' ? 'side-om-side' : ctx.kind === 'annual' ? 'lopende-oversikt' : 'oversikt'}-${config.edition}.${lang}`,
    templates: config.templates,
    markdown: ctx.markdown ?? undefined,
    // Author = the municipality, creator = folkehelse and its version (Chromium sets neither).
    printPdf: pdf
      ? async (html, d, print) =>
          withInfo(await pdf.render(html, { header: d.labels.runningHeader, page: d.labels.page, of: d.labels.of, layoutOnly: print?.layoutOnly }), {
            title: d.kind === 'kommune' ? `${d.title} – ${d.subject}` : d.title,
            author: d.subject,
            subject: d.subtitle,
            creator: `folkehelse ${VERSION}`,
            date: config.generatedOn ?? null,
          })
      : undefined,
    headingPages,
    date: config.generatedOn ?? null,
  };
  const files = new Map<string, string | Uint8Array>(doc.coatOfArms ? [[doc.coatOfArms.file, doc.coatOfArms.bytes]] : []);
  if (ctx.formats.includes('pdf') && !pdf) warnings.push(printer.error!);
  const options = ctx.formats.filter((f) => f !== 'pdf' || pdf);
  for (const [name, content] of await renderOutputs({ full: doc, ...(short ? { short } : {}) }, options, renderContext)) files.set(name, content);
  // Listed after the document's files.
  if (follow) files.set(follow.fileName, follow.content);
  return files;
}

/**
 * Writes one document's files side by side, each one atomically; removes figures the document no
 * longer has; records inputs and outputs in the folder's manifest. Returns the paths written.
 */
export async function writeDocument(run: Run, item: Item, files: Map<string, string | Uint8Array>, printed: boolean): Promise<string[]> {
  const { lang, formats, out } = run;
  const entries = [...files];
  await Promise.all(entries.map(([name, content]) => writeFileAtomic(join(item.folder, name), content, join(out, STAGING))));
  const written = entries.map(([name, content]) => ({ file: name, sha256: hash(content) }));
  // The annual update has no figures; the full document's stay.
  if (run.kind === 'full') await removeStaleFigures(join(item.folder, 'figurer'), lang, new Set([...files.keys()].filter((f) => f.startsWith('figurer/')).map((f) => f.slice('figurer/'.length))));
  const manifest: Manifest = readManifest(item.folder) ?? { tool: `folkehelse ${VERSION}`, documents: {} };
  const record: DocumentRecord = { kind: item.kind, id: item.id, name: item.name, lang, formats: formats.filter((f) => f !== 'pdf' || printed), inputs: item.inputs, inputFiles: item.inputFiles, outputs: written };
  manifest.tool = `folkehelse ${VERSION}`;
  manifest.documents[run.recordKey] = record;
  await writeFileAtomic(join(item.folder, 'folkehelse-manifest.json'), JSON.stringify(manifest, null, 2) + '\n', join(out, STAGING));
  return entries.map(([name]) => join(item.folder, name));
}

async function removeStaleFigures(dir: string, lang: Lang, keep: Set<string>): Promise<void> {
  if (!existsSync(dir)) return;
  for (const f of await readdir(dir)) if (f.endsWith(`.${lang}.svg`) && !keep.has(f)) await rm(join(dir, f), { force: true });
}
