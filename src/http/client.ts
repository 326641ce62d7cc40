import { msg, type Message } from '../base/messages.js';
import { HttpError, NetworkDownError, type HttpText, type NetworkDownKind } from './errors.js';
import { AnswerRefusedError, exchange, formatBytes, type ExchangeAnswer } from './exchange.js';
import { defaultNetwork, hostOf, type Network } from './network.js';
import { cleanJsonText, cleanText } from './text.js';

export { HttpError, NetworkDownError, type HttpErrorKind, type NetworkDownKind } from './errors.js';

/** The documented limits of `fetch` (README): what no server can push the client past. */
export const DEFAULT_LIMITS = {
  /** Largest answer, counted after decompression. */
  maxAnswerBytes: 200 * 1024 ** 2,
  /** Longest wait for a rate limit, Retry-After or a back-off. */
  maxWaitMs: 120_000,
  /** Largest JSON-stat cube one answer, or one table, may declare (product of its dimension sizes). */
  maxCubeCells: 2_000_000,
} as const;

export interface HttpOptions {
  /** Requests allowed per window (default 30 per 60 s); narrowed by the server's x-ratelimit-* headers. */
  requestsPerWindow?: number;
  windowMs?: number;
  /** Tries per request for 429, 5xx and time-outs (default 4). */
  attempts?: number;
  /** Longest time without progress per try, in ms (default 60 s). */
  timeoutMs?: number;
  /** Longest time for one try in all, in ms (default 10 minutes). */
  maxExchangeMs?: number;
  /** Base of the exponential back-off in ms (default 500). */
  backoffMs?: number;
  /** Longest wait the client accepts from a rate limit, Retry-After or back-off, in ms (default 120 s). */
  maxWaitMs?: number;
  /** Largest answer in bytes, after decompression (default 200 MB). */
  maxAnswerBytes?: number;
  /** Largest JSON-stat cube an answer may declare, in cells (default 2 000 000). */
  maxCubeCells?: number;
  /** The run's network (proxy, unreachable hosts); default the process's. */
  network?: Network;
  /** Who the client talks to in messages ("SSB", "FHI"); default the host. */
  name?: string;
  /** Told of every wait over a second before it starts. */
  onWait?: (w: WaitNotice) => void;
  /** For tests: a clock and a sleep. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  userAgent?: string;
}

/** A wait the user should see: how long, for whom and why. */
export interface WaitNotice {
  /** The API's name or host. */
  api: string;
  ms: number;
  reason: 'rate-limit' | 'retry-after' | 'backoff';
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

/** Connection failures: one quick retry, then the run stops with one sentence. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;
const QUICK_RETRY_MS = 500;

type Failure = { kind: 'unreachable' | 'proxy-refused' | 'proxy-auth' | 'certificate'; code: string } | { kind: 'timeout' | 'transient'; code: string };

/** What a thrown network error means for the next try. */
function classify(e: unknown): Failure {
  const err = e as Error & { code?: string; cause?: { code?: string } };
  const code = String(err.code ?? err.cause?.code ?? '');
  const message = String(err.message ?? '');
  if (UNREACHABLE.has(code)) return { kind: 'unreachable', code };
  if (/Proxy Authentication Required|\(407\)/.test(message)) return { kind: 'proxy-auth', code: 'HTTP 407' };
  const tunnel = /Proxy response \((\d+)\)/.exec(message);
  if (tunnel) return { kind: 'proxy-refused', code: `HTTP ${tunnel[1]}` };
  if (CERTIFICATE.test(code)) return { kind: 'certificate', code };
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || /TIMEOUT|ABORT/.test(code)) return { kind: 'timeout', code: code || err.name };
  return { kind: 'transient', code: code || cleanText(message).slice(0, 100) };
}

/**
 * A small HTTP client for the statistics APIs: a sliding-window rate limit (tightened by the
 * server's `x-ratelimit-*` headers), `Retry-After` and full-jitter exponential back-off on 429,
 * 5xx and time-outs, every wait capped (beyond the cap the request fails with the server's
 * reason) and shown when over a second, answers bounded in size, and connection failures turned
 * into one NetworkDownError after one quick retry.
 */
export class HttpClient {
  readonly stats: RequestStats = { requests: 0, retries: 0 };
  /** What the API adapters check answers against. */
  readonly limits: { maxAnswerBytes: number; maxCubeCells: number; maxWaitMs: number };
  private readonly sent: number[] = [];
  private limit: number;
  private windowMs: number;
  private policy: string | null = null;
  private serverRemaining: number | null = null;
  private serverResetAt = 0;
  private readonly network: Network;
  private readonly o: Required<Omit<HttpOptions, 'requestsPerWindow' | 'windowMs' | 'network' | 'name' | 'onWait' | 'maxAnswerBytes' | 'maxCubeCells' | 'maxWaitMs'>> & Pick<HttpOptions, 'name' | 'onWait'>;

  constructor(opts: HttpOptions = {}) {
    this.limit = opts.requestsPerWindow ?? 30;
    this.windowMs = opts.windowMs ?? 60_000;
    this.network = opts.network ?? defaultNetwork();
    this.limits = { maxAnswerBytes: opts.maxAnswerBytes ?? DEFAULT_LIMITS.maxAnswerBytes, maxCubeCells: opts.maxCubeCells ?? DEFAULT_LIMITS.maxCubeCells, maxWaitMs: opts.maxWaitMs ?? DEFAULT_LIMITS.maxWaitMs };
    this.o = {
      attempts: opts.attempts ?? 4,
      timeoutMs: opts.timeoutMs ?? 60_000,
      maxExchangeMs: opts.maxExchangeMs ?? 600_000,
      backoffMs: opts.backoffMs ?? 500,
      sleep: opts.sleep ?? sleepReal,
      random: opts.random ?? Math.random,
      userAgent: opts.userAgent ?? 'folkehelse',
      name: opts.name,
      onWait: opts.onWait,
    };
  }

  async get(url: string): Promise<HttpResponse> {
    return this.request('GET', url);
  }

  async postJson(url: string, body: unknown): Promise<HttpResponse> {
    return this.request('POST', url, JSON.stringify(body));
  }

  /** The proxy (host:port) a request to `url` goes through, or null. */
  proxyOf(url: string): string | null {
    return this.network.proxyOf(url);
  }

  /** Waits `ms`, shown when over a second; a wait beyond the longest accepted fails the request instead. */
  private async wait(url: string, ms: number, reason: WaitNotice['reason'], why: Message, status = 429): Promise<void> {
    if (ms > this.limits.maxWaitMs) {
      throw new HttpError(url, status, msg('http.waitTooLong', { why, wait: describeWait(ms), longest: describeWait(this.limits.maxWaitMs) }), msg('http.adviceWaitTooLong'), 'wait-too-long');
    }
    if (ms > 1000) this.o.onWait?.({ api: this.o.name ?? hostOf(url), ms, reason });
    await this.o.sleep(ms);
  }

  /** Waits until one more request fits in the window (ours and the server's). */
  private async throttle(url: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.sent.length && now - this.sent[0]! >= this.windowMs) this.sent.shift();
      if (this.serverRemaining !== null && this.serverRemaining <= 0 && now < this.serverResetAt) {
        await this.wait(url, this.serverResetAt - now, 'rate-limit', msg('http.whyServerRemaining', { policy: this.policy ? `, x-ratelimit-policy ${this.policy}` : '' }));
        this.serverRemaining = null;
        continue;
      }
      if (this.limit < 1) await this.wait(url, Infinity, 'rate-limit', msg('http.whyServerPolicy', { policy: this.policy ?? '0' }));
      if (this.sent.length < this.limit) break;
      await this.wait(url, this.windowMs - (now - this.sent[0]!) + 5, 'rate-limit', this.policy ? msg('http.whyServerPolicy', { policy: this.policy }) : msg('http.whyOurLimit', { limit: this.limit, window: describeWait(this.windowMs) }));
    }
    this.sent.push(Date.now());
  }

  private readRateHeaders(h: Headers): void {
    // x-ratelimit-policy: "40;w=60s"; x-ratelimit-limit / -remaining / -reset (seconds).
    const raw = h.get('x-ratelimit-policy') ?? '';
    const policy = /^\s*(\d+)\s*;\s*w=(\d+)/.exec(raw);
    if (policy) {
      this.policy = cleanText(raw).trim().slice(0, 80);
      this.limit = Number(policy[1]);
      this.windowMs = Number(policy[2]) * 1000;
    } else {
      const lim = Number(h.get('x-ratelimit-limit'));
      if (Number.isFinite(lim) && lim > 0) this.limit = lim;
    }
    const remaining = h.get('x-ratelimit-remaining');
    if (remaining !== null && remaining.trim() !== '' && Number.isFinite(Number(remaining))) {
      this.serverRemaining = Number(remaining);
      const reset = Number(h.get('x-ratelimit-reset'));
      this.serverResetAt = Date.now() + (Number.isFinite(reset) && reset > 0 ? Math.min(reset * 1000, this.windowMs) : this.windowMs);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.limits.maxWaitMs, Math.floor(this.o.random() * this.o.backoffMs * 2 ** attempt));
  }

  /** A connection that failed for good: remembered for the rest of the run, and said in one sentence. */
  private down(url: string, kind: NetworkDownKind, code: string): NetworkDownError {
    const e = new NetworkDownError(hostOf(url), code, this.proxyOf(url), kind);
    this.network.markDown(url, e);
    return e;
  }

  private async send(method: 'GET' | 'POST', url: string, body: string | undefined): Promise<ExchangeAnswer> {
    return exchange(
      this.network.dispatcher,
      { method, url, body, headers: { accept: 'application/json', 'user-agent': this.o.userAgent, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) } },
      { maxAnswerBytes: this.limits.maxAnswerBytes, idleTimeoutMs: this.o.timeoutMs, totalTimeoutMs: this.o.maxExchangeMs },
    );
  }

  async request(method: 'GET' | 'POST', url: string, body?: string): Promise<HttpResponse> {
    let last: { status: number; detail: HttpText } = { status: 0, detail: '' };
    let quickRetried = false;
    for (let attempt = 0; attempt < this.o.attempts; attempt++) {
      const known = this.network.downError(url);
      if (known) throw new NetworkDownError(hostOf(url), known.reason, known.proxy, known.kind);
      await this.throttle(url);
      this.stats.requests++;
      if (attempt > 0) this.stats.retries++;
      let res: ExchangeAnswer;
      try {
        res = await this.send(method, url, body);
      } catch (e) {
        if (e instanceof AnswerRefusedError) throw new HttpError(url, 200, e.text, refusalAdvice(e.kind), e.kind);
        const f = classify(e);
        if (f.kind === 'unreachable' && !quickRetried && attempt < this.o.attempts - 1) {
          quickRetried = true;
          await this.o.sleep(QUICK_RETRY_MS);
          continue;
        }
        if (f.kind !== 'timeout' && f.kind !== 'transient') throw this.down(url, f.kind === 'unreachable' && this.proxyOf(url) ? 'proxy-unreachable' : f.kind, f.code);
        last = { status: 0, detail: f.kind === 'timeout' ? msg('http.noAnswerWithin', { wait: describeWait(this.o.timeoutMs), code: f.code }) : f.code };
        if (attempt < this.o.attempts - 1) await this.wait(url, this.backoff(attempt), 'backoff', msg('http.whyBackoff'));
        continue;
      }
      this.readRateHeaders(res.headers);
      if (res.status >= 200 && res.status < 300) return { url: res.url, status: res.status, headers: res.headers, text: res.text };
      const detail = errorDetail(res.text);
      last = { status: res.status, detail };
      if (res.status === 429 || res.status >= 500) {
        if (attempt === this.o.attempts - 1) break;
        const header = res.headers.get('retry-after');
        const asked = retryAfterMs(header);
        if (asked !== null) await this.wait(url, asked + Math.floor(this.o.random() * 250), 'retry-after', msg('http.whyRetryAfter', { detail: detail ? `${detail}; ` : '', header: cleanText(header ?? '').slice(0, 60) }), res.status);
        else await this.wait(url, this.backoff(attempt), 'backoff', msg('http.whyBackoff'));
        continue;
      }
      throw new HttpError(url, res.status, detail, adviceFor(res.status, detail, false, this.proxyOf(url)));
    }
    throw new HttpError(url, last.status, last.detail, adviceFor(last.status, typeof last.detail === 'string' ? last.detail : '', true, this.proxyOf(url)));
  }
}

/** "42 s", "3 min", "100 days" (in the language the message is shown in). */
export function describeWait(ms: number): Message {
  if (!Number.isFinite(ms)) return msg('http.waitForever');
  const s = Math.ceil(ms / 1000);
  if (s <= 180) return msg('http.waitSeconds', { count: s });
  if (s < 7200) return msg('http.waitMinutes', { count: Math.round(s / 60) });
  if (s < 172_800) return msg('http.waitHours', { count: Math.round(s / 3600) });
  return msg('http.waitDays', { count: Math.round(s / 86_400) });
}

function refusalAdvice(kind: AnswerRefusedError['kind']): Message {
  if (kind === 'too-large') return msg('http.adviceTooLargeAnswer');
  if (kind === 'redirect') return msg('http.adviceRedirect');
  return msg('http.adviceUnexpected');
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

/** The informative part of an error body: RFC 7807 `title`/`detail`, `{error}`, FHI `status`, or the text; without control characters. */
export function errorDetail(text: string): string {
  try {
    const j = JSON.parse(cleanJsonText(text)) as Record<string, unknown>;
    const parts = [j.title, j.detail, j.error, typeof j.status === 'string' ? j.status : undefined, j.message].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (parts.length) return cleanText([...new Set(parts)].join(' — ')).slice(0, 300);
  } catch {
    /* not JSON */
  }
  return cleanText(text).replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function isTooManyCells(status: number, detail: string): boolean {
  return (status === 400 || status === 403) && /too many|for mange|maxrowcount|cells|rows/i.test(detail);
}

/** What the user can do about a failed exchange (data/cli/<lang>.json, "fetch.advice"), with the proxy it went through. */
function adviceFor(status: number, detail: string, exhausted: boolean, proxy: string | null): Message {
  const through = (advice: Message) => msg('http.adviceThrough', { advice, through: proxy ? msg('fetch.advice.proxy', { proxy }) : '' });
  if (status === 0) return through(msg('fetch.advice.timeout'));
  if (status === 429) return msg('fetch.advice.rateLimited');
  if (status >= 500) return through(msg(exhausted ? 'fetch.advice.serverRepeated' : 'fetch.advice.serverFailed'));
  if (isTooManyCells(status, detail)) return msg('http.adviceTooLargeSelection');
  if (status === 404) return msg('fetch.advice.notFound');
  if (status === 400) return msg('fetch.advice.rejected');
  if (status === 403 || status === 407) return through(msg('fetch.advice.refused'));
  return msg('fetch.advice.other');
}

/** An API's address and a path under it, with exactly one slash between. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export { formatBytes };
export { isPrototypeKey, parseAnswer } from './json.js';
