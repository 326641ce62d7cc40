/**
 * `fetch` on a network that goes through a proxy (issue 23.1): every request (Klass, SSB, FHI)
 * through HTTP_PROXY / HTTPS_PROXY, NO_PROXY honoured, HTTPS through a CONNECT tunnel to a server
 * whose certificate only NODE_EXTRA_CA_CERTS vouches for, and a failing proxy named in the one
 * sentence (host:port, never its password).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { tempDir } from '../helpers.js';
import { TestProxy } from './proxy.js';
import { ApiServer } from './server.js';
import { apiCatalogue, populate } from './world.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TLS = join(ROOT, 'test', 'fetch', 'tls');
const KEEP = new Set(['forventet-levealder', 'vedvarende-lavinntekt', 'befolkningsendring', 'helsestasjon-utgifter']);
const small = () => apiCatalogue().filter((i) => KEEP.has(i.id));

/** The environment without the machine's own proxy settings. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(https?|no)_proxy$/i.test(k) || k === 'NODE_EXTRA_CA_CERTS') delete env[k];
  return env;
}

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', ...env } });
  return { code, stdout, stderr };
}

/** The real program in a process of its own (Node reads NODE_EXTRA_CA_CERTS only when it starts). */
function bin(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'folkehelse'), ...args], { env: { ...cleanEnv(), NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('fetch through a proxy', () => {
  let ssb: ApiServer;
  let fhi: ApiServer;
  let proxy: TestProxy;
  let dir: string;
  let mini: string;
  beforeEach(async () => {
    ssb = await new ApiServer().start();
    fhi = await new ApiServer().start();
    for (const s of [ssb, fhi]) populate(s, small());
    proxy = await new TestProxy().start();
    dir = tempDir();
    mini = join(dir, 'mini.json');
    writeFileSync(mini, JSON.stringify({ exclude: apiCatalogue().map((i) => i.id).filter((id) => !KEEP.has(id)), indicators: [] }));
  });
  afterEach(async () => {
    await Promise.all([ssb.stop(), fhi.stop(), proxy.stop()]);
  });

  it('sends every request (Klass, SSB, FHI) through HTTP_PROXY, and none that NO_PROXY names', async () => {
    const args = ['fetch', '--kommune', '5037', '--catalogue', mini, '--json'];
    const through = await cli([...args, '--data', join(dir, 'a')], { FOLKEHELSE_SSB_API: ssb.ssbBase, FOLKEHELSE_FHI_API: fhi.fhiBase, http_proxy: proxy.url });
    expect(through.code).toBe(0);
    expect(JSON.parse(through.stdout).totals).toMatchObject({ downloaded: 5, failed: 0 });
    const all = ssb.log.length + fhi.log.length;
    expect(ssb.log.some((r) => r.path.startsWith('/ssb/api/klass/'))).toBe(true);
    // Every request the two APIs saw came through the proxy, and nothing else did.
    expect(proxy.forwarded.length).toBe(all);
    expect(new Set(proxy.forwarded)).toEqual(new Set([`127.0.0.1:${ssb.port}`, `127.0.0.1:${fhi.port}`]));

    // NO_PROXY (with a port) sends FHI directly, SSB and Klass still through the proxy.
    proxy.forwarded.length = 0;
    ssb.log.length = 0;
    fhi.log.length = 0;
    const mixed = await cli([...args, '--data', join(dir, 'b')], { FOLKEHELSE_SSB_API: ssb.ssbBase, FOLKEHELSE_FHI_API: fhi.fhiBase, HTTP_PROXY: proxy.url, NO_PROXY: `example.org, 127.0.0.1:${fhi.port}` });
    expect(mixed.code).toBe(0);
    expect(fhi.log.length).toBeGreaterThan(0);
    expect(proxy.forwarded.length).toBe(ssb.log.length);
    expect(proxy.forwarded.every((h) => h === `127.0.0.1:${ssb.port}`)).toBe(true);
  });

  it('a proxy that cannot be reached is named (host:port, never its password) in one sentence, within 15 s', async () => {
    const closed = proxy.port;
    await proxy.stop();
    const started = Date.now();
    const r = await cli(['fetch', '--kommune', '5037', '--catalogue', mini, '--data', join(dir, 'c'), '--lang', 'en', '--json'], { FOLKEHELSE_SSB_API: ssb.ssbBase, FOLKEHELSE_FHI_API: fhi.fhiBase, HTTP_PROXY: `http://kommune:hemmelig@127.0.0.1:${closed}` });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^folkehelse: cannot reach the proxy 127\\.0\\.0\\.1:${closed} \\(ECONNREFUSED\\) on the way to 127\\.0\\.0\\.1:${ssb.port}: check HTTPS_PROXY / HTTP_PROXY`));
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr + r.stdout).not.toMatch(/hemmelig|kommune:/);
    expect(JSON.parse(r.stdout).error).toMatchObject({ kind: 'network', network: 'proxy-unreachable', proxy: `127.0.0.1:${closed}` });
    await proxy.start();
  });

  it('a proxy that refuses the tunnel, or asks for a password, says so and names itself', async () => {
    const env = { FOLKEHELSE_SSB_API: 'https://data.ssb.invalid/api/pxwebapi/v2', FOLKEHELSE_FHI_API: 'https://fhi.invalid/api/open/v1', HTTPS_PROXY: `http://kommune:hemmelig@127.0.0.1:${proxy.port}` };
    proxy.refuseConnect = 403;
    const refused = await cli(['fetch', '--kommune', '5037', '--catalogue', mini, '--data', join(dir, 'd')], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^folkehelse: proxyen 127\\.0\\.0\\.1:${proxy.port} slapp oss ikke gjennom til data\\.ssb\\.invalid \\(HTTP 403\\): sjekk at proxyen tillater data\\.ssb\\.invalid, eller legg adressen i NO_PROXY`));
    // The password went to the proxy, never to the screen.
    expect(proxy.authorizations[0]).toBe(`Basic ${Buffer.from('kommune:hemmelig').toString('base64')}`);
    expect(refused.stderr).not.toMatch(/hemmelig/);
    proxy.refuseConnect = 407;
    const auth = await cli(['fetch', '--kommune', '5037', '--catalogue', mini, '--data', join(dir, 'e'), '--lang', 'nn'], env);
    expect(auth.code).toBe(2);
    expect(auth.stderr).toMatch(new RegExp(`^folkehelse: proxyen 127\\.0\\.0\\.1:${proxy.port} krev brukarnamn og passord`));
  });

  it('a proxy address that is no address is a usage error that does not show a password', async () => {
    const r = await cli(['fetch', '--kommune', '5037', '--catalogue', mini, '--data', join(dir, 'f'), '--json'], { HTTPS_PROXY: 'kommune:hemmelig@proxy' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/HTTPS_PROXY: «.*» er ikke en proxyadresse som http:\/\/proxy\.example\.no:3128/);
    expect(r.stderr + r.stdout).not.toMatch(/hemmelig/);
    expect(JSON.parse(r.stdout).error).toMatchObject({ kind: 'usage', exitCode: 2 });
  });
});

describe('HTTPS through the proxy with NODE_EXTRA_CA_CERTS (a process of its own)', () => {
  it('fetches from a server whose certificate only the extra CA vouches for, and says what to do without it', { timeout: 120_000 }, async () => {
    const server = await new ApiServer().start({ key: readFileSync(join(TLS, 'server-key.pem'), 'utf8'), cert: readFileSync(join(TLS, 'server-cert.pem'), 'utf8') });
    const proxy = await new TestProxy().start();
    try {
      populate(server, small());
      const dir = tempDir();
      const mini = join(dir, 'mini.json');
      writeFileSync(mini, JSON.stringify({ exclude: apiCatalogue().map((i) => i.id).filter((id) => !KEEP.has(id)), indicators: [] }));
      const env = { FOLKEHELSE_SSB_API: server.ssbBase, FOLKEHELSE_FHI_API: server.fhiBase, HTTPS_PROXY: proxy.url };
      const args = ['fetch', '--kommune', '5037', '--catalogue', mini, '--json', '--lang', 'en'];
      const ok = await bin([...args, '--data', join(dir, 'a')], { ...env, NODE_EXTRA_CA_CERTS: join(TLS, 'ca.pem') });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).totals).toMatchObject({ downloaded: 5, failed: 0 });
      expect(server.log.length).toBeGreaterThan(5);
      // Every connection to the server was a tunnel through the proxy.
      expect(proxy.tunnels.length).toBeGreaterThan(0);
      expect(new Set(proxy.tunnels)).toEqual(new Set([`127.0.0.1:${server.port}`]));
      const without = await bin([...args, '--data', join(dir, 'b')], env);
      expect(without.code).toBe(2);
      expect(without.stderr).toMatch(/^folkehelse: the certificate of 127\.0\.0\.1:\d+ \(reached through the proxy 127\.0\.0\.1:\d+\) cannot be verified \([A-Z_]+\): .*NODE_EXTRA_CA_CERTS/);
      expect(JSON.parse(without.stdout).error).toMatchObject({ kind: 'network', network: 'certificate' });
    } finally {
      await Promise.all([server.stop(), proxy.stop()]);
    }
  });
});
