import { FolkehelseError, EXIT_USAGE } from '../base/errors.js';

/** One HTTP exchange's outcome that the caller must act on (after retries). */
export class HttpError extends FolkehelseError {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly detail: string,
    readonly advice: string,
  ) {
    super(`${status ? `HTTP ${status}` : 'no answer'} from ${url}${detail ? `: ${detail}` : ''}. ${advice}`, 1);
  }
}

/** The network (or the API's host) cannot be reached at all: one sentence, not one error per table. */
export class NetworkDownError extends FolkehelseError {
  constructor(readonly host: string, readonly reason: string) {
    super(`cannot reach ${host} (${reason}): check the internet connection, or point FOLKEHELSE_SSB_API / FOLKEHELSE_FHI_API at the right address.`, EXIT_USAGE);
  }
}

export interface HttpOptions {
  /** Requests allowed per window (default 30 per 60 s); narrowed by the server's x-ratelimit-* headers. */
  requestsPerWindow?: number;
  windowMs?: number;
  /** Tries per request for 429, 5xx and time-outs (default 4). */
  attempts?: number;
  /** Time-out per try in ms (default 60 s). */
  timeoutMs?: number;
  /** Base of the exponential back-off in ms (default 500). */
  backoffMs?: number;
  /** Longest wait the client accepts from Retry-After or back-off, in ms (default 60 s). */
  maxWaitMs?: number;
  /** For tests: a clock and a sleep. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  userAgent?: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  text: string;
}

export interface RequestStats {
  requests: number;
  retries: number;
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A small HTTP client for the statistics APIs: a sliding-window rate limit (tightened by the
 * server's `x-ratelimit-*` headers), `Retry-After` and full-jitter exponential back-off on 429,
 * 5xx and time-outs, and network failures turned into one NetworkDownError.
 */
export class HttpClient {
  readonly stats: RequestStats = { requests: 0, retries: 0 };
  private readonly sent: number[] = [];
  private limit: number;
  private windowMs: number;
  private serverRemaining: number | null = null;
  private serverResetAt = 0;
  private readonly o: Required<Omit<HttpOptions, 'requestsPerWindow' | 'windowMs'>>;

  constructor(opts: HttpOptions = {}) {
    this.limit = opts.requestsPerWindow ?? 30;
    this.windowMs = opts.windowMs ?? 60_000;
    this.o = {
      attempts: opts.attempts ?? 4,
      timeoutMs: opts.timeoutMs ?? 60_000,
      backoffMs: opts.backoffMs ?? 500,
      maxWaitMs: opts.maxWaitMs ?? 60_000,
      sleep: opts.sleep ?? sleepReal,
      random: opts.random ?? Math.random,
      userAgent: opts.userAgent ?? 'folkehelse',
    };
  }

  async get(url: string): Promise<HttpResponse> {
    return this.request('GET', url);
  }

  async postJson(url: string, body: unknown): Promise<HttpResponse> {
    return this.request('POST', url, JSON.stringify(body));
  }

  /** Waits until one more request fits in the window (ours and the server's). */
  private async throttle(): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.sent.length && now - this.sent[0]! >= this.windowMs) this.sent.shift();
      if (this.serverRemaining !== null && this.serverRemaining <= 0 && now < this.serverResetAt) {
        await this.o.sleep(Math.min(this.serverResetAt - now, this.o.maxWaitMs));
        this.serverRemaining = null;
        continue;
      }
      if (this.sent.length < this.limit) break;
      await this.o.sleep(this.windowMs - (now - this.sent[0]!) + 5);
    }
    this.sent.push(Date.now());
  }

  private readRateHeaders(h: Headers): void {
    // x-ratelimit-policy: "40;w=60s"; x-ratelimit-limit / -remaining / -reset (seconds).
    const policy = /^\s*(\d+)\s*;\s*w=(\d+)/.exec(h.get('x-ratelimit-policy') ?? '');
    if (policy) {
      this.limit = Number(policy[1]);
      this.windowMs = Number(policy[2]) * 1000;
    } else {
      const lim = Number(h.get('x-ratelimit-limit'));
      if (Number.isFinite(lim) && lim > 0) this.limit = lim;
    }
    const remaining = h.get('x-ratelimit-remaining');
    if (remaining !== null && Number.isFinite(Number(remaining))) {
      this.serverRemaining = Number(remaining);
      const reset = Number(h.get('x-ratelimit-reset'));
      this.serverResetAt = Date.now() + (Number.isFinite(reset) && reset > 0 ? Math.min(reset * 1000, this.windowMs) : this.windowMs);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.o.maxWaitMs, Math.floor(this.o.random() * this.o.backoffMs * 2 ** attempt));
  }

  async request(method: 'GET' | 'POST', url: string, body?: string): Promise<HttpResponse> {
    let last: { status: number; detail: string } = { status: 0, detail: '' };
    for (let attempt = 0; attempt < this.o.attempts; attempt++) {
      await this.throttle();
      this.stats.requests++;
      if (attempt > 0) this.stats.retries++;
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          body,
          headers: { accept: 'application/json', 'user-agent': this.o.userAgent, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          signal: AbortSignal.timeout(this.o.timeoutMs),
        });
      } catch (e) {
        const err = e as Error & { cause?: { code?: string } };
        const code = err.cause?.code ?? '';
        if (err.name === 'TimeoutError' || err.name === 'AbortError') {
          last = { status: 0, detail: `no answer within ${Math.round(this.o.timeoutMs / 1000)} s` };
          await this.o.sleep(this.backoff(attempt));
          continue;
        }
        if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET'].includes(code) && attempt === this.o.attempts - 1) {
          throw new NetworkDownError(new URL(url).host, code);
        }
        if (['ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code)) throw new NetworkDownError(new URL(url).host, code);
        last = { status: 0, detail: code || err.message };
        await this.o.sleep(this.backoff(attempt));
        continue;
      }
      this.readRateHeaders(res.headers);
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        last = { status: res.status, detail: `the answer broke off (${(e as Error).message})` };
        await this.o.sleep(this.backoff(attempt));
        continue;
      }
      if (res.ok) return { url, status: res.status, headers: res.headers, text };
      const detail = errorDetail(text);
      last = { status: res.status, detail };
      if (res.status === 429 || res.status >= 500) {
        const wait = retryAfterMs(res.headers.get('retry-after'));
        if (wait !== null && wait > this.o.maxWaitMs) break;
        await this.o.sleep(wait !== null ? wait + Math.floor(this.o.random() * 250) : this.backoff(attempt));
        continue;
      }
      throw new HttpError(url, res.status, detail, adviceFor(res.status, detail));
    }
    if (last.status === 0 && /ECONNREFUSED|ECONNRESET/.test(last.detail)) throw new NetworkDownError(new URL(url).host, last.detail);
    throw new HttpError(url, last.status, last.detail, adviceFor(last.status, last.detail, true));
  }
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

/** The informative part of an error body: RFC 7807 `title`/`detail`, `{error}`, FHI `status`, or the text. */
export function errorDetail(text: string): string {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const parts = [j.title, j.detail, j.error, typeof j.status === 'string' ? j.status : undefined, j.message].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (parts.length) return [...new Set(parts)].join(' — ').slice(0, 300);
  } catch {
    /* not JSON */
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function isTooManyCells(status: number, detail: string): boolean {
  return (status === 400 || status === 403) && /too many|for mange|maxrowcount|cells|rows/i.test(detail);
}

function adviceFor(status: number, detail: string, exhausted = false): string {
  if (status === 0) return 'The server did not answer in time; try again later.';
  if (status === 429) return 'The API asked us to wait longer than we will; try again in a few minutes.';
  if (status >= 500) return exhausted ? 'The API failed repeatedly; it may be updating (SSB: 05:00–08:00 and 11:30). Try again later.' : 'The API failed.';
  if (isTooManyCells(status, detail)) return 'The selection is too large even after splitting; narrow the table\'s "api.dimensions" in the catalogue.';
  if (status === 404) return 'The table or address does not exist (any more): check the table id in the catalogue and the API address (FOLKEHELSE_SSB_API / FOLKEHELSE_FHI_API).';
  if (status === 400) return 'The API rejected the query: check the dimension codes in the catalogue\'s "api" block against the table\'s metadata.';
  return 'Check the API address and the catalogue.';
}

/** An API's address and a path under it, with exactly one slash between. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Parses an API's JSON answer; anything else (a maintenance page …) is an HttpError that says so. */
export function parseAnswer(text: string, url: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new HttpError(url, 200, 'the answer is not valid JSON', 'The API sent something unexpected (a maintenance page?); try again later.');
  }
}
