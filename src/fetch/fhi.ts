import { HttpError, isTooManyCells, type HttpClient } from './http.js';
import { asDataset, mergeDatasets, MalformedDatasetError, type Dataset } from './jsonstat.js';
import type { TablePlan } from './plan.js';

/** The documented address of FHI Statistikk's open API (apis.md §1). */
export const FHI_DEFAULT_BASE = 'https://statistikk-data.fhi.no/api/open/v1';

export interface FhiTableInfo {
  tableId: number;
  title: string;
  publishedAt?: string | null;
  modifiedAt?: string | null;
}

export interface FhiQueryDimension {
  code: string;
  filter: 'item' | 'all' | 'top' | 'bottom' | string;
  values: string[];
}

export interface FhiDataBody {
  dimensions: FhiQueryDimension[];
  response: { format: 'json-stat2'; maxRowCount?: number };
}

interface FhiCategory {
  value: string;
  label?: string;
  children?: FhiCategory[];
}

/** A table the catalogue names that FHI does not list, by id or by title. */
export class TableNotFoundError extends HttpError {}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function parse(text: string, url: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new HttpError(url, 200, 'the answer is not valid JSON', 'The API sent something unexpected (a maintenance page?); try again later.');
  }
}

export const normaliseTitle = (t: string): string => t.normalize('NFC').toLowerCase().replace(/[\s_-]+/g, ' ').trim();

/** FHI Statistikk open API: table list, query template, dimensions, flags, metadata and data. */
export class FhiApi {
  /** One list request per source and run; a failure is remembered too (every table of the source shares it). */
  private readonly lists = new Map<string, Promise<FhiTableInfo[]>>();

  constructor(
    readonly base: string,
    private readonly http: HttpClient,
  ) {}

  /** `GET {source}/table[?modifiedAfter=]`. */
  tables(source: string, modifiedAfter?: string): Promise<FhiTableInfo[]> {
    const key = `${source}|${modifiedAfter ?? ''}`;
    let list = this.lists.get(key);
    if (!list) {
      list = this.fetchList(source, modifiedAfter);
      this.lists.set(key, list);
    }
    return list;
  }

  private async fetchList(source: string, modifiedAfter?: string): Promise<FhiTableInfo[]> {
    const url = joinUrl(this.base, `${encodeURIComponent(source)}/table${modifiedAfter ? `?modifiedAfter=${encodeURIComponent(modifiedAfter)}` : ''}`);
    const doc = parse((await this.http.get(url)).text, url);
    if (!Array.isArray(doc)) throw new HttpError(url, 200, 'the table list is not a list', 'The API sent something unexpected; check FOLKEHELSE_FHI_API.');
    return doc.filter((t): t is FhiTableInfo => t && typeof t === 'object' && typeof (t as FhiTableInfo).tableId === 'number');
  }

  /**
   * Finds a table by id, and when that id is gone (FHI ids are not documented as stable) by its
   * title. Returns the table and whether it was found by title.
   */
  async find(source: string, id: string, title?: string): Promise<{ info: FhiTableInfo; movedFrom?: string }> {
    const list = await this.tables(source);
    // The id wins while FHI lists it (a title may be renamed); the title only finds a table whose id is gone.
    const byId = list.find((t) => String(t.tableId) === id);
    if (byId) return { info: byId };
    const wanted = title ? normaliseTitle(title) : null;
    const byTitle = wanted ? list.find((t) => normaliseTitle(t.title) === wanted) : undefined;
    if (byTitle) return { info: byTitle, movedFrom: id };
    const url = joinUrl(this.base, `${source}/table`);
    throw new TableNotFoundError(url, 404, `FHI lists no table ${id}${title ? ` and none titled "${title}"` : ''} in source "${source}"`, 'Look the table up at statistikk.fhi.no and correct "api.table" (and "api.title") in the catalogue.');
  }

  /**
   * The table if FHI lists it as modified after `date` (`{source}/table?modifiedAfter=`, one
   * request per source), found by id or title; null when it has not changed.
   */
  async findChanged(source: string, id: string, title: string | undefined, date: string): Promise<{ info: FhiTableInfo; movedFrom?: string } | null> {
    const list = await this.tables(source, date);
    const wanted = title ? normaliseTitle(title) : null;
    const hit = list.find((t) => String(t.tableId) === id) ?? (wanted ? list.find((t) => normaliseTitle(t.title) === wanted) : undefined);
    if (!hit) return null;
    return String(hit.tableId) === id ? { info: hit } : { info: hit, movedFrom: id };
  }

  /**
   * FHI's own samples write both `table` and `Table` in the table's paths (apis.md); FHI's server
   * takes either. A server that routes only one answers 404 to the other: try it once, then keep it.
   */
  private tableSegment: 'table' | 'Table' = 'table';

  private async withTablePath<T>(source: string, id: number, what: string, call: (url: string) => Promise<T>): Promise<T> {
    const url = (seg: string) => joinUrl(this.base, `${encodeURIComponent(source)}/${seg}/${id}/${what}`);
    try {
      return await call(url(this.tableSegment));
    } catch (e) {
      if (!(e instanceof HttpError) || e.status !== 404) throw e;
      const other = this.tableSegment === 'table' ? 'Table' : 'table';
      const r = await call(url(other)).catch(() => {
        throw e;
      });
      this.tableSegment = other;
      return r;
    }
  }

  private async getJson(source: string, id: number, what: string): Promise<{ url: string; doc: unknown }> {
    return this.withTablePath(source, id, what, async (url) => ({ url, doc: parse((await this.http.get(url)).text, url) }));
  }

  async query(source: string, id: number): Promise<{ url: string; body: FhiDataBody }> {
    const { url, doc } = await this.getJson(source, id, 'query');
    const body = doc as Partial<FhiDataBody>;
    if (!body || !Array.isArray(body.dimensions)) throw new HttpError(url, 200, 'the query template has no "dimensions"', 'The API sent something unexpected; check FOLKEHELSE_FHI_API.');
    return { url, body: body as FhiDataBody };
  }

  /** Category codes of every dimension (GEO is a tree: flattened). */
  async dimensions(source: string, id: number): Promise<Map<string, string[]>> {
    const { doc } = await this.getJson(source, id, 'dimension');
    const out = new Map<string, string[]>();
    const dims = (doc as { dimensions?: { code: string; categories?: FhiCategory[] }[] })?.dimensions ?? [];
    const flat = (cs: FhiCategory[] = [], acc: string[] = []): string[] => {
      for (const c of cs) {
        acc.push(String(c.value));
        flat(c.children, acc);
      }
      return acc;
    };
    for (const d of dims) out.set(d.code, flat(d.categories));
    return out;
  }

  async flags(source: string, id: number): Promise<{ symbol: string; text: string }[]> {
    const { doc } = await this.getJson(source, id, 'flag');
    return Array.isArray(doc) ? doc.filter((f) => f && typeof f === 'object').map((f: { title?: unknown; text?: unknown }) => ({ symbol: String(f.title ?? ''), text: String(f.text ?? '') })) : [];
  }

  async metadata(source: string, id: number): Promise<{ name?: string; isOfficialStatistics?: boolean; paragraphs?: { header: string; content: string }[] }> {
    const { doc } = await this.getJson(source, id, 'metadata');
    return doc && typeof doc === 'object' ? (doc as { name?: string }) : {};
  }

  async data(source: string, id: number, body: FhiDataBody): Promise<{ url: string; dataset: Dataset }> {
    const { url, res } = await this.withTablePath(source, id, 'data', async (url) => ({ url, res: await this.http.postJson(url, body) }));
    try {
      return { url, dataset: asDataset(parse(res.text, url)) };
    } catch (e) {
      if (e instanceof MalformedDatasetError) throw new HttpError(url, 200, e.message, 'The API sent a broken dataset; try again later.');
      throw e;
    }
  }
}

/** Counts the categories a dimension selection asks for (wildcards against the known codes). */
export function selectionSize(d: FhiQueryDimension, known: string[] | undefined): number | null {
  if (d.filter === 'item') return d.values.length;
  if (d.filter === 'top' || d.filter === 'bottom') {
    const n = Number(d.values[0]);
    return known ? Math.min(n, known.length) : n;
  }
  if (!known) return null;
  const patterns = d.values.map((v) => new RegExp(`^${v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i'));
  return known.filter((c) => patterns.some((p) => p.test(c))).length;
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

/**
 * Fetches one FHI table for the areas: learns its dimensions from `/query`, keeps every measure
 * (TELLER, RATE, MEIS, SMR …), narrows GEO to the areas and the catalogue's dimensions, and splits
 * the areas over several requests when the cells would pass the row limit.
 */
export async function fetchFhiTable(api: FhiApi, plan: TablePlan, geo: string[], maxCells: number, found?: { info: FhiTableInfo; movedFrom?: string }): Promise<FhiFetchResult> {
  const { info, movedFrom } = found ?? (await api.find(plan.collection, plan.table, plan.title));
  const id = info.tableId;
  const { body: template } = await api.query(plan.collection, id);
  const dims: FhiQueryDimension[] = template.dimensions.map((d) => ({ code: d.code, filter: d.filter, values: [...(d.values ?? [])] }));
  // The codes the table has: from the template when it lists them, else from /dimension.
  const cache: { known?: Map<string, string[]> } = {};
  const codesOf = async (d: FhiQueryDimension): Promise<string[]> => {
    if (d.filter === 'item' && d.values.length) return d.values;
    cache.known ??= await api.dimensions(plan.collection, id);
    return cache.known.get(d.code) ?? [];
  };
  const geoDim = dims.find((d) => d.code === 'GEO');
  let geoCodes = geo;
  if (geoDim) {
    // Ask only for areas the table has (a table without "land" answers 400 when asked for it).
    const have = await codesOf(geoDim);
    if (have.length) geoCodes = geo.filter((g) => have.includes(g));
    geoDim.filter = 'item';
    geoDim.values = geoCodes;
  }
  const missingCategories: { dimension: string; codes: string[]; absent?: boolean }[] = [];
  // A dimension the catalogue restricts that the table does not have at all.
  for (const [code, want] of Object.entries(plan.dimensions)) if (code !== 'GEO' && !dims.some((d) => d.code === code)) missingCategories.push({ dimension: code, codes: want, absent: true });
  for (const d of dims) {
    const want = plan.dimensions[d.code];
    if (want && d.code !== 'GEO') {
      // Codes the table does not have are left out (asking for them is a 400); none at all is an error.
      const codes = await codesOf(d);
      const have = codes.length ? want.filter((w) => codes.includes(w)) : want;
      if (!have.length) {
        throw new HttpError(joinUrl(api.base, `${plan.collection}/table/${id}/query`), 0, `the table has no ${d.code} ${want.join(', ')} (it has ${codes.slice(0, 12).join(', ')}${codes.length > 12 ? ', …' : ''})`, 'FHI may have changed the code: correct "api.dimensions" (and "select") in the catalogue.');
      }
      if (have.length < want.length) missingCategories.push({ dimension: d.code, codes: want.filter((w) => !have.includes(w)) });
      d.filter = 'item';
      d.values = have;
    }
    if (d.code === 'AAR' && plan.years) {
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
  const perArea = sizes.reduce((a, n, i) => (dims[i]!.code === 'GEO' ? a : a * n), 1);
  const cells = perArea * Math.max(1, geoCodes.length);
  const flags = await api.flags(plan.collection, id);
  const meta = await api.metadata(plan.collection, id);
  const chunk = Math.max(1, Math.floor(maxCells / Math.max(1, perArea)));
  if (perArea > maxCells) {
    throw new HttpError(joinUrl(api.base, `${plan.collection}/table/${id}/data`), 0, `one area alone is ${perArea} cells, more than the limit of ${maxCells}`, 'Narrow the table\'s "api.dimensions" or "api.years" in the catalogue.');
  }
  const requests: FhiFetchResult['requests'] = [];
  const parts: Dataset[] = [];
  const runChunk = async (codes: string[]): Promise<void> => {
    const body: FhiDataBody = { dimensions: dims.map((d) => (d.code === 'GEO' ? { ...d, values: codes } : d)), response: { format: 'json-stat2', maxRowCount: maxCells } };
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
  let dataset = mergeDatasets(parts);
  if (flags.length && !(dataset.extension && 'flags' in dataset.extension)) {
    dataset = { ...dataset, extension: { ...(dataset.extension ?? {}), flags: { index: flags.map((f) => f.symbol), label: Object.fromEntries(flags.map((f) => [f.symbol, f.text])) } } };
  }
  return { dataset, info, movedFrom, requests, flags, metadata: { name: meta.name, isOfficialStatistics: meta.isOfficialStatistics }, cells, missingAreas: geo.filter((g) => !geoCodes.includes(g)), missingCategories };
}
