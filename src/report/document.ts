import type { DocumentLang } from '../language/tags.js';
import type { AssessmentContent } from './assessment.js';
import type { ChartSpec } from './charts/index.js';

/**
 * The format-neutral document: what the overview says, not how a format shows it. Every string
 * is plain text exactly as it should read (no Markdown, HTML or XML escaping); each renderer
 * escapes for its own format. Built by pure functions (model.ts, region.ts, short.ts, annual.ts),
 * rendered by the renderers in renderers.ts. Words only one format needs (Word's style names) are
 * that renderer's, not the model's.
 */

/** A piece of text with one style. `link` is the id of a section in the same document. */
export interface Run {
  text: string;
  strong?: boolean;
  emphasis?: boolean;
  code?: boolean;
  link?: string;
}

export type Inline = Run[];

export interface TableBlock {
  kind: 'table';
  /** Stable id (`tab-ensomhet`); numbered in document order. */
  id: string;
  number: number;
  /** The caption the Markdown shows above the table ("Tall"), or null. */
  caption: string | null;
  unit: string | null;
  /** What the table is, for numbered captions where the format always has one (Word, HTML). */
  title: string;
  /** One or more header rows. */
  header: Inline[][];
  align: ('l' | 'r')[];
  rows: Inline[][];
}

export interface FigureBlock {
  kind: 'figure';
  id: string;
  number: number;
  /** Where the SVG is written beside the document, e.g. `figurer/ensomhet.nb.svg`. */
  file: string;
  /** A short title for captions (Word, HTML). */
  caption: string;
  /** The full text alternative: what the figure shows, with its numbers. */
  alt: string;
  chart: ChartSpec;
  /** The figure's numbers, when no table beside it holds them. */
  data: TableBlock | null;
  dataCaption: string;
  /** The id of the table that holds the figure's numbers, when one does. */
  dataTable: string | null;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Inline;
}

export interface ListBlock {
  kind: 'list';
  items: Inline[];
}

/**
 * The municipality's own text, the place where it is still missing, or (in a draft) a marker for
 * the coordinator where the gate found something in the text: a part missing or too thin, a
 * sentence that contradicts the numbers, a text in another language.
 */
export interface AssessmentBlock {
  kind: 'assessment';
  /** The assessment's key: a theme letter, an indicator id, `innledning`, `utfordringer`… */
  key: string;
  status: 'written' | 'missing' | 'check';
  /** The municipality's own text, read once (status `written`): its Markdown as written, and its blocks. */
  content: AssessmentContent | null;
  /** What to write and where (status `missing`), or what the gate found (status `check`). */
  note: Inline;
}

/** A source or reference line ("Kilde: FHI, Dødsårsaksregisteret"). */
export interface ReferenceBlock {
  kind: 'reference';
  label: string;
  text: string;
}

/** A short remark set apart from the text. */
export interface NoteBlock {
  kind: 'note';
  runs: Inline;
}

export type Block = ParagraphBlock | TableBlock | FigureBlock | ListBlock | AssessmentBlock | ReferenceBlock | NoteBlock;

export interface Section {
  kind: 'section';
  /** Anchor, unique in the document (GitHub's heading slugs, so Markdown links work). */
  id: string;
  /** "3", "3.2" or null for an unnumbered subsection. */
  number: string | null;
  title: string;
  /** 1 for a chapter, 2 for a section in it, 3 below. */
  depth: 1 | 2 | 3;
  /** What the section is, for templates that treat some differently: `theme`, `indicator`, `appendix`… */
  role: string;
  blocks: Block[];
  children: Section[];
  /** An unnumbered chapter listed in the table of contents all the same (e.g. the changes since the previous edition). */
  toc?: boolean;
}

export interface CoatOfArms {
  file: string;
  alt: string;
  mediaType: 'image/svg+xml' | 'image/png';
  bytes: Uint8Array;
}

/**
 * Which document of a build this is: the full overview, or its short version (kortversjon, 2–4
 * pages, laid out compactly) — built from the same data, rendered by the same formats.
 */
export type Variant = 'full' | 'short';

export interface Document {
  kind: 'kommune' | 'region';
  variant: Variant;
  lang: DocumentLang;
  /** BCP 47: nb-NO or nn-NO. */
  locale: string;
  title: string;
  subtitle: string;
  date: string | null;
  /** Municipality or region name, for document properties and the running header. */
  subject: string;
  edition: number;
  coatOfArms: CoatOfArms | null;
  /** Front-matter paragraphs before the table of contents (region intro). */
  front: Block[];
  /** Heading of the table of contents, or null for none. */
  tocHeading: string | null;
  sections: Section[];
  footer: string;
  /** Fixed words every format shows: captions, and the printed page's header and numbers. */
  labels: DocumentLabels;
}

export interface DocumentLabels {
  figure: string;
  table: string;
  page: string;
  of: string;
  /** Header of the running page header. */
  runningHeader: string;
}

/** Every section, depth first. */
export function* walkSections(sections: Section[]): Generator<Section> {
  for (const s of sections) {
    yield s;
    yield* walkSections(s.children);
  }
}

/** Every figure of the document, in order. */
export function figuresOf(doc: Document): FigureBlock[] {
  const out: FigureBlock[] = [];
  for (const b of doc.front) if (b.kind === 'figure') out.push(b);
  for (const s of walkSections(doc.sections)) for (const b of s.blocks) if (b.kind === 'figure') out.push(b);
  return out;
}

/** Whether a section is listed in the table of contents: numbered ones, and those marked `toc`. */
export function inToc(s: Section): boolean {
  return s.number !== null || s.toc === true;
}

/** The plain text of runs. */
export function plain(runs: Inline): string {
  return runs.map((r) => r.text).join('');
}

/** A run list from plain text. */
export function runs(text: string): Inline {
  return text === '' ? [] : [{ text }];
}
