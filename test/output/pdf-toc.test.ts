import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { build } from '../../src/output/build.js';
import { findBrowser } from '../../src/output/browser.js';
import { INNHERRED, tempDir } from '../helpers.js';

const HAVE_BROWSER = findBrowser().path !== null;
const HAVE_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
if (!HAVE_BROWSER || !HAVE_PDFTOTEXT) console.warn('[folkehelse tests] no Chromium or no pdftotext (poppler-utils): the PDF table-of-contents test is SKIPPED.');

/** The text of the PDF's pages (pdftotext), page 1 first. */
function pages(pdf: string): string[] {
  const r = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.split('\f');
}

describe.skipIf(!HAVE_BROWSER || !HAVE_PDFTOTEXT)('the PDF: title page and table of contents with page numbers', () => {
  const out = tempDir();
  let text: string[] = [];
  beforeAll(async () => {
    const config = loadConfig(join(INNHERRED, 'folkehelse.config.json'));
    const o = await build({ config, kommuner: ['5037'], formats: ['pdf'], out, force: true });
    expect(o.documents.find((d) => d.id === '5037')?.status).toBe('built');
    text = pages(join(out, '5037-levanger', 'oversikt-2027.nb.pdf'));
  }, 240_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('has no running header or page number on the title page', () => {
    expect(text[0]).toContain('Levanger kommune · utgave 2027');
    expect(text[0]).not.toMatch(/Side 1 av/);
    expect(text[0]).not.toContain('Levanger kommune – Oversikt over helsetilstand');
    expect(text[1]).toContain('Side 2 av');
  });

  it('gives every chapter and numbered section its page, and the heading is on that page', () => {
    const parse = (t: string) => [...t.matchAll(/^\s+((\d+(?:\.\d+)?) .+?)\s{2,}(\d+)\s*$/gm)].map((m) => ({ heading: m[1]!.replace(/\s+/g, ' '), number: m[2]!, page: Number(m[3]) }));
    // The contents run from page 2 to the page before chapter 1.
    const first = parse(text[1]!)[0]!;
    expect(first.heading).toBe('1 Sammendrag og utfordringsbilde');
    const entries = parse(text.slice(1, first.page - 1).join('\n'));
    // 12 chapters and every indicator section.
    expect(entries.filter((e) => !e.number.includes('.')).map((e) => e.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(entries.length).toBeGreaterThan(50);
    const squash = (s: string) => s.replace(/\s+/g, '');
    for (const e of entries) {
      expect(e.page, e.heading).toBeGreaterThan(2);
      expect(squash(text[e.page - 1]!), `${e.heading} on page ${e.page}`).toContain(squash(e.heading));
    }
    // In order.
    const ps = entries.map((e) => e.page);
    expect([...ps].sort((a, b) => a - b)).toEqual(ps);
  });
});
