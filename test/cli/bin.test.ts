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
  it('an installed package missing its compiled files says so clearly (exit 2, no stack trace), in the user\'s language', () => {
    const dir = copyWith(['package.json', 'bin'], false);
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [join(dir, 'bin', 'folkehelse'), ...args], { encoding: 'utf8', env: { ...process.env, FOLKEHELSE_LANG: '', ...env } });
    const r = run(['--version']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^folkehelse: programmet mangler de kompilerte filene sine \(.*dist.*main\.js finnes ikke\)\.\nPakken er ufullstendig: installer den på nytt/);
    expect(run(['build', '--lang', 'nn']).stderr).toMatch(/^folkehelse: programmet manglar dei kompilerte filene sine \(.*finst ikkje\)\.\nPakken er ufullstendig: installer han på nytt/);
    expect(run(['--version'], { FOLKEHELSE_LANG: 'en' }).stderr).toMatch(/^folkehelse: the program is missing its compiled files \(.*dist.*main\.js does not exist\)\.\nThe package is incomplete: install it again/);
    expect(run(['build', '--lang=en'], { FOLKEHELSE_LANG: 'nn' }).stderr).toMatch(/^folkehelse: the program is missing/);
  });
  it('a checkout without TypeScript installed: run npm ci, then npm run build', () => {
    const dir = copyWith(['package.json', 'bin', 'src', 'tsconfig.json', 'tsconfig.build.json'], false);
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'folkehelse'), '--version'], { encoding: 'utf8', env: { ...process.env, FOLKEHELSE_LANG: '' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Dette er en kopi av kildekoden: kjør `npm ci` og deretter `npm run build`/);
  });
});
