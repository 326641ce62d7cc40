import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../../src/app/preview/preview.js';
import { findInstalledBrowser } from '../../../src/output/browser.js';
import { EXAMPLE, tempDir } from '../../helpers.js';
import { themeText } from './theme-text.js';

const found = findInstalledBrowser();
if (!found.path) console.warn('[folkehelse tests] no Chrome/Chromium: the preview tests in a real browser are SKIPPED.');

/** The time an edit has to appear in the open page (the preview takes well under a second). */
const APPEARS_WITHIN = 8_000;

/** The browser as src/output/pdf.ts starts it (over a pipe: it ends with the test run), with JavaScript on. */
async function launch(path: string): Promise<Browser> {
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions', '--disable-dev-shm-usage'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return puppeteer.launch({ executablePath: path, headless: /headless[-_]shell/i.test(path) ? 'shell' : true, args, pipe: true });
}

describe.skipIf(!found.path)('the preview in a real browser (Chromium), on a copy of the shipped example', () => {
  const dir = tempDir();
  cpSync(EXAMPLE, dir, { recursive: true });
  // An output folder of its own: not the working folder's ./out, which a build elsewhere may be writing.
  const configFile = join(dir, 'folkehelse.config.json');
  writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, 'utf8')), out: 'out' }, null, 2));
  const assessments = join(dir, 'vurderinger', '5037');
  const problems: string[] = [];
  let preview: Preview;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [preview, browser] = await Promise.all([startPreview({ configPath: configFile, kommune: '5037', port: 0 }), launch(found.path!)]);
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  // What runs in the page is written as text: the tests are type-checked without the DOM's types.
  const inPage = <T>(expression: string) => page.evaluate(expression) as Promise<T>;
  const text = (selector: string) => inPage<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);
  const appears = (selector: string, wanted: string) => page.waitForFunction(`(document.querySelector(${JSON.stringify(selector)})?.textContent ?? '').includes(${JSON.stringify(wanted)})`, { timeout: APPEARS_WITHIN });
  const loadedOnce = () => inPage<boolean>('window.fhLoadedOnce === true');

  it("loads Levanger's document with the writing aid, without console errors", async () => {
    await page.goto(preview.url, { waitUntil: 'load' });
    expect(await page.title()).toContain('Levanger');
    expect(await text('#fh-document h1')).toBe('Oversikt over helsetilstand og påvirkningsfaktorer');
    expect(await text('#fh-document')).toContain('Levanger kommune');
    expect(await text('#fh-aid')).toContain('Vurderingene');
    expect(await text('#fh-aid-c summary')).toContain('Mangler');
    // The document's own style sheet is in use (served by the preview, not inline).
    expect(await inPage<string>("getComputedStyle(document.querySelector('#fh-document h2')).borderBottomStyle")).toBe('solid');
    await new Promise((r) => setTimeout(r, 300));
    expect(problems).toEqual([]);
  });

  it('an edit to an assessment appears in the open page, without a reload', async () => {
    await inPage('window.fhLoadedOnce = true');
    const b = join(assessments, 'b.md');
    writeFileSync(b, `${readFileSync(b, 'utf8')}\n\nSkolene i Levanger har fått flere helsesykepleiere i år.\n`);
    await appears('#fh-document', 'Skolene i Levanger har fått flere helsesykepleiere i år.');
    expect(await loadedOnce()).toBe(true);
  });

  it('a newly written assessment appears, and the aid no longer lists it as missing', async () => {
    writeFileSync(join(assessments, 'c.md'), themeText('Drikkevannet i Levanger holder god kvalitet, og turstiene brukes mye.'));
    await appears('#fh-document', 'Drikkevannet i Levanger holder god kvalitet');
    await appears('#fh-aid-c summary', 'Skrevet');
    expect(await loadedOnce()).toBe(true);
    // The aid's link leads to the assessment's place in the document.
    const href = await inPage<string>("document.querySelector('#fh-aid-c summary a').getAttribute('href')");
    expect(await text(`#fh-document [id="${decodeURIComponent(href.slice(1))}"]`)).toContain('Fysisk, biologisk, kjemisk og sosialt miljø');
    expect(problems).toEqual([]);
  });
});
