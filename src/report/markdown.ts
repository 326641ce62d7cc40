import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FolkehelseError, EXIT_USAGE, msg, type Message } from '../base/errors.js';
import type { Block, Document, Inline, Section, TableBlock } from './document.js';
import { inToc } from './document.js';
import { escapeMarkdown, markdownCode } from './escape.js';
import { TEMPLATE_DIR } from './language.js';
import { handlebars, MARKDOWN_COMPILE_OPTIONS, precompiledSpec, shippedPrecompiled, type Handlebars, type PrecompiledTemplates } from './precompiled.js';

/** A template that does not compile or fails to render: names the file. */
export class TemplateError extends FolkehelseError {
  constructor(file: string, message: string | Message) {
    super(msg('errors.template.file', { file, message }), EXIT_USAGE);
  }
}

// ---- the view the templates see: the document with every text escaped for Markdown -----------

export interface MarkdownTable {
  kind: 'table';
  id: string;
  number: number;
  /** "Tall (prosent)", or null. */
  caption: string | null;
  header: string[];
  align: string[];
  rows: string[][];
}

export type MarkdownBlock =
  | { kind: 'paragraph'; text: string }
  | MarkdownTable
  | { kind: 'figure'; id: string; number: number; file: string; alt: string; caption: string; dataCaption: string; data: MarkdownTable | null }
  | { kind: 'list'; items: string[] }
  | { kind: 'assessment'; key: string; written: boolean; missing: boolean; check: boolean; markdown: string | null; note: string }
  | { kind: 'reference'; label: string; text: string }
  | { kind: 'note'; text: string };

export interface MarkdownSection {
  id: string;
  number: string | null;
  role: string;
  /** "##", "###" … */
  hashes: string;
  /** The heading text, with its number: "3.2 Folkemengde 1. januar". */
  heading: string;
  blocks: MarkdownBlock[];
  children: MarkdownSection[];
}

export interface MarkdownView {
  kind: Document['kind'];
  lang: string;
  title: string;
  subtitle: string;
  date: string | null;
  coatOfArms: { file: string; alt: string } | null;
  front: MarkdownBlock[];
  tocHeading: string | null;
  toc: { id: string; title: string; children: { id: string; title: string }[] }[];
  sections: MarkdownSection[];
  footer: string;
}

const md = (text: string, atLineStart = true) => escapeMarkdown(text, atLineStart);

/** A link target or image path: characters that would end or break it are percent-encoded. */
function markdownUrl(path: string): string {
  return path.replace(/[\s()<>\\[\]`|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Runs as Markdown: every text escaped, styles as * ** ` and links to sections. */
export function markdownInline(runs: Inline, inTable = false): string {
  return runs
    .map((r, i) => {
      // In a table, a backslash right before a pipe cannot be shown in a code span (the table would
      // split the cell there): such text is shown escaped, as plain text.
      if (r.code) return inTable && /\\\|/.test(r.text) ? md(r.text, i === 0) : markdownCode(r.text, inTable);
      let s = md(r.text, i === 0);
      if (r.link !== undefined) s = `[${s}](#${markdownUrl(r.link)})`;
      if (r.strong) s = `**${s}**`;
      if (r.emphasis) s = `*${s}*`;
      return s;
    })
    .join('');
}

function tableView(t: TableBlock): MarkdownTable {
  return {
    kind: 'table',
    id: t.id,
    number: t.number,
    caption: t.caption === null ? null : md(t.unit ? `${t.caption} (${t.unit})` : t.caption),
    header: (t.header[0] ?? []).map((c) => markdownInline(c, true)),
    align: t.align,
    rows: t.rows.map((r) => r.map((c) => markdownInline(c, true))),
  };
}

function blockView(b: Block): MarkdownBlock {
  switch (b.kind) {
    case 'paragraph':
      return { kind: 'paragraph', text: markdownInline(b.runs) };
    case 'table':
      return tableView(b);
    case 'figure':
      return { kind: 'figure', id: b.id, number: b.number, file: markdownUrl(b.file), alt: md(b.alt), caption: md(b.caption), dataCaption: md(b.dataCaption), data: b.data ? tableView(b.data) : null };
    case 'list':
      return { kind: 'list', items: b.items.map((i) => markdownInline(i)) };
    case 'assessment':
      // The municipality's own Markdown goes in as written: it is theirs to format.
      return { kind: 'assessment', key: b.key, written: b.status === 'written', missing: b.status === 'missing', check: b.status === 'check', markdown: b.content?.markdown ?? null, note: markdownInline(b.note) };
    case 'reference':
      return { kind: 'reference', label: md(b.label), text: md(b.text) };
    case 'note':
      return { kind: 'note', text: markdownInline(b.runs) };
  }
}

function sectionView(s: Section): MarkdownSection {
  return {
    id: s.id,
    number: s.number,
    role: s.role,
    hashes: '#'.repeat(s.depth + 1),
    heading: s.number ? `${s.number} ${md(s.title)}` : md(s.title),
    blocks: s.blocks.map(blockView),
    children: s.children.map(sectionView),
  };
}

/** The document as the Markdown templates see it. Pure. */
export function markdownView(doc: Document): MarkdownView {
  const heading = (s: Section) => (s.number ? `${s.number} ${md(s.title)}` : md(s.title));
  return {
    kind: doc.kind,
    lang: doc.lang,
    title: md(doc.title),
    subtitle: md(doc.subtitle),
    date: doc.date === null ? null : md(doc.date),
    coatOfArms: doc.coatOfArms ? { file: markdownUrl(doc.coatOfArms.file), alt: md(doc.coatOfArms.alt) } : null,
    front: doc.front.map(blockView),
    tocHeading: doc.tocHeading === null ? null : md(doc.tocHeading),
    // The chapters and their numbered sections.
    toc: doc.tocHeading === null ? [] : doc.sections.filter(inToc).map((s) => ({ id: s.id, title: heading(s), children: s.children.filter((c) => c.number).map((c) => ({ id: c.id, title: heading(c) })) })),
    sections: doc.sections.map(sectionView),
    footer: md(doc.footer),
  };
}

// ---- templates ------------------------------------------------------------------------------

interface TemplateFile {
  /** The name relative to templates/ ("partials/table.md.hbs"). */
  name: string;
  file: string;
  source: string;
  /** The build's precompiled form, for a shipped template unchanged since the build. */
  spec: TemplateSpecification | undefined;
}

function read(name: string, overrideDir: string | undefined, precompiled: PrecompiledTemplates | null): TemplateFile {
  const user = overrideDir ? join(overrideDir, name) : null;
  const file = user && existsSync(user) ? user : join(TEMPLATE_DIR, name);
  const source = readFileSync(file, 'utf8');
  return { name, file, source, spec: file === user ? undefined : precompiledSpec(precompiled, name, source) };
}

/** A template of the user's (or one changed since the build), compiled now. */
function compiled(hb: Handlebars, t: TemplateFile): HandlebarsTemplateDelegate {
  if (t.spec) return hb.template(t.spec);
  try {
    hb.parse(t.source); // compile() is lazy: find syntax errors now, before anything is built
    return hb.compile(t.source, MARKDOWN_COMPILE_OPTIONS);
  } catch (e) {
    throw new TemplateError(t.file, (e as Error).message);
  }
}

/**
 * The Markdown template and its partials (one per block kind, and `section`), the user's files
 * first: the shipped ones as the build precompiled them, the others compiled now. The template sees
 * `markdownView(doc)`: every value is Markdown already, so Handlebars' HTML escaping is off (it
 * would put &amp; entities in a .md file).
 */
export function compileTemplates(overrideDir?: string, main = 'document.md.hbs', precompiled = shippedPrecompiled()): (doc: Document) => string {
  const partialDir = join(TEMPLATE_DIR, 'partials');
  // Partials of the templates before the document model: an override of one would be silently unused.
  const userPartials = overrideDir && existsSync(join(overrideDir, 'partials')) ? readdirSync(join(overrideDir, 'partials')) : [];
  for (const old of ['introduction', 'knowledge', 'theme', 'indicator', 'summary', 'appendix']) {
    if (userPartials.includes(`${old}.md.hbs`)) {
      throw new TemplateError(join(overrideDir!, 'partials', `${old}.md.hbs`), msg('errors.template.partialGone'));
    }
  }
  const partials = readdirSync(partialDir)
    .filter((x) => x.endsWith('.md.hbs'))
    .sort()
    .map((f) => read(`partials/${f}`, overrideDir, precompiled));
  const top = read(main, overrideDir, precompiled);
  const hb = handlebars(![...partials, top].every((t) => t.spec)).create();
  // A template is the user's, but it only formats: no `log` (it writes to the console, i.e. into
  // `--json` output), and no property of an object's prototype (constructor, __proto__).
  hb.registerHelper('log', () => {
    throw new Error('{{log}} is not available in folkehelse templates (it would write into the program\'s output)');
  });
  hb.registerHelper('row', (cells: string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`);
  hb.registerHelper('alignRow', (align: string[]) => `| ${align.map((a) => (a === 'r' ? '--:' : ':--')).join(' | ')} |`);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const overridden: string[] = [];
  for (const p of partials) {
    if (!p.file.startsWith(partialDir)) overridden.push(p.file);
    hb.registerPartial(p.name.replace(/^partials\/|\.md\.hbs$/g, ''), compiled(hb, p));
  }
  const template = compiled(hb, top);
  const file = top.file;
  return (doc: Document) => {
    try {
      return tidy(template(markdownView(doc), { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }));
    } catch (e) {
      // The error may come from one of the user's partials, which Handlebars does not name.
      throw new TemplateError(overridden.length ? `${file} (or the partials ${overridden.join(', ')})` : file, (e as Error).message);
    }
  };
}

/** One blank line between blocks, no trailing spaces, one final newline. */
function tidy(markdown: string): string {
  return (
    markdown
      .split('\n')
      .map((l) => l.replace(/[ \t]+$/, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
