import { msg, say } from '../../base/messages.js';
import { LAND } from '../../model/observation.js';
import { checkJoined } from '../../http/answer.js';
import { HttpError, isTooManyCells, joinUrl } from '../../http/client.js';
import { mergeDatasets } from '../../jsonstat/cells.js';
import { categoryCodes, type Dataset } from '../../jsonstat/dataset.js';
import type { AreaSet, CheckedTable, FetchApi, FetchContext, FetchedTable, TablePlan } from '../fetch-adapter.js';
import { isLater } from '../fetch-adapter.js';
import { FHI_DEFAULT_BASE, FhiApi, selectionSize, type FhiDataBody, type FhiQueryDimension, type FhiTableInfo } from './api.js';
import { deriveDenominator } from './derive.js';

/** FHI publishes no limit on cells (apis.md): our own, sent as `maxRowCount`. */
const FHI_MAX_CELLS = 100_000;

/** FHI GEO codes: land 0, counties, municipalities. */
export function fhiGeoCodes(a: AreaSet): string[] {
  return [LAND, ...a.fylker, ...a.kommuner];
}

export interface FhiFetchResult {
  dataset: Dataset;
  info: FhiTableInfo;
  movedFrom?: string;
  requests: { method: 'POST'; url: string; body: FhiDataBody }[];
  flags: { symbol: string; text: string }[];
  metadata: { name?: string; isOfficialStatistics?: boolean };
  cells: number;
  /** Areas the table does not have (not asked for). */
  missingAreas: string[];
  /** Categories the catalogue asks for that the table does not have (not asked for); `absent`: the whole dimension. */
  missingCategories: { dimension: string; codes: string[]; absent?: boolean }[];
}

/** The query for a table's data: its dimensions narrowed to the areas, the catalogue's categories and years. */
interface NarrowedQuery {
  dims: FhiQueryDimension[];
  /** GEO, when the table has it. */
  geoDim: FhiQueryDimension | undefined;
  geoCodes: string[];
  missingCategories: FhiFetchResult['missingCategories'];
  /** The categories each dimension asks for. */
  sizes: number[];
}

/**
 * Learns a table's dimensions from `/query` (and `/dimension` when the template does not list the
 * codes), and narrows them: GEO to the areas the table has, the catalogue's dimensions to the codes
 * the table has, AAR to the newest years.
 */
async function narrowQuery(api: FhiApi, plan: TablePlan, id: number, geo: string[]): Promise<NarrowedQuery> {
  const { body: template } = await api.query(plan.collection, id);
  const dims: FhiQueryDimension[] = template.dimensions.map((d) => ({ code: d.code, filter: d.filter, values: [...(d.values ?? [])] }));
  // The codes the table has: from the template when it lists them, else from /dimension.
  const cache: { known?: Map<string, string[]> } = {};
  const codesOf = async (d: FhiQueryDimension): Promise<string[]> => {
    if (d.filter === 'item' && d.values.length) return d.values;
    cache.known ??= await api.dimensions(plan.collection, id);
    return cache.known.get(d.code) ?? [];
  };
  // The cause-of-death register (daar) has FYLKE (the country as "Total") instead of GEO.
  const geoDim = dims.find((d) => d.code === 'GEO') ?? dims.find((d) => d.code === 'FYLKE');
  let geoCodes = geo;
  if (geoDim) {
    // Ask only for areas the table has (a table without "land" answers 400 when asked for it).
    const have = await codesOf(geoDim);
    if (have.length) geoCodes = geo.filter((g) => have.includes(g) || (geoDim.code === 'FYLKE' && g === '0' && have.includes('Total')));
    geoDim.filter = 'item';
    geoDim.values = geoDim.code === 'FYLKE' ? geoCodes.map((g) => (g === '0' ? 'Total' : g)) : geoCodes;
  }
  const missingCategories: FhiFetchResult['missingCategories'] = [];
  // A dimension the catalogue restricts that the table does not have at all.
  for (const [code, want] of Object.entries(plan.dimensions)) if (code !== 'GEO' && !dims.some((d) => d.code === code)) missingCategories.push({ dimension: code, codes: want, absent: true });
  for (const d of dims) {
    const want = plan.dimensions[d.code];
    if (want && d.code !== 'GEO') {
      // Codes the table does not have are left out (asking for them is a 400); none at all is an error.
      const codes = await codesOf(d);
      const have = codes.length ? want.filter((w) => codes.includes(w)) : want;
      if (!have.length) {
        throw new HttpError(joinUrl(api.base, `${plan.collection}/table/${id}/query`), 0, msg('http.tableNoCodes', { dimension: d.code, codes: want.join(', '), has: `${codes.slice(0, 12).join(', ')}${codes.length > 12 ? ', …' : ''}` }), msg('http.adviceFhiRenamed'));
      }
      if (have.length < want.length) missingCategories.push({ dimension: d.code, codes: want.filter((w) => !have.includes(w)) });
      d.filter = 'item';
      d.values = have;
    }
    if ((d.code === 'AAR' || d.code === 'DAAR') && plan.years) {
      // The newest N periods by code ("item", documented); "bottom" (newest N, used in practice but
      // not in FHI's current README) only when the table's periods cannot be listed.
      const periods = await codesOf(d);
      const end = (c: string) => Number(/(\d{4})\D*$/.exec(c)?.[1] ?? NaN);
      if (periods.length && periods.every((c) => !Number.isNaN(end(c)))) {
        d.filter = 'item';
        d.values = [...periods].sort((x, y) => end(x) - end(y) || x.localeCompare(y)).slice(-plan.years);
      } else {
        d.filter = 'bottom';
        d.values = [String(plan.years)];
      }
    }
  }
  const sizes: number[] = [];
  for (const d of dims) {
    let n = selectionSize(d, cache.known?.get(d.code));
    if (n === null) {
      n = selectionSize(d, await codesOf({ ...d, filter: 'all' })) ?? 1;
    }
    sizes.push(n);
  }
  return { dims, geoDim, geoCodes, missingCategories, sizes };
}

/**
 * Fetches one FHI table for the areas: learns its dimensions from `/query`, keeps every measure
 * (TELLER, RATE, MEIS, SMR …), narrows GEO to the areas and the catalogue's dimensions, and splits
 * the areas over several requests when the cells would pass the row limit.
 */
export async function fetchFhiTable(api: FhiApi, plan: TablePlan, geo: string[], maxCells: number, found?: { info: FhiTableInfo; movedFrom?: string }): Promise<FhiFetchResult> {
  const { info, movedFrom } = found ?? (await api.find(plan.collection, plan.table, plan.title));
  const id = info.tableId;
  const { dims, geoDim, geoCodes, missingCategories, sizes } = await narrowQuery(api, plan, id, geo);
  const perArea = sizes.reduce((a, n, i) => (dims[i] === geoDim ? a : a * n), 1);
  const cells = perArea * Math.max(1, geoCodes.length);
  const flags = await api.flags(plan.collection, id);
  const meta = await api.metadata(plan.collection, id);
  const chunk = Math.max(1, Math.floor(maxCells / Math.max(1, perArea)));
  if (perArea > maxCells) {
    throw new HttpError(joinUrl(api.base, `${plan.collection}/table/${id}/data`), 0, msg('http.areaTooLarge', { cells: String(perArea), max: String(maxCells) }), msg('http.adviceNarrow'));
  }
  const requests: FhiFetchResult['requests'] = [];
  const parts: Dataset[] = [];
  const runChunk = async (codes: string[]): Promise<void> => {
    const body: FhiDataBody = { dimensions: dims.map((d) => (d === geoDim ? { ...d, values: d.code === 'FYLKE' ? codes.map((g) => (g === '0' ? 'Total' : g)) : codes } : d)), response: { format: 'json-stat2', maxRowCount: maxCells } };
    try {
      const { url, dataset } = await api.data(plan.collection, id, body);
      requests.push({ method: 'POST', url, body });
      parts.push(dataset);
    } catch (e) {
      // The server's own limit may be lower than ours: halve and try again.
      if (e instanceof HttpError && isTooManyCells(e.status, e.detail) && codes.length > 1) {
        const half = Math.ceil(codes.length / 2);
        await runChunk(codes.slice(0, half));
        await runChunk(codes.slice(half));
        return;
      }
      throw e;
    }
  };
  const areaCodes = geoDim ? geoCodes : [''];
  for (let i = 0; i < areaCodes.length; i += chunk) await runChunk(areaCodes.slice(i, i + chunk));
  if (!parts.length) throw new HttpError(joinUrl(api.base, `${plan.collection}/table/${id}/dimension`), 0, msg('http.tableNoAreas', { areas: geo.join(', ') }), msg('http.adviceTableAreas'));
  checkJoined(parts, requests[0]?.url ?? api.base, api.maxCubeCells);
  let dataset = mergeDatasets(parts);
  if (flags.length && !(dataset.extension && 'flags' in dataset.extension)) {
    dataset = { ...dataset, extension: { ...(dataset.extension ?? {}), flags: { index: flags.map((f) => f.symbol), label: Object.fromEntries(flags.map((f) => [f.symbol, f.text])) } } };
  }
  return { dataset, info, movedFrom, requests, flags, metadata: { name: meta.name, isOfficialStatistics: meta.isOfficialStatistics }, cells, missingAreas: geo.filter((g) => !geoCodes.includes(g)), missingCategories };
}

/** The data of a checked table, with a derived denominator when the catalogue asks for one. */
async function fetchChecked(api: FhiApi, plan: TablePlan, maxCells: number, found: { info: FhiTableInfo; movedFrom?: string }, ctx: FetchContext): Promise<FetchedTable> {
  const r = await fetchFhiTable(api, plan, ctx.areas, maxCells, found);
  let dataset = r.dataset;
  const sidecar: Record<string, unknown> = { flags: r.flags, metadata: r.metadata, ...(r.movedFrom ? { movedFrom: r.movedFrom } : {}) };
  const provenance: Record<string, unknown> = {};
  if (plan.deriveDenominator) {
    const d = deriveDenominator(dataset, plan.deriveDenominator);
    if (d) {
      dataset = d.dataset;
      sidecar.derived = d.derived;
      provenance.derived = d.derived;
    }
  }
  ctx.notes.movedFrom = r.movedFrom;
  if (r.missingAreas.length) ctx.notes.missingAreas = r.missingAreas;
  if (r.missingCategories.length) {
    ctx.notes.missingCategories = r.missingCategories;
    // An indicator that selects on a dimension the table lacks would find no rows: say which.
    const absent = new Set(r.missingCategories.filter((m) => m.absent).map((m) => m.dimension));
    const unselectable = ctx.indicators.flatMap((i) => [...Object.keys(i.select.dimensions ?? {}), ...(i.select.age ? ['ALDER'] : []), ...(i.select.sex && i.select.sex !== 'total' ? ['KJONN'] : [])].filter((d) => absent.has(d)).map((d) => ({ indicator: i.id, dimension: d })));
    if (unselectable.length) ctx.notes.unselectable = unselectable;
  }
  return { dataset, tableId: String(r.info.tableId), title: r.info.title, requests: r.requests, cells: r.cells, sidecar, provenance };
}

/** FHI Statistikk's open API: tables by source (nokkel …) and id, found again by title when the id changes. */
export const FHI_API: FetchApi = {
  id: 'fhi',
  name: 'FHI',
  defaultBase: FHI_DEFAULT_BASE,
  // A polite 5 requests a second, one at a time.
  requestsPerWindow: 300,
  maxCells: FHI_MAX_CELLS,
  shares: false,
  planTable: (a) => {
    const collection = a.source ?? 'nokkel';
    return { collection, table: a.table, stem: `${collection}-${a.table}` };
  },
  describeTable: (t) => say('fetch.tableName.fhi', { table: t.table, collection: t.collection }),
  connect: (base, http, maxCells) => {
    const api = new FhiApi(base, http);
    // When every table of a source has been fetched before with the same selection, one
    // `{source}/table?modifiedAfter=` request says which changed (the day of the oldest fetch, or --since).
    const changedSince = new Map<string, string>();
    return {
      prepare: (tables, since) => {
        for (const collection of new Set(tables.map((t) => t.plan.collection))) {
          const mine = tables.filter((t) => t.plan.collection === collection);
          if (mine.every((t) => t.previous && t.previous.selectionKey === t.key)) {
            const oldest = mine.map((t) => t.previous!.retrievedAt).sort()[0]!;
            changedSince.set(collection, (since ?? oldest).slice(0, 10));
          }
        }
      },
      check: async (plan, previous, since): Promise<CheckedTable | 'unchanged'> => {
        const after = changedSince.get(plan.collection);
        let found: { info: FhiTableInfo; movedFrom?: string };
        if (after && previous) {
          const changed = await api.findChanged(plan.collection, previous.tableId, plan.title ?? previous.title ?? undefined, after);
          if (!changed || (!since && !isLater(changed.info.modifiedAt ?? changed.info.publishedAt, previous.modifiedAt))) return 'unchanged';
          found = changed.movedFrom ? { info: changed.info, movedFrom: plan.table } : changed;
        } else found = await api.find(plan.collection, plan.table, plan.title);
        return {
          title: found.info.title,
          modifiedAt: found.info.modifiedAt ?? found.info.publishedAt ?? null,
          publishedAt: found.info.publishedAt ?? null,
          tableId: String(found.info.tableId),
          fetch: (ctx) => fetchChecked(api, plan, maxCells, found, ctx),
        };
      },
      measures: (dataset) => {
        const measureDim = dataset.id.find((d) => d === 'MEASURE_TYPE' || d === 'ContentsCode');
        if (!measureDim) return null;
        // Indicators select FHI's measures by code.
        const codes = categoryCodes(dataset.dimension[measureDim]!);
        return { accepted: new Set(codes), shown: codes };
      },
    };
  },
};
