import { msg, say } from '../../base/messages.js';
import { LAND } from '../../model/observation.js';
import { withoutLevelPrefix } from '../../geo/labels.js';
import { checkJoined } from '../../http/answer.js';
import { HttpError, isTooManyCells, joinUrl } from '../../http/client.js';
import { mergeDatasets } from '../../jsonstat/cells.js';
import { categoryCodes, MalformedDatasetError, type Dataset } from '../../jsonstat/dataset.js';
import { formerOf, type AreaSet, type FetchApi, type FetchContext, type FetchedTable, type TablePlan } from '../fetch-adapter.js';
import { SSB_DEFAULT_BASE, SSB_MAX_CELLS, SsbApi, type SsbSelection, type SsbTableInfo } from './api.js';
import { deriveShares, dropCoveredFormerCodes } from './derive.js';

/** The region dimensions of SSB's and KOSTRA's tables (and FHI's GEO). */
export const GEO_DIMENSIONS = new Set(['GEO', 'Region', 'KOKkommuneregion0000', 'KOKfylkesregion0000', 'KOKbydelsregion0000']);

/** SSB Region codes (ordinary tables): 0 Hele landet, counties, municipalities and their former numbers. */
export function ssbRegionCodes(a: AreaSet): string[] {
  return [LAND, ...a.fylker, ...a.kommuner, ...formerOf(a)];
}

function elimination(meta: Dataset, dim: string): boolean {
  const ext = meta.dimension[dim]?.extension as { elimination?: boolean } | undefined;
  return ext?.elimination === true;
}

export interface SsbFetchResult {
  dataset: Dataset;
  info: SsbTableInfo;
  requests: { method: 'GET' | 'POST'; url: string; body?: unknown }[];
  cells: number;
  /** Areas the table does not have (not asked for). */
  missingAreas: string[];
}

/**
 * What to ask of each variable of a table (its metadata): the region codes it has, the catalogue's
 * categories, a share's whole dimension, a projection's periods, the newest years, every category
 * of the rest — and nothing of an eliminated variable (SSB gives the total).
 */
function selectionFor(api: SsbApi, meta: Dataset, plan: TablePlan, regions: string[], year: number): { selection: SsbSelection[]; counts: number[]; regionDim: string | undefined; regionCodes: string[] } {
  const regionDim = meta.id.find((d) => GEO_DIMENSIONS.has(d));
  const selection: SsbSelection[] = [];
  const counts: number[] = [];
  let regionCodes: string[] = [];
  for (const d of meta.id) {
    const codes = categoryCodes(meta.dimension[d]!);
    const lower = new Map(codes.map((c) => [c.toLowerCase(), c]));
    if (d === regionDim) {
      // Some tables write municipalities and counties with a level prefix (K_5037, F_50).
      const byNumber = new Map(codes.map((c) => [withoutLevelPrefix(c).toLowerCase(), c]));
      regionCodes = [...new Set(regions.map((r) => lower.get(r.toLowerCase()) ?? byNumber.get(r.toLowerCase())).filter((c): c is string => c !== undefined))];
      if (!regionCodes.length) throw new HttpError(joinUrl(api.base, `tables/${plan.table}/metadata`), 0, msg('http.tableNoAreas', { areas: regions.join(', ') }), msg('http.adviceTableAreas'));
      selection.push({ variableCode: d, valueCodes: regionCodes });
      counts.push(regionCodes.length);
      continue;
    }
    const want = plan.dimensions[d];
    const isTime = d === 'Tid' || meta.role?.time?.includes(d);
    if (want) {
      // A code the table does not have would be a 400 "Non-existent value" for the whole table:
      // say which, and what the table has, before asking.
      const unknown = want.filter((w) => !lower.has(w.toLowerCase()) && !/[*?(]/.test(w));
      if (unknown.length) throw new HttpError(joinUrl(api.base, `tables/${plan.table}/metadata`), 0, msg('http.tableNoCodes', { dimension: d, codes: unknown.join(', '), has: `${codes.slice(0, 12).join(', ')}${codes.length > 12 ? ', …' : ''}` }), msg('http.adviceSsbRenamed'));
      const have = [...new Set(want.map((w) => lower.get(w.toLowerCase()) ?? w))];
      selection.push({ variableCode: d, valueCodes: have });
      counts.push(have.includes('*') ? codes.length : have.length);
    } else if (plan.shares?.some((s) => s.dimension === d)) {
      // The categories a share sums: all of them, not SSB's eliminated total.
      selection.push({ variableCode: d, valueCodes: ['*'] });
      counts.push(codes.length);
    } else if (isTime && plan.horizon) {
      // Projections: the periods `horizon` years ahead of this year.
      const [lo, hi] = plan.horizon;
      const ahead = codes.filter((c) => Number(c.slice(0, 4)) >= year + lo && Number(c.slice(0, 4)) <= year + hi);
      if (!ahead.length) throw new HttpError(joinUrl(api.base, `tables/${plan.table}/metadata`), 0, msg('http.tableNoPeriods', { from: String(year + lo), to: String(year + hi), first: codes[0] ?? '', last: codes[codes.length - 1] ?? '' }), msg('http.adviceProjectionReplaced'));
      selection.push({ variableCode: d, valueCodes: ahead });
      counts.push(ahead.length);
    } else if (isTime && plan.years) {
      selection.push({ variableCode: d, valueCodes: [`top(${plan.years})`] });
      counts.push(Math.min(plan.years, codes.length));
    } else if (d !== 'ContentsCode' && d !== 'Tid' && elimination(meta, d)) {
      // Left out: SSB gives the total.
      counts.push(1);
    } else {
      selection.push({ variableCode: d, valueCodes: ['*'] });
      counts.push(codes.length);
    }
  }
  return { selection, counts, regionDim, regionCodes };
}

/**
 * Fetches one SSB or KOSTRA table for the areas: the region codes the table has (kommuner, their
 * counties, the country; in KOSTRA also EKAnn, EAK, EAKUO and the KOSTRA groups), the catalogue's
 * categories, every ContentsCode unless restricted, and eliminated variables left out. Split over
 * regions (then periods) to stay under the cell limit; a 400/403 "too many cells" halves again.
 */
export async function fetchSsbTable(api: SsbApi, plan: TablePlan, regions: string[], ourLimit: number, info?: SsbTableInfo, year = new Date().getUTCFullYear()): Promise<SsbFetchResult> {
  const tableInfo = info ?? (await api.table(plan.table));
  // The server's own limit when it states a lower one.
  const maxCells = Math.min(ourLimit, (await api.maxDataCells()) ?? ourLimit);
  const meta = await api.metadata(plan.table);
  // SSB answers a variable the table does not have with 400 "Non-existent variable": say so first.
  const noVariable = Object.keys(plan.dimensions).filter((d) => !meta.id.includes(d));
  if (noVariable.length) throw new HttpError(joinUrl(api.base, `tables/${plan.table}/metadata`), 0, msg('http.tableNoVariable', { variables: noVariable.join(', '), has: meta.id.join(', ') }), msg('http.adviceCorrectDimensions'));
  const { selection, counts, regionDim, regionCodes } = selectionFor(api, meta, plan, regions, year);
  const perRegion = counts.reduce((a, n, i) => (meta.id[i] === regionDim ? a : a * n), 1);
  const cells = perRegion * Math.max(1, regionCodes.length);
  const requests: SsbFetchResult['requests'] = [];
  const parts: Dataset[] = [];
  const run = async (codes: string[]): Promise<void> => {
    const sel = selection.map((s) => (s.variableCode === regionDim ? { ...s, valueCodes: codes } : s));
    try {
      const r = await api.data(plan.table, sel);
      requests.push({ method: r.method, url: r.url, body: r.body });
      parts.push(r.dataset);
    } catch (e) {
      if (e instanceof HttpError && isTooManyCells(e.status, e.detail) && codes.length > 1) {
        const half = Math.ceil(codes.length / 2);
        await run(codes.slice(0, half));
        await run(codes.slice(half));
        return;
      }
      throw e;
    }
  };
  if (perRegion > maxCells) {
    throw new HttpError(joinUrl(api.base, `tables/${plan.table}/data`), 0, msg('http.regionTooLarge', { cells: String(perRegion), max: String(maxCells) }), msg('http.adviceNarrowOwn'));
  }
  const chunk = Math.max(1, Math.floor(maxCells / perRegion));
  const all = regionDim ? regionCodes : [''];
  for (let i = 0; i < all.length; i += chunk) await run(all.slice(i, i + chunk));
  checkJoined(parts, requests[0]?.url ?? api.base, api.maxCubeCells);
  return { dataset: mergeDatasets(parts), info: tableInfo, requests, cells, missingAreas: regionDim ? regions.filter((r) => !regionCodes.some((c) => withoutLevelPrefix(c).toLowerCase() === r.toLowerCase())) : [] };
}

/** The data of a checked table: former numbers SSB has back-calculated dropped, shares derived. */
async function fetchChecked(api: SsbApi, plan: TablePlan, maxCells: number, info: SsbTableInfo, ctx: FetchContext): Promise<FetchedTable> {
  const r = await fetchSsbTable(api, plan, ctx.areas, maxCells, info, ctx.year);
  // Former numbers are asked for where SSB keeps them; their absence is no gap.
  const former = new Set(formerOf(ctx.all));
  const missing = r.missingAreas.filter((c) => !former.has(c));
  if (missing.length) ctx.notes.missingAreas = missing;
  let dataset = r.dataset;
  const regionDim = dataset.id.find((d) => GEO_DIMENSIONS.has(d));
  if (regionDim && ctx.all.former) dataset = dropCoveredFormerCodes(dataset, regionDim, dataset.id.includes('Tid') ? 'Tid' : dataset.id[dataset.id.length - 1]!, ctx.all.former).dataset;
  const title = r.info.label ?? dataset.label ?? null;
  const sidecar: Record<string, unknown> = {};
  const provenance: Record<string, unknown> = {};
  if (plan.shares) {
    try {
      const d = deriveShares(dataset, plan.shares);
      dataset = d.dataset;
      sidecar.shares = d.derived;
      provenance.shares = d.derived;
    } catch (e) {
      if (e instanceof MalformedDatasetError) throw new HttpError(r.requests[0]?.url ?? plan.file, 0, e.text, msg('jsonstat.adviceShare'));
      throw e;
    }
  }
  return { dataset, tableId: plan.table, title, requests: r.requests, cells: r.cells, sidecar, provenance };
}

/** SSB's PxWebApi v2: Statistikkbanken's tables by number (KOSTRA's too). */
export const SSB_API: FetchApi = {
  id: 'ssb',
  name: 'SSB',
  defaultBase: SSB_DEFAULT_BASE,
  requestsPerWindow: 30,
  maxCells: SSB_MAX_CELLS,
  shares: true,
  planTable: (a) => {
    const table = a.table.padStart(5, '0');
    return { collection: 'ssb', table, stem: table };
  },
  describeTable: (t) => say('fetch.tableName.ssb', { table: t.table }),
  connect: (base, http, maxCells) => {
    const api = new SsbApi(base, http);
    return {
      check: async (plan) => {
        const info = await api.table(plan.table);
        return {
          ...(info.label !== undefined && info.label !== null ? { title: info.label } : {}),
          modifiedAt: info.updated ?? null,
          publishedAt: null,
          fetch: (ctx) => fetchChecked(api, plan, maxCells, info, ctx),
        };
      },
      measures: (dataset) => {
        const measureDim = dataset.id.find((d) => d === 'MEASURE_TYPE' || d === 'ContentsCode');
        if (!measureDim) return null;
        // Indicators select SSB's variables by ContentsCode or by label.
        const cat = dataset.dimension[measureDim]!.category;
        const codes = categoryCodes(dataset.dimension[measureDim]!);
        const labels = codes.map((c) => cat.label?.[c] ?? c);
        return { accepted: new Set([...codes, ...labels]), shown: codes.map((c, k) => (labels[k] === c ? c : `${c} (${labels[k]})`)) };
      },
    };
  },
};
