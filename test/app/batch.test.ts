import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { build, type BuildRequest } from '../../src/app/build.js';
import { findBrowser } from '../../src/output/pdf.js';
import { INNHERRED, ROOT, tempDir } from '../helpers.js';

/** A private copy of the Innherred fixtures, so a test can change an input. */
function copyFixtures(): string {
  const dir = join(tempDir(), 'innherred');
  cpSync(INNHERRED, dir, { recursive: true });
  return dir;
}

function run(dir: string, out: string, extra: Partial<BuildRequest> = {}) {
  return build({ config: loadConfig(join(dir, 'folkehelse.config.json')), out, formats: ['md', 'html'], ...extra });
}

const statuses = (o: Awaited<ReturnType<typeof build>>) => Object.fromEntries(o.documents.map((d) => [d.id, d.status]));

describe('incremental builds', () => {
  it('builds Levanger, Verdal and the Innherred comparison, then skips all three', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    const first = await run(dir, out);
    expect(statuses(first)).toEqual({ '5037': 'built', '5038': 'built', region: 'built' });
    expect(existsSync(join(out, 'region-innherred', 'side-om-side-2027.nb.md'))).toBe(true);
    const second = await run(dir, out);
    expect(statuses(second)).toEqual({ '5037': 'skipped', '5038': 'skipped', region: 'skipped' });
    // The manifest records what was built from what.
    const index = JSON.parse(readFileSync(second.manifest, 'utf8'));
    expect(index.documents.map((d: { folder: string }) => d.folder)).toEqual(['5037-levanger', '5038-verdal', 'region-innherred']);
    const own = JSON.parse(readFileSync(join(out, '5037-levanger', 'folkehelse-manifest.json'), 'utf8'));
    expect(own.documents.nb.inputFiles.some((f: { file: string }) => f.file.endsWith('ungdata_innherred.csv'))).toBe(true);
    expect(own.documents.nb.outputs.map((o: { file: string }) => o.file)).toContain('oversikt-2027.nb.md');
  });

  it('rebuilds exactly what an input change touches, and everything with force', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    await run(dir, out);
    appendFileSync(join(dir, 'vurderinger', '5037', 'b.md'), '\nEn ny setning.\n');
    expect(statuses(await run(dir, out))).toEqual({ '5037': 'built', '5038': 'skipped', region: 'skipped' });
    appendFileSync(join(dir, 'ungdata', 'ungdata_innherred.csv'), '5038;2024;mobbing;Mobbet;total;alle;900;60\n');
    expect(statuses(await run(dir, out))).toEqual({ '5037': 'built', '5038': 'built', region: 'built' });
    expect(statuses(await run(dir, out, { force: true }))).toEqual({ '5037': 'built', '5038': 'built', region: 'built' });
    expect(statuses(await run(dir, out, { lang: 'nn' }))).toEqual({ '5037': 'built', '5038': 'built', region: 'built' });
  });

  it('a deleted or changed output is rebuilt', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    await run(dir, out);
    appendFileSync(join(out, '5038-verdal', 'oversikt-2027.nb.md'), 'edited by hand\n');
    expect(statuses(await run(dir, out))).toEqual({ '5037': 'skipped', '5038': 'built', region: 'skipped' });
  });
});

describe('shards', () => {
  it('--shard 1/2 and 2/2 together build exactly the set, once', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    const a = await run(dir, out, { shard: { index: 1, count: 2 } });
    const b = await run(dir, out, { shard: { index: 2, count: 2 } });
    const ids = [...a.documents, ...b.documents].map((d) => d.id).sort();
    expect(ids).toEqual(['5037', '5038', 'region']);
    expect([...a.documents, ...b.documents].every((d) => d.status === 'built')).toBe(true);
    expect(statuses(await run(dir, out))).toEqual({ '5037': 'skipped', '5038': 'skipped', region: 'skipped' });
    const index = JSON.parse(readFileSync(join(out, 'folkehelse-manifest.json'), 'utf8'));
    expect(index.documents).toHaveLength(3);
  });
});

describe('--fylke', () => {
  it('builds every municipality of the county that is in the data, and the region report', async () => {
    const dir = copyFixtures();
    const o = await run(dir, join(dir, 'out'), { fylke: '50' });
    expect(o.documents.map((d) => d.id)).toEqual(['5037', '5038', 'region']);
    await expect(run(dir, join(dir, 'out'), { fylke: '03' })).rejects.toThrow(/no municipality of county 03 has data/);
    await expect(run(dir, join(dir, 'out'), { fylke: '99' })).rejects.toThrow(/"99" is not a county number/);
  });
});

/** Whether a document's Markdown is published; the build may remove a staging folder while this walks it. */
function publishedMarkdown(out: string): boolean {
  try {
    return existsSync(out) && readdirSync(out, { recursive: true }).some((f) => String(f).endsWith('.md') && !String(f).includes('.folkehelse-staging'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

describe('a batch killed half-way', () => {
  it('leaves only complete files, and the next run finishes the job', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    const formats = findBrowser().path ? 'md,html,pdf' : 'md,html';
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'folkehelse'), 'build', '--config', join(dir, 'folkehelse.config.json'), '--out', out, '--format', formats, '--concurrency', '1', '--quiet'], { stdio: 'ignore' });
    // Kill it the moment the first document's files appear (a document is published whole, its
    // PDF too, so on a busy machine that can take a while).
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const some = publishedMarkdown(out);
        if (some || Date.now() - t0 > 180_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          if (some) resolve();
          else reject(new Error('no output appeared within 180 s'));
        }
      }, 5);
    });
    await new Promise((r) => child.once('exit', r));
    const check = () => {
      for (const f of readdirSync(out, { recursive: true }).map(String)) {
        // The killed run's staging files and its lock (stale now: the next build takes it over).
        if (f.startsWith('.folkehelse-staging') || f === '.folkehelse-lock') continue;
        const path = join(out, f);
        if (statSync(path).isDirectory()) continue;
        const bytes = readFileSync(path);
        const tail = bytes.subarray(-64).toString('latin1');
        if (f.endsWith('.md')) expect(tail, f).toMatch(/(Laget med folkehelse \S+\.|\| prosent \|)\n$/);
        else if (f.endsWith('.html')) expect(tail, f).toMatch(/<\/html>\n$/);
        else if (f.endsWith('.svg')) expect(tail, f).toMatch(/<\/svg>\n$/);
        else if (f.endsWith('.pdf')) expect(tail, f).toMatch(/%%EOF\s*$/);
        else if (f.endsWith('.json')) expect(() => JSON.parse(bytes.toString('utf8')), f).not.toThrow();
        else throw new Error(`unexpected file ${f}`);
      }
    };
    check();
    const after = await build({ config: loadConfig(join(dir, 'folkehelse.config.json')), out, formats: formats.split(',') as ('md' | 'html' | 'pdf')[] });
    expect(after.documents.every((d) => d.status !== 'failed')).toBe(true);
    check();
    expect(existsSync(join(out, '.folkehelse-staging')) ? readdirSync(join(out, '.folkehelse-staging')) : []).toEqual([]);
  }, 360_000);
});
