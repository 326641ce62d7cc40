import { closeSync, openSync, writeFileSync, ftruncateSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/base/errors.js';
import { scanFile } from '../../src/sources/read.js';
import { validatePaths } from '../../src/app/validate.js';
import { tempDir } from '../helpers.js';

async function fileError(path: string): Promise<string> {
  try {
    await scanFile(path);
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    return (e as Error).message;
  }
  throw new Error('expected an InputFileError');
}

describe('files that are not data', () => {
  const dir = tempDir();
  it('a missing file', async () => expect(await fileError(join(dir, 'nope.csv'))).toMatch(/nope\.csv: no such file or folder/));
  it('a folder', async () => expect(await fileError(dir)).toMatch(/is a folder/));
  it('an empty file', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    expect(await fileError(join(dir, 'empty.csv'))).toMatch(/is empty \(0 bytes\)/);
  });
  it('a file with only white space', async () => {
    writeFileSync(join(dir, 'blank.csv'), '\n\n  \n');
    expect(await fileError(join(dir, 'blank.csv'))).toMatch(/no data/);
  });
  it('a binary file', async () => {
    writeFileSync(join(dir, 'image.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    expect(await fileError(join(dir, 'image.csv'))).toMatch(/binary file/);
  });
  it('an Excel workbook saved with a .csv name', async () => {
    writeFileSync(join(dir, 'book.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    expect(await fileError(join(dir, 'book.csv'))).toMatch(/Excel workbook.*save it as CSV/);
  });
  it('a 2 GB file, without reading it', async () => {
    const big = join(dir, 'national.csv');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 2 * 1024 ** 3); // sparse: takes no disk space
    closeSync(fd);
    expect(await fileError(big)).toMatch(/is 2\.0 GB, more than the 1\.0 GB folkehelse reads.*--max-size/);
  });
  it('a CSV of an unknown kind', async () => {
    writeFileSync(join(dir, 'other.csv'), 'name;age\nKari;40\n');
    expect(await fileError(join(dir, 'other.csv'))).toMatch(/does not look like any export folkehelse reads.*--format/);
  });
  it('a folder with an unreadable file still reports the others', async () => {
    const sub = join(dir, 'mixed');
    mkdirSync(sub);
    writeFileSync(join(sub, 'a.csv'), 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;1;10;10;0\n');
    writeFileSync(join(sub, 'b.csv'), '');
    writeFileSync(join(sub, 'README.md'), '# notes');
    const r = await validatePaths([sub]);
    expect(r.files.map((f) => [f.file.split('/').pop(), f.valid, f.fileError !== null])).toEqual([['a.csv', true, false], ['b.csv', false, true]]);
    expect(r.skipped.map((s) => s.split('/').pop())).toEqual(['README.md']);
  });
});
