import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classify, isNoise, ProjectWatcher, type ChangeBatch, type WatchTarget } from '../../../src/app/preview/watch.js';
import { tempDir } from '../../helpers.js';

describe('classify: what a changed path means', () => {
  const root = '/p';
  const targets: WatchTarget[] = [
    { path: '/p/folkehelse.config.json', kind: 'config' },
    { path: '/p', kind: 'data', accept: (n) => /\.(csv|json)$/.test(n) },
    { path: '/p/vurderinger/5037', kind: 'assessment' },
    { path: '/p/mine-indikatorer.json', kind: 'setup' },
    { path: '/p/out', kind: 'ignore' },
  ];
  it('the most specific target decides', () => {
    expect(classify(`${root}/folkehelse.config.json`, targets)).toBe('config');
    expect(classify(`${root}/ssb/07459.json`, targets)).toBe('data');
    expect(classify(`${root}/vurderinger/5037/b.md`, targets)).toBe('assessment');
    expect(classify(`${root}/vurderinger/5037`, targets)).toBe('assessment');
    expect(classify(`${root}/mine-indikatorer.json`, targets)).toBe('setup');
    expect(classify(`${root}/out/5037-levanger/oversikt-2027.nb.html`, targets)).toBeNull();
    expect(classify('/elsewhere/a.csv', targets)).toBeNull();
  });
  it("editors' temporary files, hidden folders and names a folder does not take mean nothing", () => {
    for (const f of ['vurderinger/5037/.b.md.swp', 'vurderinger/5037/b.md~', 'vurderinger/5037/4913', 'vurderinger/5037/#b.md#', '.git/index', 'ssb/07459.json.crdownload', 'ssb/notat.docx']) expect(classify(`${root}/${f}`, targets), f).toBeNull();
    expect(isNoise('.#b.md')).toBe(true);
    expect(isNoise('b.md')).toBe(false);
    // A municipality's folder is a number; only a file named by a number is Vim's write test.
    expect(classify(`${root}/vurderinger/5037`, targets)).toBe('assessment');
  });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects the watcher's batches; `next()` waits for the next one. */
function collector() {
  const batches: ChangeBatch[] = [];
  let waiting: ((b: ChangeBatch) => void) | null = null;
  return {
    batches,
    on: (b: ChangeBatch) => {
      batches.push(b);
      waiting?.(b);
      waiting = null;
    },
    next: (ms = 5000) =>
      new Promise<ChangeBatch>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no batch within ${ms} ms`)), ms);
        waiting = (b) => {
          clearTimeout(t);
          resolve(b);
        };
      }),
  };
}

for (const mode of ['recursive', 'per-folder'] as const) {
  describe(`ProjectWatcher (${mode})`, () => {
    let watcher: ProjectWatcher | null = null;
    afterEach(() => watcher?.close());

    function project() {
      const dir = tempDir();
      mkdirSync(join(dir, 'data', 'ssb'), { recursive: true });
      mkdirSync(join(dir, 'vurderinger'), { recursive: true });
      writeFileSync(join(dir, 'folkehelse.config.json'), '{}');
      writeFileSync(join(dir, 'data', 'ssb', '07459.json'), '{}');
      const targets: WatchTarget[] = [
        { path: join(dir, 'folkehelse.config.json'), kind: 'config' },
        { path: join(dir, 'data'), kind: 'data', accept: (n) => /\.(csv|json|sidecar)$/.test(n) },
        // Not there yet: watched through its parent until it is made.
        { path: join(dir, 'vurderinger', '5037'), kind: 'assessment' },
        { path: join(dir, 'out'), kind: 'ignore' },
      ];
      return { dir, targets };
    }

    it('a folder made with its file at once, an edit, a new file, a rename-over and a delete: each one batch', async () => {
      const { dir, targets } = project();
      const c = collector();
      watcher = new ProjectWatcher(targets, c.on, { mode, debounceMs: 80 });
      await pause(100);
      let next = c.next();
      mkdirSync(join(dir, 'vurderinger', '5037'));
      writeFileSync(join(dir, 'vurderinger', '5037', 'b.md'), 'første');
      expect([...(await next).kinds]).toEqual(['assessment']);
      await pause(150);

      // An editor's save in several steps (truncate, write, write) is one batch.
      next = c.next();
      const count = c.batches.length;
      writeFileSync(join(dir, 'vurderinger', '5037', 'b.md'), '');
      writeFileSync(join(dir, 'vurderinger', '5037', 'b.md'), 'andre');
      writeFileSync(join(dir, 'vurderinger', '5037', 'b.md'), 'andre, igjen');
      const edit = await next;
      expect([...edit.kinds]).toEqual(['assessment']);
      expect(edit.paths).toContain(join(dir, 'vurderinger', '5037', 'b.md'));
      await pause(200);
      expect(c.batches.length).toBe(count + 1);

      // Saved by rename-over (write a temporary file, rename it into place).
      next = c.next();
      writeFileSync(join(dir, 'vurderinger', '5037', '.c.md.tmp'), 'ny');
      renameSync(join(dir, 'vurderinger', '5037', '.c.md.tmp'), join(dir, 'vurderinger', '5037', 'c.md'));
      expect((await next).paths).toContain(join(dir, 'vurderinger', '5037', 'c.md'));
      await pause(150);

      next = c.next();
      rmSync(join(dir, 'vurderinger', '5037', 'c.md'));
      expect([...(await next).kinds]).toEqual(['assessment']);
    });

    it('data in a new sub-folder, the configuration, and nothing for the output folder or stray files', async () => {
      const { dir, targets } = project();
      const c = collector();
      watcher = new ProjectWatcher(targets, c.on, { mode, debounceMs: 80 });
      await pause(100);
      let next = c.next();
      mkdirSync(join(dir, 'data', 'fhi'));
      await next;
      await pause(150);
      next = c.next();
      writeFileSync(join(dir, 'data', 'fhi', 'nokkel-507.json'), '{}');
      expect((await next).paths).toContain(join(dir, 'data', 'fhi', 'nokkel-507.json'));
      await pause(150);

      const before = c.batches.length;
      mkdirSync(join(dir, 'out'));
      writeFileSync(join(dir, 'out', 'x.html'), '');
      writeFileSync(join(dir, 'data', 'notes.docx'), '');
      await pause(400);
      expect(c.batches.length).toBe(before);

      next = c.next();
      writeFileSync(join(dir, 'folkehelse.config.json'), '{"changed": true}');
      expect([...(await next).kinds]).toEqual(['config']);
    });

    it('close() ends every watch', async () => {
      const { dir, targets } = project();
      const c = collector();
      const w = new ProjectWatcher(targets, c.on, { mode, debounceMs: 50 });
      expect(w.watched().length).toBeGreaterThan(0);
      w.close();
      expect(w.watched()).toEqual([]);
      writeFileSync(join(dir, 'data', 'ssb', '07459.json'), '{"x":1}');
      await pause(200);
      expect(c.batches).toEqual([]);
    });
  });
}
