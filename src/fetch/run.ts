import { HttpClient, HttpError, NetworkDownError, type HttpOptions } from './http.js';
import { FhiApi, fetchFhiTable, type FhiTableInfo } from './fhi.js';
import { categoryCodes, deriveDenominator, deriveShares, dropCoveredFormerCodes, MalformedDatasetError } from './jsonstat.js';
import { fhiGeoCodes, formerOf, GEO_DIMENSIONS, kostraRegionCodes, planTables, ssbRegionCodes, type ApiIndicator, type AreaSet, type TablePlan } from './plan.js';
import { SsbApi, fetchSsbTable, SSB_MAX_CELLS } from './ssb.js';
import { measuresOf } from '../indicators/select.js';
import { readSidecar, writeTable, type Sidecar } from './store.js';

export interface FetchOptions {
  dataDir: string;
  areas: AreaSet;
  catalogue: ApiIndicator[];
  ssbBase: string;
  fhiBase: string;
  /** Only tables modified after this date (ISO). */
  since?: string;
  force?: boolean;
  dryRun?: boolean;
  /** Largest cells per request: SSB 800 000 (its /config), FHI our own limit (maxRowCount). */
  maxCells?: { ssb?: number; fhi?: number };
  http?: { ssb?: HttpOptions; fhi?: HttpOptions };
  onEvent?: (e: FetchEvent) => void;
  now?: () => Date;
  /** Fetch the population pyramid's table (SSB 07459 by sex and age); default true. */
  pyramid?: boolean;
}

export type TableStatus = 'downloaded' | 'up-to-date' | 'failed' | 'planned';

export interface TableOutcome {
  file: string;
  api: 'fhi' | 'ssb';
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
  error?: { status: number; url: string; message: string; advice: string };
  movedFrom?: string;
  /** Areas asked for that the table does not have. */
  missingAreas?: string[];
  /** Categories the catalogue asks for that the table does not have (FHI; the others were fetched). */
  missingCategories?: { dimension: string; codes: string[]; absent?: boolean }[];
  /** Indicators whose select names a dimension the table does not have (they would find no data). */
  unselectable?: { indicator: string; dimension: string }[];
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

export type FetchEvent = { type: 'plan'; total: number } | { type: 'table'; outcome: TableOutcome };

const FHI_MAX_CELLS = 100_000;

/** The areas and categories asked for: a change re-downloads the table. */
function selectionKey(plan: TablePlan, areas: string[], year: number): string {
  // A projection's window moves with the calendar: a new year asks for other periods.
  return JSON.stringify({ areas, dimensions: plan.dimensions, years: plan.years ?? null, derive: plan.deriveDenominator ?? null, ...(plan.shares ? { shares: plan.shares } : {}), ...(plan.horizon ? { horizon: plan.horizon, from: year } : {}) });
}

const later = (a: string | null | undefined, b: string | null | undefined): boolean => {
  if (!a) return false;
  if (!b) return true;
  return Date.parse(a) > Date.parse(b);
};

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
  const ssbHttp = new HttpClient({ requestsPerWindow: 30, ...(o.http?.ssb ?? {}) });
  // FHI publishes no limit (apis.md): a polite 5 requests a second, one at a time.
  const fhiHttp = new HttpClient({ requestsPerWindow: 300, ...(o.http?.fhi ?? {}) });
  const fhi = new FhiApi(o.fhiBase, fhiHttp);
  const ssb = new SsbApi(o.ssbBase, ssbHttp);
  const maxSsb = o.maxCells?.ssb ?? SSB_MAX_CELLS;
  const maxFhi = o.maxCells?.fhi ?? FHI_MAX_CELLS;
  const outcomes: TableOutcome[] = [];
  o.onEvent?.({ type: 'plan', total: tables.length });
  const emit = (t: TableOutcome) => {
    outcomes.push(t);
    o.onEvent?.({ type: 'table', outcome: t });
  };

  const areasOf = (plan: TablePlan) => (plan.api === 'fhi' ? fhiGeoCodes(o.areas) : plan.source === 'kostra' ? kostraRegionCodes(o.areas) : ssbRegionCodes(o.areas));
  // FHI: when every table of a source has been fetched before with the same selection, one
  // `{source}/table?modifiedAfter=` request says which changed (the day of the oldest fetch, or --since).
  const changedSince = new Map<string, string>();
  if (!o.force && !o.dryRun) {
    for (const collection of new Set(tables.filter((t) => t.api === 'fhi').map((t) => t.collection))) {
      const mine = tables.filter((t) => t.api === 'fhi' && t.collection === collection);
      const prev = mine.map((t) => readSidecar(o.dataDir, t.file));
      if (prev.every((p, i) => p && p.selectionKey === selectionKey(mine[i]!, areasOf(mine[i]!), now().getUTCFullYear()))) {
        const oldest = prev.map((p) => p!.retrievedAt).sort()[0]!;
        changedSince.set(collection, (o.since ?? oldest).slice(0, 10));
      }
    }
  }

  for (const plan of tables) {
    const areas = areasOf(plan);
    const key = selectionKey(plan, areas, now().getUTCFullYear());
    const previous = readSidecar(o.dataDir, plan.file);
    const base: TableOutcome = { file: plan.file, api: plan.api, collection: plan.collection, table: plan.table, title: plan.title ?? previous?.title ?? null, status: 'planned', cells: previous?.cells ?? null, requests: 0, modifiedAt: previous?.modifiedAt ?? null, reason: '', indicators: plan.indicators };
    if (o.dryRun) {
      const reason = !previous ? 'not fetched before' : o.force ? '--force' : previous.selectionKey !== key ? 'the areas or categories asked for changed' : 'will check whether it changed';
      if (previous && previous.selectionKey === key) {
        emit({ ...base, requests: Math.max(1, previous.requests.length), reason });
        continue;
      }
      // Not fetched with this selection yet: at least areas × the narrowed categories × years.
      const known = Object.values(plan.dimensions).reduce((a, v) => a * v.length, 1) * (plan.years ?? (plan.horizon ? plan.horizon[1] - plan.horizon[0] + 1 : 1)) * (plan.shares ? plan.shares.length : 1);
      const atLeast = known * areas.length;
      const limit = plan.api === 'fhi' ? maxFhi : maxSsb;
      emit({ ...base, cells: atLeast, cellsAtLeast: true, requests: Math.max(1, Math.ceil(atLeast / limit)), reason });
      continue;
    }
    try {
      // 1. Metadata: has the table changed since the last fetch?
      let fhiFound: { info: FhiTableInfo; movedFrom?: string } | undefined;
      let ssbInfo: Awaited<ReturnType<SsbApi['table']>> | undefined;
      let modifiedAt: string | null;
      let publishedAt: string | null = null;
      if (plan.api === 'fhi') {
        const since = changedSince.get(plan.collection);
        if (since && previous) {
          const changed = await fhi.findChanged(plan.collection, previous.tableId, plan.title ?? previous.title ?? undefined, since);
          if (!changed || (!o.since && !later(changed.info.modifiedAt ?? changed.info.publishedAt, previous.modifiedAt))) {
            emit({ ...base, status: 'up-to-date', reason: o.since ? `not changed since ${o.since}` : `unchanged since ${previous.retrievedAt.slice(0, 10)}` });
            continue;
          }
          fhiFound = changed.movedFrom ? { info: changed.info, movedFrom: plan.table } : changed;
        } else fhiFound = await fhi.find(plan.collection, plan.table, plan.title);
        modifiedAt = fhiFound.info.modifiedAt ?? fhiFound.info.publishedAt ?? null;
        publishedAt = fhiFound.info.publishedAt ?? null;
        base.title = fhiFound.info.title;
      } else {
        ssbInfo = await ssb.table(plan.table);
        modifiedAt = ssbInfo.updated ?? null;
        base.title = ssbInfo.label ?? base.title;
      }
      let reason: string;
      if (o.force) reason = '--force';
      else if (!previous) reason = 'not fetched before';
      else if (previous.selectionKey !== key) reason = 'the areas or categories asked for changed';
      else if (fhiFound && String(fhiFound.info.tableId) !== previous.tableId) reason = `FHI now publishes it as table ${fhiFound.info.tableId}`;
      else if (o.since ? later(modifiedAt, o.since) : later(modifiedAt, previous.modifiedAt)) reason = `changed at the source (${modifiedAt})`;
      else {
        emit({ ...base, status: 'up-to-date', modifiedAt, reason: o.since ? `not changed since ${o.since}` : `unchanged since ${previous.retrievedAt.slice(0, 10)}` });
        continue;
      }
      // 2. Data.
      const retrievedAt = now().toISOString();
      let sidecar: Omit<Sidecar, 'sha256' | 'tool'>;
      let dataset;
      if (plan.api === 'fhi') {
        const r = await fetchFhiTable(fhi, plan, areas, maxFhi, fhiFound);
        dataset = r.dataset;
        sidecar = { api: 'fhi', source: plan.source, collection: plan.collection, table: plan.table, tableId: String(r.info.tableId), title: r.info.title, file: plan.file, requests: r.requests, retrievedAt, modifiedAt, publishedAt, cells: r.cells, selectionKey: key, indicators: plan.indicators, flags: r.flags, metadata: r.metadata, ...(r.movedFrom ? { movedFrom: r.movedFrom } : {}) };
        if (plan.deriveDenominator) {
          const d = deriveDenominator(dataset, plan.deriveDenominator);
          if (d) {
            dataset = d.dataset;
            sidecar.derived = d.derived;
          }
        }
        base.movedFrom = r.movedFrom;
        if (r.missingAreas.length) base.missingAreas = r.missingAreas;
        if (r.missingCategories.length) {
          base.missingCategories = r.missingCategories;
          // An indicator that selects on a dimension the table lacks would find no rows: say which.
          const absent = new Set(r.missingCategories.filter((m) => m.absent).map((m) => m.dimension));
          const unselectable = o.catalogue
            .filter((i) => plan.indicators.includes(i.id))
            .flatMap((i) => [...Object.keys(i.select.dimensions ?? {}), ...(i.select.age ? ['ALDER'] : []), ...(i.select.sex && i.select.sex !== 'total' ? ['KJONN'] : [])].filter((d) => absent.has(d)).map((d) => ({ indicator: i.id, dimension: d })));
          if (unselectable.length) base.unselectable = unselectable;
        }
      } else {
        const r = await fetchSsbTable(ssb, plan, areas, maxSsb, ssbInfo, now().getUTCFullYear());
        // Former numbers are asked for where SSB keeps them; their absence is no gap.
        const former = new Set(formerOf(o.areas));
        const missing = r.missingAreas.filter((c) => !former.has(c));
        if (missing.length) base.missingAreas = missing;
        dataset = r.dataset;
        const regionDim = dataset.id.find((d) => GEO_DIMENSIONS.has(d));
        if (regionDim && o.areas.former) dataset = dropCoveredFormerCodes(dataset, regionDim, dataset.id.includes('Tid') ? 'Tid' : dataset.id[dataset.id.length - 1]!, o.areas.former).dataset;
        sidecar = { api: 'ssb', source: plan.source, collection: 'ssb', table: plan.table, tableId: plan.table, title: r.info.label ?? dataset.label ?? null, file: plan.file, requests: r.requests, retrievedAt, modifiedAt, publishedAt: null, cells: r.cells, selectionKey: key, indicators: plan.indicators };
        if (plan.shares) {
          try {
            const d = deriveShares(dataset, plan.shares);
            dataset = d.dataset;
            sidecar.shares = d.derived;
          } catch (e) {
            if (e instanceof MalformedDatasetError) throw new HttpError(r.requests[0]?.url ?? plan.file, 0, e.message, 'Check the "api.share" and "api.dimensions" of the catalogue against the table.');
            throw e;
          }
        }
      }
      // Each indicator selects its measure by the table's code (FHI) or by ContentsCode or label (SSB): say so when it is not there.
      const measureDim = dataset.id.find((d) => d === 'MEASURE_TYPE' || d === 'ContentsCode');
      if (measureDim) {
        const cat = dataset.dimension[measureDim]!.category;
        const codes = categoryCodes(dataset.dimension[measureDim]!);
        const has = plan.api === 'fhi' ? codes : codes.map((c) => cat.label?.[c] ?? c);
        const ok = new Set(plan.api === 'fhi' ? codes : [...codes, ...has]);
        const unmatched = o.catalogue.filter((i) => plan.indicators.includes(i.id) && !measuresOf(i.select).some((m) => ok.has(m))).map((i) => ({ indicator: i.id, measure: measuresOf(i.select).join('" or "'), has: plan.api === 'fhi' ? has : codes.map((c, k) => (has[k] === c ? c : `${c} (${has[k]})`)) }));
        if (unmatched.length) base.unmatched = unmatched;
      }
      await writeTable(o.dataDir, dataset, sidecar);
      emit({ ...base, status: 'downloaded', cells: sidecar.cells, requests: sidecar.requests.length, modifiedAt, reason });
    } catch (e) {
      if (e instanceof NetworkDownError) throw e;
      if (e instanceof HttpError) {
        emit({ ...base, status: 'failed', reason: 'failed', error: { status: e.status, url: e.url, message: e.detail || e.message, advice: e.advice } });
        continue;
      }
      const err = e as NodeJS.ErrnoException;
      if (err.code && /^E[A-Z]+$/.test(err.code)) {
        emit({ ...base, status: 'failed', reason: 'failed', error: { status: 0, url: plan.file, message: `cannot write the file (${err.code})`, advice: 'Check that the data folder can be written to and the disk is not full.' } });
        continue;
      }
      throw e;
    }
  }
  const count = (s: TableStatus) => outcomes.filter((t) => t.status === s).length;
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
      requests: ssbHttp.stats.requests + fhiHttp.stats.requests,
      retries: ssbHttp.stats.retries + fhiHttp.stats.retries,
    },
    notFetched: without,
    seconds: (Date.now() - started) / 1000,
  };
}
