import type { Document, Variant } from './document.js';
import { figuresOf, inToc, walkSections } from './document.js';
import { renderChart } from './charts/index.js';
import { compileTemplates } from './markdown.js';

/** What a renderer gets besides the document. */
export interface RenderContext {
  /** File name without extension: `oversikt-2027.nb`. */
  stem: string;
  /** The user's template folder (templates, style.css, reference.docx, lang/). */
  templates?: string;
  /** The Markdown templates, compiled once per run (`compileTemplates`); compiled here when absent. */
  markdown?: { document: (doc: Document) => string; region: (doc: Document) => string };
  /**
   * Prints HTML to PDF (the browser is started once per run by the build). With `contents`, the
   * HTML's table of contents has a placeholder (`.toc-page`) in the link to each of these headings,
   * and the printer fills in the page each heading is printed on (`PdfOptions.contents`).
   */
  printPdf?: (html: string, doc: Document, print?: { contents?: readonly string[] }) => Promise<Uint8Array>;
  /** The configuration's date (YYYY-MM-DD), for the Word properties' dates. */
  date?: string | null;
  /** The PDF's table of contents gives the page of each heading (the full document's; the printer fills them in). */
  contentsPages?: boolean;
}

/** One output format: the files it writes for one document, by name relative to the document's folder. */
export interface Renderer {
  id: string;
  extension: string;
  render(doc: Document, ctx: RenderContext): Promise<Map<string, string | Uint8Array>>;
}

const drawn = new WeakMap<Document, Map<string, string>>();

/** Every figure of the document drawn as SVG, by its file name (drawn once per document, whatever the formats). */
export function renderFigures(doc: Document): Map<string, string> {
  let svgs = drawn.get(doc);
  if (!svgs) drawn.set(doc, (svgs = new Map(figuresOf(doc).map((f) => [f.file, renderChart(f.chart)]))));
  return svgs;
}

export const markdownRenderer: Renderer = {
  id: 'md',
  extension: 'md',
  async render(doc, ctx) {
    const template = ctx.markdown ? ctx.markdown[doc.kind === 'region' ? 'region' : 'document'] : compileTemplates(ctx.templates, doc.kind === 'region' ? 'region.md.hbs' : 'document.md.hbs');
    const files = new Map<string, string | Uint8Array>([[`${ctx.stem}.md`, template(doc)]]);
    for (const [file, svg] of renderFigures(doc)) files.set(file, svg);
    return files;
  },
};

// HTML (marked), PDF and Word (docx, resvg) are loaded when their format is asked for, not at start.
export const htmlRenderer: Renderer = {
  id: 'html',
  extension: 'html',
  async render(doc, ctx) {
    const { renderHtml } = await import('./html.js');
    return new Map([[`${ctx.stem}.html`, renderHtml(doc, { figures: renderFigures(doc), templates: ctx.templates })]]);
  },
};

export const pdfRenderer: Renderer = {
  id: 'pdf',
  extension: 'pdf',
  async render(doc, ctx) {
    const print = ctx.printPdf;
    if (!print) throw new Error('no PDF printer in the render context');
    const figures = renderFigures(doc);
    const { renderHtml } = await import('./html.js');
    const html = (tocPages?: Map<string, string>) => renderHtml(doc, { figures, templates: ctx.templates, tocPages });
    if (!ctx.contentsPages || doc.tocHeading === null) return new Map([[`${ctx.stem}.pdf`, await print(html(), doc)]]);
    // Page numbers in the table of contents: Chromium has no target-counter(). The printer learns
    // where the headings land and writes the numbers over the placeholders (figure spaces, as wide as two digits).
    const linked = [...walkSections(doc.sections)].filter(inToc);
    const { CONTENTS_PLACEHOLDER } = await import('../output/pdf-contents.js');
    return new Map([[`${ctx.stem}.pdf`, await print(html(new Map(linked.map((s) => [s.id, CONTENTS_PLACEHOLDER]))), doc, { contents: linked.map((s) => s.id) })]]);
  },
};

export const docxRenderer: Renderer = {
  id: 'docx',
  extension: 'docx',
  async render(doc, ctx) {
    const { renderDocx } = await import('./docx.js');
    return new Map([[`${ctx.stem}.docx`, await renderDocx(doc, { figures: renderFigures(doc), templates: ctx.templates, date: ctx.date })]]);
  },
};

/** The output formats by id: a new format is one renderer here. */
export const FORMAT_RENDERERS: ReadonlyMap<string, Renderer> = new Map([markdownRenderer, htmlRenderer, pdfRenderer, docxRenderer].map((r) => [r.id, r]));

/**
 * What a user asks for (`--format`, the configuration's `formats`): a format of the full document,
 * or `kortversjon` — the short variant of the same build in Markdown, HTML and, when a browser
 * prints, PDF (`kortversjon-<edition>.<lang>.*` beside the full document). The region report and
 * the annual update have no short variant.
 */
export interface OutputOption {
  id: string;
  variant: Variant;
  /** The formats the variant is rendered in. */
  formats: string[];
  /** Formats left out when the render context cannot make them (PDF without a browser). */
  optional: string[];
}

export const OUTPUT_OPTIONS: readonly OutputOption[] = [
  ...[...FORMAT_RENDERERS.keys()].map((id): OutputOption => ({ id, variant: 'full', formats: [id], optional: [] })),
  { id: 'kortversjon', variant: 'short', formats: ['md', 'html', 'pdf'], optional: ['pdf'] },
];

export const OUTPUT_FORMATS = OUTPUT_OPTIONS.map((o) => o.id);

/** The variants the options ask for: a build composes these documents. */
export function variantsFor(options: readonly string[]): Set<Variant> {
  return new Set(OUTPUT_OPTIONS.filter((o) => options.includes(o.id)).map((o) => o.variant));
}

/** A variant's file name beside the full document's: `oversikt-2027.nb` → `kortversjon-2027.nb`. */
export function variantStem(stem: string, variant: Variant): string {
  return variant === 'short' ? stem.replace(/^oversikt/, 'kortversjon') : stem;
}

/**
 * The files of one build item for the options asked, in their order: each option's variant (when
 * the build composed it) in each of its formats, by name relative to the document's folder.
 */
export async function renderOutputs(documents: Partial<Record<Variant, Document>>, options: readonly string[], ctx: RenderContext): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  for (const id of options) {
    const option = OUTPUT_OPTIONS.find((o) => o.id === id);
    const doc = option ? documents[option.variant] : undefined;
    if (!option || !doc) continue;
    const context: RenderContext = option.variant === 'full' ? ctx : { ...ctx, stem: variantStem(ctx.stem, option.variant), contentsPages: false };
    for (const format of option.formats) {
      if (format === 'pdf' && !context.printPdf && option.optional.includes(format)) continue;
      for (const [name, content] of await FORMAT_RENDERERS.get(format)!.render(doc, context)) files.set(name, content);
    }
  }
  return files;
}
