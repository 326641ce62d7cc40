import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FolkehelseError, EXIT_USAGE, msg, type Message } from '../base/errors.js';
import { fallbackChain, type MessageLang } from './tags.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The families of language files: in each folder one `<tag>.json` per language, every one with
 * the keys of the base language's file (`nb.json`).
 */
export const LANGUAGE_FOLDERS = {
  /** Every fixed text of the document; a template folder's `lang/<tag>.json` replaces it. */
  document: join(ROOT, 'templates', 'lang'),
  /** The words the commands print for a coordinator (`en`: the developers' English). */
  messages: join(ROOT, 'data', 'cli'),
  /** The assessment files' titles, the § 5 b–c forms' headings and the templates' guidance. */
  assessments: join(ROOT, 'data', 'assessments', 'lang'),
} as const;

export type LanguageFamily = keyof typeof LANGUAGE_FOLDERS;

/** A parsed language file: texts, lists of texts and groups of them, by key. */
export type LanguageData = Readonly<Record<string, unknown>>;

/** A language file that cannot be used: names the file and what is wrong. */
export class LanguageFileError extends FolkehelseError {
  constructor(file: string, message: string | Message) {
    super(msg('errors.language.file', { file, message }), EXIT_USAGE);
  }
}

/** The tags of a family's files, in the folder's order. */
export function languagesIn(family: LanguageFamily): string[] {
  return readdirSync(LANGUAGE_FOLDERS[family])
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function languageFilePath(family: LanguageFamily, lang: string): string {
  return join(LANGUAGE_FOLDERS[family], `${lang}.json`);
}

export function readLanguageFile(family: LanguageFamily, lang: string): LanguageData {
  return JSON.parse(readFileSync(languageFilePath(family, lang), 'utf8')) as LanguageData;
}

/**
 * A language's texts of one family (or of the language files in `folder`): its own file over the
 * base language's, so a text the file lacks falls back to bokmål (a key the language has keeps its
 * place and its value). A language without a file of its own gets the base language's texts.
 */
export function loadLanguage(family: LanguageFamily, lang: MessageLang, folder: string = LANGUAGE_FOLDERS[family]): LanguageData {
  const read = (l: string) => JSON.parse(readFileSync(join(folder, `${l}.json`), 'utf8')) as LanguageData;
  const [base, ...more] = fallbackChain(lang);
  let data = read(base!);
  for (const l of more) if (existsSync(join(folder, `${l}.json`))) data = over(data, read(l)) as LanguageData;
  return data;
}

const isGroup = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `own` with what it lacks taken from `base`, group by group. */
function over(base: unknown, own: unknown): unknown {
  if (!isGroup(base) || !isGroup(own)) return own;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(own)) out[k] = Object.hasOwn(base, k) ? over(base[k], own[k]) : own[k];
  for (const k of Object.keys(base)) if (!Object.hasOwn(own, k)) out[k] = base[k];
  return out;
}

/** Where `actual` lacks a key of `expected` or has another kind of value there ("a text", "a list", "a group"). */
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
