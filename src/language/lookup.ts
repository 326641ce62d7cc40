import { FolkehelseError, EXIT_USAGE, msg } from '../base/errors.js';
import type { LanguageData } from './files.js';

/**
 * Texts of a loaded language file by dotted path ("sentences.vsLand.lower"). The typed lookups
 * of each family (report/language.ts, cli/messages.ts) take only paths of the generated key types
 * (src/language/generated.ts), so a key that does not exist is a type error.
 */

/** The value at a dotted path, or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let v: unknown = data;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

const missing = (path: string, what: string) => new FolkehelseError(msg('errors.language.missingText', { path, what }), EXIT_USAGE);

export function textAt(data: LanguageData, path: string): string {
  const v = valueAt(data, path);
  if (typeof v !== 'string') throw missing(path, 'a text');
  return v;
}

export function listAt(data: LanguageData, path: string): string[] {
  const v = valueAt(data, path);
  if (!Array.isArray(v)) throw missing(path, 'a list');
  return v as string[];
}

export function groupAt(data: LanguageData, path: string): Record<string, string> {
  const v = valueAt(data, path);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw missing(path, 'a group of texts');
  return v as Record<string, string>;
}

/** Fills {placeholders}; a placeholder without a value stays as it is. The result is plain text. */
export function fill(pattern: string, vars: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : m));
}

/** The keys below a prefix: `Below<'a.b' | 'a.c' | 'x', 'a.'>` is `'b' | 'c'`. */
export type Below<K extends string, P extends string> = K extends `${P}${infer R}` ? R : never;
