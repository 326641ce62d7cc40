import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from './format.js';

export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Every fixed text of the document in one language (`templates/lang/<lang>.json`). */
export type Texts = Record<string, unknown> & {
  documentTitle: string;
  [key: string]: unknown;
};

/** Reads the language file, from the user's template folder when it has one. */
export function loadTexts(lang: Lang, overrideDir?: string): Texts {
  const user = overrideDir ? join(overrideDir, 'lang', `${lang}.json`) : null;
  const path = user && existsSync(user) ? user : join(TEMPLATE_DIR, 'lang', `${lang}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Texts;
}

/** A text by dotted path ("sentences.vsLand.lower"); throws for a missing key (a template bug). */
export function text(texts: Texts, path: string): string {
  const v = lookup(texts, path);
  if (typeof v !== 'string') throw new Error(`language file: "${path}" is missing or not a text`);
  return v;
}

export function lookup(texts: Texts, path: string): unknown {
  let v: unknown = texts;
  for (const k of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[k];
  return v;
}

/** Fills {placeholders}; values must already be escaped for where the text goes. */
export function fill(pattern: string, vars: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
