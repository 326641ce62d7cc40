import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { build } from '../../src/app/build.js';
import { findBrowser } from '../../src/output/browser.js';
import { INNHERRED, ROOT, tempDir } from '../helpers.js';
import { withInfo } from '../../src/output/pdf-metadata.js';

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
  let headings: string[] = [];
  beforeAll(async () => {
    const config = loadConfig(join(INNHERRED, 'folkehelse.config.json'));
    const o = await build({ config, kommuner: ['5037'], formats: ['md', 'pdf'], out, force: true });
    expect(o.documents.find((d) => d.id === '5037')?.status).toBe('built');
    text = pages(join(out, '5037-levanger', 'oversikt-2027.nb.pdf'));
    // Every numbered heading of the document, from the Markdown written beside the PDF.
    headings = [...readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8').matchAll(/^#{2,3} (\d+(?:\.\d+)? .+)$/gm)].map((m) => m[1]!);
  }, 240_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('says who made it: author = the municipality, creator = folkehelse and its version (pdfinfo)', () => {
    const r = spawnSync('pdfinfo', ['-enc', 'UTF-8', join(out, '5037-levanger', 'oversikt-2027.nb.pdf')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const info = Object.fromEntries(r.stdout.split('\n').map((l) => /^(\w+):\s+(.*)$/.exec(l)).filter((m) => m !== null).map((m) => [m[1]!, m[2]!]));
    expect(info.Author).toBe('Levanger kommune');
    expect(info.Creator).toBe(`folkehelse ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}`);
    expect(info.Title).toBe('Oversikt over helsetilstand og påvirkningsfaktorer – Levanger kommune');
  });

  it('has a structure tree without wrong types: Chromium\'s Em, Strong and Aside are role-mapped (pdfinfo -struct)', () => {
    const r = spawnSync('pdfinfo', ['-struct', join(out, '5037-levanger', 'oversikt-2027.nb.pdf')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\s*Figure/m);
    expect(r.stderr).not.toMatch(/wrong type/);
  });

  it('has no running header or page number on the title page', () => {
    expect(text[0]).toContain('Levanger kommune · utgave 2027');
    expect(text[0]).not.toMatch(/Side 1 av/);
    expect(text[0]).not.toContain('Levanger kommune – Oversikt over helsetilstand');
    expect(text[1]).toContain('Side 2 av');
  });

  it('gives every chapter and numbered section its page, and the heading is printed on that page', () => {
    // The contents run from page 2 to the page before chapter 1; an entry whose title wraps ends
    // on the line with its page number.
    const parse = (t: string) => {
      const entries: { heading: string; number: string; page: number }[] = [];
      let open: string | null = null;
      for (const line of t.split('\n')) {
        const start = /^\s+(\d+(?:\.\d+)?) \S/.test(line);
        if (start) open = '';
        if (open === null) continue;
        const end = /^(.*?)\s{2,}(\d+)\s*$/.exec(line);
        open = `${open} ${(end ? end[1]! : line).trim()}`;
        if (end) {
          const heading = open.replace(/\s+/g, ' ').trim();
          entries.push({ heading, number: heading.split(' ')[0]!, page: Number(end[2]) });
          open = null;
        }
      }
      return entries;
    };
    const first = parse(text[1]!)[0]!;
    expect(first.heading).toBe('1 Sammendrag og utfordringsbilde');
    const entries = parse(text.slice(1, first.page - 1).join('\n'));
    // Every numbered heading has its entry, in order: 12 chapters and every indicator section.
    expect(entries.filter((e) => !e.number.includes('.')).map((e) => e.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(headings.length).toBeGreaterThan(50);
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(entries.map((e) => squash(e.heading))).toEqual(headings.map(squash));
    for (const e of entries) {
      expect(e.page, e.heading).toBeGreaterThan(2);
      expect(squash(text[e.page - 1]!), `${e.heading} on page ${e.page}`).toContain(squash(e.heading));
    }
    // In order.
    const ps = entries.map((e) => e.page);
    expect([...ps].sort((a, b) => a - b)).toEqual(ps);
  });
});

describe.skipIf(!HAVE_BROWSER || !HAVE_PDFTOTEXT)('the short version as PDF', () => {
  it('is 2–4 pages in bokmål and nynorsk', async () => {
    const out = tempDir();
    try {
      const config = loadConfig(join(INNHERRED, 'folkehelse.config.json'));
      for (const lang of ['nb', 'nn'] as const) {
        await build({ config, kommuner: ['5037'], formats: ['kortversjon'], lang, out, force: true });
        const p = pages(join(out, '5037-levanger', `kortversjon-2027.${lang}.pdf`)).filter((t) => t.trim() !== '');
        expect(p.length).toBeGreaterThanOrEqual(2);
        expect(p.length).toBeLessThanOrEqual(4);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('withInfo', () => {
  it('leaves a PDF without a classic trailer (a cross-reference stream) as it is', () => {
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<</Type/XRef/Size 2/Root 2 0 R>>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n', 'latin1'));
    expect(withInfo(pdf, { title: 't', author: 'a', creator: 'c' })).toBe(pdf);
  });
  it('appends an update whose xref offset points at the new section', () => {
    const head = '%PDF-1.4\n1 0 obj\n<</Type/Catalog>>\nendobj\n';
    const xref = head.length;
    const pdf = new Uint8Array(Buffer.from(`${head}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<</Size 2\n/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
    const out = Buffer.from(withInfo(pdf, { title: 'Tittel', author: 'Levanger kommune', creator: 'folkehelse 1' })).toString('latin1');
    const at = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(out)![1]);
    expect(out.slice(at, at + 4)).toBe('xref');
    expect(out).toContain(`/Prev ${xref}`);
    const objAt = Number(/\n2 1\n(\d{10}) 00000 n/.exec(out)![1]);
    expect(out.slice(objAt, objAt + 7)).toBe('2 0 obj');
  });
});
