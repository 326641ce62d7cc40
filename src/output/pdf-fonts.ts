import { Name, type PdfFile, type PdfObject, Stream } from './pdf-reader.js';

/**
 * What the contents' page numbers need of one font of a printed PDF: the character code of some
 * characters and the width of a code. Only Chromium's (Skia's) composite fonts are read: Type0 with
 * Identity-H (two-byte codes = glyph ids of the embedded subset), a ToUnicode map and a /W array
 * (ISO 32000-1 § 9.7.4.3, 9.10.3). A character is found only when the subset has its glyph: the
 * ToUnicode map lists exactly the glyphs the document uses.
 */
export interface PdfFont {
  /** The character's code as four upper-case hex digits, or undefined when the subset lacks it. */
  code(char: string): string | undefined;
  /** The width of a code in glyph space (thousandths of the font size). */
  width(code: string): number;
}

/** The font dictionary read as such, or null when it is not a composite Identity-H font with a ToUnicode map. */
export function readFont(file: PdfFile, font: PdfObject): PdfFont | null {
  const dict = file.resolve(font);
  if (!(dict instanceof Map) || nameOf(dict.get('Subtype')) !== 'Type0' || nameOf(file.resolve(dict.get('Encoding'))) !== 'Identity-H') return null;
  const toUnicode = file.resolve(dict.get('ToUnicode'));
  const descendants = file.resolve(dict.get('DescendantFonts'));
  const cid = Array.isArray(descendants) ? file.resolve(descendants[0]) : null;
  if (!(toUnicode instanceof Stream) || !(cid instanceof Map)) return null;
  const codes = unicodeCodes(file.streamData(toUnicode).toString('latin1'));
  const widths = cidWidths(file, cid);
  return { code: (char) => codes.get(char), width: (code) => widths(parseInt(code, 16)) };
}

const nameOf = (o: PdfObject | undefined) => (o instanceof Name ? o.value : null);
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/**
 * Character → code from a ToUnicode CMap's bfchar and bfrange sections (§ 9.10.3); the first code
 * of a character wins. Only single UTF-16 units are kept: enough for digits and spaces.
 */
export function unicodeCodes(cmap: string): Map<string, string> {
  const out = new Map<string, string>();
  const set = (char: number, code: number) => {
    const c = String.fromCharCode(char);
    if (!out.has(c)) out.set(c, hex4(code));
  };
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of section[1]!.matchAll(/<([0-9A-Fa-f]{1,4})>\s*<([0-9A-Fa-f]{4})>/g)) set(parseInt(m[2]!, 16), parseInt(m[1]!, 16));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of section[1]!.matchAll(/<([0-9A-Fa-f]{1,4})>\s*<([0-9A-Fa-f]{1,4})>\s*(?:<([0-9A-Fa-f]{4})>|\[([^\]]*)\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (m[3] !== undefined) for (let c = lo; c <= hi && c - lo < 0x10000; c++) set(parseInt(m[3], 16) + (c - lo), c);
      else [...m[4]!.matchAll(/<([0-9A-Fa-f]{4})>/g)].forEach((d, i) => lo + i <= hi && set(parseInt(d[1]!, 16), lo + i));
    }
  }
  return out;
}

/** A CIDFont's widths: /W as `c [w1 w2 …]` and `cFirst cLast w`, /DW for the rest (§ 9.7.4.3). */
function cidWidths(file: PdfFile, cid: Map<string, PdfObject>): (code: number) => number {
  const dw = file.resolve(cid.get('DW'));
  const fallback = typeof dw === 'number' ? dw : 1000;
  const w = file.resolve(cid.get('W'));
  const widths = new Map<number, number>();
  const ranges: [number, number, number][] = [];
  if (Array.isArray(w)) {
    for (let i = 0; i < w.length; ) {
      const first = file.resolve(w[i]);
      const next = file.resolve(w[i + 1]);
      if (typeof first !== 'number') break;
      if (Array.isArray(next)) {
        next.forEach((x, k) => {
          const v = file.resolve(x);
          if (typeof v === 'number') widths.set(first + k, v);
        });
        i += 2;
      } else {
        const value = file.resolve(w[i + 2]);
        if (typeof next !== 'number' || typeof value !== 'number') break;
        ranges.push([first, next, value]);
        i += 3;
      }
    }
  }
  return (code) => widths.get(code) ?? ranges.find(([a, b]) => code >= a && code <= b)?.[2] ?? fallback;
}
