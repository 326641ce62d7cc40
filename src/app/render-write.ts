import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FolkehelseError } from '../base/errors.js';
import { VERSION } from '../base/version.js';
import type { OutputFormat } from '../config/config.js';
import { STAGING, StagedDocument } from '../output/atomic.js';
import { MANIFEST, parseManifest, type DocumentRecord, type Manifest } from '../output/manifest.js';
import type { PdfRenderer } from '../output/pdf.js';
import type { Document } from '../report/document.js';
import type { DocumentLang as Lang } from '../language/tags.js';
import { renderOutputs, type RenderContext } from '../report/renderers.js';
import { ledgerFileName, serializeLedger, toLedger } from '../results/ledger.js';
import type { BuildContext } from './compute.js';
import type { FollowUp } from './follow-up.js';
import type { Item, Run } from './plan.js';
import { hash } from './provenance.js';

/** The run's browser for PDF, or why there is none (then every document says so, and PDF is left out). */
export interface Printer {
  pdf: PdfRenderer | null;
  error: string | null;
}

/**
 * Starts the browser when a format needs it (the short version is printed to PDF too when a browser
 * is there). The printer's modules (puppeteer-core, the PDF reader) are loaded only then: a build
 * without PDF does not pay for loading them.
 */
export async function startPrinter(formats: OutputFormat[], env: NodeJS.ProcessEnv | undefined, pages: number): Promise<Printer> {
  if (!formats.includes('pdf') && !formats.includes('kortversjon')) return { pdf: null, error: null };
  try {
    const { PdfRenderer } = await import('../output/pdf.js');
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
          (await import('../output/pdf-metadata.js')).withInfo(await pdf.render(html, { header: d.labels.runningHeader, page: d.labels.page, of: d.labels.of, contents: print?.contents }), {
            title: d.kind === 'kommune' ? `${d.title} – ${d.subject}` : d.title,
            author: d.subject,
            subject: d.subtitle,
            creator: `folkehelse ${VERSION}`,
            date: config.generatedOn ?? null,
          })
      : undefined,
    contentsPages: true,
    date: config.generatedOn ?? null,
  };
  const files = new Map<string, string | Uint8Array>(doc.coatOfArms ? [[doc.coatOfArms.file, doc.coatOfArms.bytes]] : []);
  if (ctx.formats.includes('pdf') && !pdf) warnings.push(printer.error!);
  const options = ctx.formats.filter((f) => f !== 'pdf' || pdf);
  for (const [name, content] of await renderOutputs({ full: doc, ...(short ? { short } : {}) }, options, renderContext)) files.set(name, content);
  // Listed after the document's files: the results file, and the ledger of what the document
  // published and withheld, which binds the suppression of later editions.
  if (follow) {
    files.set(follow.fileName, follow.content);
    const ledger = toLedger(ctx.results.get(item.id) ?? [], { edition: config.edition, kind: ctx.kind, kommune: item.id });
    files.set(ledgerFileName(config.edition, ctx.kind), serializeLedger(ledger));
  }
  return files;
}

/**
 * Publishes one document's files together: each is written to a staging folder first, and only
 * when all of them are there are they moved into the document folder in one step, the folder's
 * manifest last — so the Markdown, HTML, PDF, Word file, figures and manifest in a folder are
 * always of one run, and the manifest records exactly the files published. Figures the document no
 * longer has go in the same step. A disk that is full or read-only fails the document (an
 * OutputError naming the path) and publishes nothing of it. Returns the paths written.
 */
export async function writeDocument(run: Run, item: Item, files: Map<string, string | Uint8Array>, printed: boolean): Promise<string[]> {
  const { lang, formats, out } = run;
  const entries = [...files];
  const staged = new StagedDocument(join(out, STAGING), item.folder);
  for (const [name, content] of entries) await staged.stage(name, content);
  const written = entries.map(([name, content]) => ({ file: name, sha256: hash(content) }));
  // The annual update has no figures; the full document's stay.
  const stale = run.kind === 'full' ? await staleFigures(join(item.folder, 'figurer'), lang, new Set([...files.keys()].filter((f) => f.startsWith('figurer/')).map((f) => f.slice('figurer/'.length)))) : [];
  const record: DocumentRecord = { kind: item.kind, id: item.id, name: item.name, lang, formats: formats.filter((f) => f !== 'pdf' || printed), inputs: item.inputs, inputFiles: item.inputFiles, outputs: written };
  staged.commit({
    name: MANIFEST,
    // The folder's manifest as it is when the files go in: the records of its other documents stay.
    content: (current) => {
      const manifest: Manifest = parseManifest(current) ?? { tool: `folkehelse ${VERSION}`, documents: {} };
      manifest.tool = `folkehelse ${VERSION}`;
      manifest.documents[run.recordKey] = record;
      return JSON.stringify(manifest, null, 2) + '\n';
    },
  }, stale.map((f) => `figurer/${f}`));
  return entries.map(([name]) => join(item.folder, name));
}

async function staleFigures(dir: string, lang: Lang, keep: Set<string>): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((f) => f.endsWith(`.${lang}.svg`) && !keep.has(f));
}
