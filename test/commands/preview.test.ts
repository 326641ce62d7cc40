import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPreview } from '../../src/commands/preview.js';
import { main } from '../../src/main.js';
import { EXAMPLE, ROOT, tempDir } from '../helpers.js';

const BIN = join(ROOT, 'bin', 'folkehelse');

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: { NO_COLOR: '1' } };
  return { out, io };
}

async function runIn(...args: string[]) {
  const { out, io } = capture();
  const code = await main(args, io);
  return { code, ...out };
}

function project(): string {
  const dir = tempDir();
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** The CLI as the coordinator starts it, with its output collected; `line(re)` waits for a line on stdout or stderr. */
function start(cwd: string, ...args: string[]) {
  const child = spawn(process.execPath, [BIN, 'preview', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = (re: RegExp, ms = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const t = setInterval(() => {
        const m = re.exec(out.stdout) ?? re.exec(out.stderr);
        if (m) {
          clearInterval(t);
          resolve(m);
        }
      }, 50);
      setTimeout(() => (clearInterval(t), reject(new Error(`not seen within ${ms} ms: ${re}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`))), ms);
      void exited.then(() => setTimeout(() => (clearInterval(t), reject(new Error(`exited before ${re}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`))), 200));
    });
  return { child, out, exited, line };
}

function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('folkehelse preview', () => {
  it('--help: what it does, its options and examples', async () => {
    const r = await runIn('preview', '--help');
    expect(r.code).toBe(0);
    for (const s of ['--config', '--kommune', '--port', '--no-open', '--lang', '$ folkehelse preview --kommune 5037', '127.0.0.1']) expect(r.stdout).toContain(s);
    expect((await runIn('--help')).stdout).toContain('preview');
  });

  it('refuses a bad port, a missing configuration and a language it has no document in', async () => {
    const dir = project();
    const config = join(dir, 'folkehelse.config.json');
    expect(await runIn('preview', '--config', config, '--port', 'åtte')).toMatchObject({ code: 2, stderr: expect.stringContaining('--port: «åtte» er ikke et portnummer fra 0 til 65535') });
    expect(await runIn('preview', '--config', config, '--port', '70000')).toMatchObject({ code: 2 });
    expect(await runIn('preview', '--config', join(dir, 'finnes-ikke.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('finnes-ikke.json: filen eller mappen finnes ikke') });
    expect(await runIn('preview', '--config', config, '--lang', 'en')).toMatchObject({ code: 2 });
    expect(await runIn('preview', '--config', config, '--kommune', '9999')).toMatchObject({ code: 2 });
  });

  it('a broken configuration at the start: said in the coordinator’s words, no stack trace, and the preview runs on', async () => {
    const dir = project();
    const config = join(dir, 'folkehelse.config.json');
    writeFileSync(config, readFileSync(config, 'utf8').replace('"data": ["data"]', '"data": 7'));
    const { out, io } = capture();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const running = runPreview({ config, port: '0', open: false }, io, stopped);
    await new Promise<void>((resolve) => {
      const t = setInterval(() => out.stdout.includes('http://127.0.0.1:') && (clearInterval(t), resolve()), 50);
    });
    expect(out.stderr).toMatch(/^\d\d:\d\d:\d\d Konfigurasjonen kan ikke brukes:\n {2}.*folkehelse\.config\.json/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    stop();
    expect(await running).toBe(0);
    expect(out.stdout).toContain('Forhåndsvisningen er avsluttet.');
  });

  it('serves on loopback, refuses a foreign Host, says when its port is taken, and ends cleanly on Ctrl-C (SIGINT)', async () => {
    const dir = project();
    const a = start(dir, '--port', '0', '--no-open', '--kommune', '5037');
    let child: ChildProcess | null = a.child;
    try {
      const [, port] = await a.line(/Forhåndsvisning av 5037 Levanger: http:\/\/127\.0\.0\.1:(\d+)\//);
      expect(a.out.stdout).toContain(`Skriv vurderingene i ${join('vurderinger', '5037')}`);
      const page = await get(Number(port), '/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('Levanger kommune');
      expect((await get(Number(port), '/', `attacker.example:${port}`)).status).toBe(421);
      expect((await get(Number(port), '/%2e%2e/folkehelse.config.json')).status).toBe(404);

      // A second preview on the same port: told so, at once, before any data is read.
      const b = start(dir, '--port', port!, '--no-open');
      expect(await b.exited).toBe(2);
      expect(b.out.stderr).toContain(`Port ${port} er i bruk`);

      a.child.kill('SIGINT');
      expect(await a.exited).toBe(0);
      child = null;
      expect(a.out.stdout).toContain('Forhåndsvisningen er avsluttet.');
      expect(a.out.stderr).toBe('');
      await expect(get(Number(port), '/')).rejects.toThrow();
    } finally {
      child?.kill('SIGKILL');
    }
  });

  it('ends cleanly on SIGTERM too', async () => {
    const dir = project();
    const config = join(dir, 'folkehelse.config.json');
    // A configuration that cannot be read: the server runs at once, without reading data.
    writeFileSync(config, '{ not json');
    const a = start(dir, '--port', '0', '--no-open', '--lang', 'nn');
    try {
      await a.line(/http:\/\/127\.0\.0\.1:\d+\//);
      expect(a.out.stderr).toContain('Konfigurasjonen kan ikkje brukast:');
      a.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      expect(a.out.stdout).toContain('Førehandsvisinga er avslutta.');
    } finally {
      a.child.kill('SIGKILL');
    }
  });
});
