import { HttpError, isTooManyCells, type HttpClient } from './http.js';
import { joinUrl } from './fhi.js';
import { asDataset, categoryCodes, mergeDatasets, MalformedDatasetError, type Dataset } from './jsonstat.js';
import { GEO_DIMENSIONS, type TablePlan } from './plan.js';
import { withoutLevelPrefix } from '../geo/labels.js';

/** The documented address of SSB's PxWebApi v2 (apis.md §2). */
export const SSB_DEFAULT_BASE = 'https://data.ssb.no/api/pxwebapi/v2';
/** `/config` maxDataCells at SSB: 800 000 cells per extract, empty cells included. */
export const SSB_MAX_CELLS = 800_000;
/** GET URLs longer than about 2 100 characters answer 404 at SSB: POST above this. */
export const SSB_MAX_URL = 2000;

export interface SsbTableInfo {
  id?: string;
  label?: string;
  updated?: string;
  firstPeriod?: string;
  lastPeriod?: string;
}

export interface SsbSelection {
  variableCode: string;
  valueCodes: string[];
}

function parse(text: string, url: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new HttpError(url, 200, 'the answer is not valid JSON', 'The API sent something unexpected (a maintenance page?); try again later.');
  }
}

export class SsbApi {
  private config: Promise<number | null> | null = null;

  constructor(
    readonly base: string,
    private readonly http: HttpClient,
  ) {}

  /** `GET /config` `maxDataCells`, asked once and only when data is needed; null when not given. */
  maxDataCells(): Promise<number | null> {
    this.config ??= this.http
      .get(joinUrl(this.base, 'config'))
      .then((r) => {
        const n = (JSON.parse(r.text) as { maxDataCells?: unknown }).maxDataCells;
        return typeof n === 'number' && n > 0 ? n : null;
      })
      .catch((e: unknown) => {
        if (e instanceof HttpError || e instanceof SyntaxError) return null;
        throw e;
      });
    return this.config;
  }

  /** `GET /tables/{id}`: label and `updated`, the change check of an incremental run. */
  async table(id: string): Promise<SsbTableInfo> {
    const url = joinUrl(this.base, `tables/${encodeURIComponent(id)}?lang=no`);
    const doc = parse((await this.http.get(url)).text, url) as SsbTableInfo | null;
    if (!doc || typeof doc !== 'object') throw new HttpError(url, 200, 'the table description is not an object', 'The API sent something unexpected; check FOLKEHELSE_SSB_API.');
    return doc;
  }

  /** `GET /tables/{id}/metadata`: json-stat2 with every category and `"value": []`. */
  async metadata(id: string): Promise<Dataset & { value: never[] }> {
    const url = joinUrl(this.base, `tables/${encodeURIComponent(id)}/metadata?lang=no&outputFormat=json-stat2`);
    const doc = parse((await this.http.get(url)).text, url) as Dataset | null;
    if (!doc || !Array.isArray(doc.id) || !doc.dimension) throw new HttpError(url, 200, 'the metadata is not JSON-stat 2.0', 'The API sent something unexpected; check FOLKEHELSE_SSB_API.');
    return doc as Dataset & { value: never[] };
  }

  /** GET when the URL is short enough, else POST (no length limit, apis.md). */
  async data(id: string, requested: SsbSelection[]): Promise<{ method: 'GET' | 'POST'; url: string; body?: unknown; dataset: Dataset }> {
    // A repeated code (0301,0301) is a 500 with an empty body at SSB: codes are case-insensitive there.
    const selection = requested.map((s) => ({ ...s, valueCodes: s.valueCodes.filter((v, i, all) => all.findIndex((x) => x.toLowerCase() === v.toLowerCase()) === i) }));
    const params = selection.map((s) => `valueCodes[${encodeURIComponent(s.variableCode)}]=${encodeURIComponent(s.valueCodes.map((v) => (v.includes(',') ? `[${v}]` : v)).join(','))}`);
    const getUrl = joinUrl(this.base, `tables/${encodeURIComponent(id)}/data?lang=no&outputFormat=json-stat2&${params.join('&')}`);
    let method: 'GET' | 'POST' = 'GET';
    let url = getUrl;
    let body: unknown;
    let text: string;
    if (getUrl.length <= SSB_MAX_URL) text = (await this.http.get(getUrl)).text;
    else {
      method = 'POST';
      url = joinUrl(this.base, `tables/${encodeURIComponent(id)}/data?lang=no&outputFormat=json-stat2`);
      body = { selection };
      text = (await this.http.postJson(url, body)).text;
    }
    try {
      return { method, url, body, dataset: asDataset(parse(text, url)) };
    } catch (e) {
      if (e instanceof MalformedDatasetError) throw new HttpError(url, 200, e.message, 'The API sent a broken dataset; try again later.');
      throw e;
    }
  }
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
  const regionDim = meta.id.find((d) => GEO_DIMENSIONS.has(d));
  // SSB answers a variable the table does not have with 400 "Non-existent variable": say so first.
  const noVariable = Object.keys(plan.dimensions).filter((d) => !meta.id.includes(d));
  if (noVariable.length) throw new HttpError(joinUrl(api.base, `tables/${plan.table}/metadata`), 0, `the table has no variable ${noVariable.join(', ')} (it has ${meta.id.join(', ')})`, 'Correct "api.dimensions" in the catalogue.');
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
      if (!regionCodes.length) throw new HttpError(joinUrl(api.base, `tables/${plan.table}/metadata`), 0, `the table has none of the areas ${regions.join(', ')}`, 'Check that the table covers municipalities (and the municipality numbers in the configuration).');
      selection.push({ variableCode: d, valueCodes: regionCodes });
      counts.push(regionCodes.length);
      continue;
    }
    const want = plan.dimensions[d];
    const isTime = d === 'Tid' || (meta.role as { time?: string[] } | undefined)?.time?.includes(d);
    if (want) {
      // A code the table does not have would be a 400 "Non-existent value" for the whole table:
      // say which, and what the table has, before asking.
      const unknown = want.filter((w) => !lower.has(w.toLowerCase()) && !/[*?(]/.test(w));
      if (unknown.length) throw new HttpError(joinUrl(api.base, `tables/${plan.table}/metadata`), 0, `the table has no ${d} ${unknown.join(', ')} (it has ${codes.slice(0, 12).join(', ')}${codes.length > 12 ? ', …' : ''})`, 'SSB may have renamed the code: correct "api.dimensions" in the catalogue.');
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
      if (!ahead.length) throw new HttpError(joinUrl(api.base, `tables/${plan.table}/metadata`), 0, `the table has no periods from ${year + lo} to ${year + hi} (it has ${codes[0]}–${codes[codes.length - 1]})`, 'The projection may have been replaced by a newer table: update "api.table" in the catalogue.');
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
    throw new HttpError(joinUrl(api.base, `tables/${plan.table}/data`), 0, `one region alone is ${perRegion} cells, more than SSB's limit of ${maxCells}`, 'Narrow the table\'s "api.dimensions" or "api.years" in the catalogue.');
  }
  const chunk = Math.max(1, Math.floor(maxCells / perRegion));
  const all = regionDim ? regionCodes : [''];
  for (let i = 0; i < all.length; i += chunk) await run(all.slice(i, i + chunk));
  return { dataset: mergeDatasets(parts), info: tableInfo, requests, cells, missingAreas: regionDim ? regions.filter((r) => !regionCodes.some((c) => withoutLevelPrefix(c).toLowerCase() === r.toLowerCase())) : [] };
}
