import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer-core';
import { FolkehelseError, EXIT_USAGE, msg } from '../base/errors.js';
import { findInstalledBrowser } from './browser.js';
import { headingPages } from './pdf-outline.js';

export { findBrowser, findInstalledBrowser } from './browser.js';

/** No browser to print PDF with: says exactly how to get one. */
export class BrowserNotFoundError extends FolkehelseError {
  constructor(tried: string[]) {
    super(msg('errors.browser.notFound', { tried: tried.join(', ') }), EXIT_USAGE);
  }
}

export interface PdfOptions {
  /** Running header text. */
  header: string;
  /** "Side" and "av" in the document's language. */
  page: string;
  of: string;
  /**
   * A print only for its page layout — to learn on which page each heading lands (its named
   * destination, `headingPages`) before the table of contents is filled in. The layout is the
   * real print's (same HTML, page size, margins and margin boxes), but nothing is painted
   * (`visibility: hidden`, which never changes layout), and the PDF is untagged and without
   * outline: several times cheaper than the real print.
   */
  layoutOnly?: boolean;
  /**
   * The ids of the headings the table of contents gives the page of: the HTML has a placeholder
   * (`CONTENTS_PAGE`, as wide as the numbers it will hold) in the link to each, and the printer
   * fills in the page each heading lands on (`render`).
   */
  contents?: readonly string[];
}

/** Where the table of contents shows a heading's page: this element inside the link to the heading (`a[href="#id"]`). */
export const CONTENTS_PAGE = '.toc-page';

/**
 * Hides everything and paints nothing. `visibility` does not take part in layout (CSS 2.2 § 11.2),
 * and Chromium still writes the named destinations of hidden link targets.
 */
const LAYOUT_ONLY = '<style>html, body, body * { visibility: hidden !important; }</style>';
/** The same style, taken out of the loaded page again for the real print (`render` with `contents`). */
const LAYOUT_ONLY_ID = 'folkehelse-layout-only';
const LAYOUT_ONLY_REMOVABLE = LAYOUT_ONLY.replace('<style>', `<style id="${LAYOUT_ONLY_ID}">`);

/**
 * One browser per run, with a bounded pool of reused pages (reusing a page is several times faster
 * than opening one per document). Every page runs with JavaScript off, and every request that is
 * not a data: URL is aborted (and counted), so nothing outside the HTML can be read.
 */
export class PdfRenderer {
  /** Every request a page tried to make that was not a data: URL. */
  readonly blockedRequests: string[] = [];
  private readonly free: Page[] = [];
  private readonly waiting: ((page: Page) => void)[] = [];

  private constructor(private readonly browser: Browser) {}

  static async launch(env: NodeJS.ProcessEnv = process.env, pages = 1): Promise<PdfRenderer> {
    const { path, tried } = findInstalledBrowser(env);
    if (!path) throw new BrowserNotFoundError(tried);
    const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions', '--disable-dev-shm-usage'];
    // Chromium refuses to run as root with its sandbox.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    let browser: Browser;
    try {
      // pipe: the browser talks over its stdin/stdout pipes instead of a port, so when this process
      // dies (even by SIGKILL) the pipes close and the browser exits with it; nothing is left running.
      browser = await puppeteer.launch({ executablePath: path, headless: /headless[-_]shell/i.test(path) ? 'shell' : true, args, pipe: true });
    } catch (e) {
      throw new FolkehelseError(msg('errors.browser.start', { path, reason: (e as Error).message.split('\n')[0] ?? '' }), EXIT_USAGE);
    }
    const renderer = new PdfRenderer(browser);
    try {
      for (let i = 0; i < Math.max(1, pages); i++) renderer.free.push(await renderer.lockedDownPage());
    } catch (e) {
      await browser.close();
      throw e;
    }
    return renderer;
  }

  private async lockedDownPage(): Promise<Page> {
    const page = await this.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (req.url().startsWith('data:')) void req.continue();
      else {
        this.blockedRequests.push(req.url());
        void req.abort();
      }
    });
    return page;
  }

  private acquire(): Promise<Page> {
    const page = this.free.pop();
    if (page) return Promise.resolve(page);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.free.push(page);
  }

  /**
   * Prints the HTML. With `contents`, the table of contents' page numbers are filled in, and the
   * document is loaded once for it: a layout-only print of the loaded page (the hiding style
   * added) gives the page of each heading (the PDF's named destinations); the numbers are then set
   * in the same page through the DevTools protocol, the hiding style taken out, and the real print
   * made. Its own pages are read back the same way: should a number of another width have moved a
   * heading, it is printed again with the pages it now has. (Loading once saves ≈ 1 CPU-s a PDF
   * against a second load of a 0.6 MB document: README "Benchmarks".)
   */
  async render(html: string, opts: PdfOptions): Promise<Uint8Array> {
    const page = await this.acquire();
    try {
      if (!opts.contents?.length) {
        await page.setContent(htmlForPrint(html, opts), { waitUntil: 'domcontentloaded' });
        return await page.pdf(printOptions(opts));
      }
      await page.setContent(htmlForPrint(html, { ...opts, layoutOnly: false }).replace('</head>', `${LAYOUT_ONLY_REMOVABLE}</head>`), { waitUntil: 'domcontentloaded' });
      return await printWithContents(page, opts.contents);
    } finally {
      this.release(page);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** The real print of a loaded page whose contents' numbers are still placeholders and whose hiding style is still in (`render`). */
async function printWithContents(page: Page, ids: readonly string[]): Promise<Uint8Array> {
  let pages = await headingPages(await page.pdf(printOptions({ layoutOnly: true })));
  for (let attempt = 1; ; attempt++) {
    // Runs through the DevTools protocol, not as the page's script (that stays off).
    await page.evaluate(fillContents, LAYOUT_ONLY_ID, CONTENTS_PAGE, ids.map((id) => [id, String(pages.get(id) ?? '')] as const));
    const pdf = await page.pdf(printOptions({}));
    const printed = await headingPages(pdf);
    const moved = ids.filter((id) => printed.get(id) !== pages.get(id));
    if (moved.length === 0) return pdf;
    if (attempt === 3) throw new Error(`the table of contents' page numbers do not settle (${moved.join(', ')})`);
    pages = printed;
  }
}

/** The little of the DOM `fillContents` uses (the project is compiled without the DOM's types). */
interface PageElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  textContent: string | null;
  remove(): void;
}

/** In the page: takes the hiding style out and sets each heading's page in the links to it. Self-contained: it is sent to the page as source. */
function fillContents(styleId: string, pageSelector: string, entries: (readonly [string, string])[]): void {
  const doc = (globalThis as unknown as { document: PageElement & { getElementById(id: string): PageElement | null } }).document;
  doc.getElementById(styleId)?.remove();
  const text = new Map(entries.map(([id, page]) => [`#${id}`, page]));
  for (const a of doc.querySelectorAll('a[href^="#"]')) {
    const page = text.get(a.getAttribute('href') ?? '');
    if (page !== undefined) for (const el of a.querySelectorAll(pageSelector)) el.textContent = page;
  }
}

/**
 * The HTML as printed: the running header and page numbers as CSS page-margin boxes (laid out with
 * the document, several times cheaper than separate header and footer templates; none on the
 * title page), and for a layout-only print the style that hides everything.
 */
export function htmlForPrint(html: string, opts: PdfOptions): string {
  const margins = `<style>@page { @top-left { content: ${cssString(opts.header)}; font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #666; } @bottom-right { content: ${cssString(`${opts.page} `)} counter(page) ${cssString(` ${opts.of} `)} counter(pages); font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #666; } } @page :first { @top-left { content: none; } @bottom-right { content: none; } }</style>`;
  return html.replace('</head>', `${margins}${opts.layoutOnly ? LAYOUT_ONLY : ''}\n</head>`);
}

/** Chromium's print options. Tagging (the structure tree) is most of a print's cost; a layout-only print has no use for it. */
export function printOptions(opts: Pick<PdfOptions, 'layoutOnly'>): PDFOptions {
  const full = opts.layoutOnly !== true;
  return { format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: full, outline: full };
}

/** A CSS string literal; `<` escaped too, so the text cannot close the style element. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]/g, ' ').replace(/</g, '\\3C ')}"`;
}
