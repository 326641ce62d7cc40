import { spawnSync } from 'node:child_process';
import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

/** A copy of the package with some of its parts, and no dist/. */
function copyWith(entries: string[], linkModules: boolean): string {
  const dir = tempDir();
  for (const e of entries) cpSync(join(ROOT, e), join(dir, e), { recursive: true });
  if (linkModules) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'junction');
  return dir;
}

// The checkout compiled on first use (a whole `tsc`) is in test/install/first-use.test.ts, with the slow tests.
describe('bin/folkehelse without dist/', () => {
  it('an installed package missing its compiled files says so clearly (exit 2, no stack trace)', () => {
    const dir = copyWith(['package.json', 'bin'], false);
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'folkehelse'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^folkehelse: the program is missing its compiled files \(.*dist.*main\.js does not exist\)\.\nThe package is incomplete: install it again/);
  });
  it('a checkout without TypeScript installed: run npm ci, then npm run build', () => {
    const dir = copyWith(['package.json', 'bin', 'src', 'tsconfig.json', 'tsconfig.build.json'], false);
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'folkehelse'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/This is a checkout of the sources: run `npm ci` and then `npm run build`/);
  });
});
