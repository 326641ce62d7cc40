import type { Document } from './document.js';
import { figuresOf, inToc, walkSections } from './document.js';
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
  /**
   * Prints HTML to PDF (the browser is started once per run by the build). With `layoutOnly`, a
   * print only for its page layout (`PdfOptions.layoutOnly`: nothing painted, untagged), several
   * times cheaper, for `headingPages`; a printer that ignores it prints in full, just slower.
   */
  printPdf?: (html: string, doc: Document, print?: { layoutOnly?: boolean }) => Promise<Uint8Array>;
  /** The page (1-based) of each heading a link points at, by its id, from a printed PDF's named destinations. */
  headingPages?: (pdf: Uint8Array) => Promise<Map<string, number>>;
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
    const print = ctx.printPdf;
    if (!print) throw new Error('no PDF printer in the render context');
    const figures = renderFigures(doc);
    const html = (tocPages?: Map<string, string>) => renderHtml(doc, { figures, templates: ctx.templates, tocPages });
    if (!ctx.headingPages || doc.tocHeading === null) return new Map([[`${ctx.stem}.pdf`, await print(html(), doc)]]);
    // Page numbers in the table of contents: Chromium has no target-counter(). A first print for
    // the layout only (nothing painted, untagged: a fraction of the real print), with placeholders
    // as wide as two-digit numbers, gives the page of every heading the contents link to; the
    // real print shows them. Its own pages are read back the same way: should a number of
    // another width have moved a heading, it is printed again with the pages it now has.
    const linked = [...walkSections(doc.sections)].filter(inToc);
    let pages = await ctx.headingPages(await print(html(new Map(linked.map((s) => [s.id, '00']))), doc, { layoutOnly: true }));
    for (let attempt = 1; ; attempt++) {
      const pdf = await print(html(new Map(linked.map((s) => [s.id, String(pages.get(s.id) ?? '')]))), doc);
      const printed = await ctx.headingPages(pdf);
      const moved = linked.filter((s) => printed.get(s.id) !== pages.get(s.id));
      if (moved.length === 0) return new Map([[`${ctx.stem}.pdf`, pdf]]);
      if (attempt === 3) throw new Error(`the table of contents' page numbers do not settle (${moved.map((s) => (s.number ? `${s.number} ${s.title}` : s.title)).join(', ')})`);
      pages = printed;
    }
  },
};

export const docxRenderer: Renderer = {
  id: 'docx',
  extension: 'docx',
  async render(doc, ctx) {
    return new Map([[`${ctx.stem}.docx`, await renderDocx(doc, { figures: renderFigures(doc), templates: ctx.templates })]]);
  },
};

/**
 * The short version (kortversjon) of a municipality's overview: its own document (`doc.short`,
 * built when the format is asked for) as Markdown, HTML and, when a browser prints PDF, PDF —
 * `kortversjon-<edition>.<lang>.*` beside the full document. The region report has none.
 */
export const shortRenderer: Renderer = {
  id: 'kortversjon',
  extension: 'md',
  async render(doc, ctx) {
    const files = new Map<string, string | Uint8Array>();
    if (!doc.short) return files;
    const short: RenderContext = { ...ctx, stem: ctx.stem.replace(/^oversikt/, 'kortversjon'), headingPages: undefined };
    for (const r of [markdownRenderer, htmlRenderer, ...(ctx.printPdf ? [pdfRenderer] : [])]) for (const [name, content] of await r.render(doc.short, short)) files.set(name, content);
    return files;
  },
};

/** The output formats by id: a new format is one renderer here. */
export const RENDERERS: ReadonlyMap<string, Renderer> = new Map([markdownRenderer, htmlRenderer, pdfRenderer, docxRenderer, shortRenderer].map((r) => [r.id, r]));

export const OUTPUT_FORMATS = [...RENDERERS.keys()];
