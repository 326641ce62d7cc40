import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FolkehelseError, EXIT_USAGE } from '../../base/errors.js';

/** The only address the preview listens on: this machine, never the network. */
export const LOOPBACK = '127.0.0.1';

/**
 * Every response's headers: nothing but the server's own script, styles and requests (the
 * document has no script; figures and the coat of arms are inline), no framing, no sniffing, no
 * caching, no CORS (no Access-Control-* header: another site's script cannot read an answer).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** A fixed answer: what the preview serves is generated, never read from disk. */
export interface Resource {
  type: string;
  body: () => string;
}

/** What the server answers, and in which words it refuses. */
export interface Site {
  /** The resources by exact path (`/`, `/preview.js` …): every other path is 404, whatever it decodes to. */
  resources: ReadonlyMap<string, Resource>;
  /** The version the page should show (sent on /events when it changes). */
  version(): number;
  refusals: { host: string; method: string; notFound: string };
}

/** The port is taken (or, `denied`, needs rights the user does not have): said in the coordinator's words by the caller. */
export class PortInUseError extends FolkehelseError {
  constructor(
    readonly port: number,
    readonly denied = false,
  ) {
    super(denied ? `port ${port} needs administrator rights` : `port ${port} is in use`, EXIT_USAGE);
  }
}

/**
 * The preview's web server: on the loopback address only, answering GET and HEAD for the site's
 * fixed paths and /events (server-sent events: a new version of the page). Refused: a Host that
 * is not the server's own (DNS rebinding: 421), a foreign Origin (403), other methods (405), any
 * other path (404) — there is no file serving, so no path can reach a file.
 */
export class PreviewServer {
  private readonly streams = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private heartbeat: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly server: Server,
    private readonly site: Site,
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1:`port` (0: a free port). */
  static async start(site: Site, port: number): Promise<PreviewServer> {
    let self: PreviewServer | null = null;
    const server = createServer((req, res) => self!.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      const failed = (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new PortInUseError(port) : e.code === 'EACCES' ? new PortInUseError(port, true) : e);
      server.once('error', failed);
      server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
        server.off('error', failed);
        resolve();
      });
    });
    self = new PreviewServer(server, site, (server.address() as AddressInfo).port);
    server.on('connection', (socket) => {
      self!.sockets.add(socket);
      socket.on('close', () => self!.sockets.delete(socket));
    });
    // A comment now and then keeps the event streams open through idle time.
    self.heartbeat = setInterval(() => {
      for (const s of self!.streams) s.write(': \n\n');
    }, 15_000);
    self.heartbeat.unref();
    return self;
  }

  get url(): string {
    return `http://${LOOPBACK}:${this.port}/`;
  }

  /** The Host values the server answers to: its own address, by number or as localhost. */
  allowedHosts(): Set<string> {
    return new Set([`${LOOPBACK}:${this.port}`, `localhost:${this.port}`, `[::1]:${this.port}`]);
  }

  /** Tells every open page that there is a new version. */
  notify(): void {
    const event = versionEvent(this.site.version());
    for (const s of this.streams) s.write(event);
  }

  /** Ends the event streams and every connection, and stops listening. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      for (const s of this.streams) s.end();
      this.streams.clear();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closing;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const refusal = this.refusal(req);
    if (refusal) {
      const [status, text, extra] = refusal;
      send(res, req, status, 'text/plain; charset=utf-8', `${text}\n`, extra);
      return;
    }
    // The path exactly as sent, without the query: no decoding, no normalising, nothing to traverse.
    const path = (req.url ?? '').split('?')[0]!;
    if (path === '/events') return this.stream(req, res);
    const resource = this.site.resources.get(path);
    if (!resource) return send(res, req, 404, 'text/plain; charset=utf-8', `${this.site.refusals.notFound}\n`);
    send(res, req, 200, resource.type, resource.body());
  }

  /** Why a request is refused: [status, text, headers], or null. */
  private refusal(req: IncomingMessage): [number, string, Record<string, string>?] | null {
    const allowed = this.allowedHosts();
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowed.has(host)) return [421, this.site.refusals.host];
    // A page of another site may send requests here (it cannot read the answers); it is turned away all the same.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(origin.toLowerCase().replace(/^http:\/\//, ''))) return [403, this.site.refusals.host];
    if (req.method !== 'GET' && req.method !== 'HEAD') return [405, this.site.refusals.method, { Allow: 'GET, HEAD' }];
    return null;
  }

  /** /events: the current version now, and every new one as it comes. */
  private stream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    if (req.method === 'HEAD' || this.closing) {
      res.end();
      return;
    }
    res.write(`retry: 1000\n\n${versionEvent(this.site.version())}`);
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }
}

function versionEvent(version: number): string {
  return `event: version\ndata: ${JSON.stringify({ version })}\n\n`;
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'Content-Type': type, 'Content-Length': String(bytes.length) });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
