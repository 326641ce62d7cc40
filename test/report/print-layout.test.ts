import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Section } from '../../src/report/document.js';
import { renderHtml } from '../../src/report/html.js';
import { findBrowser } from '../../src/output/pdf.js';
import { INNHERRED, ROOT, tempDir } from '../helpers.js';
import { HAVE_PDFTOTEXT, pdfPages } from '../output/pdf-text.js';
import { smallDocument } from './small-document.js';

const HAVE_BROWSER = findBrowser().path !== null;
if (!HAVE_BROWSER) console.warn('print-layout: no Chrome or Chromium found; the PDF page-break checks are skipped');

/** The text of each page, as lines, without the running header and the page number (pdftotext). */
function pages(file: string): string[][] {
  return pdfPages(file).map((text) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !/Oversikt over helsetilstand og påvirkningsfaktorer \d{4}$/.test(l) && !/^Side \d+ av \d+$/.test(l)),
  );
}

describe.skipIf(!HAVE_BROWSER || !HAVE_PDFTOTEXT)('page breaks in the example PDF', () => {
  let doc: string[][];
  beforeAll(async () => {
    const out = tempDir();
    execFileSync(process.execPath, [join(ROOT, 'bin', 'folkehelse'), 'build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'pdf', '--out', out], { stdio: 'pipe' });
    doc = pages(join(out, '5037-levanger', 'oversikt-2027.nb.pdf'));
  }, 120_000);

  it('never starts a page with the "Kilde" line of the section before', () => {
    const orphans = doc.map((lines, i) => ({ page: i + 1, first: lines[0] ?? '' })).filter((p) => /^Kilde: /.test(p.first));
    expect(orphans).toEqual([]);
  });

  it("keeps each indicator's heading on the page of its figure", () => {
    let checked = 0;
    doc.forEach((lines, i) => {
      for (const l of lines) {
        const m = /^Figur \d+\. (.+)$/.exec(l);
        if (!m) continue;
        const heading = new RegExp(`^\\d+\\.\\d+ ${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
        // The last page with the heading: the table of contents lists it too (its page number on a line of its own).
        const where = doc.findLastIndex((ls) => ls.some((x) => heading.test(x)));
        if (where === -1) continue; // a figure without its own heading (the pyramid, the gradients)
        expect({ figure: m[1], page: where + 1 }).toEqual({ figure: m[1], page: i + 1 });
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(20);
  });
});

describe('a theme without indicators', () => {
  it('is marked so its chapter does not take a page of its own; themes with indicators are not', () => {
    const base = smallDocument();
    const bare: Section = { kind: 'section', id: '4-miljo', number: '4', title: 'Miljø', depth: 1, role: 'theme', blocks: [{ kind: 'paragraph', runs: [{ text: 'Ingen indikatorer.' }] }], children: [] };
    const full: Section = { ...bare, id: '5-helse', number: '5', title: 'Helse', children: base.sections[0]!.children };
    const html = renderHtml({ ...base, sections: [...base.sections, bare, full] }, { figures: new Map() });
    expect(html).toContain('<h2 id="4-miljo" class="without-indicators">');
    expect(html).toContain('<h2 id="5-helse">');
    const css = readFileSync(join(ROOT, 'templates', 'style.css'), 'utf8');
    expect(css).toMatch(/h2\.without-indicators \{[^}]*break-before: auto/);
  });
});
