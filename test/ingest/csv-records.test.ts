import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvBatches, splitLine, type CsvRecord } from '../../src/ingest/csv-records.js';
import { openSource } from '../../src/ingest/source-file.js';
import { tempDir } from '../helpers.js';

async function records(text: string, delimiter = ';'): Promise<CsvRecord[]> {
  const path = join(tempDir(), 'f.csv');
  writeFileSync(path, text, 'utf8');
  const out: CsvRecord[] = [];
  for await (const batch of csvBatches(await openSource(path), delimiter, 2)) out.push(...batch);
  return out;
}

describe('csvBatches (csv-parse)', () => {
  it('counts physical lines, skipping empty and delimiter-only lines', async () => {
    expect(await records('a;b\n1;2\n\n;;\n3;4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 5, cells: ['3', '4'] },
    ]);
  });
  it.each([
    ['CRLF', 'a;b\r\n1;2\r\n3;4\r\n'],
    ['LF', 'a;b\n1;2\n3;4\n'],
    ['CR only (Excel "CSV (Macintosh)")', 'a;b\r1;2\r3;4\r'],
    ['mixed', 'a;b\r\n1;2\r3;4\n'],
  ])('reads %s line endings', async (_name, text) => {
    expect(await records(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
  });
  it('handles quoted delimiters, doubled quotes and line breaks inside quotes, with the line a record starts on', async () => {
    expect(await records('"navn";"merknad"\n"Levanger";"sa ""hei""; to"\n"Verdal";"linje 1\nlinje 2"\n"x";1\n')).toEqual([
      { line: 1, cells: ['navn', 'merknad'] },
      { line: 2, cells: ['Levanger', 'sa "hei"; to'] },
      { line: 3, cells: ['Verdal', 'linje 1\nlinje 2'] },
      { line: 5, cells: ['x', '1'] },
    ]);
  });
  it('keeps a quote inside an unquoted cell as a character and rows of any length', async () => {
    expect(await records('a,b\n5 "tommer",x\n1,2,3\n4\n', ',')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['5 "tommer"', 'x'] },
      { line: 3, cells: ['1', '2', '3'] },
      { line: 4, cells: ['4'] },
    ]);
  });
  it('reports an unclosed quote as a CsvSyntaxError with a line', async () => {
    const e = await records('a;b\n1;2\n"3;4\n5;6\n').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CsvSyntaxError);
    expect((e as CsvSyntaxError).line).toBeGreaterThanOrEqual(3);
    expect((e as CsvSyntaxError).message).toMatch(/never closed/);
  });
});

describe('splitLine', () => {
  it('splits like csv-parse and survives a line cut inside quotes', () => {
    expect(splitLine('"a;b";c', ';')).toEqual(['a;b', 'c']);
    expect(splitLine('"a;b', ';')).toEqual(['"a', 'b']);
  });
});
