import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer-core';
import { FolkehelseError, EXIT_USAGE, msg } from '../base/errors.js';
import { findInstalledBrowser } from './browser.js';
import { fillContentsPages } from './pdf-contents.js';
import { destinationPages, headingPages, readPdf } from './pdf-outline.js';

export { findBrowser, findInstalledBrowser } from './browser.js';
export { CONTENTS_PLACEHOLDER } from './pdf-contents.js';

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
   * The ids of the headings the table of contents gives the page of: the HTML has a placeholder
   * (`CONTENTS_PLACEHOLDER` in a `CONTENTS_PAGE` element) in the link to each, and the printer
   * fills in the page each heading lands on (`render`).
   */
  contents?: readonly string[];
}

/** Where the table of contents shows a heading's page: this element inside the link to the heading (`a[href="#id"]`). */
export const CONTENTS_PAGE = '.toc-page';

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
   * Prints the HTML, once. With `contents`, the table of contents' page numbers are filled in: the
   * print's named destinations give the page of each heading, and the numbers are written over the
   * placeholders in the printed PDF (`fillContentsPages`). Where that cannot be done, the numbers
   * are set in the loaded page through the DevTools protocol and it is printed again — and again
   * should a number of another width have moved a heading.
   */
  async render(html: string, opts: PdfOptions): Promise<Uint8Array> {
    const page = await this.acquire();
    try {
      await page.setContent(htmlForPrint(html, opts), { waitUntil: 'domcontentloaded' });
      const pdf = await page.pdf(printOptions());
      if (!opts.contents?.length) return pdf;
      const printed = readPdf(pdf);
      const pages = destinationPages(printed);
      return fillContentsPages(printed, opts.contents.map((id) => String(pages.get(id) ?? ''))) ?? (await printAgainWithContents(page, opts.contents, pages));
    } finally {
      this.release(page);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** Prints the loaded page again with the contents' numbers set in it, until every heading is on the page its entry names. */
async function printAgainWithContents(page: Page, ids: readonly string[], printedOn: Map<string, number>): Promise<Uint8Array> {
  let pages = printedOn;
  for (let attempt = 1; ; attempt++) {
    // Runs through the DevTools protocol, not as the page's script (that stays off).
    await page.evaluate(fillContents, CONTENTS_PAGE, ids.map((id) => [id, String(pages.get(id) ?? '')] as const));
    const pdf = await page.pdf(printOptions());
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
}

/** In the page: sets each heading's page in the links to it. Self-contained: it is sent to the page as source. */
function fillContents(pageSelector: string, entries: (readonly [string, string])[]): void {
  const doc = (globalThis as unknown as { document: PageElement }).document;
  const text = new Map(entries.map(([id, page]) => [`#${id}`, page]));
  for (const a of doc.querySelectorAll('a[href^="#"]')) {
    const page = text.get(a.getAttribute('href') ?? '');
    if (page !== undefined) for (const el of a.querySelectorAll(pageSelector)) el.textContent = page;
  }
}

/**
 * The HTML as printed: the running header and page numbers as CSS page-margin boxes (laid out with
 * the document, several times cheaper than separate header and footer templates; none on the
 * title page).
 */
export function htmlForPrint(html: string, opts: Pick<PdfOptions, 'header' | 'page' | 'of'>): string {
  const margins = `<style>@page { @top-left { content: ${cssString(opts.header)}; font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #666; } @bottom-right { content: ${cssString(`${opts.page} `)} counter(page) ${cssString(` ${opts.of} `)} counter(pages); font: 7.5pt "DejaVu Sans", Arial, sans-serif; color: #666; } } @page :first { @top-left { content: none; } @bottom-right { content: none; } }</style>`;
  return html.replace('</head>', `${margins}\n</head>`);
}

/** Chromium's print options: tagged (the structure tree, for screen readers), with the headings as the outline. */
export function printOptions(): PDFOptions {
  return { format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true };
}

/** A CSS string literal; `<` escaped too, so the text cannot close the style element. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]/g, ' ').replace(/</g, '\\3C ')}"`;
}
