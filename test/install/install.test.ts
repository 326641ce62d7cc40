import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/output/browser.js';
import { EXAMPLE, ROOT, tempDir } from '../helpers.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function ok(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/**
 * As a coordinator installs it: `npm pack` (prepack compiles dist/), then `npm install -g` of the
 * tarball into a temporary prefix with no TypeScript, then the installed command is used in a new
 * project. The packing happens in a copy of the repository so the worktree's dist/ is untouched.
 */
describe('the packed tarball, installed globally', () => {
  it('packs with dist/ and no TypeScript sources or source maps, installs from the npm cache, and init/build work from it', () => {
    // 1. Pack, from a copy of what the repository holds.
    const repo = tempDir();
    for (const entry of ['package.json', 'package-lock.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json', 'bin', 'src', 'data', 'schemas', 'templates', 'examples', 'fixtures']) cpSync(join(ROOT, entry), join(repo, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'junction');
    const packs = tempDir();
    const packed = ok(spawnSync(NPM, ['pack', '--json', '--pack-destination', packs], { cwd: repo, encoding: 'utf8', shell: process.platform === 'win32' }), 'npm pack');
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const files = info!.files.map((f) => f.path);
    expect(files).toContain('dist/main.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('LICENSE');
    for (const dir of ['templates/', 'schemas/', 'data/catalogue/', 'data/geography/', 'data/cli/', 'fixtures/innherred/']) expect(files.some((f) => f.startsWith(dir))).toBe(true);
    expect(files.filter((f) => f.endsWith('.map') || f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.puppeteerrc.cjs'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain('puppeteer'); // puppeteer-core: no browser download at install
    expect(manifest.scripts.prepare).toBeUndefined();
    expect(manifest.scripts.postinstall).toBeUndefined();

    // 2. Install globally into a temporary prefix, from the npm cache that `npm ci` filled
    //    (--prefer-offline: only package metadata missing from the cache is asked for).
    const prefix = tempDir();
    const install = ok(spawnSync(NPM, ['install', '-g', join(packs, info!.filename), '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'warn'], { cwd: prefix, encoding: 'utf8', shell: process.platform === 'win32' }), 'npm install -g');
    // `engines` says Node ≥ 20.19: no dependency may want a newer one (docx is bundled with nanoid 5).
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    const installed = process.platform === 'win32' ? join(prefix, 'node_modules', 'folkehelse') : join(prefix, 'lib', 'node_modules', 'folkehelse');
    expect(existsSync(join(installed, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(installed, 'node_modules', 'puppeteer'))).toBe(false);
    const binDir = process.platform === 'win32' ? prefix : join(prefix, 'bin');
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH}`, NO_COLOR: '1' };
    delete env.FOLKEHELSE_CHROME;
    const work = tempDir();
    const folkehelse = (...args: string[]) => spawnSync('folkehelse', args, { cwd: work, env, encoding: 'utf8', shell: process.platform === 'win32' });

    // 3. Use it.
    expect(ok(folkehelse('--version'), '--version').stdout.trim()).toBe(VERSION);
    expect(ok(folkehelse('-v'), '-v').stdout.trim()).toBe(VERSION);
    ok(folkehelse('init', 'prosjekt', '--kommune', '5037,5038'), 'init');
    // The shipped example, in which every --help example runs (test/commands/help-examples.test.ts).
    ok(folkehelse('init', 'eksempel', '--example'), 'init --example');
    expect(ok(spawnSync('folkehelse', ['validate', 'data'], { cwd: join(work, 'eksempel'), env, encoding: 'utf8', shell: process.platform === 'win32' }), 'validate in the example').status).toBe(0);
    const project = join(work, 'prosjekt');
    // The shipped example's data: the tables as `folkehelse fetch` leaves them, and the Ungdata CSVs.
    for (const source of readdirSync(join(EXAMPLE, 'data')).filter((f) => ['fhi', 'ssb', 'kostra', 'ungdata'].includes(f))) cpSync(join(EXAMPLE, 'data', source), join(project, 'data', source), { recursive: true });
    const inProject = (...args: string[]) => spawnSync('folkehelse', args, { cwd: project, env, encoding: 'utf8', shell: process.platform === 'win32' });
    // `fetch` is added by another part of the project: checked when this build has it.
    if (/^\s+fetch\b/m.test(ok(folkehelse('--help'), '--help').stdout)) ok(inProject('fetch', '--dry-run'), 'fetch --dry-run');
    else console.warn('[install test] this build has no `fetch` command: `fetch --dry-run` not checked');
    ok(inProject('validate', 'data'), 'validate');
    const browser = findBrowser().path;
    if (!browser) console.warn('[install test] no Chrome, Chromium or Edge on this machine: PDF not checked');
    const built = ok(inProject('build', '--format', browser ? 'md,pdf' : 'md'), 'build');
    expect(built.stdout).toMatch(/3 dokumenter: 3 bygget/);
    const md = readFileSync(join(project, 'out', '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    expect(md).toMatch(/^# /m);
    expect(md).toContain('vurderinger/5037/a.md'); // the unwritten assessment is named, questions not published
    expect(md).not.toContain('Spørsmål til hjelp');
    if (browser) expect(readFileSync(join(project, 'out', '5037-levanger', 'oversikt-2027.nb.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 300_000);
});
