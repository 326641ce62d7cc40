import {
  AlignmentType,
  Bookmark,
  Document as WordDocument,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  SimpleField,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Block, Document, FigureBlock, Inline, Section, TableBlock } from './document.js';
import { assessmentParagraphs, MONO } from './docx-assessment.js';
import { pngSize, svgSize, svgToPng } from './docx-media.js';
import { normalisePackage } from './docx-package.js';
import { columnWidths } from './docx-table.js';
import { documentStyles, findReferenceDocx, readReferenceStyles, wordWords, type WordWords } from './docx-styles.js';
import { xmlSafe } from './escape.js';
import { loadTexts, type Texts } from './language.js';

export interface DocxOptions {
  /** SVG of each figure by its file. */
  figures: Map<string, string>;
  /** The user's template folder: its reference.docx (if any) gives the styles, its lang/ the words. */
  templates?: string;
  /** The document's language file, when the caller has it loaded (else read for the document's language). */
  texts?: Texts;
  /** The configuration's date (YYYY-MM-DD): the properties' created and modified (else a fixed date). */
  date?: string | null;
}

/** Figures are drawn 640 px wide; in Word 16 cm (about 605 px at 96 dpi). */
const FIGURE_WIDTH_PX = 605;

class Builder {
  private readonly bookmarks = new Map<string, string>();
  constructor(
    private readonly doc: Document,
    private readonly figures: Map<string, string>,
    private readonly words: WordWords,
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
    const widths = columnWidths(t);
    const cell = (c: Inline, i: number, header: boolean) =>
      new TableCell({
        width: { size: widths[i] ?? 0, type: WidthType.DXA },
        shading: header ? { type: ShadingType.CLEAR, fill: 'F3F6F9', color: 'auto' } : undefined,
        children: [new Paragraph({ style: 'TableText', alignment: t.align[i] === 'r' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: header ? this.runs(c.map((r) => ({ ...r, strong: true }))) : this.runs(c) })],
      });
    const rows = [...t.header.map((row) => new TableRow({ tableHeader: true, cantSplit: true, children: row.map((c, i) => cell(c, i, true)) })), ...t.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) }))];
    return [this.caption(this.doc.labels.table, t.number, label), new Table({ rows, columnWidths: widths, layout: TableLayoutType.FIXED, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA } }), new Paragraph({ children: [] })];
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
        return b.status === 'written' && b.content ? assessmentParagraphs(b.content) : [new Paragraph({ style: 'AssessmentMissing', children: this.runs(b.note) })];
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

  coatOfArms(c: NonNullable<Document['coatOfArms']>): Paragraph {
    const svg = c.mediaType === 'image/svg+xml' ? Buffer.from(c.bytes).toString('utf8') : null;
    const png = svg ? svgToPng(svg) : c.bytes;
    const size = svg ? svgSize(svg) : pngSize(c.bytes);
    const height = 150;
    const transformation = { width: Math.max(1, Math.round((height * size.width) / size.height)), height };
    const altText = { name: 'kommunevapen', title: c.alt, description: c.alt };
    return new Paragraph({ children: [svg ? new ImageRun({ type: 'svg', data: Buffer.from(svg, 'utf8'), fallback: { type: 'png', data: png }, transformation, altText }) : new ImageRun({ type: 'png', data: png, transformation, altText })] });
  }

  body(): (Paragraph | Table | TableOfContents)[] {
    const d = this.doc;
    const front: (Paragraph | Table | TableOfContents)[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(d.title)] }), new Paragraph({ style: 'Subtitle', children: [new TextRun(d.subtitle)] })];
    if (d.date) front.push(new Paragraph({ children: [new TextRun(d.date)] }));
    if (d.coatOfArms) front.push(this.coatOfArms(d.coatOfArms));
    front.push(...d.front.flatMap((b) => this.block(b)));
    front.push(new Paragraph({ style: 'BuildNote', children: [new TextRun(this.words.buildNote)] }));
    if (d.tocHeading !== null) {
      front.push(new Paragraph({ children: [new PageBreak()] }), new Paragraph({ style: 'TOCHeading', children: [new TextRun({ text: d.tocHeading, bold: true, size: 32 })] }));
      front.push(new TableOfContents(d.tocHeading, { hyperlink: true, headingStyleRange: '1-3' }));
    }
    return [...front, ...d.sections.flatMap((s) => this.section(s)), new Paragraph({ spacing: { before: 480 }, children: [new TextRun({ text: d.footer, size: 16, color: '666666' })] })];
  }
}

/** The document with every string fit for XML (control characters from data replaced). */
function xmlSafeStrings<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T;
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => xmlSafeStrings(v)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafeStrings(v)])) as T;
}

/**
 * The document as Word (.docx): Heading 1–3, a TOC field, numbered captions (SEQ fields), Word
 * tables with a repeated header row, figures as SVG with a PNG fallback and alt text, page numbers
 * in the footer, the document language, properties (title, municipality, edition) and assessment
 * blocks in a style of their own. A reference .docx gives the styles, as pandoc's --reference-doc.
 * The package is then made the same for the same document (docx-package.ts).
 */
export async function renderDocx(input: Document, opts: DocxOptions): Promise<Uint8Array> {
  // A control character from data would make the document XML invalid (Word refuses to open it).
  const doc = xmlSafeStrings(input);
  const words = xmlSafeStrings(wordWords(opts.texts ?? loadTexts(doc.lang, opts.templates)));
  const reference = findReferenceDocx(opts.templates);
  const referenceStyles = reference ? readReferenceStyles(reference) : null;
  const footer = new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ size: 16, children: [`${doc.labels.page} `, PageNumber.CURRENT, ` ${doc.labels.of} `, PageNumber.TOTAL_PAGES] })] })] });
  const header = new Header({ children: [new Paragraph({ children: [new TextRun({ text: doc.labels.runningHeader, size: 15, color: '666666' })] })] });
  const word = new WordDocument({
    title: `${doc.title} – ${doc.subject}`,
    subject: doc.subject,
    // The municipality is the author of its document (issue 26), not the program that set it.
    creator: doc.subject,
    lastModifiedBy: doc.subject,
    description: doc.subtitle,
    keywords: `folkehelse; ${doc.subject}; ${doc.edition}`,
    revision: 1,
    customProperties: [
      { name: words.properties.kommune, value: doc.subject },
      { name: words.properties.edition, value: String(doc.edition) },
    ],
    features: { updateFields: true },
    ...(referenceStyles ? { externalStyles: referenceStyles } : {}),
    styles: documentStyles(doc.locale, words.styles, referenceStyles),
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: 11906, height: 16838 }, margin: { top: 1361, bottom: 1247, left: 1134, right: 1134 } } },
        headers: { default: header, first: new Header({ children: [] }) },
        footers: { default: footer, first: new Footer({ children: [] }) },
        children: new Builder(doc, opts.figures, words).body(),
      },
    ],
  });
  return normalisePackage(await Packer.toBuffer(word), doc.locale, opts.date);
}
