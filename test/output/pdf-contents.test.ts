import { describe, expect, it } from 'vitest';
import { CONTENTS_PLACEHOLDER, fillContentsPages } from '../../src/output/pdf-contents.js';
import { unicodeCodes } from '../../src/output/pdf-fonts.js';
import { destinationPages, readPdf } from '../../src/output/pdf-outline.js';
import { withInfo } from '../../src/output/pdf-metadata.js';
import { Ref, Stream } from '../../src/output/pdf-reader.js';

/** A PDF with a classic cross-reference table; an object is a body, or a dictionary and its stream's data. */
function pdfOf(objects: (string | { dict: string; data: string })[]): Uint8Array {
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(text, 'latin1'));
    const body = typeof o === 'string' ? o : `<<${o.dict} /Length ${Buffer.byteLength(o.data, 'latin1')}>>\nstream\n${o.data}\nendstream`;
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text, 'latin1');
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/**
 * One page whose fonts are as Chromium writes them: F1 with the digits (codes 0010–0019, width 600)
 * and the figure space (0064, width 600), F2 (bold) without a figure space. `content` is the page's
 * content stream; the page links to the headings "a" and "b".
 */
function contentsPdf(content: string, opts: { digitWidth?: number; toUnicode?: string } = {}): Uint8Array {
  const toUnicode = opts.toUnicode ?? '2 beginbfchar\n<0003> <0020>\n<0064> <2007>\nendbfchar\n1 beginbfrange\n<0010> <0019> <0030>\nendbfrange';
  return pdfOf([
    '<</Type /Catalog /Pages 2 0 R /Dests <</a [3 0 R /XYZ 0 0 0] /b [3 0 R /XYZ 0 0 0]>> >>',
    '<</Type /Pages /Kids [3 0 R] /Count 1>>',
    '<</Type /Page /Parent 2 0 R /Resources <</Font <</F1 4 0 R /F2 7 0 R>> >> /Contents 8 0 R>>',
    '<</Type /Font /Subtype /Type0 /BaseFont /AAAAAA+DejaVuSans /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 6 0 R>>',
    `<</Type /Font /Subtype /CIDFontType2 /W [3 [317] 16 25 ${opts.digitWidth ?? 600} 100 [600]]>>`,
    { dict: '', data: `/CIDInit /ProcSet findresource begin\nbegincmap\n${toUnicode}\nendcmap` },
    '<</Type /Font /Subtype /Type0 /BaseFont /BAAAAA+DejaVuSans-Bold /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 9 0 R>>',
    { dict: '', data: content },
    { dict: '', data: 'begincmap\n1 beginbfrange\n<0010> <0019> <0030>\nendbfrange\nendcmap' },
  ]);
}

/** The page's content stream as the PDF now reads. */
function contentOf(pdf: Uint8Array): string {
  const file = readPdf(pdf);
  const stream = file.resolve(new Ref(8, 0));
  if (!(stream instanceof Stream)) throw new Error('no content stream');
  return file.streamData(stream).toString('latin1');
}

const TWO_ENTRIES = 'BT\n/F1 12 Tf\n1 0 0 -1 10 10 Tm\n<00640064> Tj\nET\nBT\n/F1 12 Tf\n1 0 0 -1 10 30 Tm\n<0064> Tj\n7.2 0 Td <0064> Tj\nET';

describe('fillContentsPages: the contents\' page numbers written over the placeholders of the print', () => {
  it('replaces each placeholder\'s figure-space glyphs by the number\'s digits, right-aligned, in an incremental update', () => {
    expect(CONTENTS_PLACEHOLDER).toBe('\u2007\u2007');
    const pdf = contentsPdf(TWO_ENTRIES);
    const filled = fillContentsPages(readPdf(pdf), ['7', '12'])!;
    expect(filled).not.toBeNull();
    expect(contentOf(filled)).toBe(TWO_ENTRIES.replace('<00640064>', '<00640017>').replace('<0064> Tj\n7.2', '<0011> Tj\n7.2').replace('Td <0064>', 'Td <0012>'));
    // Chromium's bytes are kept; the update follows them, and the file still reads (and takes the next update).
    expect(Buffer.from(filled.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    expect(destinationPages(withInfo(filled, { title: 'T', author: 'A', creator: 'C' }))).toEqual(new Map([['a', 1], ['b', 1]]));
    // Same input, same bytes.
    expect(Buffer.from(fillContentsPages(readPdf(pdf), ['7', '12'])!).equals(Buffer.from(filled))).toBe(true);
  });

  it('leaves an entry without a page blank (figure spaces), and does not read glyphs that are operands or of another font', () => {
    const content = `BT\n/F1 12 Tf\n/Span <</ActualText (fl) /Alt <00640064> >> BDC\n<0011> Tj\nEMC\nET\n${TWO_ENTRIES}\nBT\n/F2 10 Tf\n<00640064> Tj\nET`;
    const filled = fillContentsPages(readPdf(contentsPdf(content)), ['', '3'])!;
    expect(contentOf(filled)).toBe(content.replace('Td <0064>', 'Td <0013>'));
  });

  it('gives up (null: the printer prints again with the numbers) when it cannot be done safely', () => {
    const fill = (content: string, numbers: string[], opts: Parameters<typeof contentsPdf>[1] = {}) => fillContentsPages(readPdf(contentsPdf(content, opts)), numbers);
    expect(fill(TWO_ENTRIES, ['7', '123'])).toBeNull(); // wider than the placeholder
    expect(fill(TWO_ENTRIES, ['7'])).toBeNull(); // more placeholders than entries
    expect(fill(TWO_ENTRIES, ['7', '8', '9'])).toBeNull(); // fewer
    expect(fill(TWO_ENTRIES, ['7', '8'], { digitWidth: 700 })).toBeNull(); // a digit is wider than the figure space
    expect(fill(TWO_ENTRIES, ['7', '8'], { toUnicode: '1 beginbfchar\n<0064> <2007>\nendbfchar' })).toBeNull(); // the subset has no digits
    expect(fill('BT\n/F1 12 Tf\n<00640011> Tj\nET', ['7'])).toBeNull(); // not a run of placeholder glyphs
    expect(fill(`${TWO_ENTRIES}\nBT\n/F1 12 Tf\n(x) Tj\nET`, ['7', '8'])).toBeNull(); // text in a literal string
    expect(fill(`BI /W 1 /H 1 ID x EI\n${TWO_ENTRIES}`, ['7', '8'])).toBeNull(); // an inline image
    expect(fill('BT\n/F1 12 Tf\n<00640 064> Tj\nET', ['7'])).toBeNull(); // a hex string not of two-byte codes
    expect(fill('BT /F2 12 Tf <0011> Tj ET', ['7'])).toBeNull(); // no placeholder at all
  });
});

describe('unicodeCodes: a ToUnicode map read backwards', () => {
  it('reads bfchar, bfrange with a start and bfrange with an array; the first code of a character wins', () => {
    const codes = unicodeCodes('2 beginbfchar\n<0AEA> <2007>\n<0099> <0031>\nendbfchar\n2 beginbfrange\n<0013> <001C> <0030>\n<0100> <0101> [<0041> <0042>]\nendbfrange');
    expect(codes.get('\u2007')).toBe('0AEA');
    expect(codes.get('1')).toBe('0099');
    expect(codes.get('0')).toBe('0013');
    expect(codes.get('9')).toBe('001C');
    expect(codes.get('B')).toBe('0101');
  });
});
