import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK, PortInUseError, PreviewServer, type Site } from '../../../src/app/preview/server.js';

let version = 1;
const site: Site = {
  resources: new Map([
    ['/', { type: 'text/html; charset=utf-8', body: () => '<!DOCTYPE html><title>x</title><p>siden</p>' }],
    ['/preview.js', { type: 'text/javascript; charset=utf-8', body: () => '"use strict";' }],
  ]),
  version: () => version,
  refusals: { host: 'feil vert', method: 'bare lesing', notFound: 'finnes ikke' },
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path is sent exactly as given (no normalising), with the headers given. */
function ask(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: LOOPBACK, port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A request line written by hand, for targets the HTTP client would not send as they are. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, LOOPBACK, () => socket.end(text));
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (out += d));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('the preview server', () => {
  let server: PreviewServer;
  beforeAll(async () => {
    server = await PreviewServer.start(site, 0);
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    // Nothing answers on this machine's other addresses.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect(server.port, address);
        s.on('connect', () => (s.destroy(), resolve(false)));
        s.on('error', () => resolve(true));
      });
      expect(refused, address).toBe(true);
    }
    const v6 = await new Promise<boolean>((resolve) => {
      const s = connect(server.port, '::1');
      s.on('connect', () => (s.destroy(), resolve(false)));
      s.on('error', () => resolve(true));
    });
    expect(v6).toBe(true);
  });

  it('serves its pages with a strict Content-Security-Policy, nosniff and no CORS', async () => {
    const a = await ask(server.port, '/');
    expect(a.status).toBe(200);
    expect(a.body).toContain('siden');
    expect(a.headers['content-security-policy']).toBe("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['x-frame-options']).toBe('DENY');
    expect(a.headers['cache-control']).toBe('no-store');
    expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const head = await ask(server.port, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    // The query string does not matter.
    expect((await ask(server.port, '/preview.js?v=3')).status).toBe(200);
  });

  it('answers only to its own Host (DNS rebinding)', async () => {
    for (const host of [`localhost:${server.port}`, `LOCALHOST:${server.port}`, `[::1]:${server.port}`]) expect((await ask(server.port, '/', { headers: { Host: host } })).status, host).toBe(200);
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `127.0.0.1.evil.example:${server.port}`, `localhost:${server.port}.evil.example`]) {
      const a = await ask(server.port, '/', { headers: { Host: host } });
      expect(a.status, host).toBe(421);
      expect(a.body).toBe('feil vert\n');
      expect(a.body).not.toContain('siden');
    }
    // An event stream is refused too, and a request without Host at all.
    expect((await ask(server.port, '/events', { headers: { Host: 'evil.example' } })).status).toBe(421);
    expect(await raw(server.port, 'GET / HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 4\d\d/);
  });

  it('refuses a page of another site (Origin)', async () => {
    expect((await ask(server.port, '/', { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    expect((await ask(server.port, '/', { headers: { Origin: `http://127.0.0.1:${server.port}` } })).status).toBe(200);
  });

  it('is read-only: every method but GET and HEAD is 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const a = await ask(server.port, '/', { method, body: method === 'POST' || method === 'PUT' ? 'x=1' : undefined });
      expect(a.status, method).toBe(405);
      expect(a.headers.allow).toBe('GET, HEAD');
    }
  });

  it('serves nothing but its own paths: traversal, encoded or not, is 404', async () => {
    const attempts = [
      '/../../../../etc/passwd',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      '/%252e%252e/%252e%252e/etc/passwd',
      '/..\\..\\..\\windows\\win.ini',
      '/..%5c..%5c..%5cwindows%5cwin.ini',
      '//etc/passwd',
      '/./',
      '/%2F',
      '/preview.js/../../etc/passwd',
      '/preview.js%00.html',
      '/vurderinger/5037/b.md',
      '/folkehelse.config.json',
      '/data/ssb/07459.json',
      '/package.json',
      '/document.css/..',
    ];
    for (const path of attempts) {
      const a = await ask(server.port, path);
      expect(a.status, path).toBe(404);
      expect(a.body, path).toBe('finnes ikke\n');
    }
    // Targets in absolute form and `*` are not paths of the preview either.
    expect(await raw(server.port, `GET http://127.0.0.1:${server.port}/../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 404/);
    expect(await raw(server.port, `GET ../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 (400|404)/);
  });

  it('sends the version on /events, and each new one', async () => {
    const events: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const req = request({ host: LOOPBACK, port: server.port, path: '/events', headers: { Host: `localhost:${server.port}` } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        expect(res.headers['content-security-policy']).toContain("default-src 'none'");
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          events.push(d);
          if (events.join('').includes('"version":2')) {
            req.destroy();
            resolve();
          } else if (events.join('').includes('"version":1')) {
            version = 2;
            server.notify();
          }
        });
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
      req.end();
    });
    await done;
    expect(events.join('')).toContain('event: version\ndata: {"version":1}\n\n');
    expect(events.join('')).toContain('event: version\ndata: {"version":2}\n\n');
  });

  it('a port in use is said as such', async () => {
    await expect(PreviewServer.start(site, server.port)).rejects.toBeInstanceOf(PortInUseError);
  });

  it('close() ends open event streams and stops listening', async () => {
    const other = await PreviewServer.start(site, 0);
    const ended = new Promise<void>((resolve) => {
      const req = request({ host: LOOPBACK, port: other.port, path: '/events', headers: { Host: `127.0.0.1:${other.port}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
        res.on('error', () => resolve());
        res.on('data', () => void other.close());
      });
      req.on('error', () => resolve());
      req.end();
    });
    await ended;
    await other.close();
    await expect(ask(other.port, '/')).rejects.toThrow();
  });
});
