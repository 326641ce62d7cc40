import { msg } from '../../base/messages.js';
import { parseDataset, parseMetadata } from '../../http/answer.js';
import { HttpError, joinUrl, parseAnswer as parse, type HttpClient } from '../../http/client.js';
import type { Dataset } from '../../jsonstat/dataset.js';

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

  /** The largest cube one answer (or one table) may declare. */
  get maxCubeCells(): number {
    return this.http.limits.maxCubeCells;
  }

  /** `GET /config` `maxDataCells`, asked once and only when data is needed; null when not given. */
  maxDataCells(): Promise<number | null> {
    this.config ??= this.http
      .get(joinUrl(this.base, 'config'))
      .then((r) => {
        const n = (parse(r.text, r.url) as { maxDataCells?: unknown } | null)?.maxDataCells;
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
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new HttpError(url, 200, msg('http.tableDescriptionNotObject'), msg('http.adviceUnexpectedCheck', { variable: 'FOLKEHELSE_SSB_API' }), 'invalid-answer');
    // Only texts where texts are read (a label, a date).
    for (const k of ['label', 'updated'] as const) if (doc[k] !== undefined && doc[k] !== null && typeof doc[k] !== 'string') delete doc[k];
    return doc;
  }

  /** `GET /tables/{id}/metadata`: json-stat2 with every category and `"value": []`. */
  async metadata(id: string): Promise<Dataset & { value: never[] }> {
    const url = joinUrl(this.base, `tables/${encodeURIComponent(id)}/metadata?lang=no&outputFormat=json-stat2`);
    return parseMetadata((await this.http.get(url)).text, url) as Dataset & { value: never[] };
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
    return { method, url, body, dataset: parseDataset(text, url, this.http.limits.maxCubeCells) };
  }
}
