import { PdfFile, Ref, type PdfObject, refKey } from './pdf-reader.js';

/**
 * The page of each heading of a PDF printed by Chromium, for the page numbers in the table of
 * contents: read from the PDF's named destinations. Chromium writes one for every element an
 * internal link points at — every heading the contents link to — as `/Dests << /id [page /XYZ x y 0] >>`
 * (Skia/PDF, in every print, tagged or not, painted or not). Keyed by the element's id (the link's
 * fragment, percent-decoded); pages are 1-based.
 *
 * Read with a small reader (`pdf-reader.ts`) instead of a PDF library: only the catalogue, the page
 * tree and the destinations are read (pdf.js, 38 MB, took longer to load than to read them).
 */
export async function headingPages(pdf: Uint8Array): Promise<Map<string, number>> {
  return destinationPages(pdf);
}

/** `headingPages`, synchronously: every named destination's page by its name; the first of a name wins. */
export function destinationPages(pdf: Uint8Array | PdfFile): Map<string, number> {
  const file = pdf instanceof PdfFile ? pdf : readPdf(pdf);
  const catalog = file.dict(file.trailer.get('Root'));
  const pageOf = new Map<string, number>();
  file.pages(catalog.get('Pages')).forEach((ref, i) => pageOf.set(refKey(ref), i + 1));
  const out = new Map<string, number>();
  const add = (name: Uint8Array, dest: PdfObject) => {
    let d = file.resolve(dest);
    if (d instanceof Map) d = file.resolve(d.get('D') ?? null);
    const page = Array.isArray(d) ? d[0] : undefined;
    const n = page instanceof Ref ? pageOf.get(refKey(page)) : typeof page === 'number' ? page + 1 : undefined;
    const id = destinationName(name);
    if (n !== undefined && !out.has(id)) out.set(id, n);
  };
  // PDF 1.1: a dictionary in the catalogue; PDF 1.2 and later: a name tree under /Names.
  const dests = file.resolve(catalog.get('Dests') ?? null);
  if (dests instanceof Map) for (const [key, value] of dests) add(Buffer.from(key, 'latin1'), value);
  const names = file.resolve(catalog.get('Names') ?? null);
  if (names instanceof Map) file.nameTree(names.get('Dests') ?? null, add);
  return out;
}

/** The printed PDF, to be read (by `destinationPages`, `fillContentsPages`). */
export function readPdf(pdf: Uint8Array): PdfFile {
  return new PdfFile(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}

/** A destination name as the element's id: Chromium names it by the link's percent-encoded fragment. */
function destinationName(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  const text = b[0] === 0xfe && b[1] === 0xff ? b.subarray(2, b.length - (b.length % 2)).swap16().toString('utf16le') : b.toString('utf8');
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
