import type { Observation } from '../model/observation.js';
import type { ReadContext } from '../ingest/context.js';
import type { CsvLayout } from '../ingest/sniff.js';
import type { SourceFetch } from './fetch-adapter.js';

/** One file format a source publishes: how it is recognised, read and checked. */
export interface FormatDefinition<Id extends string = string> {
  id: Id;
  /** What the format is, in words a coordinator recognises (lists of known formats, `inspect`). */
  description: string;
  kind: 'csv' | 'json';
  /** The JSON Schema its rows are validated against, as a path from the project's root (null: checked in code). */
  rowSchema: string | null;
  /** Says whether a CSV header (and sample rows) or the head of a JSON file is this format. */
  detect: (input: { layout: CsvLayout | null; head: string; ids: string[] | null }) => boolean;
  read: (ctx: ReadContext) => AsyncGenerator<Observation[]>;
  /** For `inspect`: one column per variable (wide) or one row per number (long); long when not given. */
  shape?: (layout: CsvLayout) => 'wide' | 'long';
  /**
   * What else a file of this format is, by what it holds: an FHI label download is also the FHI
   * table it was downloaded from, in that table's codes (src/sources/fhi/recognise.ts).
   */
  recognise?: (observations: readonly Observation[], layout: CsvLayout | null) => Recognition | null;
}

/** A file recognised as a download of a known table, with its observations as that table's. */
export interface Recognition {
  /** The table as the catalogue selects it: `nokkel-388`. */
  table: string;
  title: string;
  observations: Observation[];
  /** What was recognised, for the run's output and `inspect`. */
  note: string;
}

/** How a document names a source in one language (`names.json` in the source's folder). */
export interface SourceNames {
  /** In the table of sources: "FHI", "SSB (KOSTRA)". */
  name: string;
  /** In sentences that list the sources, each organisation once: "FHI", "SSB". */
  organisation: string;
  /** The organisation's product, named after it when it is not the default: "KOSTRA". */
  product?: string;
  /** True for the organisation's default product (Statistikkbanken), named only beside another. */
  default?: boolean;
}

/** A publisher of data (FHI, SSB …): its id, its names, its formats and how its tables are fetched. */
export interface SourceDefinition<Id extends string = string, F extends string = string> {
  id: Id;
  /** Name shown in `inspect` and other command-line output. */
  displayName: string;
  /** Its names in documents, by language (nb, nn …). */
  names: Readonly<Record<string, SourceNames>>;
  formats: readonly FormatDefinition<F>[];
  /** How `folkehelse fetch` gets its tables; absent for a source without an API (Ungdata). */
  fetch?: SourceFetch;
}

/** Helps a source folder keep its literal ids for the registry's derived types. */
export function defineSource<const Id extends string, const F extends string>(s: SourceDefinition<Id, F>): SourceDefinition<Id, F> {
  return s;
}
