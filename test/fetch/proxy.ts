/**
 * A small forward proxy on 127.0.0.1 for the tests, as a municipality's network has one: plain HTTP
 * requests in absolute form (`GET http://host/path`) are forwarded, HTTPS goes through a CONNECT
 * tunnel. It counts what it forwarded, by target, and can refuse tunnels (403) or ask for a
 * password (407), as a proxy that does not allow a host does.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export class TestProxy {
  /** Requests forwarded (HTTP) and tunnels opened (CONNECT), by target host:port. */
  readonly forwarded: string[] = [];
  readonly tunnels: string[] = [];
  /** Answer CONNECT with this status instead of opening the tunnel. */
  refuseConnect: number | null = null;
  /** The Proxy-Authorization headers seen (to check credentials from the proxy URL are sent, not shown). */
  readonly authorizations: string[] = [];
  port = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      if (req.headers['proxy-authorization']) this.authorizations.push(String(req.headers['proxy-authorization']));
      let target: URL;
      try {
        target = new URL(req.url ?? '');
      } catch {
        res.writeHead(400).end('absolute URL required');
        return;
      }
      this.forwarded.push(target.host);
      const headers = { ...req.headers };
      delete headers['proxy-authorization'];
      delete headers['proxy-connection'];
      const up = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers }, (answer: IncomingMessage) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => res.headersSent ? res.destroy() : res.writeHead(502).end('bad gateway'));
      req.pipe(up);
    });
    this.server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      if (req.headers['proxy-authorization']) this.authorizations.push(String(req.headers['proxy-authorization']));
      if (this.refuseConnect !== null) {
        client.end(`HTTP/1.1 ${this.refuseConnect} Refused\r\ncontent-length: 0\r\n\r\n`);
        return;
      }
      const [host, port] = (req.url ?? '').split(':');
      this.tunnels.push(req.url ?? '');
      const up = connect(Number(port), host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) up.write(head);
        up.pipe(client);
        client.pipe(up);
      });
      this.sockets.add(up);
      up.on('close', () => this.sockets.delete(up));
      up.on('error', () => client.destroy());
      client.on('error', () => up.destroy());
    });
    this.server.on('connection', (s: Socket) => {
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
}
