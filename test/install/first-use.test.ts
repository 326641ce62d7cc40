import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

/** A copy of the package with some of its parts, no dist/, and the checkout's node_modules. */
function checkout(entries: string[]): string {
  const dir = tempDir();
  for (const e of entries) cpSync(join(ROOT, e), join(dir, e), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'junction');
  return dir;
}

// Slow (a whole compile of the sources in a copy): with the install tests, run by `npm run test:all`;
// test/cli/bin.test.ts has the quick cases of a package without dist/.
describe('bin/folkehelse without dist/', () => {
  it('a checkout after `npm ci` (no install-time build): compiled on first use, then it runs', () => {
    const dir = checkout(['package.json', 'bin', 'src', 'tsconfig.json', 'tsconfig.build.json', 'data', 'schemas', 'templates']);
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'folkehelse'), '--version'], { encoding: 'utf8', env: { ...process.env, FOLKEHELSE_LANG: '' } });
    expect(r.stderr).toMatch(/kompilerer TypeScript-kildene til dist\//);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(existsSync(join(dir, 'dist', 'main.js'))).toBe(true);
    const again = spawnSync(process.execPath, [join(dir, 'bin', 'folkehelse'), '-v'], { encoding: 'utf8' });
    expect(again.stderr).toBe('');
  }, 180_000);
});
