import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { loadConfig } from '../../src/config/config.js';
import { findBrowser } from '../../src/output/browser.js';
import { INNHERRED, tempDir } from '../helpers.js';

const BROWSER = findBrowser().path;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core (WCAG 2 A and AA rules, colour contrast among them) on the generated HTML of the full
 * document and the short version, in the browser that prints the PDF: no serious or critical
 * finding (issue 26). Skipped when no browser is installed.
 */
describe.skipIf(!BROWSER)('accessibility of the generated HTML (axe-core)', () => {
  it('the full document and the short version have no serious or critical finding', async () => {
    const out = tempDir();
    const o = await build({ config: loadConfig(join(INNHERRED, 'folkehelse.config.json')), out, lang: 'nb', formats: ['html', 'kortversjon'], kommuner: ['5037'] });
    expect(o.documents.every((d) => d.status === 'built')).toBe(true);
    const args = ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
    const browser = await puppeteer.launch({ executablePath: BROWSER!, headless: /headless[-_]shell/i.test(BROWSER!) ? 'shell' : true, args, pipe: true });
    try {
      const page = await browser.newPage();
      // The document's Content-Security-Policy forbids scripts; axe is the test's, not the document's.
      await page.setBypassCSP(true);
      const found: Record<string, string[]> = {};
      for (const file of ['oversikt-2027.nb.html', 'kortversjon-2027.nb.html']) {
        await page.goto(pathToFileURL(join(out, '5037-levanger', file)).href, { waitUntil: 'load' });
        await page.addScriptTag({ content: AXE });
        const violations = (await page.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Finding[] }> } }).axe;
          return (await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
        })) as Finding[];
        found[file] = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
      }
      expect(found).toEqual({ 'oversikt-2027.nb.html': [], 'kortversjon-2027.nb.html': [] });
    } finally {
      await browser.close();
    }
  }, 240_000);
});
