import { fhi } from './fhi/index.js';
import { kostra } from './kostra/index.js';
import { ssb } from './ssb/index.js';
import type { FormatDefinition } from './types.js';
import { ungdata } from './ungdata/index.js';

/**
 * THE list of sources. Source ids, format ids, the formats' descriptions, display names and the
 * order in which CSV formats are tried are all derived from it: adding a source is adding a folder
 * under src/sources/ and one entry here. The order matters for detection: more specific first
 * (FHI's fixed columns, Ungdata's, KOSTRA's regions) before SSB's general region tables.
 */
export const SOURCES = [fhi, ungdata, kostra, ssb] as const;

export type SourceId = (typeof SOURCES)[number]['id'];
export type FormatId = (typeof SOURCES)[number]['formats'][number]['id'];

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

export function sourceDisplayName(id: SourceId): string {
  return SOURCES.find((s) => s.id === id)!.displayName;
}
