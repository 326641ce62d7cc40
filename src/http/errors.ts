import { FolkehelseError, EXIT_USAGE } from '../base/errors.js';

/**
 * Why an exchange failed, for `--json` and the messages: an HTTP status, or one of the limits a
 * server cannot push past (answer size, wait, cube size, redirect), or an answer that is not what
 * the API documents.
 */
export type HttpErrorKind = 'http' | 'no-answer' | 'too-large' | 'wait-too-long' | 'redirect' | 'invalid-answer' | 'cube-too-large' | 'proxy';

/** One HTTP exchange's outcome that the caller must act on (after retries). */
export class HttpError extends FolkehelseError {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly detail: string,
    readonly advice: string,
    readonly kind: HttpErrorKind = status ? 'http' : 'no-answer',
  ) {
    super(`${status ? `HTTP ${status}` : 'no answer'} from ${url}${detail ? `: ${detail}` : ''}. ${advice}`, 1);
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

function networkDownMessage(kind: NetworkDownKind, host: string, reason: string, proxy: string | null): string {
  switch (kind) {
    case 'proxy-unreachable':
      return `cannot reach the proxy ${proxy} (${reason}) on the way to ${host}: check HTTPS_PROXY / HTTP_PROXY (and NO_PROXY for addresses that must not go through it), and that the proxy is running.`;
    case 'proxy-refused':
      return `the proxy ${proxy} did not let us through to ${host} (${reason}): check that the proxy allows ${host}, or add it to NO_PROXY if it must be reached directly.`;
    case 'certificate':
      return `the certificate of ${host}${proxy ? ` (reached through the proxy ${proxy})` : ''} cannot be verified (${reason}): if the network inspects encrypted traffic, give its certificate authority to Node in NODE_EXTRA_CA_CERTS (a PEM file; see README).`;
    case 'proxy-auth':
      return `the proxy ${proxy} asks for a user name and password (${reason}): write them into HTTPS_PROXY as http://user:password@host:port.`;
    default:
      return `cannot reach ${host} (${reason}): check the internet connection (and HTTPS_PROXY if the network needs a proxy), or point FOLKEHELSE_SSB_API / FOLKEHELSE_FHI_API at the right address.`;
  }
}
