import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import {
  AlignmentType,
  Bookmark,
  Document as WordDocument,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  ExternalHyperlink,
  InternalHyperlink,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  SimpleField,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { marked, type Token, type Tokens } from 'marked';
import { FolkehelseError, EXIT_USAGE } from '../base/errors.js';
import type { Block, Document, FigureBlock, Inline, Section, TableBlock } from './document.js';
import { xmlSafe } from './escape.js';
import { TEMPLATE_DIR } from './language.js';

export interface DocxOptions {
  /** SVG of each figure by its file. */
  figures: Map<string, string>;
  /** The user's template folder: its reference.docx (if any) gives the styles. */
  templates?: string;
}

/** A reference .docx that cannot be read: names the file. */
export class ReferenceDocxError extends FolkehelseError {
  constructor(file: string, message: string) {
    super(`reference document ${file}: ${message}`, EXIT_USAGE);
  }
}

/** Our own paragraph styles (display names from the language file); a reference document's styles of the same id win (as pandoc's --reference-doc). */
const STYLES: IParagraphStyleOptions[] = [
  { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { italics: true, size: 18, color: '444444' }, paragraph: { spacing: { before: 60, after: 160 }, keepNext: false } },
  { id: 'Assessment', name: 'Vurdering', basedOn: 'Normal', next: 'Assessment', quickFormat: true, paragraph: { indent: { left: 284 }, border: { left: { style: 'single', size: 18, color: '0072B2', space: 8 } }, shading: { type: ShadingType.CLEAR, fill: 'EEF5FB', color: 'auto' }, spacing: { after: 120 } } },
  { id: 'AssessmentMissing', name: 'Vurdering mangler', basedOn: 'Assessment', next: 'Assessment', quickFormat: true, paragraph: { border: { left: { style: 'single', size: 18, color: 'E69F00', space: 8 } }, shading: { type: ShadingType.CLEAR, fill: 'FFF7E6', color: 'auto' } } },
  { id: 'Source', name: 'Kilde', basedOn: 'Normal', next: 'Normal', run: { italics: true, size: 18, color: '555555' }, paragraph: { spacing: { after: 240 } } },
  { id: 'Note', name: 'Merknad', basedOn: 'Normal', next: 'Normal', run: { size: 18 }, paragraph: { indent: { left: 284 }, shading: { type: ShadingType.CLEAR, fill: 'F3F6F9', color: 'auto' } } },
  { id: 'BuildNote', name: 'Byggemerknad', basedOn: 'Normal', next: 'Normal', run: { size: 18, color: '444444' }, paragraph: { border: { top: { style: 'single', size: 4, color: 'AAAAAA', space: 4 }, bottom: { style: 'single', size: 4, color: 'AAAAAA', space: 4 } }, spacing: { before: 480 } } },
  { id: 'TableText', name: 'Tabelltekst', basedOn: 'Normal', next: 'TableText', run: { size: 17 }, paragraph: { spacing: { before: 20, after: 20 } } },
  { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 30, color: '555555' }, paragraph: { spacing: { after: 240 } } },
];

const FONT = 'DejaVu Sans';
const MONO = 'DejaVu Sans Mono';
/** Figures are drawn 640 px wide; in Word 16 cm (about 605 px at 96 dpi). */
const FIGURE_WIDTH_PX = 605;

/** A seeded stand-in for Math.random while docx builds the document: its ids come out the same every time. */
function seeded(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The PNG of an SVG (for Word versions without SVG support, and LibreOffice), twice the figure's size. */
export function svgToPng(svg: string): Uint8Array {
  // DejaVu (the figures' first font) where it is installed: fast, and the same glyphs every time.
  const fontFiles = DEJAVU.filter((f) => existsSync(f));
  const font = fontFiles.length > 0 ? { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT } : { loadSystemFonts: true, defaultFontFamily: FONT };
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font, background: '#ffffff' }).render().asPng();
}

const DEJAVU = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].flatMap((f) => [`/usr/share/fonts/truetype/dejavu/${f}`, `/usr/share/fonts/dejavu/${f}`, `/usr/share/fonts/TTF/${f}`]);

function svgSize(svg: string): { width: number; height: number } {
  const w = /<svg[^>]*\bwidth="([\d.]+)"/.exec(svg)?.[1];
  const h = /<svg[^>]*\bheight="([\d.]+)"/.exec(svg)?.[1];
  return { width: Number(w ?? 640), height: Number(h ?? 300) };
}

/** The reference document: the configured template folder's reference.docx, else the shipped one, if any. */
export function findReferenceDocx(templates?: string): string | null {
  for (const dir of [templates, TEMPLATE_DIR]) {
    if (!dir) continue;
    const f = join(dir, 'reference.docx');
    if (existsSync(f)) return f;
  }
  return null;
}

function readReferenceStyles(file: string): string {
  if (!statSync(file).isFile()) throw new ReferenceDocxError(file, 'is a folder, not a file');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(readFileSync(file)), { filter: (f) => f.name === 'word/styles.xml' });
  } catch (e) {
    throw new ReferenceDocxError(file, `not a .docx (zip) file (${(e as Error).message})`);
  }
  const styles = files['word/styles.xml'];
  if (!styles) throw new ReferenceDocxError(file, 'has no word/styles.xml');
  return strFromU8(styles);
}

class Builder {
  private readonly bookmarks = new Map<string, string>();
  constructor(
    private readonly doc: Document,
    private readonly figures: Map<string, string>,
  ) {
    let n = 0;
    // Word bookmark names start with a letter and are at most 40 characters.
    const walk = (sections: Section[]) => {
      for (const s of sections) {
        this.bookmarks.set(s.id, `sec${++n}`);
        walk(s.children);
      }
    };
    walk(doc.sections);
  }

  runs(inline: Inline, base: { size?: number } = {}): ParagraphChild[] {
    return inline.map((r) => {
      const run = new TextRun({ text: r.text, bold: r.strong, italics: r.emphasis, font: r.code ? MONO : undefined, size: base.size, style: r.link !== undefined ? 'Hyperlink' : undefined });
      const target = r.link !== undefined ? this.bookmarks.get(r.link) : undefined;
      return target ? new InternalHyperlink({ anchor: target, children: [run] }) : run;
    });
  }

  caption(kind: string, number: number, text: string): Paragraph {
    return new Paragraph({ style: 'Caption', keepNext: kind === this.doc.labels.table, children: [new TextRun(`${kind} `), new SimpleField(`SEQ ${kind} \\* ARABIC`, String(number)), new TextRun(`. ${text}`)] });
  }

  table(t: TableBlock, caption: string | null = t.caption): (Paragraph | Table)[] {
    const label = caption === null ? t.title : `${caption}${t.unit ? ` (${t.unit})` : ''}`;
    const cell = (c: Inline, i: number, header: boolean) =>
      new TableCell({
        shading: header ? { type: ShadingType.CLEAR, fill: 'F3F6F9', color: 'auto' } : undefined,
        children: [new Paragraph({ style: 'TableText', alignment: t.align[i] === 'r' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: header ? this.runs(c.map((r) => ({ ...r, strong: true }))) : this.runs(c) })],
      });
    const rows = [...t.header.map((row) => new TableRow({ tableHeader: true, cantSplit: true, children: row.map((c, i) => cell(c, i, true)) })), ...t.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) }))];
    return [this.caption(this.doc.labels.table, t.number, label), new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }), new Paragraph({ children: [] })];
  }

  figure(f: FigureBlock): (Paragraph | Table)[] {
    const svg = this.figures.get(f.file);
    const out: (Paragraph | Table)[] = [];
    if (svg) {
      const size = svgSize(svg);
      const transformation = { width: FIGURE_WIDTH_PX, height: Math.round((FIGURE_WIDTH_PX * size.height) / size.width) };
      const altText = { name: f.id, title: f.caption, description: f.alt };
      out.push(new Paragraph({ keepNext: true, children: [new ImageRun({ type: 'svg', data: Buffer.from(svg, 'utf8'), fallback: { type: 'png', data: svgToPng(svg) }, transformation, altText })] }));
    }
    out.push(this.caption(this.doc.labels.figure, f.number, f.caption));
    if (f.data) out.push(...this.table(f.data, f.dataCaption));
    return out;
  }

  /** The municipality's Markdown as Word paragraphs in the assessment style. */
  assessment(markdown: string): Paragraph[] {
    const out: Paragraph[] = [];
    const inline = (tokens: Token[] | undefined, style: { bold?: boolean; italics?: boolean; style?: string } = {}): ParagraphChild[] =>
      (tokens ?? []).flatMap((t): ParagraphChild[] => {
        switch (t.type) {
          case 'strong':
            return inline((t as Tokens.Strong).tokens, { ...style, bold: true });
          case 'em':
            return inline((t as Tokens.Em).tokens, { ...style, italics: true });
          case 'codespan':
            return [new TextRun({ text: decode((t as Tokens.Codespan).text), font: MONO, ...style })];
          case 'br':
            return [new TextRun({ break: 1 })];
          case 'link': {
            // http(s) and mailto addresses become Word hyperlinks (as the HTML allows them); others are their text.
            const l = t as Tokens.Link;
            if (!/^(https?:|mailto:)/i.test(l.href)) return inline(l.tokens, style);
            const runs = inline(l.tokens, { ...style, style: 'Hyperlink' });
            return [new ExternalHyperlink({ link: l.href, children: runs.length ? runs : [new TextRun({ text: l.href, ...style, style: 'Hyperlink' })] })];
          }
          case 'del':
            return inline((t as Tokens.Del).tokens, style);
          default:
            return 'tokens' in t && t.tokens ? inline(t.tokens, style) : [new TextRun({ text: decode((t as { text?: string }).text ?? t.raw), ...style })];
        }
      });
    const blocks = (tokens: Token[], prefix = '') => {
      for (const t of tokens) {
        if (t.type === 'paragraph' || t.type === 'text') out.push(new Paragraph({ style: 'Assessment', children: [...(prefix ? [new TextRun(prefix)] : []), ...inline((t as Tokens.Paragraph).tokens)] }));
        else if (t.type === 'heading') out.push(new Paragraph({ style: 'Assessment', keepNext: true, children: inline((t as Tokens.Heading).tokens, { bold: true }) }));
        else if (t.type === 'list') {
          const l = t as Tokens.List;
          l.items.forEach((item, i) => blocks(item.tokens, l.ordered ? `${(Number(l.start) || 1) + i}. ` : '• '));
        } else if (t.type === 'blockquote') blocks((t as Tokens.Blockquote).tokens);
        else if (t.type === 'code') out.push(new Paragraph({ style: 'Assessment', children: [new TextRun({ text: (t as Tokens.Code).text, font: MONO })] }));
        else if (t.type === 'table') {
          const tb = t as Tokens.Table;
          for (const row of [tb.header, ...tb.rows]) out.push(new Paragraph({ style: 'Assessment', children: row.flatMap((c, i) => [...(i ? [new TextRun(' | ')] : []), ...inline(c.tokens)]) }));
        } else if (t.type !== 'space' && t.type !== 'hr' && t.type !== 'def') out.push(new Paragraph({ style: 'Assessment', children: [new TextRun(t.raw.trim())] }));
      }
    };
    blocks(marked.lexer(markdown, { gfm: true }));
    return out;
  }

  block(b: Block): (Paragraph | Table)[] {
    switch (b.kind) {
      case 'paragraph':
        return [new Paragraph({ children: this.runs(b.runs) })];
      case 'table':
        return this.table(b);
      case 'figure':
        return this.figure(b);
      case 'list':
        return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: this.runs(i) }));
      case 'assessment':
        return b.status === 'written' ? this.assessment(b.markdown ?? '') : [new Paragraph({ style: 'AssessmentMissing', children: this.runs(b.note) })];
      case 'reference':
        return [new Paragraph({ style: 'Source', children: [new TextRun(`${b.label}: ${b.text}`)] })];
      case 'note':
        return [new Paragraph({ style: 'Note', children: this.runs(b.runs) })];
    }
  }

  section(s: Section): (Paragraph | Table)[] {
    const heading = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][s.depth - 1]!;
    const text = s.number ? `${s.number} ${s.title}` : s.title;
    return [
      new Paragraph({ heading, pageBreakBefore: s.depth === 1, children: [new Bookmark({ id: this.bookmarks.get(s.id)!, children: [new TextRun(text)] })] }),
      ...s.blocks.flatMap((b) => this.block(b)),
      ...s.children.flatMap((c) => this.section(c)),
    ];
  }

  body(): (Paragraph | Table | TableOfContents)[] {
    const d = this.doc;
    const front: (Paragraph | Table | TableOfContents)[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(d.title)] }), new Paragraph({ style: 'Subtitle', children: [new TextRun(d.subtitle)] })];
    if (d.date) front.push(new Paragraph({ children: [new TextRun(d.date)] }));
    if (d.coatOfArms) {
      const c = d.coatOfArms;
      const svg = c.mediaType === 'image/svg+xml' ? Buffer.from(c.bytes).toString('utf8') : null;
      const png = svg ? svgToPng(svg) : c.bytes;
      const size = svg ? svgSize(svg) : pngSize(c.bytes);
      const height = 150;
      const transformation = { width: Math.max(1, Math.round((height * size.width) / size.height)), height };
      const altText = { name: 'kommunevapen', title: c.alt, description: c.alt };
      front.push(new Paragraph({ children: [svg ? new ImageRun({ type: 'svg', data: Buffer.from(svg, 'utf8'), fallback: { type: 'png', data: png }, transformation, altText }) : new ImageRun({ type: 'png', data: png, transformation, altText })] }));
    }
    front.push(...d.front.flatMap((b) => this.block(b)));
    front.push(new Paragraph({ style: 'BuildNote', children: [new TextRun(d.labels.buildNote)] }));
    if (d.tocHeading !== null) {
      front.push(new Paragraph({ children: [new PageBreak()] }), new Paragraph({ style: 'TOCHeading', children: [new TextRun({ text: d.tocHeading, bold: true, size: 32 })] }));
      front.push(new TableOfContents(d.tocHeading, { hyperlink: true, headingStyleRange: '1-3' }));
    }
    return [...front, ...d.sections.flatMap((s) => this.section(s)), new Paragraph({ spacing: { before: 480 }, children: [new TextRun({ text: d.footer, size: 16, color: '666666' })] })];
  }
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.length > 24 ? { width: v.getUint32(16), height: v.getUint32(20) } : { width: 1, height: 1 };
}

const styleIds = (xml: string) => new Set([...xml.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]+)"/g)].map((m) => m[1]!));

/** The document's language in the style defaults, whatever the reference document had. */
export function withLanguage(stylesXml: string, locale: string): string {
  const lang = `<w:lang w:val="${locale}" w:eastAsia="${locale}" w:bidi="ar-SA"/>`;
  if (/<w:rPrDefault>\s*<w:rPr>[\s\S]*?<\/w:rPr>/.test(stylesXml)) {
    return stylesXml.replace(/(<w:rPrDefault>\s*<w:rPr>)([\s\S]*?)(<\/w:rPr>)/, (_m, a: string, inner: string, b: string) => `${a}${inner.replace(/<w:lang\b[^>]*\/>/g, '')}${lang}${b}`);
  }
  if (/<w:docDefaults>/.test(stylesXml)) return stylesXml.replace('<w:docDefaults>', `<w:docDefaults><w:rPrDefault><w:rPr>${lang}</w:rPr></w:rPrDefault>`);
  return stylesXml.replace(/(<w:styles\b[^>]*>)/, `$1<w:docDefaults><w:rPrDefault><w:rPr>${lang}</w:rPr></w:rPrDefault></w:docDefaults>`);
}

/** The document with every string fit for XML (control characters from data replaced). */
function xmlSafeStrings<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T;
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => xmlSafeStrings(v)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafeStrings(v)])) as T;
}

/** Fixed time inside the zip and in the document properties: the same input gives the same bytes. */
const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

/**
 * The document as Word (.docx): Heading 1–3, a TOC field, numbered captions (SEQ fields), Word
 * tables with a repeated header row, figures as SVG with a PNG fallback and alt text, page numbers
 * in the footer, the document language, properties (title, municipality, edition) and assessment
 * blocks in a style of their own. A reference .docx gives the styles, as pandoc's --reference-doc.
 */
export async function renderDocx(input: Document, opts: DocxOptions): Promise<Uint8Array> {
  // A control character from data would make the document XML invalid (Word refuses to open it).
  const doc = xmlSafeStrings(input);
  const reference = findReferenceDocx(opts.templates);
  const referenceStyles = reference ? readReferenceStyles(reference) : null;
  const theirs = referenceStyles ? styleIds(referenceStyles) : new Set<string>();
  const builder = new Builder(doc, opts.figures);
  const footer = new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ size: 16, children: [`${doc.labels.page} `, PageNumber.CURRENT, ` ${doc.labels.of} `, PageNumber.TOTAL_PAGES] })] })] });
  const header = new Header({ children: [new Paragraph({ children: [new TextRun({ text: doc.labels.runningHeader, size: 15, color: '666666' })] })] });
  const random = Math.random;
  let packed: Promise<Buffer>;
  // docx draws some ids from Math.random while it builds and compiles (synchronously): seeded, they repeat.
  Math.random = seeded(`${doc.title}|${doc.subtitle}`);
  try {
    const word = new WordDocument({
      title: `${doc.title} – ${doc.subject}`,
      subject: doc.subject,
      creator: 'folkehelse',
      lastModifiedBy: 'folkehelse',
      description: doc.subtitle,
      keywords: `folkehelse; ${doc.subject}; ${doc.edition}`,
      revision: 1,
      customProperties: [
        { name: doc.labels.wordProperties.kommune, value: doc.subject },
        { name: doc.labels.wordProperties.edition, value: String(doc.edition) },
      ],
      features: { updateFields: true },
      ...(referenceStyles ? { externalStyles: referenceStyles } : {}),
      styles: {
        ...(referenceStyles
          ? {}
          : {
              default: {
                document: { run: { font: FONT, size: 20, language: { value: doc.locale } }, paragraph: { spacing: { after: 120, line: 288, lineRule: LineRuleType.AUTO } } },
                title: { run: { font: FONT, size: 52, bold: true, color: '0B3A5B' }, paragraph: { spacing: { before: 2400, after: 240 } } },
                heading1: { run: { font: FONT, size: 32, bold: true, color: '0B3A5B' }, paragraph: { spacing: { before: 240, after: 160 }, keepNext: true } },
                heading2: { run: { font: FONT, size: 25, bold: true, color: '0B3A5B' }, paragraph: { spacing: { before: 320, after: 120 }, keepNext: true } },
                heading3: { run: { font: FONT, size: 22, bold: true, color: '0B3A5B' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
              },
            }),
        paragraphStyles: STYLES.filter((s) => !theirs.has(s.id)).map((s) => ({ ...s, name: doc.labels.wordStyles[s.id] ?? s.name })),
      },
      sections: [
        {
          properties: { titlePage: true, page: { size: { width: 11906, height: 16838 }, margin: { top: 1361, bottom: 1247, left: 1134, right: 1134 } } },
          headers: { default: header, first: new Header({ children: [] }) },
          footers: { default: footer, first: new Footer({ children: [] }) },
          children: builder.body(),
        },
      ],
    });
    packed = Packer.toBuffer(word);
  } finally {
    Math.random = random;
  }
  return normalise(await packed, doc.locale);
}

/**
 * docx numbers TOC bookmarks (_Toc1, _Toc2 …) and bookmark ids with counters that run on from one
 * document to the next in a process: numbered afresh in order of appearance, every build of a
 * document is the same.
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

/** Fixed timestamps in the zip and in docProps/core.xml, the language in the styles, parts in a fixed order. */
function normalise(bytes: Uint8Array, locale: string): Uint8Array {
  const files = unzipSync(bytes);
  const stamp = FIXED_TIME.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const out: Zippable = {};
  const names = Object.keys(files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b)));
  for (const name of names) {
    let data = files[name]!;
    if (name === 'docProps/core.xml') data = strToU8(strFromU8(data).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`));
    if (name === 'word/styles.xml') data = strToU8(withLanguage(strFromU8(data), locale));
    if (name === 'word/document.xml') data = strToU8(renumberBookmarks(strFromU8(data)));
    out[name] = [data, { mtime: FIXED_TIME, level: name.startsWith('word/media/') ? 0 : 6 }];
  }
  return zipSync(out, { mtime: FIXED_TIME });
}
