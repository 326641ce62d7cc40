import { DOCUMENT_LANGS, type DocumentLang } from '../language/tags.js';
import type { FormHeading } from './sections.js';

/** Text without HTML comments (a template's guidance) and surrounding space. */
export function withoutComments(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim();
}

/** Whether a text has content of its own: not empty, not only comments and headings. */
export function isFilled(markdown: string): boolean {
  return withoutComments(markdown)
    .split(/\r?\n/)
    .some((l) => l.trim() !== '' && !/^#{1,6}\s/.test(l.trim()));
}

export interface StructuredPart {
  id: string;
  title: string;
  body: string;
}

/**
 * The words of a text as a reader counts them: runs of letters and digits ("12,6", "P90/P10" and
 * "helse- og" count as one, one and two), without comments, link targets, addresses and Markdown
 * markup. The gate's measure of a part that is too thin (`minWords`).
 */
export function countWords(markdown: string): number {
  const text = withoutComments(markdown)
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/^#{1,6}\s.*$/gm, ' ');
  return text.match(/[\p{L}\p{N}]+(?:[.,:/'’–-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export interface StructuredFile {
  /** The form's parts in the form's order, with the text found under each heading ('' if none). */
  parts: StructuredPart[];
  /** Parts (of every kind) without text of their own. */
  missing: string[];
  /** Parts whose heading is in the file (with or without text). */
  headed: Set<string>;
  /** Headings the form does not know (kept in the document after the known ones). */
  extra: StructuredPart[];
  /** Text before the first heading. */
  preamble: string;
}

/** A heading as it is compared: lower case, single spaces, no trailing colon or full stop. */
const normHeading = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/[:.]$/, '').trim();

/** The form's heading a written heading stands for: its title in any document language, or one of its aliases. */
export function headingFor(form: FormHeading[], written: string): FormHeading | undefined {
  const n = normHeading(written);
  return form.find((h) => DOCUMENT_LANGS.some((l) => normHeading(h.title[l]) === n) || h.aliases.some((a) => normHeading(a) === n));
}

/**
 * Splits a structured file (a theme, the challenges, the planning, a § 5 b–c file) at its `## `
 * headings and matches them with the form's headings, in any document language or by an alias,
 * case-insensitively. A heading the form does not know is kept as an extra part. `missing` lists
 * the parts whose heading is absent or has no text; the gate decides which of them are required.
 */
export function parseStructured(markdown: string, form: FormHeading[], lang: DocumentLang): StructuredFile {
  const chunks: { title: string; lines: string[] }[] = [{ title: '', lines: [] }];
  for (const line of markdown.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const h = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) chunks.push({ title: h[1]!, lines: [] });
    else chunks[chunks.length - 1]!.lines.push(line);
  }
  const found = new Map<string, string>();
  const headed = new Set<string>();
  const extra: StructuredPart[] = [];
  for (const c of chunks.slice(1)) {
    const body = withoutComments(c.lines.join('\n'));
    const f = headingFor(form, c.title);
    if (f) {
      headed.add(f.id);
      found.set(f.id, [found.get(f.id), body].filter(Boolean).join('\n\n'));
    } else extra.push({ id: '', title: c.title, body });
  }
  const parts = form.map((h) => ({ id: h.id, title: h.title[lang], body: found.get(h.id) ?? '' }));
  return {
    parts,
    headed,
    missing: form.filter((h) => !isFilled(found.get(h.id) ?? '')).map((h) => h.id),
    extra,
    preamble: withoutComments(chunks[0]!.lines.join('\n').replace(/^#\s.*$/m, '')),
  };
}

/** The text before a file's first `## ` heading: the list of a file that has both a list and parts (utfordringer). */
export function beforeParts(markdown: string): string {
  const m = /^##\s/m.exec(markdown);
  return m ? markdown.slice(0, m.index) : markdown;
}

/** The items of a list file (utfordringer, ressurser): bullets or numbered lines; else paragraphs. */
export function parseList(markdown: string): string[] {
  const text = withoutComments(markdown.replace(/^\uFEFF/, ''));
  const lines = text.split(/\r?\n/);
  const items: string[] = [];
  let inItem = false;
  let sawBullet = false;
  for (const raw of lines) {
    const line = raw.trim();
    const m = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (m) {
      items.push(m[1]!.trim());
      inItem = true;
      sawBullet = true;
    } else if (line === '' || /^#{1,6}\s/.test(line)) inItem = false;
    else if (inItem) items[items.length - 1] += ` ${line}`;
  }
  if (sawBullet) return items.filter((i) => i !== '');
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter((p) => p !== '' && !/^#{1,6}\s/.test(p));
}
