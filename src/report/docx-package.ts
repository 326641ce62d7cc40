import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * The Word package after docx has written it, made the same for the same document: docx's
 * counters and random ids replaced by ones numbered in order of appearance, fixed timestamps, the
 * document's language in the style defaults, and the parts in a fixed order. Only the package is
 * touched here: what the document says is the renderer's (docx.ts).
 */

/** Fixed time inside the zip and in the document properties: the same input gives the same bytes. */
export const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

/** The document's language in the style defaults, whatever the reference document had. */
export function withLanguage(stylesXml: string, locale: string): string {
  const lang = `<w:lang w:val="${locale}" w:eastAsia="${locale}" w:bidi="ar-SA"/>`;
  if (/<w:rPrDefault>\s*<w:rPr>[\s\S]*?<\/w:rPr>/.test(stylesXml)) {
    return stylesXml.replace(/(<w:rPrDefault>\s*<w:rPr>)([\s\S]*?)(<\/w:rPr>)/, (_m, a: string, inner: string, b: string) => `${a}${inner.replace(/<w:lang\b[^>]*\/>/g, '')}${lang}${b}`);
  }
  if (/<w:docDefaults>/.test(stylesXml)) return stylesXml.replace('<w:docDefaults>', `<w:docDefaults><w:rPrDefault><w:rPr>${lang}</w:rPr></w:rPrDefault>`);
  return stylesXml.replace(/(<w:styles\b[^>]*>)/, `$1<w:docDefaults><w:rPrDefault><w:rPr>${lang}</w:rPr></w:rPrDefault></w:docDefaults>`);
}

/**
 * docx numbers TOC bookmarks (_Toc1, _Toc2 …), bookmark ids and drawings with counters that run
 * on from one document to the next in a process: numbered afresh in order of appearance, every
 * build of a document is the same.
 */
export function renumberBookmarks(xml: string): string {
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  let drawings = 0;
  return xml
    .replace(/_Toc\d+/g, (m) => {
      if (!names.has(m)) names.set(m, `_Toc${names.size + 1}`);
      return names.get(m)!;
    })
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)(")/g, (_m, a: string, id: string, b: string) => {
      if (!ids.has(id)) ids.set(id, String(ids.size + 1));
      return `${a}${ids.get(id)}${b}`;
    })
    .replace(/(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g, (_m, a: string, _id: string, b: string) => `${a}${++drawings}${b}`);
}

/**
 * docx names a hyperlink's relationship with a random id (it draws it from Math.random): each
 * relationship id that is not one of its numbered ones (`rId7`) is renamed `link1`, `link2` … in
 * the order of the part's relationships, in the relationships and in the part alike.
 */
export function renumberRelationships(rels: string, part: string): { rels: string; part: string } {
  const names = new Map<string, string>();
  const taken = new Set([...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]!));
  for (const [, id] of rels.matchAll(/\bId="([^"]+)"/g)) {
    if (/^rId\d+$/.test(id!) || names.has(id!)) continue;
    let n = names.size + 1;
    while (taken.has(`link${n}`)) n++;
    names.set(id!, `link${n}`);
    taken.add(`link${n}`);
  }
  if (names.size === 0) return { rels, part };
  const rename = (_m: string, a: string, id: string, b: string) => `${a}${names.get(id) ?? id}${b}`;
  return { rels: rels.replace(/(\bId=")([^"]+)(")/g, rename), part: part.replace(/(\br:(?:id|embed|link|pict)=")([^"]+)(")/g, rename) };
}

/**
 * Fixed timestamps in the zip and in docProps/core.xml (the configuration's date when there is one:
 * the same configuration gives the same bytes), the language in the styles, ids in order, parts in a
 * fixed order.
 */
export function normalisePackage(bytes: Uint8Array, locale: string, date?: string | null): Uint8Array {
  const files = unzipSync(bytes);
  const text = new Map<string, string>();
  const edit = (name: string, f: (xml: string) => string) => text.set(name, f(text.get(name) ?? strFromU8(files[name]!)));
  const stamp = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : FIXED_TIME.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const name of Object.keys(files)) {
    if (name === 'docProps/core.xml') edit(name, (xml) => xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`));
    if (name === 'word/styles.xml') edit(name, (xml) => withLanguage(xml, locale));
    if (name === 'word/document.xml') edit(name, renumberBookmarks);
    const rels = /^word\/_rels\/(.+)\.rels$/.exec(name);
    if (rels && files[`word/${rels[1]}`]) {
      const part = `word/${rels[1]}`;
      edit(part, (xml) => xml);
      const renamed = renumberRelationships(strFromU8(files[name]!), text.get(part)!);
      text.set(name, renamed.rels).set(part, renamed.part);
    }
  }
  const out: Zippable = {};
  const names = Object.keys(files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b)));
  for (const name of names) {
    const data = text.has(name) ? strToU8(text.get(name)!) : files[name]!;
    out[name] = [data, { mtime: FIXED_TIME, level: name.startsWith('word/media/') ? 0 : 6 }];
  }
  return zipSync(out, { mtime: FIXED_TIME });
}
