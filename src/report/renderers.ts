import type { Document } from './document.js';
import { figuresOf } from './document.js';
import { renderChart } from './charts/index.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { compileTemplates } from './markdown.js';

/** What a renderer gets besides the document. */
export interface RenderContext {
  /** File name without extension: `oversikt-2027.nb`. */
  stem: string;
  /** The user's template folder (templates, style.css, reference.docx, lang/). */
  templates?: string;
  /** The Markdown templates, compiled once per run (`compileTemplates`); compiled here when absent. */
  markdown?: { document: (doc: Document) => string; region: (doc: Document) => string };
  /** Prints HTML to PDF (the browser is started once per run by the build). */
  printPdf?: (html: string, doc: Document) => Promise<Uint8Array>;
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

export const htmlRenderer: Renderer = {
  id: 'html',
  extension: 'html',
  async render(doc, ctx) {
    return new Map([[`${ctx.stem}.html`, renderHtml(doc, { figures: renderFigures(doc), templates: ctx.templates })]]);
  },
};

export const pdfRenderer: Renderer = {
  id: 'pdf',
  extension: 'pdf',
  async render(doc, ctx) {
    if (!ctx.printPdf) throw new Error('no PDF printer in the render context');
    const html = renderHtml(doc, { figures: renderFigures(doc), templates: ctx.templates });
    return new Map([[`${ctx.stem}.pdf`, await ctx.printPdf(html, doc)]]);
  },
};

export const docxRenderer: Renderer = {
  id: 'docx',
  extension: 'docx',
  async render(doc, ctx) {
    return new Map([[`${ctx.stem}.docx`, await renderDocx(doc, { figures: renderFigures(doc), templates: ctx.templates })]]);
  },
};

/** The output formats by id: a new format is one renderer here. */
export const RENDERERS: ReadonlyMap<string, Renderer> = new Map([markdownRenderer, htmlRenderer, pdfRenderer, docxRenderer].map((r) => [r.id, r]));

export const OUTPUT_FORMATS = [...RENDERERS.keys()];
