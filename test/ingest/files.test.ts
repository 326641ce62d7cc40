import { mkdirSync, writeFileSync } from 'node:fs';
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

const { validatePaths } = await import('../../src/validate/validate.js');
const { loadData } = await import('../../src/ingest/load.js');

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
    await expect(loadData([dir])).rejects.toBeInstanceOf((await import('../../src/errors.js')).InputFileError);
  });
});
