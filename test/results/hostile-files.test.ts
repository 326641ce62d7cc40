/**
 * Files that are not files, and files made to hurt (issue 24, point 5): pipes, devices and /proc
 * refused before they are opened — `diff` and `build --previous` included — with nothing of them
 * printed; JSON nested 100 000 deep or with thousands of errors refused with a clear message in
 * time linear in the file; goals whose target comes before the baseline, and periods written
 * backwards, errors with line and column; a reference Word document with a DOCTYPE refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { listResultsFiles, readResultsFile } from '../../src/results/archive.js';
import { loadGoals, periodProblem } from '../../src/results/goals.js';
import { JsonFileError, jsonSyntaxError, MAX_JSON_DEPTH, MAX_PROBLEMS } from '../../src/results/json-file.js';
import { readReferenceStyles } from '../../src/report/docx-styles.js';
import { tempDir } from '../helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'resultater-2027.json');

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
  return { code, stdout, stderr };
}

function fifo(dir: string, name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

describe('files that are not regular files are refused before they are opened', () => {
  it('a results file that is a named pipe: refused at once (no writer ever comes)', () => {
    const dir = tempDir();
    const pipe = fifo(dir, 'resultater-2027.json');
    const t0 = performance.now();
    expect(() => readResultsFile(pipe)).toThrow(/is a named pipe \(FIFO\), not a regular file; it was not opened/);
    expect(performance.now() - t0).toBeLessThan(1000);
    // A folder of results files lists no pipe.
    expect(listResultsFiles(dir)).toEqual([]);
  });

  it('diff of a pipe, /proc/self/environ, /dev/zero or /etc/passwd: exit 2, and not a byte of them printed', async () => {
    const dir = tempDir();
    const pipe = fifo(dir, 'a.json');
    for (const path of [pipe, '/proc/self/environ', '/dev/zero', '/etc/passwd']) {
      const r = await cli('diff', path, FIXTURE);
      expect(r.code, path).toBe(2);
      expect(r.stdout, path).toBe('');
      expect(r.stderr, path).toMatch(/not a regular file|are never read|is not a folkehelse results file|is not valid JSON/);
      expect(r.stderr, path).not.toMatch(/root:|PATH=|HOME=|\u0000/);
      const back = await cli('diff', FIXTURE, path);
      expect(back.code, path).toBe(2);
      expect(back.stderr, path).not.toMatch(/root:|PATH=|HOME=/);
    }
  });

  it('a file that is JSON but not a results file is refused in one sentence, quoting nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret.json'), JSON.stringify({ password: 'hunter2', list: [1, 2, 3] }));
    const r = await cli('diff', join(dir, 'secret.json'), FIXTURE);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/secret\.json: is not a folkehelse results file/);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('build --previous with a folder that holds a pipe named like a results file does not block', async () => {
    const dir = tempDir();
    const archive = join(dir, 'arkiv');
    mkdirSync(join(archive, '5037-levanger'), { recursive: true });
    fifo(join(archive, '5037-levanger'), 'resultater-2023.json');
    fifo(archive, 'resultater-2019.json');
    const t0 = performance.now();
    expect(listResultsFiles(archive)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('JSON made to hurt', () => {
  it('nested 100 000 deep: a clear message with line and column, no stack overflow', () => {
    const dir = tempDir();
    const path = join(dir, 'resultater-2027.json');
    writeFileSync(path, '['.repeat(100_000) + ']'.repeat(100_000));
    const t0 = performance.now();
    expect(() => readResultsFile(path)).toThrow(JsonFileError);
    expect(() => readResultsFile(path)).toThrow(new RegExp(`line 1, column ${MAX_JSON_DEPTH + 1}: is nested more than ${MAX_JSON_DEPTH} levels deep`));
    expect(performance.now() - t0).toBeLessThan(2000);
    // An object nested as deep inside a valid results file's field, too.
    const fixture = readFileSync(FIXTURE, 'utf8').replace('"previous": null', `"previous": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`);
    writeFileSync(path, fixture);
    expect(() => readResultsFile(path)).toThrow(/is nested more than/);
  });

  it('a 9 MB results file with thousands of errors is refused in linear time, listing the first and counting the rest', () => {
    const dir = tempDir();
    const path = join(dir, 'resultater-2027.json');
    const good = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { indicators: unknown[] };
    const bad = { id: 'x', padding: 'y'.repeat(4000) };
    const big = (n: number) => JSON.stringify({ ...good, indicators: Array.from({ length: n }, () => bad) }, null, 1);
    const time = (n: number) => {
      writeFileSync(path, big(n));
      const t0 = performance.now();
      let message = '';
      try {
        readResultsFile(path);
      } catch (e) {
        message = (e as Error).message;
      }
      return { ms: performance.now() - t0, message };
    };
    const small = time(250);
    const large = time(2000);
    expect(large.message).toMatch(/problems:\n {2}line \d+, column \d+: indicators\[0\]/);
    expect(large.message).toMatch(/… and \d+ more problems$/);
    expect(large.message.split('\n').length).toBe(MAX_PROBLEMS + 2);
    expect(large.message).not.toContain('yyyy');
    // Every item's problems counted, numbered where they are: 8 × the items, 8 × the problems.
    const total = (m: string) => MAX_PROBLEMS + Number(/… and (\d+) more problems$/.exec(m)![1]);
    expect(total(large.message)).toBe(8 * total(small.message));
    expect(large.message).toMatch(/line \d+, column \d+: indicators\[0\]\.\w+: /);
    // 8 × the file: well under 64 × the time (quadratic), with room for a busy machine.
    expect(large.ms).toBeLessThan(Math.max(4000, small.ms * 30));
  }, 60_000);

  it('property: the syntax check agrees with JSON.parse on any text, and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1)))), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const problem = jsonSyntaxError(text, 1000);
        expect(problem === null).toBe(parses);
      }),
      { numRuns: 500 },
    );
  });
});

describe('goals and periods', () => {
  const write = (name: string, text: string) => {
    const path = join(tempDir(), name);
    writeFileSync(path, text);
    return path;
  };

  it('a target year before the baseline is an error with line and column', () => {
    const text = `{ "goals": [
  { "id": "a", "title": "A", "indicator": "ensomhet", "baseline": { "period": "2022-2024" }, "target": { "value": 1, "year": 2020 } },
  { "id": "b", "title": "B", "indicator": "ensomhet", "baseline": { "edition": 2027 }, "target": { "value": 1, "year": 2025 } }
] }`;
    expect(() => loadGoals(write('mal.json', text))).toThrow(
      /mal\.json: 2 problems:\n {2}line 2, column 126: goals\[0\]\.target\.year: 2020 is before the baseline period 2022-2024; a target is reached after its baseline\n {2}line 3, column 120: goals\[1\]\.target\.year: 2025 is before the baseline edition 2027/,
    );
  });

  it('a baseline period written backwards is an error with line and column, never read as another period', () => {
    const text = `{ "goals": [
  { "id": "a", "title": "A", "indicator": "ensomhet", "baseline": { "period": "2018_2014" }, "target": { "value": 1, "year": 2031 } }
] }`;
    expect(() => loadGoals(write('mal.json', text))).toThrow(/line 2, column 79: goals\[0\]\.baseline\.period: "2018_2014" ends before it starts \(write the first year first, e\.g\. 2014-2018\)/);
  });

  it('periods: forwards, school years and the century turn are fine; backwards ones are not', () => {
    for (const ok of ['2014-2018', '2014_2018', '2022–2024', '2023/24', '1999/00', '2024']) expect(periodProblem(ok), ok).toBeNull();
    for (const bad of ['2018_2014', '2018-2014', '2024-22', '2018–2014']) expect(periodProblem(bad), bad).toMatch(/ends before it starts/);
    expect(periodProblem('2020/2023')).toMatch(/is not a school year/);
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 20 }), fc.constantFrom('-', '_', '–'), (from, span, sep) => {
        expect(periodProblem(`${from}${sep}${from + span}`)).toBeNull();
        expect(periodProblem(`${from + span}${sep}${from}`)).toMatch(/ends before it starts/);
      }),
    );
  });
});

describe('a reference Word document', () => {
  const docx = (styles: string) => {
    const path = join(tempDir(), 'mal.docx');
    writeFileSync(path, zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/styles.xml': strToU8(styles) }));
    return path;
  };

  it('with a DOCTYPE or entity declarations is refused, as documented, naming no file it points to', () => {
    for (const styles of [
      '<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:styles>&xxe;</w:styles>',
      '<?xml version="1.0"?><!doctype w:styles><w:styles/>',
      '<?xml version="1.0"?><!ENTITY a "b"><w:styles/>',
    ]) {
      expect(() => readReferenceStyles(docx(styles))).toThrow(/word\/styles\.xml declares a DOCTYPE or entities, which Word never writes and folkehelse does not read/);
    }
    expect(readReferenceStyles(docx('<?xml version="1.0"?><w:styles/>'))).toBe('<?xml version="1.0"?><w:styles/>');
  });

  it('that is a pipe, or not a zip, is refused without blocking', () => {
    const dir = tempDir();
    expect(() => readReferenceStyles(fifo(dir, 'mal.docx'))).toThrow(/named pipe/);
    writeFileSync(join(dir, 'tekst.docx'), 'just text');
    expect(() => readReferenceStyles(join(dir, 'tekst.docx'))).toThrow(/not a \.docx \(zip\) file/);
  });
});
