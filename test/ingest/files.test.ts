import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers.js';

// Tests run as root in CI containers, where chmod 000 does not stop reading: the folder listing is
// made to fail the way it does for a user without permission.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (path: string, options?: unknown) => {
    if (String(path).endsWith('locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
    return (real.readdir as (p: string, o?: unknown) => Promise<unknown>)(path, options);
  }) as typeof real.readdir;
  return { ...real, readdir, default: { ...real, readdir } };
});

const { validatePaths } = await import('../../src/app/validate.js');
const { loadData } = await import('../../src/sources/load.js');

describe('folders of data', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'ok.csv'), 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;3;100;3;0\n');
  mkdirSync(join(dir, 'locked'));
  writeFileSync(join(dir, 'locked', 'x.csv'), 'a;b\n');

  it('an unreadable subfolder is an ordinary file error in validate; the rest is checked', async () => {
    const report = await validatePaths([dir]);
    const locked = report.files.find((f) => f.file.endsWith('locked'));
    expect(locked?.fileError).toMatch(/cannot be read \(permission denied\)/);
    expect(report.files.find((f) => f.file.endsWith('ok.csv'))?.valid).toBe(true);
    expect(report.totals.unreadable).toBe(1);
  });

  it('an unreadable subfolder stops loading with an InputFileError, not an internal error', async () => {
    await expect(loadData([dir])).rejects.toMatchObject({ name: expect.any(String), message: expect.stringMatching(/locked: is a folder that cannot be read/) });
    await expect(loadData([dir])).rejects.toBeInstanceOf((await import('../../src/base/errors.js')).InputFileError);
  });
});

describe('links, pipes and devices in a data folder', () => {
  const posix = process.platform !== 'win32';
  const outside = tempDir();
  writeFileSync(join(outside, 'elsewhere.csv'), 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;3;100;3;0\n');
  const dir = tempDir();
  writeFileSync(join(dir, 'ok.csv'), 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;3;100;3;0\n');
  if (posix) {
    symlinkSync(join(dir, 'ok.csv'), join(dir, 'same.csv'));
    symlinkSync('/proc/self/environ', join(dir, 'env.csv'));
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    symlinkSync(join(outside, 'elsewhere.csv'), join(dir, 'out.csv'));
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
  }

  it.skipIf(!posix)('never opens a pipe (it would block), /proc or /dev, nor a link out of the folder; a link inside it is read', async () => {
    const report = await validatePaths([dir]);
    const byName = (n: string) => report.files.find((f) => f.file.endsWith(n));
    expect(byName('pipe.json')?.fileError).toMatch(/pipe, socket or device/);
    expect(byName('env.csv')?.fileError).toMatch(/never read/);
    expect(byName('zero.json')?.fileError).toMatch(/never read/);
    expect(byName('out.csv')?.fileError).toMatch(/outside the data folder/);
    expect(byName('same.csv')?.valid).toBe(true);
    expect(byName('ok.csv')?.valid).toBe(true);
    await expect(loadData([dir])).rejects.toBeInstanceOf((await import('../../src/base/errors.js')).InputFileError);
  }, 10_000);

  it.skipIf(!posix)('a file under /proc named on the command line is refused; one elsewhere is read', async () => {
    const report = await validatePaths(['/proc/self/status', join(outside, 'elsewhere.csv')]);
    expect(report.files[0]?.fileError).toMatch(/never read/);
    expect(report.files[1]?.valid).toBe(true);
  });
});
