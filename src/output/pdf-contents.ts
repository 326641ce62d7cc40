import { deflateSync } from 'node:zlib';
import { readFont, type PdfFont } from './pdf-fonts.js';
import { appendUpdate, lastCrossReference } from './pdf-update.js';
import { type PdfFile, PdfString, Ref, Stream, type PdfObject } from './pdf-reader.js';

/**
 * The table of contents' page numbers, written into the printed PDF: one print per PDF.
 *
 * Chromium has no `target-counter()`, so the contents cannot know a heading's page when the
 * document is laid out. Each contents entry is therefore printed with a placeholder of FIGURE
 * SPACEs (U+2007, which Unicode defines as wide as a digit, and which Blink paints as a glyph of
 * its own), and the pages are learnt from the print's named destinations (`headingPages`). The
 * placeholder's glyphs are then replaced in the contents pages' content streams by the digits'
 * glyphs of the same font, right-aligned and padded with figure spaces: the same widths at the same
 * positions, so nothing moves, and the structure tree, the marked content and the links are the
 * print's own. The changed streams are appended as an incremental update (ISO 32000-1 § 7.5.6).
 *
 * When that cannot be done safely — a font without a figure space or a digit of the same width,
 * a page number wider than the placeholder, placeholders not found as one run each, a content
 * stream that is not read here — it returns null, and the printer sets the numbers in the page
 * and prints again (`PdfRenderer.render`).
 */
const CONTENTS_PLACEHOLDER_CHAR = '\u2007';
/** As wide as the page numbers it can take (a longer document is printed twice). */
export const CONTENTS_PLACEHOLDER = CONTENTS_PLACEHOLDER_CHAR.repeat(2);

/** The PDF with the numbers (in the contents' order) written over the placeholders, or null. */
export function fillContentsPages(file: PdfFile, numbers: readonly string[]): Uint8Array | null {
  const width = CONTENTS_PLACEHOLDER.length;
  if (numbers.some((n) => !/^\d*$/.test(n) || n.length > width)) return null;
  const fonts = new Map<number, PdfFont | null>();
  const changed: { ref: Ref; data: Buffer }[] = [];
  let entry = 0;
  for (const pageRef of file.pages(file.dict(file.trailer.get('Root')).get('Pages'))) {
    if (entry === numbers.length) break;
    const page = file.dict(pageRef);
    const fontsOfPage = pageFonts(file, page, fonts);
    const contents = file.resolve(page.get('Contents'));
    for (const ref of Array.isArray(contents) ? contents : [page.get('Contents') ?? null]) {
      if (!(ref instanceof Ref)) return null;
      const stream = file.resolve(ref);
      if (!(stream instanceof Stream)) return null;
      const data = Buffer.from(file.streamData(stream));
      const runs = placeholderRuns(data, fontsOfPage);
      if (runs === null) return null;
      if (runs.length === 0) continue;
      for (const run of runs) {
        const n = numbers[entry++];
        if (n === undefined || run.offsets.length !== width) return null;
        const glyphs = n.padStart(width, CONTENTS_PLACEHOLDER_CHAR);
        const marker = run.font.code(CONTENTS_PLACEHOLDER_CHAR)!;
        for (let i = 0; i < width; i++) {
          const code = run.font.code(glyphs[i]!);
          if (code === undefined || run.font.width(code) !== run.font.width(marker)) return null;
          data.write(code, run.offsets[i]!, 'latin1');
        }
      }
      changed.push({ ref, data });
    }
  }
  if (entry !== numbers.length) return null;
  return withUpdatedStreams(file, changed);
}

/** The page's fonts by resource name (read once per font object). */
function pageFonts(file: PdfFile, page: Map<string, PdfObject>, cache: Map<number, PdfFont | null>): Map<string, PdfFont | null> {
  const resources = file.resolve(page.get('Resources'));
  const fonts = resources instanceof Map ? file.resolve(resources.get('Font')) : null;
  const out = new Map<string, PdfFont | null>();
  if (fonts instanceof Map) {
    for (const [name, ref] of fonts) {
      if (!(ref instanceof Ref)) continue;
      if (!cache.has(ref.num)) cache.set(ref.num, readFont(file, ref));
      out.set(name, cache.get(ref.num)!);
    }
  }
  return out;
}

/** One placeholder as printed: the byte offsets of its glyphs' codes in the content stream, and their font. */
interface Run {
  offsets: number[];
  font: PdfFont;
}

const REGULAR = 0;
const SPACE = 1;
const DELIMITER = 2;
/** Each ASCII byte's kind in a content stream (ISO 32000-1 § 7.2.2). */
const KIND = new Uint8Array(128);
for (const c of '\0\t\n\f\r ') KIND[c.charCodeAt(0)] = SPACE;
for (const c of '()<>[]{}/%') KIND[c.charCodeAt(0)] = DELIMITER;
const NUMBER_START = new Uint8Array(128);
for (const c of '+-.0123456789') NUMBER_START[c.charCodeAt(0)] = 1;
/** The operators that show text (ISO 32000-1 § 9.4.3). */
const SHOW_TEXT = new Set(['Tj', 'TJ', "'", '"']);

/**
 * The runs of placeholder glyphs in a content stream, in the order they are painted: glyphs of a
 * font whose figure space is one, in hex strings inside one text object with no other glyph between
 * them. Null for what this scanner does not read (inline images, placeholder glyphs in a literal
 * string or a malformed hex string).
 */
function placeholderRuns(data: Buffer, fonts: Map<string, PdfFont | null>): Run[] | null {
  const text = data.toString('latin1');
  const runs: Run[] = [];
  let run: Run | null = null;
  const close = () => {
    if (run) runs.push(run);
    run = null;
  };
  let font: PdfFont | null = null;
  let marker: string | undefined;
  let lastName = '';
  let inText = false;
  let dicts = 0;
  let literalText = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? KIND[c]! : REGULAR;
    if (kind === SPACE) i++;
    else if (c === 0x25 /* % */) i = lineEnd(text, i);
    else if (c === 0x28 /* ( */) {
      const end = literalEnd(text, i);
      if (end < 0) return null;
      // Glyphs in a literal string are not read here; one in an operand (ActualText) is no glyph.
      literalText ||= inText && dicts === 0;
      i = end;
    } else if ((c === 0x3c || c === 0x3e) && text.charCodeAt(i + 1) === c) {
      dicts += c === 0x3c ? 1 : -1;
      i += 2;
    } else if (c === 0x3c /* < */) {
      const end = text.indexOf('>', i);
      if (end < 0) return null;
      if (inText && dicts === 0 && marker !== undefined) {
        const hex = text.slice(i + 1, end);
        if (!/^[0-9A-Fa-f]*$/.test(hex) || hex.length % 4 !== 0) return null;
        for (let k = 0; k < hex.length; k += 4) {
          if (hex.slice(k, k + 4).toUpperCase() === marker) (run ??= { offsets: [], font: font! }).offsets.push(i + 1 + k);
          else close();
        }
      }
      i = end + 1;
    } else if (kind === DELIMITER && c !== 0x2f /* / starts a name */) i++;
    else {
      let end = i + 1;
      while (end < text.length && (text.charCodeAt(end) >= 128 || KIND[text.charCodeAt(end)] === REGULAR)) end++;
      // Numbers are operands; names and operators are read.
      if (c === 0x2f /* / */) lastName = text.slice(i + 1, end);
      else if (!NUMBER_START[c]) {
        const word = text.slice(i, end);
        if (literalText) {
          if (SHOW_TEXT.has(word) && marker !== undefined) return null;
          literalText = false;
          close();
        }
        if (word === 'BT') inText = true;
        else if (word === 'ET') {
          close();
          inText = false;
        } else if (word === 'Tf') {
          close();
          font = fonts.get(lastName) ?? null;
          marker = font?.code(CONTENTS_PLACEHOLDER_CHAR);
        } else if (word === 'BI') return null;
      }
      i = end;
    }
  }
  close();
  return runs;
}

function lineEnd(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The index after a literal string's closing parenthesis (nested, escaped), or -1. */
function literalEnd(text: string, i: number): number {
  let depth = 0;
  for (i++; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) return i + 1;
  }
  return -1;
}

/** The PDF with the streams replaced by an incremental update (new objects under the same numbers). */
function withUpdatedStreams(file: PdfFile, streams: { ref: Ref; data: Buffer }[]): Uint8Array | null {
  const prev = lastCrossReference(file.buf);
  const size = file.trailer.get('Size');
  const root = file.trailer.get('Root');
  const info = file.trailer.get('Info');
  const id = file.trailer.get('ID');
  if (prev === null || typeof size !== 'number' || !(root instanceof Ref)) return null;
  const objects = [...streams]
    .sort((a, b) => a.ref.num - b.ref.num)
    .map(({ ref, data }) => {
      const body = deflateSync(data);
      return { num: ref.num, gen: ref.gen, body: Buffer.concat([Buffer.from(`<</Filter /FlateDecode\n/Length ${body.length}>> stream\n`, 'latin1'), body, Buffer.from('\nendstream', 'latin1')]) };
    });
  const refText = (r: Ref) => `${r.num} ${r.gen} R`;
  const ids = Array.isArray(id) ? id.flatMap((x) => (x instanceof PdfString ? [`<${x.bytes.toString('hex')}>`] : [])) : [];
  return appendUpdate(file.buf, objects, `/Size ${size}\n/Root ${refText(root)}${info instanceof Ref ? `\n/Info ${refText(info)}` : ''}${ids.length === 2 ? `\n/ID [${ids.join(' ')}]` : ''}`, prev);
}
