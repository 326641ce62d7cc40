/**
 * What a source folder gives `folkehelse fetch` (src/fetch/): the API its tables come from and the
 * areas it asks for. The run (plan, check, fetch, store) is the same for every source; what an API
 * needs — its requests, its limits, its derived measures — is its adapter's.
 */
import type { HttpClient } from '../http/client.js';
import type { Indicator } from '../indicators/catalogue.js';
import type { Dataset } from '../jsonstat/dataset.js';
import type { SourceId } from '../model/observation.js';

/** The `api` block of a catalogue indicator (schemas/catalogue.schema.json). */
export interface IndicatorApi {
  /** FHI Statistikk source id (default `nokkel`); not used for SSB. */
  source?: string;
  table: string;
  /** FHI: the table's title, to find the table again when its id has changed. */
  title?: string;
  /** Dimension code → the category codes to ask for; dimensions not named: every category. */
  dimensions?: Record<string, string[]>;
  /** Only the newest N periods. */
  years?: number;
  /** "derived": add NEVNER = TELLER × multiplier / RATE (crude measures only). */
  denominator?: 'derived';
  /** SSB: a share computed from one table's cells (e.g. persons 67+ of all persons); see ShareSpec. */
  share?: ShareSpec;
  /** SSB: only the periods from this year + horizon[0] to this year + horizon[1] (projections). */
  horizon?: [number, number];
}

/**
 * A share derived at fetch time from the cells of one SSB table: the sum of the dimension's
 * categories that are ages `from` and older (or the listed `codes`) over the sum of all its
 * categories (or its `total` category), × 100. The dimension is fetched whole and then summed
 * away; the share becomes a ContentsCode `code` with `label` and unit "prosent".
 */
export interface ShareSpec {
  dimension: string;
  from?: number;
  codes?: string[];
  total?: string;
  code: string;
  label: string;
}

export type ApiIndicator = Indicator & { api?: IndicatorApi };

/** One table to fetch, with everything the catalogue asks of it. */
export interface TablePlan {
  /** The id of the API it is fetched from (FetchApi.id: fhi, ssb). */
  api: string;
  /** The reader's source: fhi, ssb or kostra. */
  source: SourceId;
  /** FHI source id (nokkel …) or 'ssb'. */
  collection: string;
  table: string;
  title?: string;
  /** Path of the JSON-stat file under the data folder, e.g. `fhi/nokkel-507.json`, `ssb/07459.json`. */
  file: string;
  /** Restricted dimensions (union over the indicators); absent = all categories. */
  dimensions: Record<string, string[]>;
  years?: number;
  /** Multiplier for a derived denominator, when asked for. */
  deriveDenominator?: number;
  /** Shares derived from the table's cells (SSB). */
  shares?: ShareSpec[];
  horizon?: [number, number];
  indicators: string[];
}

/** The areas a run asks for. */
export interface AreaSet {
  kommuner: string[];
  fylker: string[];
  /** KOSTRA groups (EKGnn). */
  kostragrupper: string[];
  /** Municipalities whose KOSTRA group is not known (not in the configuration or the register). */
  withoutGroup: string[];
  /**
   * Former numbers of each municipality (renumbered or merged into it; from the register and
   * Klass): SSB tables are asked for them too, for the history SSB keeps only under them.
   */
  former?: Record<string, string[]>;
  /** Numbers in the configuration asked for as their current number (Klass or the register). */
  renumbered?: { from: string; to: string; how: string }[];
}

/** The municipalities' former numbers (for SSB's history under them). */
export function formerOf(a: AreaSet): string[] {
  return [...new Set(Object.values(a.former ?? {}).flat())].sort();
}

/** True when date `a` is later than `b` (a missing `b` is earlier than any date, a missing `a` never later). */
export function isLater(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a) return false;
  if (!b) return true;
  return Date.parse(a) > Date.parse(b);
}

/** A table as an indicator's `api` block names it: where the API keeps it and which file it becomes. */
export interface PlannedTable {
  collection: string;
  table: string;
  /** The table name the file is read as (`nokkel-507`, `07459`): the file is `<source>/<stem>.json`. */
  stem: string;
}

/** One request for data, as the sidecar records it. */
export interface DataRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}

/** What a fetch says about a table besides its status, for the summary (added in this order). */
export interface OutcomeNotes {
  /** The table's id in the catalogue when the API now publishes it under another. */
  movedFrom?: string;
  /** Areas asked for that the table does not have. */
  missingAreas?: string[];
  /** Categories the catalogue asks for that the table does not have (FHI; the others were fetched). */
  missingCategories?: { dimension: string; codes: string[]; absent?: boolean }[];
  /** Indicators whose select names a dimension the table does not have (they would find no data). */
  unselectable?: { indicator: string; dimension: string }[];
}

/** What the last fetch of a table recorded (its sidecar), as far as a check needs it. */
export interface PreviousFetch {
  tableId: string;
  title: string | null;
  retrievedAt: string;
  modifiedAt: string | null;
  selectionKey: string;
}

/** Everything a table's data request needs from the run. */
export interface FetchContext {
  /** The area codes to ask for (the source's `areaCodes`). */
  areas: string[];
  /** The run's areas (former numbers …). */
  all: AreaSet;
  /** The catalogue's indicators that read the table, in the catalogue's order. */
  indicators: ApiIndicator[];
  /** This year (projections ask for periods ahead of it). */
  year: number;
  /** The table's outcome: notes are added as soon as they are known, so that a failure keeps them. */
  notes: OutcomeNotes;
}

/** A fetched table: the dataset to write and what its sidecar records. */
export interface FetchedTable {
  dataset: Dataset;
  tableId: string;
  title: string | null;
  requests: DataRequest[];
  cells: number;
  /** What the sidecar records after the common fields, in order (FHI: flags, metadata …; SSB: shares). */
  sidecar: Record<string, unknown>;
  /** What the data file's `extension.folkehelse` records after the common provenance (derived, shares). */
  provenance: Record<string, unknown>;
}

/** The answer of a table's metadata check: changed (or not fetched before), and how to get its data. */
export interface CheckedTable {
  /** The title the API gives the table now, when it gives one. */
  title?: string | null;
  modifiedAt: string | null;
  publishedAt: string | null;
  /** The id the API publishes the table under now, for an API whose ids may change (FHI). */
  tableId?: string;
  fetch: (ctx: FetchContext) => Promise<FetchedTable>;
}

/** One API's client for one run. */
export interface ApiSession {
  /**
   * Before any table is checked (not with --force or --dry-run): the tables of this API with their
   * last fetch and the selection now asked for (FHI: one "changed since" request per collection).
   */
  prepare?: (tables: { plan: TablePlan; previous: PreviousFetch | null; key: string }[], since: string | undefined) => void;
  /** Asks whether a table changed since its last fetch: 'unchanged', or how to fetch it. */
  check: (plan: TablePlan, previous: PreviousFetch | null, since: string | undefined) => Promise<CheckedTable | 'unchanged'>;
  /** The measures of a fetched table that an indicator's select may name, and how to list them; null when it has none. */
  measures: (dataset: Dataset) => { accepted: Set<string>; shown: string[] } | null;
}

/** A statistics API that tables are fetched from (FHI Statistikk, SSB's PxWebApi). */
export interface FetchApi {
  /** The tables' and sidecars' `api`: fhi, ssb. */
  id: string;
  /** Its publisher in messages: "FHI", "SSB". */
  name: string;
  /** Its documented address. */
  defaultBase: string;
  /** Requests per 60 s window (narrowed by the server's rate-limit headers). */
  requestsPerWindow: number;
  /** Largest number of cells one data request may ask for. */
  maxCells: number;
  /** Whether an indicator's `api.share` can be computed from its tables. */
  shares: boolean;
  /** Reads an indicator's `api` block: which table, where, and the file it is read from. */
  planTable: (api: IndicatorApi) => PlannedTable;
  /** The table in a message about the catalogue: "FHI nokkel table 507", "SSB table 07459". */
  describeTable: (t: PlannedTable) => string;
  connect: (base: string, http: HttpClient, maxCells: number) => ApiSession;
}

/** How a source's tables are fetched: from which API, for which area codes. */
export interface SourceFetch {
  api: FetchApi;
  /** The area codes the source's tables are asked for (FHI GEO, SSB Region, KOSTRA's regions). */
  areaCodes: (areas: AreaSet) => string[];
}
