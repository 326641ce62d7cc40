import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { msg, UsageError } from '../base/errors.js';
import type { NetworkDownError } from './errors.js';

/**
 * The way out of the machine that every request of a run takes (SSB, FHI, Klass): undici's
 * EnvHttpProxyAgent, which sends a request through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY names
 * its host (each in upper or lower case; lower case first, as curl and undici read them). HTTPS goes
 * through the proxy with CONNECT, plain HTTP as a forwarded request. Extra certificate authorities
 * (a proxy that inspects TLS) come from NODE_EXTRA_CA_CERTS, which Node reads when it starts.
 */

export interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The proxy variables of an environment (lower case over upper case; HTTPS falls back to HTTP's proxy). */
export function proxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (name: string) => (env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '').trim();
  const httpProxy = pick('http_proxy');
  return { httpProxy, httpsProxy: pick('https_proxy') || httpProxy, noProxy: pick('no_proxy') };
}

/** A proxy address as messages show it: host:port, never the user name or password it may carry. */
export function proxyLabel(proxy: string): string {
  try {
    const u = new URL(proxy);
    return `${u.hostname}:${u.port || DEFAULT_PORTS[u.protocol] || ''}`;
  } catch {
    return '(unreadable proxy address)';
  }
}

/** Whether NO_PROXY exempts a host (as undici decides: exact host or a subdomain, an optional port, `*` for all). */
function exempt(noProxy: string, hostname: string, port: number): boolean {
  if (noProxy === '*') return true;
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    const m = /^(.+):(\d+)$/.exec(entry);
    const host = (m ? m[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    if (m && Number(m[2]) !== port) continue;
    if (hostname === host || hostname.endsWith(`.${host}`)) return true;
  }
  return false;
}

/** The proxy a request to `url` goes through, or null when it goes directly. */
export function proxyFor(url: string, s: ProxySettings): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const proxy = u.protocol === 'https:' ? s.httpsProxy : s.httpProxy;
  if (!proxy) return null;
  const hostname = u.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(u.port, 10) || DEFAULT_PORTS[u.protocol] || 0;
  return exempt(s.noProxy, hostname, port) ? null : proxy;
}

function checkProxy(name: string, value: string): void {
  if (!value) return;
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(msg('http.proxyAddress', { name, value: proxyLabelForError(value) }));
  }
}

/** A proxy value in an error, without what looks like a password. */
function proxyLabelForError(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i, '$1…@').slice(0, 100);
}

export interface NetworkOptions {
  /** The environment the proxy variables are read from (default: the process's). */
  env?: NodeJS.ProcessEnv;
  /** Longest wait for a TCP (and TLS) connection, in ms (default 7 s). */
  connectTimeoutMs?: number;
}

/**
 * One run's network: the dispatcher every request uses, which proxy a request takes, and the hosts
 * (or proxies) found unreachable, so that the run's later requests fail at once instead of each
 * retrying a dead connection.
 */
export class Network {
  readonly proxies: ProxySettings;
  readonly dispatcher: Dispatcher;
  private readonly down = new Map<string, NetworkDownError>();

  constructor(opts: NetworkOptions = {}) {
    this.proxies = proxySettings(opts.env ?? process.env);
    checkProxy('HTTP_PROXY', this.proxies.httpProxy);
    checkProxy('HTTPS_PROXY', this.proxies.httpsProxy);
    // The values are passed even when empty, so that the process's own variables never leak in.
    this.dispatcher = new EnvHttpProxyAgent({
      httpProxy: this.proxies.httpProxy,
      httpsProxy: this.proxies.httpsProxy,
      noProxy: this.proxies.noProxy,
      // Plain HTTP through an HTTP proxy as a forwarded request (what curl does); HTTPS with CONNECT.
      proxyTunnel: false,
      connectTimeout: opts.connectTimeoutMs ?? 7_000,
    });
  }

  /** The proxy (host:port) a request to `url` goes through, or null. */
  proxyOf(url: string): string | null {
    const p = proxyFor(url, this.proxies);
    return p ? proxyLabel(p) : null;
  }

  /** What a failed connection is remembered by: the proxy when one is used, else the host. */
  private key(url: string): string {
    return this.proxyOf(url) ?? hostOf(url);
  }

  markDown(url: string, e: NetworkDownError): void {
    this.down.set(this.key(url), e);
  }

  /** The error a request to `url` already met this run, if its host (or proxy) was found unreachable. */
  downError(url: string): NetworkDownError | undefined {
    return this.down.get(this.key(url));
  }

  async close(): Promise<void> {
    await this.dispatcher.close().catch(() => undefined);
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

let shared: Network | null = null;
/** The process's network (its environment's proxy), for clients made without one. */
export function defaultNetwork(): Network {
  shared ??= new Network();
  return shared;
}
