import { FolkehelseError, EXIT_USAGE, msg, type Message, type MessageKey } from '../base/errors.js';
import { render } from '../base/messages.js';

/**
 * Why an exchange failed, for `--json` and the messages: an HTTP status, or one of the limits a
 * server cannot push past (answer size, wait, cube size, redirect), or an answer that is not what
 * the API documents.
 */
export type HttpErrorKind = 'http' | 'no-answer' | 'too-large' | 'wait-too-long' | 'redirect' | 'invalid-answer' | 'cube-too-large' | 'proxy';

/** A text of an error: a message of the vocabulary, or text as it came (a server's own words). */
export type HttpText = string | Message;

const english = (t: HttpText): string => (typeof t === 'string' ? t : render(t, 'en'));

/**
 * One HTTP exchange's outcome that the caller must act on (after retries). Its message is in the
 * run's language; `detail` and `advice` are the program's English (for `--json`), and
 * `detailText`/`adviceText` the same as messages, for the terminal in the user's language.
 */
export class HttpError extends FolkehelseError {
  readonly detail: string;
  readonly advice: string;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly detailText: HttpText,
    readonly adviceText: HttpText,
    readonly kind: HttpErrorKind = status ? 'http' : 'no-answer',
  ) {
    super(msg('http.failed', { answer: status ? `HTTP ${status}` : msg('http.noAnswer'), url, detail: detailText === '' ? '' : msg('http.detail', { detail: detailText }), advice: adviceText }), 1);
    this.detail = english(detailText);
    this.advice = english(adviceText);
  }
}

/** How the network failed: the host, the proxy, or the proxy's way to the host. */
export type NetworkDownKind = 'unreachable' | 'proxy-unreachable' | 'proxy-refused' | 'proxy-auth' | 'certificate';

/**
 * The network (or the API's host, or the proxy) cannot be reached at all: one sentence, not one
 * error per table. `proxy` is the proxy's host:port (never its credentials) when one was used.
 */
export class NetworkDownError extends FolkehelseError {
  constructor(
    readonly host: string,
    readonly reason: string,
    readonly proxy: string | null = null,
    readonly kind: NetworkDownKind = proxy ? 'proxy-unreachable' : 'unreachable',
  ) {
    super(networkDownMessage(kind, host, reason, proxy), EXIT_USAGE);
  }
}

/** The one sentence of a network failure, in the run's language (data/cli/<lang>.json, "fetch.network"). */
export function networkDownMessage(kind: NetworkDownKind, host: string, reason: string, proxy: string | null): Message {
  const key: MessageKey = ({ unreachable: 'fetch.network.unreachable', 'proxy-unreachable': 'fetch.network.proxyUnreachable', 'proxy-refused': 'fetch.network.proxyRefused', 'proxy-auth': 'fetch.network.proxyAuth', certificate: proxy ? 'fetch.network.certificateProxy' : 'fetch.network.certificate' } as const)[kind];
  return msg(key, { host, reason, proxy: proxy ?? '' });
}
