/**
 * Changes to a printed PDF as an incremental update (ISO 32000-1 § 7.5.6): the new or replaced
 * objects are appended after Chromium's bytes, with one cross-reference section and a trailer that
 * points to the previous one; nothing already written is changed.
 */

/** An object of the update: its number and generation, and what stands between `obj` and `endobj`. */
export interface UpdatedObject {
  num: number;
  gen: number;
  body: Buffer;
}

/** The byte offset of the PDF's last cross-reference section (its `startxref`), or null when it does not end in one. */
export function lastCrossReference(pdf: Uint8Array): number | null {
  const tail = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1', Math.max(0, pdf.length - 1024));
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  return start ? Number(start[1]) : null;
}

/** The PDF with the objects appended; `trailer` holds the trailer's entries other than /Prev (/Size, /Root …, as PDF text). */
export function appendUpdate(pdf: Uint8Array, objects: readonly UpdatedObject[], trailer: string, prev: number): Uint8Array {
  const parts: Buffer[] = [Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)];
  let at = pdf.length;
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) push(Buffer.from('\n'));
  let sections = '';
  for (const { num, gen, body } of objects) {
    sections += `${num} 1\n${String(at).padStart(10, '0')} ${String(gen).padStart(5, '0')} n \n`;
    push(Buffer.from(`${num} ${gen} obj\n`, 'latin1'));
    push(body);
    push(Buffer.from('\nendobj\n', 'latin1'));
  }
  push(Buffer.from(`xref\n${sections}trailer\n<<${trailer}\n/Prev ${prev}>>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
