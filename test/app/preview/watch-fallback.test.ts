import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers.js';

// A platform without recursive fs.watch (as Node on some systems): watching a tree must fall back to one watch per folder.
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const watch = ((path: string, options: { recursive?: boolean }, listener: (event: string, name: string | null) => void) => {
    if (options?.recursive) throw Object.assign(new TypeError('The feature watch recursively is unavailable on the current platform'), { code: 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM' });
    return fs.watch(path, options as never, listener as never);
  }) as typeof fs.watch;
  return { ...fs, watch, default: { ...fs, watch } };
});

const { ProjectWatcher } = await import('../../../src/app/preview/watch.js');

describe('ProjectWatcher where recursive watching is not supported', () => {
  it('falls back to one watch per folder and still sees a change deep in the tree', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data', 'fhi', 'eldre'), { recursive: true });
    const seen: string[][] = [];
    const w = new ProjectWatcher([{ path: join(dir, 'data'), kind: 'data' }], (b) => seen.push(b.paths), { mode: 'recursive', debounceMs: 50 });
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(w.watched().sort()).toEqual([join(dir, 'data'), join(dir, 'data', 'fhi'), join(dir, 'data', 'fhi', 'eldre')]);
      writeFileSync(join(dir, 'data', 'fhi', 'eldre', 'nokkel-507.json'), '{}');
      await vi.waitFor(() => expect(seen.flat()).toContain(join(dir, 'data', 'fhi', 'eldre', 'nokkel-507.json')), { timeout: 5000 });
    } finally {
      w.close();
    }
  });
});
