import { BASE_LANG } from '../language/tags.js';
import type { SourceId as ModelSourceId } from '../model/observation.js';
import type { FetchApi, SourceFetch } from './fetch-adapter.js';
import { fhi } from './fhi/index.js';
import { fylkesundersokelse } from './fylkesundersokelse/index.js';
import { kostra } from './kostra/index.js';
import { ssb } from './ssb/index.js';
import type { FormatDefinition, SourceDefinition, SourceNames } from './types.js';
import { ungdata } from './ungdata/index.js';

/**
 * THE list of sources. Source ids, format ids, the formats' descriptions, display names, the APIs
 * `folkehelse fetch` asks, the source lists of the contract schemas (test/sources/registry.test.ts)
 * and the order in which formats are tried are all derived from it: adding a source is adding a
 * folder under src/sources/ and one entry here. The order matters for detection: more specific
 * first (FHI's fixed columns, the county surveys' (Ungdata's columns and a survey column), Ungdata's, KOSTRA's regions) before SSB's general region tables.
 */
export const SOURCES = [fhi, fylkesundersokelse, ungdata, kostra, ssb] as const;

export type SourceId = (typeof SOURCES)[number]['id'];
export type FormatId = (typeof SOURCES)[number]['formats'][number]['id'];

// The model's source ids (src/model/observation.ts imports nothing; each source's folder names its
// own id there) are exactly the registered ones: a folder left out of SOURCES fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const registered: Same<SourceId, ModelSourceId> = true;
void registered;

const ALL: readonly SourceDefinition[] = SOURCES;

// Re-exported so that the declarations (dist/**/*.d.ts) reach every folder, and with it the id it
// adds to the model: a library's Observation knows every source.
export { fhi, fylkesundersokelse, kostra, ssb, ungdata };

export const SOURCE_IDS: readonly SourceId[] = SOURCES.map((s) => s.id);

const byFormat = new Map<string, { source: SourceId; format: FormatDefinition }>();
for (const s of SOURCES) for (const f of s.formats as readonly FormatDefinition[]) byFormat.set(f.id, { source: s.id, format: f });

/** Every format id, source by source in the registry's order. */
export const FORMAT_IDS: readonly FormatId[] = SOURCES.flatMap((s) => (s.formats as readonly FormatDefinition[]).map((f) => f.id as FormatId));

export function formatDefinition(id: FormatId): FormatDefinition {
  return byFormat.get(id)!.format;
}

export function sourceOfFormat(id: FormatId): SourceId {
  return byFormat.get(id)!.source;
}

function definition(id: string): SourceDefinition | undefined {
  return ALL.find((s) => s.id === id);
}

export function sourceDisplayName(id: SourceId): string {
  return definition(id)!.displayName;
}

/** The base language of the names: what a language without its own names falls back to. */

/**
 * How documents in a language name a source (`names.json` in its folder); an id the registry does
 * not know is named by itself.
 */
export function sourceNames(id: string, lang: string): SourceNames {
  const names = definition(id)?.names;
  if (!names) return { name: id, organisation: id };
  return (Object.hasOwn(names, lang) ? names[lang] : names[BASE_LANG])!;
}

/** How `folkehelse fetch` gets a source's tables; undefined for a source without an API. */
export function sourceFetch(id: string): SourceFetch | undefined {
  return definition(id)?.fetch;
}

/** The ids of the sources whose tables can be fetched, in the registry's order. */
export const FETCHABLE_SOURCES: readonly SourceId[] = SOURCES.filter((s) => (s as SourceDefinition).fetch).map((s) => s.id);

/** Every API the sources are fetched from, once each (KOSTRA's tables come from SSB's). */
export const FETCH_APIS: readonly FetchApi[] = [...new Set(ALL.flatMap((s) => (s.fetch ? [s.fetch.api] : [])))];
