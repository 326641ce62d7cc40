import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/output/browser.js';
import { CONTENTS_PLACEHOLDER, PdfRenderer } from '../../src/output/pdf.js';
import { destinationPages, headingPages } from '../../src/output/pdf-outline.js';
import { withInfo } from '../../src/output/pdf-metadata.js';
import { tempDir } from '../helpers.js';

const HAVE_BROWSER = findBrowser().path !== null;

/** A PDF with a classic cross-reference table from numbered object bodies (object 1 is the catalogue). */
function classicPdf(objects: string[]): Uint8Array {
  let text = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(text, 'latin1'));
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text, 'latin1');
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** Three pages in a nested page tree: objects 2 (root), 3 (a node with pages 4 and 5) and 6. */
const PAGES = ['<</Type /Pages /Kids [3 0 R 6 0 R] /Count 3>>', '<</Type /Pages /Parent 2 0 R /Kids [4 0 R 5 0 R] /Count 2>>', '<</Type /Page /Parent 3 0 R>>', '<</Type /Page /Parent 3 0 R>>', '<</Type /Page /Parent 2 0 R>>'];

describe('destinationPages: the page of each named destination (the headings the contents link to)', () => {
  it('reads Chromium\'s /Dests dictionary: names are the links\' percent-encoded fragments, #-escaped', () => {
    // As Chromium writes "#41-kjønn": the fragment percent-encoded, its % escaped as #25 in the name.
    const pdf = classicPdf(['<</Type /Catalog /Pages 2 0 R /Dests 7 0 R>>', ...PAGES, '<</1-innledning [4 0 R /XYZ 11.25 841.92 0]\n/41-kj#25C3#25B8nn [5 0 R /XYZ 11.25 706.17 0]\n/12-vedlegg 8 0 R>>', '[6 0 R /Fit]']);
    expect(destinationPages(pdf)).toEqual(
      new Map([
        ['1-innledning', 1],
        ['41-kjønn', 2],
        ['12-vedlegg', 3],
      ]),
    );
  });

  it('follows an incremental update (the document information withInfo appends)', async () => {
    const pdf = classicPdf(['<</Type /Catalog /Pages 2 0 R /Dests 7 0 R>>', ...PAGES, '<</a [6 0 R /XYZ 0 0 0]>>']);
    const updated = withInfo(pdf, { title: 'T', author: 'Levanger kommune', creator: 'folkehelse' });
    expect(updated.length).toBeGreaterThan(pdf.length);
    expect(await headingPages(updated)).toEqual(new Map([['a', 3]]));
  });

  it("writes the municipality as author and the configuration's date as CreationDate and ModDate (issue 26)", () => {
    const pdf = classicPdf(['<</Type /Catalog /Pages 2 0 R>>', ...PAGES]);
    const text = Buffer.from(withInfo(pdf, { title: 'T', author: 'Levanger kommune', creator: 'folkehelse', date: '2026-11-22' })).toString('latin1');
    expect(text).toContain('/CreationDate (D:20261122000000Z)');
    expect(text).toContain('/ModDate (D:20261122000000Z)');
    const hex = [...'Levanger kommune'].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('');
    expect(text).toContain(`/Author <FEFF${hex}>`);
    expect(Buffer.from(withInfo(pdf, { title: 'T', author: 'A', creator: 'c' })).toString('latin1')).not.toContain('/CreationDate');
  });

  it('reads a /Names name tree with /Kids, string keys and { /D … } destinations', () => {
    const pdf = classicPdf(['<</Type /Catalog /Pages 2 0 R /Names << /Dests 7 0 R >> >>', ...PAGES, '<</Kids [8 0 R 9 0 R]>>', '<</Names [(a\\(1\\)) [4 0 R /Fit] <FEFF00F8> << /D [6 0 R /Fit] >>] /Limits [(a) (b)]>>', '<</Names [(c%20d) 10 0 R]>>', '[5 0 R /XYZ null null null]']);
    expect(destinationPages(pdf)).toEqual(
      new Map([
        ['a(1)', 1],
        ['ø', 3],
        ['c d', 2],
      ]),
    );
  });

  it('reads cross-reference and object streams (FlateDecode with a PNG predictor)', () => {
    // Objects 1–7 in object stream 8; the cross-reference stream is object 9.
    const inStream = ['<</Type /Catalog /Pages 2 0 R /Dests 7 0 R>>', ...PAGES, '<</x [5 0 R /Fit]>>'];
    let header = '';
    let body = '';
    inStream.forEach((o, i) => {
      header += `${i + 1} ${body.length} `;
      body += `${o}\n`;
    });
    const objStm = Buffer.from(header + body, 'latin1');
    let text = '%PDF-1.5\n';
    const objStmAt = text.length;
    const compressed = deflateSync(objStm);
    const head = `8 0 obj\n<</Type /ObjStm /N ${inStream.length} /First ${header.length} /Filter /FlateDecode /Length ${compressed.length}>>\nstream\n`;
    const xrefAt = objStmAt + head.length + compressed.length + '\nendstream\nendobj\n'.length;
    // Rows of W [1 4 1]: free 0; objects 1–7 in stream 8; 8 and 9 at their offsets. PNG "Up" rows.
    const rows = [[0, 0, 255], ...inStream.map((_, i) => [2, 8, i]), [1, objStmAt, 0], [1, xrefAt, 0]].map(([t, a, b]) => Buffer.from([t!, (a! >>> 24) & 255, (a! >>> 16) & 255, (a! >>> 8) & 255, a! & 255, b!]));
    const png = Buffer.concat(rows.map((r, i) => Buffer.concat([Buffer.from([2]), Buffer.from(r.map((v, k) => (v - (i > 0 ? rows[i - 1]![k]! : 0)) & 255))])));
    const xrefData = deflateSync(png);
    const xrefHead = `9 0 obj\n<</Type /XRef /Size 10 /W [1 4 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 6>> /Length ${xrefData.length}>>\nstream\n`;
    const pdf = Buffer.concat([Buffer.from(text + head, 'latin1'), compressed, Buffer.from('\nendstream\nendobj\n' + xrefHead, 'latin1'), xrefData, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1')]);
    expect(destinationPages(new Uint8Array(pdf))).toEqual(new Map([['x', 2]]));
  });

  it('no destinations: an empty map', () => {
    expect(destinationPages(classicPdf(['<</Type /Catalog /Pages 2 0 R>>', ...PAGES]))).toEqual(new Map());
  });

  it('throws on what it cannot read instead of guessing', () => {
    const good = Buffer.from(classicPdf(['<</Type /Catalog /Pages 2 0 R>>', ...PAGES]));
    expect(() => destinationPages(new Uint8Array(good.subarray(0, good.length - 30)))).toThrow(/startxref/);
    // A /Prev that points back at itself.
    const xref = Number(/startxref\n(\d+)/.exec(good.toString('latin1'))![1]);
    const looping = Buffer.from(good.toString('latin1').replace('/Root 1 0 R>>', `/Root 1 0 R /Prev ${xref}>>`), 'latin1');
    expect(() => destinationPages(new Uint8Array(looping))).toThrow(/loops/);
    // A page tree whose node is its own kid.
    expect(() => destinationPages(classicPdf(['<</Type /Catalog /Pages 2 0 R>>', '<</Type /Pages /Kids [2 0 R]>>']))).toThrow(/page tree/);
    expect(() => destinationPages(new Uint8Array(Buffer.from('not a pdf')))).toThrow(/cannot read the printed PDF/);
  });
});

describe.skipIf(!HAVE_BROWSER)('the print with contents', () => {
  const html = (contents: string) =>
    `<!DOCTYPE html><html><head><style>h2 { break-before: page; } .long { height: 1500px; } body { font-family: "DejaVu Sans"; }</style></head><body><p>${contents} <img src="https://example.com/x.png"></p><p>Sidene 0123456789 (the digits' glyphs must be in the font's subset)</p><h2 id="a">A</h2><div class="long"></div><h2 id="b-ø">B</h2><script>document.title = 'JS RAN'</script></body></html>`;
  const contents = (p: string) => `<a href="#a">A <span class="toc-page">${p}</span></a> <a href="#b-ø">B <span class="toc-page">${p}</span></a>`;
  const text = (pdf: Uint8Array) => {
    const file = join(tempDir(), 'contents.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    return r.error === undefined ? r.stdout : null;
  };
  const updates = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1').match(/%%EOF/g)?.length;

  it('prints once: the numbers are written over the figure-space placeholders in the printed PDF, tagged, requests blocked', async () => {
    const pdf = await PdfRenderer.launch();
    try {
      const printed = await pdf.render(html(contents(CONTENTS_PLACEHOLDER)), { header: 'test', page: 'Side', of: 'av', contents: ['a', 'b-ø'] });
      expect(await headingPages(printed)).toEqual(new Map([['a', 2], ['b-ø', 4]]));
      expect(Buffer.from(printed).toString('latin1')).toMatch(/StructTreeRoot/);
      // Chromium's print and one update with the contents' stream: it was not printed again.
      expect(updates(printed)).toBe(2);
      const t = text(printed);
      if (t !== null) expect(t).toMatch(/A\s*2\s*B\s*4/);
      expect(pdf.blockedRequests.filter((u) => u.startsWith('https://example.com/'))).toHaveLength(1);
    } finally {
      await pdf.close();
    }
  }, 60_000);

  it('prints again with the numbers set in the page where the placeholders cannot be written over (here: digits; or the font lacks the digits)', async () => {
    const pdf = await PdfRenderer.launch();
    try {
      const printed = await pdf.render(html(contents('00')), { header: 'test', page: 'Side', of: 'av', contents: ['a', 'b-ø'] });
      expect(await headingPages(printed)).toEqual(new Map([['a', 2], ['b-ø', 4]]));
      expect(updates(printed)).toBe(1);
      const t = text(printed);
      if (t !== null) {
        expect(t).toMatch(/A\s*2\s*B\s*4/);
        expect(t).not.toMatch(/00/);
      }
    } finally {
      await pdf.close();
    }
  }, 60_000);
});
