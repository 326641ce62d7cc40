import { msg } from '../../base/messages.js';
import { parseDataset } from '../../http/answer.js';
import { HttpError, joinUrl, parseAnswer as parse, type HttpClient } from '../../http/client.js';
import type { Dataset } from '../../jsonstat/dataset.js';

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

export const normaliseTitle = (t: string): string => t.normalize('NFC').toLowerCase().replace(/[\s_-]+/g, ' ').trim();

/** FHI Statistikk open API: table list, query template, dimensions, flags, metadata and data. */
export class FhiApi {
  /** One list request per source and run; a failure is remembered too (every table of the source shares it). */
  private readonly lists = new Map<string, Promise<FhiTableInfo[]>>();

  constructor(
    readonly base: string,
    private readonly http: HttpClient,
  ) {}

  /** The largest cube one answer (or one table) may declare. */
  get maxCubeCells(): number {
    return this.http.limits.maxCubeCells;
  }

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
    if (!Array.isArray(doc)) throw new HttpError(url, 200, msg('http.tableListNotList'), msg('http.adviceUnexpectedCheck', { variable: 'FOLKEHELSE_FHI_API' }));
    const textOrNull = (v: unknown) => v === undefined || v === null || typeof v === 'string';
    return doc.filter((t): t is FhiTableInfo => t && typeof t === 'object' && Number.isSafeInteger((t as FhiTableInfo).tableId) && typeof (t as FhiTableInfo).title === 'string' && textOrNull((t as FhiTableInfo).modifiedAt) && textOrNull((t as FhiTableInfo).publishedAt));
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
    if (!body || !Array.isArray(body.dimensions)) throw new HttpError(url, 200, msg('http.templateNoDimensions'), msg('http.adviceUnexpectedCheck', { variable: 'FOLKEHELSE_FHI_API' }), 'invalid-answer');
    // Each dimension a code and a filter, its values texts: anything else is no template.
    const shaped = body.dimensions.every((d) => d && typeof d === 'object' && typeof d.code === 'string' && typeof d.filter === 'string' && (d.values === undefined || (Array.isArray(d.values) && d.values.every((v) => typeof v === 'string'))));
    if (!shaped || new Set(body.dimensions.map((d) => d.code)).size !== body.dimensions.length) throw new HttpError(url, 200, msg('http.templateBadDimensions'), msg('http.adviceUnexpectedCheck', { variable: 'FOLKEHELSE_FHI_API' }), 'invalid-answer');
    return { url, body: body as FhiDataBody };
  }

  /** Category codes of every dimension (GEO is a tree: flattened). */
  async dimensions(source: string, id: number): Promise<Map<string, string[]>> {
    const { doc } = await this.getJson(source, id, 'dimension');
    const out = new Map<string, string[]>();
    const dims = (doc as { dimensions?: { code: string; categories?: FhiCategory[] }[] })?.dimensions ?? [];
    // The GEO tree, flattened without recursion (its depth is the server's to choose).
    const flat = (cs: FhiCategory[]): string[] => {
      const acc: string[] = [];
      const stack = [...cs].reverse();
      while (stack.length) {
        const c = stack.pop()!;
        if (!c || typeof c !== 'object') continue;
        acc.push(String(c.value));
        if (Array.isArray(c.children)) for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]!);
      }
      return acc;
    };
    for (const d of Array.isArray(dims) ? dims : []) if (d && typeof d.code === 'string' && Array.isArray(d.categories)) out.set(d.code, flat(d.categories));
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
    return { url, dataset: parseDataset(res.text, url, this.http.limits.maxCubeCells) };
  }
}

/** Counts the categories a dimension selection asks for (wildcards against the known codes). */
export function selectionSize(d: FhiQueryDimension, known: string[] | undefined): number | null {
  if (d.filter === 'item') return d.values.length;
  if (d.filter === 'top' || d.filter === 'bottom') {
    const n = Number(d.values[0]);
    // A count that is no count (from a template the server wrote) is counted from the codes.
    if (!Number.isSafeInteger(n) || n < 0) return known ? known.length : null;
    return known ? Math.min(n, known.length) : n;
  }
  if (!known) return null;
  const patterns = d.values.map((v) => new RegExp(`^${v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i'));
  return known.filter((c) => patterns.some((p) => p.test(c))).length;
}
