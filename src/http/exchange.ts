import { pipeline, Transform, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import { msg, render, type Message } from '../base/messages.js';
import { cleanText } from './text.js';

/**
 * One request and its answer, bounded in everything the server controls: the answer's size (on the
 * wire and decompressed, counted while it streams, so that neither an endless body nor a gzip bomb
 * is ever held whole), the time without progress and the time in all, and redirects, which are
 * followed only within the same host (an answer from another host would be cited as the first's).
 */

export interface ExchangeLimits {
  /** Largest answer, in bytes after decompression. */
  maxAnswerBytes: number;
  /** Longest time without a byte (headers or body), in ms. */
  idleTimeoutMs: number;
  /** Longest time for the whole exchange, in ms. */
  totalTimeoutMs: number;
}

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  headers: Record<string, string>;
}

export interface ExchangeAnswer {
  /** The address that answered (after redirects within the host). */
  url: string;
  status: number;
  headers: Headers;
  text: string;
}

/** An answer refused for a limit or a redirect: not worth retrying. */
export class AnswerRefusedError extends Error {
  constructor(
    readonly kind: 'too-large' | 'redirect' | 'invalid-answer',
    /** Why, as a message of the vocabulary; `message` is its English. */
    readonly text: Message,
  ) {
    super(render(text, 'en'));
  }
}

/** Drops a body not read to its end (undici reports the abort as an error event: it is expected). */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Error bodies are read only this far: their first words say what went wrong. */
const ERROR_BODY_BYTES = 64 * 1024;
const MAX_REDIRECTS = 5;

/** Whether a redirect stays with the same source: same host and port, and no step down from HTTPS. */
function sameSource(from: URL, to: URL): boolean {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return false;
  if (from.protocol === 'https:' && to.protocol !== 'https:') return false;
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  // http → https on the same host name is an upgrade (its port changes with it).
  if (from.protocol !== to.protocol) return from.hostname === to.hostname;
  return from.hostname === to.hostname && port(from) === port(to);
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${Math.round(n / 1024 ** 2)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} bytes`;
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
      try {
        h.append(k, one);
      } catch {
        // A header value Headers will not hold is a header we do not read.
      }
    }
  }
  return h;
}

function decoder(encoding: string): NodeJS.ReadWriteStream | null {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new AnswerRefusedError('invalid-answer', msg('http.refusedEncoding', { encoding: cleanText(encoding).slice(0, 40) }));
  }
}

/**
 * Reads a body up to `max` bytes after decompression. An answer above it is refused (`refuse`) or,
 * for an error body, cut (its start is all we show).
 */
async function readBody(body: Readable, headers: Headers, max: number, refuse: boolean): Promise<string> {
  const declared = Number(headers.get('content-length'));
  if (refuse && Number.isFinite(declared) && declared > max) {
    discard(body);
    throw new AnswerRefusedError('too-large', msg('http.refusedDeclaredTooLarge', { size: formatBytes(declared), max: formatBytes(max) }));
  }
  let decode: NodeJS.ReadWriteStream | null;
  try {
    decode = decoder((headers.get('content-encoding') ?? '').trim().toLowerCase());
  } catch (e) {
    discard(body);
    throw e;
  }
  // The compressed bytes are counted too: empty gzip members or brotli metadata decompress to
  // nothing, and an endless stream of them would otherwise never pass the limit.
  let wire = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      wire += chunk.length;
      if (wire > max) done(new AnswerRefusedError('too-large', msg('http.refusedTooLarge', { max: formatBytes(max), decompressed: '' })));
      else done(null, chunk);
    },
  });
  const stream: AsyncIterable<Buffer> = decode ? (pipeline(body, counted, decode, () => undefined) as unknown as AsyncIterable<Buffer>) : body;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += chunk.length;
      if (size > max) {
        if (!refuse) {
          chunks.push(chunk.subarray(0, chunk.length - (size - max)));
          break;
        }
        throw new AnswerRefusedError('too-large', msg('http.refusedTooLarge', { max: formatBytes(max), decompressed: decode ? msg('http.refusedAfterDecompression') : '' }));
      }
      chunks.push(chunk);
    }
  } catch (e) {
    const code = String((e as NodeJS.ErrnoException).code ?? '');
    if (decode && !(e instanceof AnswerRefusedError) && /^Z_|BROTLI|^ERR__/.test(code)) throw new AnswerRefusedError('invalid-answer', msg('http.refusedDecompress', { code }));
    throw e;
  } finally {
    discard(body);
    if (decode) {
      discard(counted);
      discard(decode as unknown as Readable);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends a request through the dispatcher and reads its answer within the limits. */
export async function exchange(dispatcher: Dispatcher, req: ExchangeRequest, limits: ExchangeLimits): Promise<ExchangeAnswer> {
  let url = req.url;
  let method = req.method;
  let body = req.body;
  const signal = AbortSignal.timeout(limits.totalTimeoutMs);
  for (let hop = 0; ; hop++) {
    const res = await request(url, {
      dispatcher,
      method,
      body,
      headers: { ...req.headers, 'accept-encoding': 'gzip, deflate, br' },
      signal,
      headersTimeout: limits.idleTimeoutMs,
      bodyTimeout: limits.idleTimeoutMs,
    });
    const headers = toHeaders(res.headers);
    const location = headers.get('location');
    if (res.statusCode >= 300 && res.statusCode < 400 && location) {
      discard(res.body);
      const from = new URL(url);
      let to: URL;
      try {
        to = new URL(location, from);
      } catch {
        throw new AnswerRefusedError('redirect', msg('http.refusedBadRedirect', { location: cleanText(location).slice(0, 100) }));
      }
      if (!sameSource(from, to)) {
        throw new AnswerRefusedError('redirect', msg('http.refusedOtherHost', { to: `${to.protocol}//${to.host}`, from: from.host }));
      }
      if (hop >= MAX_REDIRECTS) throw new AnswerRefusedError('redirect', msg('http.refusedTooManyRedirects', { count: MAX_REDIRECTS }));
      // 303 (and 301/302 after a POST, as browsers do) become a GET; 307/308 repeat the request.
      if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = to.href;
      continue;
    }
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    const text = await readBody(res.body, headers, ok ? limits.maxAnswerBytes : Math.min(ERROR_BODY_BYTES, limits.maxAnswerBytes), ok);
    return { url, status: res.statusCode, headers, text };
  }
}
