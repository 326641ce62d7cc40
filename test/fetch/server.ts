/**
 * A local stand-in for FHI Statistikk's open API and SSB's PxWebApi v2, serving their documented
 * shapes (../shared/domain/apis.md): FHI table lists, /query templates, /dimension trees, /flag,
 * /metadata and POST /data (json-stat2 with array indexes and flags inline in `value`); SSB
 * /tables/{id}, /metadata (json-stat2, "value": []) and GET/POST /data (object indexes, `status`).
 * Faults can be queued per path: 429 with Retry-After, 500, a time-out, a malformed body.
 * Listens on 127.0.0.1 only; tests start and stop it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Category {
  value: string;
  label: string;
}

export interface DimDef {
  code: string;
  label: string;
  categories: Category[];
  /** SSB: may be left out of a selection (the total is given). */
  elimination?: boolean;
}

export interface FhiTableDef {
  source: string;
  tableId: number;
  title: string;
  publishedAt: string;
  modifiedAt: string | null;
  /** Dimensions in order; MEASURE_TYPE last. */
  dims: DimDef[];
  /** The cell's value (a number, a flag such as ":" or null); default: a made-up value from the codes. */
  value?: (coords: Record<string, string>) => number | string | null;
}

export interface SsbTableDef {
  id: string;
  label: string;
  updated: string;
  dims: DimDef[];
  /** The cell's value (null = missing, `..`; `.` or `..` as a string: that status); default: a made-up value from the codes. */
  value?: (coords: Record<string, string>) => number | null | '.' | '..';
}

/** A fault: a status (with headers and a body), no answer, a broken body, a reset, or any answer a test writes (hostile servers). */
export type FaultAction = { status: number; retryAfter?: string; body?: string; headers?: Record<string, string> } | 'timeout' | 'malformed' | 'reset' | { respond: (res: ServerResponse, req: IncomingMessage) => void };

export interface Fault {
  match: RegExp;
  method?: string;
  times: number;
  action: FaultAction;
}

export interface LoggedRequest {
  method: string;
  path: string;
  body: string;
}

const GEO_NAMES: Record<string, string> = { '5035': 'Stjørdal', '5036': 'Frosta', '5037': 'Levanger', '5038': 'Verdal', '0301': 'Oslo' };

/** A number that depends only on the cell's codes (so a rerun gives the same data). */
export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

function population(geo: string): number {
  if (geo === '0' || geo === 'EAK') return 5_500_000;
  if (geo === 'EAKUO') return 4_800_000;
  if (/^(EKA)?\d{2}$/.test(geo)) return 480_000;
  if (/^EKG/.test(geo)) return 900_000;
  return 8_000 + Math.floor(hash(geo) * 20_000);
}

/** FHI measures of one cell: a crude share from TELLER and a hidden NEVNER, and what derives from it. */
function fhiValue(coords: Record<string, string>, measure: string): number | string | null {
  const geo = coords.GEO ?? '0';
  const key = Object.entries(coords).filter(([k]) => k !== 'MEASURE_TYPE').map(([k, v]) => `${k}=${v}`).join('|');
  const nevner = Math.round(population(geo) * (0.2 + hash(key + 'n') * 0.3));
  const teller = Math.round(nevner * (0.05 + hash(key + 't') * 0.2));
  // A small municipality's small counts are suppressed, as FHI does (":").
  if (geo.length === 4 && hash(key + 's') < 0.05) return ':';
  switch (measure) {
    case 'TELLER':
      return teller;
    case 'RATE':
      return Math.round((teller / nevner) * 1000) / 10;
    case 'MEIS':
      return Math.round((teller / nevner) * 1000 * (0.95 + hash(key + 'm') * 0.1)) / 10;
    case 'SMR':
      return Math.round(80 + hash(key + 'x') * 40);
    default:
      return Math.round((1 + hash(key + measure) * 9) * 10) / 10;
  }
}

function ssbValue(coords: Record<string, string>): number | null {
  const geo = coords.Region ?? coords.KOKkommuneregion0000 ?? '0';
  const key = Object.values(coords).join('|');
  if (coords.ContentsCode?.startsWith('Personer') || coords.ContentsCode === 'Folkemengde' || coords.ContentsCode === 'MMMM') return Math.round(population(geo) * (0.98 + hash(key) * 0.04));
  if (geo.length === 4 && hash(key + 's') < 0.03) return null;
  return Math.round((1 + hash(key) * 40) * 10) / 10;
}

/** Expands an FHI filter against a dimension's categories (FHI: bottom = the newest N, top = the oldest). */
function fhiSelect(dim: DimDef, filter: string, values: string[]): string[] | null {
  const all = dim.categories.map((c) => c.value);
  if (filter === 'item') return values.every((v) => all.includes(v)) ? values : null;
  if (filter === 'all') {
    const res = values.map((v) => new RegExp(`^${v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));
    return all.filter((c) => res.some((r) => r.test(c)));
  }
  const n = Number(values[0]);
  if (filter === 'top') return all.slice(0, n);
  if (filter === 'bottom') return all.slice(Math.max(0, all.length - n));
  return null;
}

/**
 * SSB value codes (apis.md): codes (not case-sensitive), wildcards `*`, `46*`, `?`, `top(n)` and
 * `top(n,offset)` (newest n), `bottom(n)` (oldest n), `from(x)`, `to(x)`, `range(x,y)`.
 */
function ssbSelect(dim: DimDef, values: string[]): string[] | null {
  const all = dim.categories.map((c) => c.value);
  const lower = all.map((c) => c.toLowerCase());
  const out: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    const fn = /^(top|bottom|from|to|range)\(([^,()]*)(?:,([^,()]*))?\)$/i.exec(v);
    if (fn) {
      const [, name, a, b] = fn;
      const n = Number(a);
      const at = (x: string) => lower.indexOf(x.toLowerCase());
      if (name!.toLowerCase() === 'top') out.push(...all.slice(0, all.length - Number(b ?? 0)).slice(-n));
      else if (name!.toLowerCase() === 'bottom') out.push(...all.slice(0, n));
      else if (name!.toLowerCase() === 'from') out.push(...(at(a!) === -1 ? [] : all.slice(at(a!))));
      else if (name!.toLowerCase() === 'to') out.push(...(at(a!) === -1 ? [] : all.slice(0, at(a!) + 1)));
      else if (at(a!) !== -1 && b !== undefined && at(b) !== -1) out.push(...all.slice(at(a!), at(b) + 1));
      continue;
    }
    if (/[*?]/.test(v)) {
      const re = new RegExp(`^${v.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      out.push(...all.filter((_, i) => re.test(lower[i]!)));
      continue;
    }
    const i = lower.indexOf(v.toLowerCase());
    if (i === -1) return null;
    out.push(all[i]!);
  }
  return [...new Set(out)];
}

function cartesian(dims: { code: string; values: string[] }[], f: (coords: Record<string, string>) => number | string | null): (number | string | null)[] {
  const out: (number | string | null)[] = [];
  const rec = (i: number, coords: Record<string, string>) => {
    if (i === dims.length) {
      out.push(f(coords));
      return;
    }
    for (const v of dims[i]!.values) rec(i + 1, { ...coords, [dims[i]!.code]: v });
  };
  rec(0, {});
  return out;
}

export class ApiServer {
  readonly fhi = new Map<string, FhiTableDef>();
  readonly ssb = new Map<string, SsbTableDef>();
  readonly faults: Fault[] = [];
  readonly log: LoggedRequest[] = [];
  /** Recorded bodies served as they are, by path (e.g. real responses from ../shared). */
  readonly raw = new Map<string, string>();
  /** Klass: municipality → KOSTRA group (classification 112 ↔ 131). */
  /** Region code → [first, last] year with figures (other years are 0, as SSB writes them). */
  ssbYears: Record<string, [number, number]> = {};
  /** What SSB answers outside those years: 0 (the web tables), or a status symbol with a null value (what PxWebApi answers for a number not in use). */
  ssbNotInUse: 0 | '.' | '..' = 0;
  /** Klass 131 `changes.json` items ({oldCode, oldName, newCode, newName, changeOccurred}). */
  klassChanges: { oldCode: string; oldName: string; oldShortName: null; newCode: string; newName: string; newShortName: null; changeOccurred: string }[] = [];
  readonly kostragrupper = new Map<string, string>([['5035', 'EKG11'], ['5036', 'EKG02'], ['5037', 'EKG11'], ['5038', 'EKG11'], ['0301', 'EKG13']]);
  /** FHI fails a /data request above this many rows (maxRowCount is the caller's; this is the server's). */
  fhiMaxRows = 1_000_000;
  /** Case of the table's own paths: 'any' (FHI's server) or only `Table` (a strict router). */
  fhiTablePathCase: 'any' | 'Table' = 'any';
  /** How /query describes the categories: listed ("item") or as wildcards ("all", then /dimension lists them). */
  fhiQueryStyle: 'item' | 'all' = 'item';
  ssbMaxCells = 800_000;
  /** Sent as x-ratelimit-* on SSB answers. */
  ssbRateLimit: { limit: number; remaining: number } | null = { limit: 600, remaining: 599 };
  private server: Server | null = null;
  private readonly sockets = new Set<import('node:net').Socket>();
  port = 0;

  addFhi(t: FhiTableDef): void {
    this.fhi.set(`${t.source}/${t.tableId}`, t);
  }

  addSsb(t: SsbTableDef): void {
    this.ssb.set(t.id, t);
  }

  /** http, or https when started with a certificate. */
  private scheme = 'http';

  get origin(): string {
    return `${this.scheme}://127.0.0.1:${this.port}`;
  }

  get fhiBase(): string {
    return `${this.origin}/fhi/api/open/v1`;
  }

  get ssbBase(): string {
    return `${this.origin}/ssb/api/pxwebapi/v2`;
  }

  /** Listens on 127.0.0.1 (over TLS with `tls`: a key and a certificate in PEM). */
  async start(tls?: { key: string; cert: string }): Promise<this> {
    this.scheme = tls ? 'https' : 'http';
    this.server = tls ? createTlsServer(tls, (req, res) => void this.handle(req, res)) : createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s: import('node:net').Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.log.push({ method: req.method ?? 'GET', path: url.pathname + url.search, body });
    const fault = this.faults.find((f) => f.times > 0 && f.match.test(url.pathname) && (!f.method || f.method === req.method));
    if (fault) {
      fault.times--;
      const a = fault.action;
      if (a === 'timeout') return; // never answers; the client's time-out ends it
      if (a === 'reset') {
        req.socket.destroy();
        return;
      }
      if (typeof a === 'object' && 'respond' in a) {
        a.respond(res, req);
        return;
      }
      if (a === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"class":"dataset","id":["GEO"');
        return;
      }
      res.writeHead(a.status, { 'content-type': 'application/json', ...(a.retryAfter !== undefined ? { 'retry-after': a.retryAfter } : {}), ...(a.headers ?? {}) }).end(a.body ?? JSON.stringify({ title: `status ${a.status}`, status: a.status }));
      return;
    }
    const recorded = this.raw.get(url.pathname);
    if (recorded !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(recorded);
      return;
    }
    try {
      if (url.pathname.startsWith('/fhi/api/open/v1/')) return this.handleFhi(req.method ?? 'GET', url, body, res);
      if (url.pathname.startsWith('/ssb/api/pxwebapi/v2/')) return this.handleSsb(req.method ?? 'GET', url, body, res);
      if (url.pathname === '/ssb/api/klass/v1/classifications/112/correspondsAt' && url.searchParams.get('targetClassificationId') === '131' && url.searchParams.get('date')) {
        // As Klass answers: group (source) → municipality (target).
        return this.json(res, 200, { correspondenceItems: [...this.kostragrupper].map(([k, g]) => ({ sourceCode: g, sourceName: `KOSTRA-gruppe ${g.slice(3)}`, targetCode: k, targetName: GEO_NAMES[k] ?? k, sourceShortName: null, targetShortName: null })) });
      }
      if (url.pathname === '/ssb/api/klass/v1/classifications/131/changes.json' || url.pathname === '/ssb/api/klass/v1/classifications/131/changes') {
        // As Klass answers: changes with from <= changeOccurred < to (to is exclusive); both dates required.
        const from = url.searchParams.get('from');
        const to = url.searchParams.get('to');
        if (!from || !/^\d{4}-\d{2}-\d{2}$/.test(from) || (to !== null && !/^\d{4}-\d{2}-\d{2}$/.test(to))) return this.json(res, 400, { error: 'from must be a date (yyyy-MM-dd)' });
        return this.json(res, 200, { codeChanges: this.klassChanges.filter((c) => c.changeOccurred >= from && (to === null || c.changeOccurred < to)) });
      }
      this.json(res, 404, { title: 'Not found' });
    } catch (e) {
      this.json(res, 500, { title: (e as Error).message });
    }
  }

  private json(res: ServerResponse, status: number, doc: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(doc));
  }

  private handleFhi(method: string, url: URL, body: string, res: ServerResponse): void {
    const parts = url.pathname.slice('/fhi/api/open/v1/'.length).split('/').filter(Boolean);
    if (parts.length === 2 && parts[0]!.toLowerCase() === 'common' && parts[1]!.toLowerCase() === 'source') {
      return this.json(res, 200, [...new Set([...this.fhi.values()].map((t) => t.source))].map((id) => ({ id, title: id === 'nokkel' ? 'Folkehelsestatistikk' : id, description: '', aboutUrl: null, publishedBy: 'Folkehelseinstituttet' })));
    }
    const [source, tableWord, id, what] = parts;
    if (!source || !tableWord || tableWord.toLowerCase() !== 'table') return this.json(res, 404, { status: 'not found' });
    // A server that routes the table's own paths only as FHI's README prints them ({source}/Table/{id}/…).
    if (this.fhiTablePathCase === 'Table' && id !== undefined && tableWord !== 'Table') return this.json(res, 404, { status: 'not found' });
    const tables = [...this.fhi.values()].filter((t) => t.source === source);
    if (id === undefined) {
      const after = url.searchParams.get('modifiedAfter');
      const list = tables.filter((t) => !after || Date.parse(t.modifiedAt ?? t.publishedAt) > Date.parse(after));
      return this.json(res, 200, list.map((t) => ({ tableId: t.tableId, title: t.title, publishedAt: t.publishedAt, modifiedAt: t.modifiedAt })));
    }
    const t = this.fhi.get(`${source}/${id}`);
    if (!t) return this.json(res, 404, { status: `table ${id} not found` });
    if (what === undefined) return this.json(res, 200, { tableId: t.tableId, title: t.title, publishedAt: t.publishedAt, modifiedAt: t.modifiedAt });
    if (what === 'query') return this.json(res, 200, { dimensions: t.dims.map((d) => (this.fhiQueryStyle === 'all' ? { code: d.code, filter: 'all', values: ['*'] } : { code: d.code, filter: 'item', values: d.categories.map((c) => c.value) })), response: { format: 'json-stat2', maxRowCount: 50000 } });
    if (what === 'dimension') {
      return this.json(res, 200, {
        dimensions: t.dims.map((d) => {
          if (d.code !== 'GEO') return { code: d.code, label: d.label, categories: d.categories.map((c) => ({ value: c.value, label: c.label, children: [] })) };
          type Node = { value: string; label: string; children: Node[] };
          const kommuner = (f: string): Node[] => d.categories.filter((x) => x.value.length === 4 && x.value.startsWith(f)).map((k) => ({ value: k.value, label: k.label, children: [] }));
          const fylker = d.categories.filter((c) => c.value.length === 2).map((f) => ({ value: f.value, label: f.label, children: kommuner(f.value) }));
          const land = d.categories.find((c) => c.value === '0');
          return { code: 'GEO', label: d.label, categories: land ? [{ value: land.value, label: land.label, children: fylker }] : fylker };
        }),
      });
    }
    if (what === 'flag') return this.json(res, 200, [{ title: '..', text: 'Manglende data' }, { title: '.', text: 'Lar seg ikke beregne' }, { title: ':', text: 'Anonymisert eller skjult av andre årsaker' }]);
    if (what === 'metadata') return this.json(res, 200, { name: t.title, isOfficialStatistics: true, paragraphs: [{ header: 'Om statistikken', content: '<p>Testdata.</p>' }] });
    if (what === 'data') {
      if (method !== 'POST') return this.json(res, 405, { status: 'Method Not Allowed' });
      let q: { dimensions?: { code: string; filter: string; values: string[] }[]; response?: { format?: string; maxRowCount?: number } };
      try {
        q = JSON.parse(body);
      } catch {
        return this.json(res, 400, { status: 'The request body is not JSON' });
      }
      const sel: { code: string; values: string[] }[] = [];
      for (const d of t.dims) {
        const qd = q.dimensions?.find((x) => x.code === d.code);
        if (!qd) return this.json(res, 400, { status: `Dimension ${d.code} is missing` });
        const values = fhiSelect(d, qd.filter, qd.values);
        if (!values) return this.json(res, 400, { status: `Unknown category in ${d.code}` });
        sel.push({ code: d.code, values });
      }
      const rows = sel.reduce((a, s) => a * s.values.length, 1);
      const max = Math.min(this.fhiMaxRows, q.response?.maxRowCount || Infinity);
      if (rows > max) return this.json(res, 400, { status: `The result has ${rows} rows, more than maxRowCount ${max}` });
      const value = cartesian(sel, (c) => (t.value ? t.value(c) : fhiValue(c, c.MEASURE_TYPE!)));
      const dimension = Object.fromEntries(
        t.dims.map((d, i) => [
          d.code,
          {
            label: d.label,
            category: {
              index: sel[i]!.values,
              label: Object.fromEntries(sel[i]!.values.map((v) => [v, d.categories.find((c) => c.value === v)!.label])),
              ...(d.code === 'MEASURE_TYPE' ? { unit: Object.fromEntries(sel[i]!.values.map((v) => [v, { decimals: 1, label: v, symbol: '', position: 'end' }])) } : {}),
            },
          },
        ]),
      );
      return this.json(res, 200, {
        class: 'dataset',
        version: '2.0',
        href: null,
        label: t.title,
        updated: t.publishedAt,
        source: null,
        id: t.dims.map((d) => d.code),
        size: sel.map((s) => s.values.length),
        role: { time: null, geo: ['GEO'], metric: ['MEASURE_TYPE'] },
        dimension,
        value,
        status: '',
        extension: { flags: { index: ['..', '.', ':'], label: { '..': 'Manglende data', '.': 'Lar seg ikke beregne', ':': 'Anonymisert eller skjult av andre årsaker' } } },
      });
    }
    return this.json(res, 404, { status: 'not found' });
  }

  private ssbJsonStat(t: SsbTableDef, sel: { code: string; values: string[] }[] | null): Record<string, unknown> {
    const dims = sel ?? t.dims.map((d) => ({ code: d.code, values: d.categories.map((c) => c.value) }));
    const dimension = Object.fromEntries(
      dims.map((s) => {
        const d = t.dims.find((x) => x.code === s.code)!;
        return [s.code, { label: d.label, category: { index: Object.fromEntries(s.values.map((v, i) => [v, i])), label: Object.fromEntries(s.values.map((v) => [v, d.categories.find((c) => c.value === v)!.label])) }, extension: { elimination: Boolean(d.elimination), show: 'value' } }];
      }),
    );
    const doc: Record<string, unknown> = {
      version: '2.0',
      class: 'dataset',
      label: t.label,
      source: 'Statistisk sentralbyrå',
      updated: t.updated,
      role: { time: ['Tid'], metric: ['ContentsCode'], ...(dims.some((d) => d.code === 'Region') ? { geo: ['Region'] } : {}) },
      id: dims.map((d) => d.code),
      size: dims.map((d) => d.values.length),
      dimension,
      extension: { px: { tableid: t.id, decimals: 1, 'official-statistics': true, aggregallowed: false } },
      value: [],
    };
    if (sel) {
      // A code not in use shows 0 for the years outside its existence (apis.md §4).
      const value = cartesian(sel, (c) => {
        const span = this.ssbYears[c.Region ?? c.KOKkommuneregion0000 ?? ''];
        return span && (Number(c.Tid) < span[0] || Number(c.Tid) > span[1]) ? this.ssbNotInUse : t.value ? t.value(c) : ssbValue(c);
      });
      const status: Record<string, string> = {};
      value.forEach((v, i) => {
        if (v === null) status[String(i)] = '..';
        else if (typeof v === 'string') {
          status[String(i)] = v;
          value[i] = null;
        }
      });
      doc.value = value;
      if (Object.keys(status).length) doc.status = status;
    }
    return doc;
  }

  private handleSsb(method: string, url: URL, body: string, res: ServerResponse): void {
    const parts = url.pathname.slice('/ssb/api/pxwebapi/v2/'.length).split('/').filter(Boolean);
    const rate: Record<string, string> = this.ssbRateLimit ? { 'x-ratelimit-limit': String(this.ssbRateLimit.limit), 'x-ratelimit-remaining': String(this.ssbRateLimit.remaining), 'x-ratelimit-policy': `${this.ssbRateLimit.limit};w=60s` } : {};
    if (parts[0] === 'config' && parts.length === 1) return this.json(res, 200, { apiVersion: '2.0.0', maxDataCells: this.ssbMaxCells, dataFormats: ['json-stat2', 'csv', 'px'], defaultDataFormat: 'json-stat2' }, rate);
    if (parts[0] !== 'tables' || !parts[1]) return this.json(res, 404, { type: 'Not found', title: 'Not found', status: 404 }, rate);
    const t = this.ssb.get(parts[1]);
    if (!t) return this.json(res, 404, { type: 'Parameter error', title: 'Non-existent table', status: 404 }, rate);
    if (url.toString().length > 2100) return this.json(res, 404, { title: 'URL too long' }, rate);
    if (parts[2] === undefined) return this.json(res, 200, { type: 'Table', id: t.id, label: t.label, updated: t.updated, firstPeriod: '2015', lastPeriod: '2024', timeUnit: 'Annual', variableNames: t.dims.map((d) => d.label) }, rate);
    if (parts[2] === 'metadata') return this.json(res, 200, this.ssbJsonStat(t, null), rate);
    if (parts[2] !== 'data') return this.json(res, 404, { title: 'Not found' }, rate);
    const given = new Map<string, string[]>();
    if (method === 'POST') {
      let q: { selection?: { variableCode: string; valueCodes: string[] }[] };
      try {
        q = JSON.parse(body);
      } catch {
        return this.json(res, 400, { type: 'Parameter error', title: 'Invalid body', status: 400 }, rate);
      }
      for (const s of q.selection ?? []) given.set(s.variableCode, s.valueCodes);
    } else {
      for (const [k, v] of url.searchParams) {
        const m = /^valueCodes\[(.+)\]$/.exec(k);
        if (!m) continue;
        // Split on commas outside brackets; an expression with a comma must be bracketed in GET (apis.md).
        const items = v.match(/\[[^\]]*\]|[^,]+/g) ?? [];
        if (items.some((x) => !x.startsWith('[') && x.includes('(') !== x.includes(')'))) return this.json(res, 400, { type: 'Parameter error', title: 'Illegal selection expression', status: 400 }, rate);
        given.set(m[1]!, items.map((x) => x.replace(/^\[|\]$/g, '')));
      }
    }
    const sel: { code: string; values: string[] }[] = [];
    for (const d of t.dims) {
      const want = given.get(d.code);
      if (!want) {
        if (d.elimination) continue;
        return this.json(res, 400, { type: 'Parameter error', title: 'Missing selection for mandantory variable', status: 400 }, rate);
      }
      // SSB answers a repeated code (0301,0301) with 500 and an empty body (apis.md).
      if (new Set(want.map((w) => w.toLowerCase())).size !== want.length) {
        res.writeHead(500, rate).end();
        return;
      }
      const values = ssbSelect(d, want);
      if (!values) return this.json(res, 400, { type: 'Parameter error', title: 'Non-existent value', status: 400 }, rate);
      sel.push({ code: d.code, values });
    }
    const cells = sel.reduce((a, s) => a * s.values.length, 1);
    if (cells > this.ssbMaxCells) return this.json(res, 403, { type: 'Parameter error', title: 'Too many cells selected', status: 403 }, rate);
    return this.json(res, 200, this.ssbJsonStat(t, sel), rate);
  }
}
