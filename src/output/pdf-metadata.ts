import { appendUpdate, lastCrossReference } from './pdf-update.js';

/**
 * Sets the PDF's document information (Title, Author, Subject, Creator) by an incremental update
 * (ISO 32000-1 § 7.5.6): a new Info dictionary, a one-entry cross-reference section and a trailer
 * that points to the previous one are appended; nothing Chromium wrote is changed. Chromium's
 * `page.pdf()` has no option for the author and names itself the creator. A PDF that does not end
 * in a classic trailer (a cross-reference stream) is returned unchanged.
 *
 * The same update gives the structure tree a RoleMap: Chromium tags `<em>`, `<strong>` and `<aside>`
 * as Em, Strong and Aside, which are PDF 2.0 types; a PDF 1.7 reader (and PDF/UA checkers) reports
 * them as wrong types unless they are mapped to standard ones (ISO 32000-1 § 14.8.4).
 */
export interface PdfInfo {
  title: string;
  author: string;
  subject?: string;
  creator: string;
  /** The configuration's date (YYYY-MM-DD): CreationDate and ModDate, so that the same input gives the same bytes. */
  date?: string | null;
}

/** A PDF text string: UTF-16BE with byte-order mark, as hex (any character, nothing to escape). */
function pdfText(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** PDF 2.0 structure types Chromium writes, mapped to their PDF 1.7 standard equivalents. */
const ROLE_MAP = '/RoleMap <</Strong /Span /Em /Span /Aside /Div /Mark /Span /Sub /Span /Sup /Span>>';

/** The structure tree root's object, rewritten with the RoleMap, or null (untagged, or mapped already). */
function structTreeRootWithRoleMap(pdf: Uint8Array): { id: number; generation: number; body: string } | null {
  // Found from the end with a byte search (the last one written wins, as in an update); a regular
  // expression over the whole file as text cost ≈ 15 ms a PDF.
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let at = bytes.length;
  for (;;) {
    at = at > 0 ? bytes.lastIndexOf('/StructTreeRoot', at - 1, 'latin1') : -1;
    if (at < 0) return null;
    // The object's start: `N G obj` and the dictionary opened before `/Type /StructTreeRoot`.
    const head = bytes.toString('latin1', Math.max(0, at - 64), at + '/StructTreeRoot'.length);
    const m = /(\d+)\s+(\d+)\s+obj\s*<<\s*\/Type\s*\/StructTreeRoot$/.exec(head);
    if (!m) continue;
    const start = at - (head.length - '/StructTreeRoot'.length) + m.index;
    const end = bytes.indexOf('endobj', start, 'latin1');
    if (end < 0) return null;
    const object = bytes.toString('latin1', start, end);
    const dictEnd = object.lastIndexOf('>>');
    const dictStart = object.indexOf('<<');
    if (dictEnd < 0 || dictStart < 0 || object.includes('/RoleMap') || object.includes('stream')) return null;
    const dict = object.slice(dictStart + 2, dictEnd);
    return { id: Number(m[1]), generation: Number(m[2]), body: `<<${dict}\n${ROLE_MAP}>>` };
  }
}

/** CreationDate and ModDate of a YYYY-MM-DD date (ISO 32000-1 § 7.9.4), or nothing. */
function pdfDates(date: string | null | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) return '';
  const d = `(D:${m[1]}${m[2]}${m[3]}000000Z)`;
  return `\n/CreationDate ${d}\n/ModDate ${d}`;
}

export function withInfo(pdf: Uint8Array, info: PdfInfo): Uint8Array {
  const prev = lastCrossReference(pdf);
  // The last trailer, before its startxref; latin1 keeps byte offsets.
  const tail = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1', Math.max(0, pdf.length - 2048));
  const trailer = tail.slice(tail.lastIndexOf('trailer'), tail.lastIndexOf('startxref'));
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer);
  if (prev === null || !trailer.startsWith('trailer') || !size || !root) return pdf;
  const n = Number(size[1]);
  const text = (s: string) => Buffer.from(s, 'latin1');
  const objects = [{ num: n, gen: 0, body: text(`<</Title ${pdfText(info.title)}\n/Author ${pdfText(info.author)}${info.subject ? `\n/Subject ${pdfText(info.subject)}` : ''}\n/Creator ${pdfText(info.creator)}\n/Producer ${pdfText(`${info.creator} (Chromium, Skia/PDF)`)}${pdfDates(info.date)}>>`) }];
  const roles = structTreeRootWithRoleMap(pdf);
  if (roles) objects.push({ num: roles.id, gen: roles.generation, body: text(roles.body) });
  return appendUpdate(pdf, objects, `/Size ${n + 1}\n/Root ${root[1]}\n/Info ${n} 0 R`, prev);
}
