import type { SourceId } from '../model/observation.js';
import type { CsvLayout } from '../ingest/sniff.js';
import { jsonStatIds } from '../jsonstat/dataset.js';
import { messageLang, msg, render, type MessageKey } from '../base/messages.js';
import type { MessageLang } from '../language/tags.js';
import { FORMAT_IDS, formatDefinition, SOURCES, sourceOfFormat, type FormatId } from './registry.js';

export type { FormatId };
export { jsonStatIds };

/** Every format folkehelse reads, from the source registry (src/sources/registry.ts). */
export const FORMATS: readonly FormatId[] = FORMAT_IDS;

/** Each format's name in English (the library's language); `formatName` says it in the user's. */
export const FORMAT_DESCRIPTIONS = Object.fromEntries(FORMAT_IDS.map((f) => [f, formatDefinition(f).description])) as Record<FormatId, string>;

/** A format's name in a language (default: the run's), from `formatName.<id>` of the message files. */
export function formatName(id: FormatId, lang: MessageLang = messageLang()): string {
  return render(msg(`formatName.${id}` as MessageKey), lang);
}

/** Every format's name, for "folkehelse reads: …". */
export function formatNames(lang: MessageLang = messageLang()): string {
  return FORMAT_IDS.map((f) => formatName(f, lang)).join('; ');
}

export function sourceOf(format: FormatId): SourceId {
  return sourceOfFormat(format);
}

export function isJsonFormat(format: FormatId): boolean {
  return formatDefinition(format).kind === 'json';
}

/** Says which delimited format a header (and a few rows) belong to, or null: the first in the registry. */
export function detectCsvFormat(layout: CsvLayout): FormatId | null {
  for (const s of SOURCES) for (const f of s.formats) if (f.kind === 'csv' && f.detect({ layout, head: '', ids: null })) return f.id;
  return null;
}

/** Looks at the head of a JSON file for the dimension ids of a JSON-stat dataset: the first format in the registry that knows them. */
export function detectJsonFormat(head: string): FormatId | null {
  const ids = jsonStatIds(head);
  if (!ids) return null;
  for (const s of SOURCES) for (const f of s.formats) if (f.kind === 'json' && f.detect({ layout: null, head, ids })) return f.id;
  return null;
}
