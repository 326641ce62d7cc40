import { HttpError, joinUrl, parseAnswer as parse, type HttpClient } from '../../http/client.js';
import { asDataset, MalformedDatasetError, type Dataset } from '../../jsonstat/dataset.js';

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
