/**
 * The page of each heading of a PDF printed by Chromium, read from its outline (the bookmarks
 * `page.pdf({ outline: true })` writes from the headings), with pdf.js — for the page numbers in
 * the table of contents. Titles are normalised (whitespace collapsed); the first heading with a
 * title wins.
 */
export async function headingPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given: a copy keeps the PDF intact.
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out = new Map<string, number>();
  try {
    type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
    const visit = async (items: Item[]): Promise<void> => {
      for (const item of items) {
        const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
        const ref = Array.isArray(dest) ? dest[0] : null;
        if (ref && typeof ref === 'object') {
          const title = item.title.replace(/\s+/g, ' ').trim();
          if (!out.has(title)) out.set(title, (await doc.getPageIndex(ref as { num: number; gen: number })) + 1);
        } else if (typeof ref === 'number') {
          out.set(item.title.replace(/\s+/g, ' ').trim(), ref + 1);
        }
        await visit(item.items ?? []);
      }
    };
    await visit(((await doc.getOutline()) ?? []) as Item[]);
  } finally {
    await doc.destroy();
  }
  return out;
}
