import type { Observation } from '../model/observation.js';
import type { ReadContext } from '../ingest/context.js';
import type { CsvLayout } from '../ingest/sniff.js';

/** One file format a source publishes: how it is recognised, read and checked. */
export interface FormatDefinition<Id extends string = string> {
  id: Id;
  /** What the format is, in words a coordinator recognises (lists of known formats, `inspect`). */
  description: string;
  kind: 'csv' | 'json';
  /** The row schema in `schemas/` the reader validates rows against (null: checked in code). */
  rowSchema: string | null;
  /** Says whether a CSV header (and sample rows) or the head of a JSON file is this format. */
  detect: (input: { layout: CsvLayout | null; head: string; ids: string[] | null }) => boolean;
  read: (ctx: ReadContext) => AsyncGenerator<Observation[]>;
}

/** A publisher of data (FHI, SSB …): its id, its name as shown to users and its formats. */
export interface SourceDefinition<Id extends string = string, F extends string = string> {
  id: Id;
  /** Name shown in `inspect`, reports and documents. */
  displayName: string;
  formats: readonly FormatDefinition<F>[];
}

/** Helps a source folder keep its literal ids for the registry's derived types. */
export function defineSource<const Id extends string, const F extends string>(s: SourceDefinition<Id, F>): SourceDefinition<Id, F> {
  return s;
}
