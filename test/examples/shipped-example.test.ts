/**
 * The shipped example (fixtures/innherred) is what `folkehelse fetch` writes from APIs in their real
 * shapes: this test fetches the example world (example-world.ts) from the local server into a fresh
 * project and compares every fetched file with the shipped one. `UPDATE_EXAMPLE=1` writes them
 * (never in CI). Sidecars name the documented addresses instead of the local server's.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main.js';
import { FHI_DEFAULT_BASE } from '../../src/sources/fhi/api.js';
import { SSB_DEFAULT_BASE } from '../../src/sources/ssb/api.js';
import { sealed, sealOf, sha256 } from '../../src/fetch/store.js';
import { EXAMPLE, tempDir } from '../helpers.js';
import { ApiServer } from '../fetch/server.js';
import { populateExample } from './example-world.js';

const FETCHED_ON = new Date('2026-11-20T07:30:00Z');
const SOURCES = ['fhi', 'ssb', 'kostra'];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('the shipped example (fixtures/innherred)', () => {
  let server: ApiServer;
  let project: string;
  let fetched: { code: number; stdout: string; stderr: string };
  const update = process.env.UPDATE_EXAMPLE === '1' && !process.env.CI;

  beforeAll(async () => {
    server = await new ApiServer().start();
    server.ssbRateLimit = null;
    populateExample(server);
    project = tempDir();
    cpSync(join(EXAMPLE, 'folkehelse.config.json'), join(project, 'folkehelse.config.json'));
    let stdout = '';
    let stderr = '';
    vi.useFakeTimers({ now: FETCHED_ON, toFake: ['Date'] });
    try {
      const code = await main(['fetch', '--config', join(project, 'folkehelse.config.json')], {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en', FOLKEHELSE_SSB_API: server.ssbBase, FOLKEHELSE_FHI_API: server.fhiBase },
      });
      fetched = { code, stdout, stderr };
    } finally {
      vi.useRealTimers();
    }
    // The local server's addresses become the documented ones (as if fetched from them), in the
    // data files' provenance and the sidecars, whose checksum is then the rewritten file's (and sealed again).
    const documented = (text: string) => text.split(server.fhiBase).join(FHI_DEFAULT_BASE).split(server.ssbBase).join(SSB_DEFAULT_BASE);
    for (const source of SOURCES) {
      for (const f of files(join(project, 'data', source)).filter((f) => f.endsWith('.json'))) {
        const data = join(project, 'data', source, f);
        const text = documented(readFileSync(data, 'utf8'));
        writeFileSync(data, text);
        const side = JSON.parse(documented(readFileSync(`${data}.sidecar`, 'utf8'))) as { sha256: string; seal: string };
        side.sha256 = sha256(text);
        writeFileSync(`${data}.sidecar`, JSON.stringify(sealed(side), null, 2) + '\n');
      }
    }
    if (update) {
      for (const source of SOURCES) {
        rmSync(join(EXAMPLE, 'data', source), { recursive: true, force: true });
        mkdirSync(join(EXAMPLE, 'data'), { recursive: true });
        cpSync(join(project, 'data', source), join(EXAMPLE, 'data', source), { recursive: true });
      }
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('is fetched without a failure', () => {
    expect(fetched.stderr).not.toMatch(/FAILED|failed:|does not have/);
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toMatch(/0 failed/);
  });

  it('holds exactly the files fetch writes, byte for byte', () => {
    for (const source of SOURCES) {
      const mine = files(join(project, 'data', source)).filter((f) => !f.startsWith('.folkehelse'));
      const shipped = files(join(EXAMPLE, 'data', source)).filter((f) => !f.startsWith('.folkehelse'));
      expect(shipped, `fixtures/innherred/data/${source} (UPDATE_EXAMPLE=1 npx vitest run test/examples/shipped-example.test.ts writes it)`).toEqual(mine);
      for (const f of mine) {
        expect(readFileSync(join(EXAMPLE, 'data', source, f), 'utf8'), `${source}/${f}`).toBe(readFileSync(join(project, 'data', source, f), 'utf8'));
      }
    }
  });

  it('has every table of the default catalogue, each with its sidecar', () => {
    const fhi = files(join(EXAMPLE, 'data', 'fhi'));
    expect(fhi.filter((f) => f.endsWith('.json')).length).toBe(server.fhi.size);
    for (const f of fhi.filter((f) => f.endsWith('.json'))) expect(fhi).toContain(`${f}.sidecar`);
    expect(files(join(EXAMPLE, 'data', 'ssb')).filter((f) => f.endsWith('.json')).length + files(join(EXAMPLE, 'data', 'kostra')).filter((f) => f.endsWith('.json')).length).toBe(server.ssb.size);
    const side = JSON.parse(readFileSync(join(EXAMPLE, 'data', 'fhi', 'nokkel-507.json.sidecar'), 'utf8'));
    expect(side.requests[0].url).toBe(`${FHI_DEFAULT_BASE}/nokkel/table/507/data`);
    expect(side.retrievedAt).toBe(FETCHED_ON.toISOString());
    // No local address anywhere; each sidecar's checksum is its file's (a second fetch trusts it).
    for (const source of SOURCES) {
      for (const f of files(join(EXAMPLE, 'data', source)).filter((f) => f.endsWith('.json'))) {
        const text = readFileSync(join(EXAMPLE, 'data', source, f), 'utf8');
        expect(text, f).not.toMatch(/127\.0\.0\.1|localhost/);
        expect(readFileSync(join(EXAMPLE, 'data', source, `${f}.sidecar`), 'utf8'), f).not.toMatch(/127\.0\.0\.1|localhost/);
        const side = JSON.parse(readFileSync(join(EXAMPLE, 'data', source, `${f}.sidecar`), 'utf8'));
        expect(side.sha256, f).toBe(sha256(text));
        expect(side.seal, f).toBe(sealOf(side));
      }
    }
  });
});
