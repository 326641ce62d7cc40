/**
 * Outputs no race or disk can corrupt (issue 24, point 4): one build at a time per output folder,
 * documents swapped in whole, an output folder that leads out of the project through a symbolic
 * link refused, and a full disk, a read-only folder or a missing permission a clear message with
 * exit 1 or 2 — never exit 3. The file system's refusals are simulated (the tests run as root,
 * where permissions do not refuse anything): `failWrites` makes writes under a folder fail with an
 * errno code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { build, type BuildRequest } from '../../src/app/build.js';
import { main } from '../../src/main.js';
import { cleanStaging, OutputError, STAGING, StagedDocument } from '../../src/output/atomic.js';
import { acquireOutputLock, LOCK, OutputLockedError } from '../../src/output/lock.js';
import { INNHERRED, ROOT, tempDir } from '../helpers.js';

/** Writes under `prefix` fail with `code` while set. */
const failing = vi.hoisted(() => ({ prefix: null as string | null, code: 'ENOSPC', after: 0 }));

function shouldFail(path: unknown): boolean {
  if (failing.prefix === null || typeof path !== 'string' || !path.startsWith(failing.prefix)) return false;
  if (failing.after > 0) {
    failing.after--;
    return false;
  }
  return true;
}
const errno = (path: unknown) => Object.assign(new Error(`${failing.code}: simulated, '${String(path)}'`), { code: failing.code, path: String(path) });

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof fs.writeFile = (path, ...rest) => (shouldFail(path) ? Promise.reject(errno(path)) : fs.writeFile(path, ...rest));
  return { ...fs, default: { ...fs, writeFile }, writeFile };
});
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const mkdirSync = ((path: string, options?: unknown) => {
    if (shouldFail(path)) throw errno(path);
    return fs.mkdirSync(path, options as Parameters<typeof fs.mkdirSync>[1]);
  }) as typeof fs.mkdirSync;
  const openSync = ((path: string, ...rest: unknown[]) => {
    if (shouldFail(path)) throw errno(path);
    return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
  }) as typeof fs.openSync;
  return { ...fs, default: { ...fs, mkdirSync, openSync }, mkdirSync, openSync };
});

afterEach(() => {
  failing.prefix = null;
  failing.after = 0;
});

function copyFixtures(): string {
  const dir = join(tempDir(), 'innherred');
  cpSync(INNHERRED, dir, { recursive: true });
  return dir;
}

function run(dir: string, out: string, extra: Partial<BuildRequest> = {}) {
  return build({ config: loadConfig(join(dir, 'folkehelse.config.json')), out, formats: ['md'], ...extra });
}

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1' } });
  return { code, stdout, stderr };
}

/** A process that stays alive while the test needs it: another build, as far as the lock can tell. */
function otherProcess() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

describe('one build at a time per output folder', () => {
  it('a second build into a folder another build holds is refused (exit 2), naming the holder; the folder is left alone', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const other = otherProcess();
    try {
      writeFileSync(join(out, LOCK), JSON.stringify({ pid: other.pid, host: hostname(), started: new Date().toISOString(), token: 'abc' }));
      await expect(run(dir, out)).rejects.toThrow(OutputLockedError);
      const r = await cli('build', '--config', join(dir, 'folkehelse.config.json'), '--out', out, '--format', 'md', '--quiet');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`another folkehelse build \\(process ${other.pid}, started .* UTC\\) is writing into this output folder`));
      expect(readdirSync(out)).toEqual([LOCK]);
      expect(JSON.parse(readFileSync(join(out, LOCK), 'utf8')).token).toBe('abc');
    } finally {
      other.stop();
    }
  }, 60_000);

  it('a lock left by a build that is gone (killed) is taken over, and released at the end', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(out, LOCK), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), started: new Date(Date.now() - 60_000).toISOString(), token: 'old' }));
    const o = await run(dir, out);
    expect(o.documents.every((d) => d.status === 'built')).toBe(true);
    expect(existsSync(join(out, LOCK))).toBe(false);
  }, 60_000);

  it('a lock of another machine is never taken over', () => {
    const out = tempDir();
    writeFileSync(join(out, LOCK), JSON.stringify({ pid: 1, host: `${hostname()}-other`, started: new Date().toISOString(), token: 'x' }));
    expect(() => acquireOutputLock(out)).toThrow(/on .*-other, process 1/);
  });

  it('is re-entrant within one process, and the file goes with the last hold', () => {
    const out = tempDir();
    const a = acquireOutputLock(out);
    const b = acquireOutputLock(out);
    a();
    a(); // once only
    expect(existsSync(join(out, LOCK))).toBe(true);
    b();
    expect(existsSync(join(out, LOCK))).toBe(false);
  });

  it('two builds at once in one process share the lock and leave every document matching its manifest', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    const results = await Promise.allSettled([cli('build', '--config', join(dir, 'folkehelse.config.json'), '--out', out, '--format', 'md', '--quiet'), run(dir, out)]);
    // In one process the lock is shared (its runs write each document in one synchronous step);
    // both finish, and the folder is consistent.
    for (const r of results) expect(r.status).toBe('fulfilled');
    expect(results.map((r) => (r.status === 'fulfilled' && 'code' in r.value ? r.value.code : 0))).toEqual([0, 0]);
    expect(existsSync(join(out, LOCK))).toBe(false);
    for (const folder of readdirSync(out).filter((f) => /^\d{4}-|^region-/.test(f))) {
      const manifest = JSON.parse(readFileSync(join(out, folder, 'folkehelse-manifest.json'), 'utf8')) as { documents: Record<string, { outputs: { file: string; sha256: string }[] }> };
      for (const d of Object.values(manifest.documents)) {
        for (const o of d.outputs) {
          const { createHash } = await import('node:crypto');
          expect(createHash('sha256').update(readFileSync(join(out, folder, o.file))).digest('hex'), `${folder}/${o.file}`).toBe(o.sha256);
        }
      }
    }
  }, 120_000);
  it('two builds at once from two processes: the second is refused while the first writes (exit 2)', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'folkehelse'), 'build', '--config', join(dir, 'folkehelse.config.json'), '--out', out, '--format', 'md', '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    try {
      await new Promise<void>((resolve, reject) => {
        const t0 = Date.now();
        const poll = setInterval(() => {
          if (existsSync(join(out, LOCK)) || Date.now() - t0 > 60_000) {
            clearInterval(poll);
            if (existsSync(join(out, LOCK))) resolve();
            else reject(new Error('the first build took no lock within 60 s'));
          }
        }, 2);
      });
      await expect(run(dir, out)).rejects.toThrow(new RegExp(`another folkehelse build \\(process ${child.pid}, `));
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    expect(existsSync(join(out, LOCK))).toBe(false);
    expect((await run(dir, out)).documents.every((d) => d.status === 'skipped')).toBe(true);
  }, 120_000);
});

describe('documents swapped in whole', () => {
  it('a document whose files cannot all be written publishes none of them: the folder keeps the previous run whole', async () => {
    const dir = copyFixtures();
    const out = join(dir, 'out');
    await run(dir, out);
    const folder = join(out, '5037-levanger');
    const before = Object.fromEntries(readdirSync(folder, { recursive: true }).map(String).filter((f) => f.includes('.')).map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
    failing.prefix = join(out, STAGING);
    failing.after = 1; // the first file is staged, the second fails
    // The documents fail, and so does the output folder's index after them.
    const events: string[] = [];
    await expect(run(dir, out, { force: true, onEvent: (e) => e.type === 'document' && e.outcome.error && events.push(e.outcome.error) })).rejects.toThrow(/the disk is full; free some space and build again \[ENOSPC\]/);
    failing.prefix = null;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e).toMatch(/cannot write .*: the disk is full; free some space and build again \[ENOSPC\]/);
    const after = Object.fromEntries(readdirSync(folder, { recursive: true }).map(String).filter((f) => f.includes('.')).map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
    expect(after).toEqual(before);
  }, 120_000);

  it('a run killed after its journal was written is completed by the next run (the manifest last)', async () => {
    const out = tempDir();
    const folder = join(out, 'doc');
    const staging = join(out, STAGING);
    // A journal as a killed process (pid 2^22 + 1: not running) left it.
    const dead = join(staging, '4194305-doc-deadbeef');
    mkdirSync(join(dead, 'files'), { recursive: true });
    writeFileSync(join(dead, 'files', 'a.md'), 'new a\n');
    writeFileSync(join(dead, 'files', 'folkehelse-manifest.json'), '{"new":true}\n');
    writeFileSync(join(dead, 'commit.json'), JSON.stringify({ folder, files: ['a.md', 'folkehelse-manifest.json'], remove: ['old.svg'] }));
    mkdirSync(folder);
    writeFileSync(join(folder, 'old.svg'), '<svg/>');
    // A staged document without a journal is incomplete: removed, nothing of it published.
    mkdirSync(join(staging, '4194305-doc-cafebabe', 'files'), { recursive: true });
    writeFileSync(join(staging, '4194305-doc-cafebabe', 'files', 'b.md'), 'half');
    expect(await cleanStaging(staging)).toBe(2);
    expect(readdirSync(folder).sort()).toEqual(['a.md', 'folkehelse-manifest.json']);
    expect(readFileSync(join(folder, 'folkehelse-manifest.json'), 'utf8')).toBe('{"new":true}\n');
    expect(readdirSync(staging)).toEqual([]);
  });

  it('a document with no files of its own still gets its manifest', async () => {
    const out = tempDir();
    const folder = join(out, 'region');
    new StagedDocument(join(out, STAGING), folder).commit({ name: 'folkehelse-manifest.json', content: (current) => `${current}` });
    expect(readFileSync(join(folder, 'folkehelse-manifest.json'), 'utf8')).toBe('null');
  });

  it('the manifest is made from the folder as it is when the files go in', async () => {
    const out = tempDir();
    const folder = join(out, 'doc');
    const doc = new StagedDocument(join(out, STAGING), folder);
    await doc.stage('a.md', 'a\n');
    await doc.stage('figurer/f.svg', '<svg/>\n');
    mkdirSync(folder);
    writeFileSync(join(folder, 'folkehelse-manifest.json'), 'before');
    doc.commit({ name: 'folkehelse-manifest.json', content: (current) => `${current} + a` });
    expect(readFileSync(join(folder, 'folkehelse-manifest.json'), 'utf8')).toBe('before + a');
    expect(readFileSync(join(folder, 'figurer', 'f.svg'), 'utf8')).toBe('<svg/>\n');
  });
});

describe('an output folder that leads out of the project through a symbolic link', () => {
  it('is refused (exit 2) and nothing is written where it leads', async () => {
    const dir = copyFixtures();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(dir, 'out'));
    await expect(run(dir, join(dir, 'out'))).rejects.toThrow(/out: .* leads through the symbolic link .* outside the project/);
    const r = await cli('build', '--config', join(dir, 'folkehelse.config.json'), '--out', join(dir, 'out'), '--format', 'md', '--quiet');
    expect(r.code).toBe(2);
    expect(readdirSync(elsewhere)).toEqual([]);
  }, 60_000);

  it('is written when the configuration lists where it leads in "allowPaths"', async () => {
    const dir = copyFixtures();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(dir, 'out'));
    const config = JSON.parse(readFileSync(join(dir, 'folkehelse.config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ ...config, allowPaths: [elsewhere] }));
    const o = await run(dir, join(dir, 'out'));
    expect(o.documents.every((d) => d.status === 'built')).toBe(true);
    expect(readdirSync(elsewhere)).toContain('5037-levanger');
  }, 60_000);

  it('also when the link is a folder further up, or the output folder named outside the project is itself a link (to /etc)', async () => {
    const dir = copyFixtures();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(dir, 'utdata'));
    await expect(run(dir, join(dir, 'utdata', 'out'))).rejects.toThrow(/leads through the symbolic link .*utdata/);
    const etc = join(tempDir(), 'etc-link');
    symlinkSync('/etc', etc);
    await expect(run(dir, etc)).rejects.toThrow(/leads through the symbolic link .* to \/etc/);
    expect(readdirSync(elsewhere)).toEqual([]);
  }, 60_000);

  it('a data folder that is a link out of the project is refused too; a link inside the project is fine', async () => {
    const dir = copyFixtures();
    const elsewhere = tempDir();
    cpSync(join(dir, 'fhi'), join(elsewhere, 'fhi'), { recursive: true });
    const config = JSON.parse(readFileSync(join(dir, 'folkehelse.config.json'), 'utf8')) as { data: string[] };
    symlinkSync(join(elsewhere, 'fhi'), join(dir, 'fhi-lenke'));
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ ...config, data: [...config.data, 'fhi-lenke'] }));
    await expect(run(dir, join(dir, 'out'))).rejects.toThrow(/data\[\d+\]: .*fhi-lenke leads through the symbolic link/);
    unlinkSync(join(dir, 'fhi-lenke'));
    symlinkSync(join(dir, 'fhi'), join(dir, 'fhi-inne'));
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ ...config, data: [...config.data, 'fhi-inne'] }));
    await expect(run(dir, join(dir, 'out'))).resolves.toBeTruthy();
  }, 60_000);
});

describe('a full disk, a read-only folder, a missing permission', () => {
  for (const [code, words] of [
    ['ENOSPC', 'the disk is full'],
    ['EROFS', 'the file system is read-only'],
    ['EACCES', 'permission denied'],
  ] as const) {
    it(`${code} while the documents are written: each document fails with the path and "${words}", exit 1, never 3`, async () => {
      const dir = copyFixtures();
      const out = join(dir, 'out');
      failing.prefix = join(out, STAGING);
      failing.code = code;
      const r = await cli('build', '--config', join(dir, 'folkehelse.config.json'), '--out', out, '--format', 'md', '--quiet');
      failing.prefix = null;
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(words);
      expect(r.stderr).toMatch(new RegExp(`cannot write ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+`));
      expect(r.stderr).not.toMatch(/This is a bug|internal error|at .*\.ts:\d+/);
      expect(existsSync(join(out, LOCK))).toBe(false);
    }, 60_000);

    it(`${code} where the output folder is made: exit 2 with the folder and "${words}"`, async () => {
      const dir = copyFixtures();
      const out = join(dir, 'out');
      failing.prefix = out;
      failing.code = code;
      const r = await cli('build', '--config', join(dir, 'folkehelse.config.json'), '--out', out, '--format', 'md', '--quiet');
      failing.prefix = null;
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cannot write ${out}`);
      expect(r.stderr).toContain(words);
      expect(r.stderr).not.toMatch(/This is a bug/);
    }, 60_000);
  }

  it('an error the file system gives becomes an OutputError; anything else stays what it was', () => {
    const e = OutputError.from(Object.assign(new Error('x'), { code: 'EDQUOT' }), '/a/b');
    expect(e).toBeInstanceOf(OutputError);
    expect(e.message).toBe('cannot write /a/b: the disk quota is used up; free some space and build again [EDQUOT]');
    expect((e as OutputError).exitCode).toBe(1);
    const bug = new TypeError('a bug');
    expect(OutputError.from(bug, '/a')).toBe(bug);
  });
});
