import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FolkehelseError, EXIT_USAGE } from '../base/errors.js';
import type { Inline, Run } from './document.js';
import type { Lang } from './format.js';
import type { LanguageFile } from './texts.js';

export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * Every fixed text of the document in one language (`templates/lang/<lang>.json`). The type is
 * derived from the shipped `nb.json` (src/report/texts.ts, checked by a test); every language file
 * has the same keys.
 */
export type Texts = LanguageFile & Record<string, unknown>;

/** A language file that cannot be used: names the file and what is wrong. */
export class LanguageFileError extends FolkehelseError {
  constructor(file: string, message: string) {
    super(`language file ${file}: ${message}`, EXIT_USAGE);
  }
}

/** Reads the language file, from the user's template folder when it has one, and checks its keys. */
export function loadTexts(lang: Lang, overrideDir?: string): Texts {
  const shipped = join(TEMPLATE_DIR, 'lang', `${lang}.json`);
  const user = overrideDir ? join(overrideDir, 'lang', `${lang}.json`) : null;
  const path = user && existsSync(user) ? user : shipped;
  if (path === shipped) return JSON.parse(readFileSync(path, 'utf8')) as Texts;
  if (!statSync(path).isFile()) throw new LanguageFileError(path, 'is a folder, not a file');
  let texts: unknown;
  try {
    texts = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new LanguageFileError(path, `not valid JSON (${(e as Error).message})`);
  }
  const problems = compareShape(JSON.parse(readFileSync(shipped, 'utf8')), texts, '');
  if (problems.length > 0) throw new LanguageFileError(path, `${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  return texts as Texts;
}

/** Where `actual` lacks a key of `expected` or has another kind of value there. */
export function compareShape(expected: unknown, actual: unknown, path: string): string[] {
  const kind = (v: unknown) => (Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v);
  const here = path || 'the file';
  if (kind(expected) !== kind(actual)) return [`"${here}" should be ${kind(expected) === 'string' ? 'a text' : `a ${kind(expected)}`}`];
  if (kind(expected) !== 'object') return [];
  const out: string[] = [];
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const k of Object.keys(e)) {
    const p = path ? `${path}.${k}` : k;
    if (!Object.hasOwn(a, k)) out.push(`"${p}" is missing`);
    else out.push(...compareShape(e[k], a[k], p));
  }
  return out;
}

/** A text by dotted path ("sentences.vsLand.lower"); throws for a missing key (a template bug). */
export function text(texts: Texts, path: string): string {
  const v = lookup(texts, path);
  if (typeof v !== 'string') throw new FolkehelseError(`language file: "${path}" is missing or not a text`, EXIT_USAGE);
  return v;
}

export function lookup(texts: Texts, path: string): unknown {
  let v: unknown = texts;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Fills {placeholders} with plain text; the result is plain text (escaped by each renderer). */
export function fill(pattern: string, vars: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : m));
}

/**
 * A language text with its light markup (`**strong**`, `*emphasis*`, `` `code` ``) as runs, the
 * {placeholders} filled with plain text afterwards: a value can never add markup of its own.
 */
export function fillRuns(pattern: string, vars: Record<string, string | number>): Inline {
  const out: Run[] = [];
  const re = /\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`/g;
  let last = 0;
  const push = (segment: string, style: Omit<Run, 'text'>) => {
    const t = fill(segment, vars);
    if (t !== '') out.push({ text: t, ...style });
  };
  for (const m of pattern.matchAll(re)) {
    push(pattern.slice(last, m.index), {});
    if (m[1] !== undefined) push(m[1], { strong: true });
    else if (m[2] !== undefined) push(m[2], { emphasis: true });
    else push(m[3]!, { code: true });
    last = m.index + m[0].length;
  }
  push(pattern.slice(last), {});
  return out;
}
