import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { msg } from '../base/messages.js';
import type { Theme } from '../indicators/catalogue.js';
import { compareShape, LanguageFileError, loadLanguage, type LanguageData } from '../language/files.js';
import type { DocumentGroup, DocumentList, DocumentTable, DocumentText } from '../language/generated.js';
import { fill, groupAt, listAt, textAt, valueAt } from '../language/lookup.js';
import type { DocumentLang } from '../language/tags.js';
import type { Inline, Run } from './document.js';

export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * Every fixed text of the document in one language (`templates/lang/<lang>.json`, over the base
 * language's file). Read through the typed lookups below: a key that is not in the base language's
 * file is a type error (src/language/generated.ts).
 */
export type Texts = LanguageData;

/** The document's texts, from the user's template folder when it has a language file (it must be complete). */
export function loadTexts(lang: DocumentLang, overrideDir?: string): Texts {
  const shipped = loadLanguage('document', lang);
  const user = overrideDir ? join(overrideDir, 'lang', `${lang}.json`) : null;
  if (!user || !existsSync(user)) return shipped;
  if (!statSync(user).isFile()) throw new LanguageFileError(user, msg('errors.language.folder'));
  let texts: unknown;
  try {
    texts = JSON.parse(readFileSync(user, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new LanguageFileError(user, msg('errors.language.notJson', { reason: (e as Error).message }));
  }
  const problems = compareShape(shipped, texts, '');
  if (problems.length > 0) throw new LanguageFileError(user, msg('errors.language.problems', { problems: problems.slice(0, 5).join('; '), more: problems.length > 5 ? msg('errors.language.more', { count: problems.length - 5 }) : '' }));
  return texts as Texts;
}

/** A text by dotted path ("sentences.vsLand.lower"). */
export function text(texts: Texts, path: DocumentText): string {
  return textAt(texts, path);
}

export function list(texts: Texts, path: DocumentList): string[] {
  return listAt(texts, path);
}

/** A group of texts by their keys (`verdicts`: better → "bedre" …). */
export function group(texts: Texts, path: DocumentGroup): Record<string, string> {
  return groupAt(texts, path);
}

export function table(texts: Texts, path: DocumentTable): string[][] {
  return listAt(texts, path) as unknown as string[][];
}

/** A value that may be absent, by a path only known at run time (undefined when there is none). */
export function lookup(texts: Texts, path: string): unknown {
  return valueAt(texts, path);
}

/** A theme's name (`themes.a` …) in the shipped language file: for the commands, which print it outside a document. */
export function themeName(lang: DocumentLang, theme: Theme): string {
  return text(loadLanguage('document', lang), `themes.${theme}`);
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
