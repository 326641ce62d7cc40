import { msg, render } from '../base/messages.js';
import { HttpClient, HttpError, NetworkDownError, type HttpErrorKind, type HttpOptions, type WaitNotice } from '../http/client.js';
import type { HttpText } from '../http/errors.js';
import { Network } from '../http/network.js';
import { measuresOf } from '../indicators/select.js';
import type { Dataset } from '../jsonstat/dataset.js';
import { isLater, type ApiIndicator, type ApiSession, type AreaSet, type CheckedTable, type FetchApi, type OutcomeNotes, type TablePlan } from '../sources/fetch-adapter.js';
import { FETCH_APIS, sourceFetch } from '../sources/registry.js';
import { planTables } from './plan.js';
import { clearStaging, validateStaged } from './check.js';
import { commitTable, readPrevious, stageTable, unstage, type Sidecar, type SidecarProblem, type SidecarRecord } from './store.js';

export interface FetchOptions {
  dataDir: string;
  areas: AreaSet;
  catalogue: ApiIndicator[];
  /** Each API's address by its id (fhi, ssb); default its documented address. */
  bases?: Record<string, string>;
  /** SSB's address (the same as `bases.ssb`). */
  ssbBase?: string;
  /** FHI's address (the same as `bases.fhi`). */
  fhiBase?: string;
  /** Only tables modified after this date (ISO). */
  since?: string;
  force?: boolean;
  dryRun?: boolean;
  /** Largest cells per request, by API id: SSB 800 000 (its /config), FHI our own limit (maxRowCount). */
  maxCells?: Record<string, number | undefined>;
  /** The HTTP client's options, by API id. */
  http?: Record<string, HttpOptions | undefined>;
  /** The limits every API's answers are held to (README: answer size, longest wait, cube size); `http` may override them per API. */
  limits?: Pick<HttpOptions, 'maxAnswerBytes' | 'maxWaitMs' | 'maxCubeCells'>;
  /** The run's network (proxy from the environment); default one from the process's environment, closed at the end. */
  network?: Network;
  onEvent?: (e: FetchEvent) => void;
  now?: () => Date;
  /** Fetch the population pyramid's table (SSB 07459 by sex and age); default true. */
  pyramid?: boolean;
}

export type TableStatus = 'downloaded' | 'up-to-date' | 'failed' | 'planned';

export interface TableOutcome extends OutcomeNotes {
  file: string;
  /** The API it is fetched from: fhi, ssb. */
  api: string;
  collection: string;
  table: string;
  title: string | null;
  status: TableStatus;
  /** Cells asked for (in a dry run: from the last fetch, or a lower bound from the catalogue). */
  cells: number | null;
  /** The dry run's `cells` is a lower bound (categories not narrowed by the catalogue are not counted). */
  cellsAtLeast?: boolean;
  /** Data requests (planned or made). */
  requests: number;
  modifiedAt: string | null;
  /** Why a table was downloaded or skipped. */
  reason: string;
  error?: { status: number; url: string; message: string; advice: string; kind: HttpErrorKind | 'file' };
  /** The table's sidecar was not trusted (edited by hand, dates in the future …): why; the table was downloaded again. */
  sidecarIgnored?: SidecarProblem;
  /** Indicators whose select.measure the fetched table does not have (they would find no data). */
  unmatched?: { indicator: string; measure: string; has: string[] }[];
  indicators: string[];
}

export interface FetchSummary {
  dataDir: string;
  dryRun: boolean;
  areas: AreaSet;
  tables: TableOutcome[];
  totals: { tables: number; downloaded: number; upToDate: number; failed: number; planned: number; requests: number; retries: number };
  /** Catalogue indicators without an `api` block (not fetched: they need a manual download). */
  notFetched: string[];
  seconds: number;
}

export type FetchEvent = { type: 'plan'; total: number } | { type: 'table'; outcome: TableOutcome } | ({ type: 'wait' } & WaitNotice);

/** One API as this run uses it: its client, its session and its cell limit. */
interface Connection {
  api: FetchApi;
  http: HttpClient;
  session: ApiSession;
  maxCells: number;
}

/** The areas and categories asked for: a change re-downloads the table. */
function selectionKey(plan: TablePlan, areas: string[], year: number): string {
  // A projection's window moves with the calendar: a new year asks for other periods.
  return JSON.stringify({ areas, dimensions: plan.dimensions, years: plan.years ?? null, derive: plan.deriveDenominator ?? null, ...(plan.shares ? { shares: plan.shares } : {}), ...(plan.horizon ? { horizon: plan.horizon, from: year } : {}) });
}

/** A client and a session for every API the sources are fetched from, all through the run's network. */
function connect(o: FetchOptions, network: Network): Map<string, Connection> {
  const legacy: Record<string, string | undefined> = { ssb: o.ssbBase, fhi: o.fhiBase };
  const out = new Map<string, Connection>();
  const onWait = (w: WaitNotice) => o.onEvent?.({ type: 'wait', ...w });
  for (const api of FETCH_APIS) {
    const http = new HttpClient({ requestsPerWindow: api.requestsPerWindow, name: api.name, network, onWait, ...(o.limits ?? {}), ...(o.http?.[api.id] ?? {}) });
    const maxCells = o.maxCells?.[api.id] ?? api.maxCells;
    out.set(api.id, { api, http, maxCells, session: api.connect(o.bases?.[api.id] ?? legacy[api.id] ?? api.defaultBase, http, maxCells) });
  }
  return out;
}

/** The area codes a table is asked for: its source's. */
function areasOf(plan: TablePlan, areas: AreaSet): string[] {
  return sourceFetch(plan.source)!.areaCodes(areas);
}

/** A dry run's outcome: the requests the last fetch made, or at least areas × the narrowed categories × years. */
function planned(plan: TablePlan, base: TableOutcome, previous: Sidecar | null, key: string, areas: string[], o: FetchOptions, limit: number): TableOutcome {
  const reason = !previous ? 'not fetched before' : o.force ? '--force' : previous.selectionKey !== key ? 'the areas or categories asked for changed' : 'will check whether it changed';
  if (previous && previous.selectionKey === key) return { ...base, requests: Math.max(1, previous.requests.length), reason };
  const known = Object.values(plan.dimensions).reduce((a, v) => a * v.length, 1) * (plan.years ?? (plan.horizon ? plan.horizon[1] - plan.horizon[0] + 1 : 1)) * (plan.shares ? plan.shares.length : 1);
  const atLeast = known * areas.length;
  return { ...base, cells: atLeast, cellsAtLeast: true, requests: Math.max(1, Math.ceil(atLeast / limit)), reason };
}

/** Why a changed table is downloaded; null when it has not changed. */
function downloadReason(checked: CheckedTable, previous: Sidecar | null, key: string, api: FetchApi, o: FetchOptions): string | null {
  if (o.force) return '--force';
  if (!previous) return 'not fetched before';
  if (previous.selectionKey !== key) return 'the areas or categories asked for changed';
  if (checked.tableId !== undefined && checked.tableId !== previous.tableId) return `${api.name} now publishes it as table ${checked.tableId}`;
  if (o.since ? isLater(checked.modifiedAt, o.since) : isLater(checked.modifiedAt, previous.modifiedAt)) return `changed at the source (${checked.modifiedAt})`;
  return null;
}

/** Indicators whose select.measure the table does not have: they would find no data. */
function unmatchedMeasures(session: ApiSession, dataset: Dataset, indicators: ApiIndicator[]): TableOutcome['unmatched'] {
  const m = session.measures(dataset);
  if (!m) return undefined;
  const unmatched = indicators.filter((i) => !measuresOf(i.select).some((x) => m.accepted.has(x))).map((i) => ({ indicator: i.id, measure: measuresOf(i.select).join('" or "'), has: m.shown }));
  return unmatched.length ? unmatched : undefined;
}

type TableError = NonNullable<TableOutcome['error']>;

/** A failed table's error as messages (the outcome's `message` and `advice` are their English, for --json). */
const errorTexts = new WeakMap<TableError, { message: HttpText; advice: HttpText }>();

/** Why a table failed and what to do, for the terminal in the user's language (the English text when not known). */
export function failureTexts(error: TableError): { message: HttpText; advice: HttpText } {
  return errorTexts.get(error) ?? { message: error.message, advice: error.advice };
}

function failed(base: TableOutcome, error: Omit<TableError, 'message' | 'advice'>, message: HttpText, advice: HttpText): TableOutcome {
  const english = (t: HttpText) => (typeof t === 'string' ? t : render(t, 'en'));
  const e: TableError = { ...error, message: english(message), advice: english(advice) };
  errorTexts.set(e, { message, advice });
  return { ...base, status: 'failed', reason: 'failed', error: e };
}

/** A table that failed for a reason the run can go on after: an HTTP error or a file that cannot be written. */
function failure(e: unknown, base: TableOutcome, plan: TablePlan): TableOutcome {
  if (e instanceof NetworkDownError) throw e;
  if (e instanceof HttpError) return failed(base, { status: e.status, url: e.url, kind: e.kind }, e.detail || e.key === null ? e.detailText : msg(e.key, e.params), e.adviceText);
  const err = e as NodeJS.ErrnoException;
  if (err.code && /^E[A-Z]+$/.test(err.code)) return failed(base, { status: 0, url: plan.file, kind: 'file' }, msg('fetch.advice.cannotWrite', { code: err.code }), msg('fetch.advice.file'));
  throw e;
}

/**
 * Stores a fetched table: staged, read by the readers `validate` uses, and only then moved into
 * place with its sealed sidecar; a table that does not pass leaves the previous file as it was.
 */
async function store(dataDir: string, f: Awaited<ReturnType<CheckedTable['fetch']>>, sidecar: SidecarRecord): Promise<Sidecar> {
  const staged = await stageTable(dataDir, f.dataset, sidecar, f.provenance);
  try {
    await validateStaged(staged, sidecar.file, sidecar.requests[0]?.url ?? sidecar.file);
    return await commitTable(dataDir, staged, sidecar);
  } catch (e) {
    await unstage(staged);
    throw e;
  }
}

/** Checks one table and, when it changed, fetches it and writes it with its sidecar. */
async function fetchTable(plan: TablePlan, c: Connection, o: FetchOptions, now: () => Date): Promise<TableOutcome> {
  const areas = areasOf(plan, o.areas);
  const key = selectionKey(plan, areas, now().getUTCFullYear());
  const { previous, ignored } = readPrevious(o.dataDir, plan.file, now());
  const base: TableOutcome = { file: plan.file, api: plan.api, collection: plan.collection, table: plan.table, title: plan.title ?? previous?.title ?? null, status: 'planned', cells: previous?.cells ?? null, requests: 0, modifiedAt: previous?.modifiedAt ?? null, reason: '', indicators: plan.indicators, ...(ignored ? { sidecarIgnored: ignored } : {}) };
  if (o.dryRun) return planned(plan, base, previous, key, areas, o, c.maxCells);
  const upToDate = (outcome: TableOutcome): TableOutcome => ({ ...outcome, status: 'up-to-date', reason: o.since ? `not changed since ${o.since}` : `unchanged since ${previous!.retrievedAt.slice(0, 10)}` });
  try {
    // 1. Metadata: has the table changed since the last fetch?
    const checked = await c.session.check(plan, previous, o.since);
    if (checked === 'unchanged') return upToDate(base);
    if ('title' in checked) base.title = checked.title ?? null;
    const { modifiedAt } = checked;
    const reason = downloadReason(checked, previous, key, c.api, o);
    if (reason === null) return upToDate({ ...base, modifiedAt });
    // 2. Data.
    const retrievedAt = now().toISOString();
    const indicators = o.catalogue.filter((i) => plan.indicators.includes(i.id));
    const f = await checked.fetch({ areas, all: o.areas, indicators, year: now().getUTCFullYear(), notes: base });
    const sidecar: SidecarRecord = { api: plan.api, source: plan.source, collection: plan.collection, table: plan.table, tableId: f.tableId, title: f.title, file: plan.file, requests: f.requests, retrievedAt, modifiedAt, publishedAt: checked.publishedAt, cells: f.cells, selectionKey: key, indicators: plan.indicators, ...f.sidecar };
    // Each indicator selects its measure by the table's code (FHI) or by ContentsCode or label (SSB): say so when it is not there.
    const unmatched = unmatchedMeasures(c.session, f.dataset, indicators);
    if (unmatched) base.unmatched = unmatched;
    await store(o.dataDir, f, sidecar);
    return { ...base, status: 'downloaded', cells: sidecar.cells, requests: sidecar.requests.length, modifiedAt, reason };
  } catch (e) {
    return failure(e, base, plan);
  }
}

/**
 * Fetches every table the catalogue's `api` blocks name, for the areas: metadata first, data only
 * for tables that are new, changed at the source (FHI `modifiedAt`, SSB `updated`), asked for
 * differently, or forced. A failing table is recorded and the others are still fetched; a network
 * that is down stops the run with one NetworkDownError.
 */
export async function runFetch(o: FetchOptions): Promise<FetchSummary> {
  const started = Date.now();
  const now = o.now ?? (() => new Date());
  const { tables, without } = planTables(o.catalogue, { pyramid: o.pyramid });
  const network = o.network ?? new Network();
  const connections = connect(o, network);
  const outcomes: TableOutcome[] = [];
  o.onEvent?.({ type: 'plan', total: tables.length });
  try {
    if (!o.dryRun) await clearStaging(o.dataDir);
    if (!o.force && !o.dryRun) {
      for (const c of connections.values()) {
        const mine = tables.filter((t) => t.api === c.api.id);
        c.session.prepare?.(mine.map((plan) => ({ plan, previous: readPrevious(o.dataDir, plan.file, now()).previous, key: selectionKey(plan, areasOf(plan, o.areas), now().getUTCFullYear()) })), o.since);
      }
    }
    for (const plan of tables) {
      const outcome = await fetchTable(plan, connections.get(plan.api)!, o, now);
      outcomes.push(outcome);
      o.onEvent?.({ type: 'table', outcome });
    }
  } catch (e) {
    // The network is down: what was fetched so far is still told (`--json` prints it with the error).
    if (e instanceof NetworkDownError) partial.set(e, summarise(o, outcomes, without, connections, started));
    throw e;
  } finally {
    if (!o.network) await network.close();
  }
  return summarise(o, outcomes, without, connections, started);
}

const partial = new WeakMap<NetworkDownError, FetchSummary>();

/** What a run that stopped because the network is down had done until then. */
export function partialSummary(e: NetworkDownError): FetchSummary | undefined {
  return partial.get(e);
}

function summarise(o: FetchOptions, outcomes: TableOutcome[], without: string[], connections: Map<string, Connection>, started: number): FetchSummary {
  const count = (s: TableStatus) => outcomes.filter((t) => t.status === s).length;
  const clients = [...connections.values()].map((c) => c.http.stats);
  return {
    dataDir: o.dataDir,
    dryRun: Boolean(o.dryRun),
    areas: o.areas,
    tables: outcomes,
    totals: {
      tables: outcomes.length,
      downloaded: count('downloaded'),
      upToDate: count('up-to-date'),
      failed: count('failed'),
      planned: count('planned'),
      requests: clients.reduce((a, s) => a + s.requests, 0),
      retries: clients.reduce((a, s) => a + s.retries, 0),
    },
    notFetched: without,
    seconds: (Date.now() - started) / 1000,
  };
}
