import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer-core';
import { FolkehelseError, EXIT_USAGE, msg } from '../base/errors.js';
import { findInstalledBrowser } from './browser.js';

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
}

/**
 * Hides everything and paints nothing. `visibility` does not take part in layout (CSS 2.2 § 11.2),
 * and Chromium still writes the named destinations of hidden link targets.
 */
const LAYOUT_ONLY = '<style>html, body, body * { visibility: hidden !important; }</style>';

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

  async render(html: string, opts: PdfOptions): Promise<Uint8Array> {
    const page = await this.acquire();
    try {
      await page.setContent(htmlForPrint(html, opts), { waitUntil: 'domcontentloaded' });
      return await page.pdf(printOptions(opts));
    } finally {
      this.release(page);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
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
