import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setMessageLang } from '../../src/base/messages.js';
import { readProblem } from '../../src/base/user-file.js';
import { projectPathProblem } from '../../src/config/paths.js';

describe('path problems in the user\'s language', () => {
  afterEach(() => setMessageLang('en'));
  const dir = mkdtempSync(join(tmpdir(), 'fh-paths-'));
  const outside = mkdtempSync(join(tmpdir(), 'fh-outside-'));
  writeFileSync(join(outside, 'x.csv'), 'a;b\n');

  it('says a missing file, a folder and a path outside the project in bokmål, nynorsk and English', () => {
    setMessageLang('nb');
    expect(projectPathProblem(join(dir, 'mangler.csv'), [dir], 'file')).toMatch(/mangler\.csv: filen finnes ikke$/);
    expect(projectPathProblem(dir, [dir], 'file')).toMatch(/er en mappe; her skal det være en fil/);
    expect(projectPathProblem(join(outside, 'x.csv'), [dir], 'file')).toMatch(/ligger utenfor mappen konfigurasjonen ligger i; før den opp i «allowPaths»/);
    setMessageLang('nn');
    expect(projectPathProblem(join(dir, 'mangler.csv'), [dir], 'file')).toMatch(/fila finst ikkje$/);
    expect(projectPathProblem(join(outside, 'x.csv'), [dir], 'file')).toMatch(/ligg utanfor mappa/);
    setMessageLang('en');
    expect(projectPathProblem(join(dir, 'missing'), [dir], 'folder')).toMatch(/missing: no such folder$/);
  });

  it('says why a file cannot be read', () => {
    const enoent = Object.assign(new Error('x'), { code: 'ENOENT' });
    const loop = Object.assign(new Error('x'), { code: 'ELOOP' });
    setMessageLang('nb');
    expect(readProblem(enoent)).toBe('filen eller mappen finnes ikke');
    expect(readProblem(loop)).toBe('er en symbolsk lenke som går i ring');
    setMessageLang('nn');
    expect(readProblem(loop)).toBe('er ei symbolsk lenkje som går i ring');
  });
});

describe('--previous that is not a results file, in the user\'s language', () => {
  afterEach(() => setMessageLang('en'));
  it('names a missing one and a device in bokmål and nynorsk', async () => {
    const { previousProblem } = await import('../../src/results/archive.js');
    setMessageLang('nb');
    expect(previousProblem(join(tmpdir(), 'fh-finnes-ikke-' + process.pid))).toBe('verken en resultatfil eller en mappe med det navnet finnes');
    expect(previousProblem('/dev/null')).toMatch(/leses aldri/);
    setMessageLang('nn');
    expect(previousProblem(join(tmpdir(), 'fh-finnes-ikke-' + process.pid))).toBe('verken ei resultatfil eller ei mappe med det namnet finst');
  });
});

describe('JSON syntax in the user\'s language', () => {
  afterEach(() => setMessageLang('en'));
  it('says where and what in bokmål, nynorsk and English', async () => {
    const { jsonSyntaxError, position } = await import('../../src/base/json-text.js');
    setMessageLang('nb');
    expect(jsonSyntaxError('{"a": [1, 2}')?.message).toBe('her skulle det stå «,» eller «]»');
    expect(position('{\n  x', 4)).toBe('linje 2, kolonne 3');
    setMessageLang('nn');
    expect(jsonSyntaxError('{"a" 1}')?.message).toBe('her skulle det stå «:» etter eit feltnamn');
    setMessageLang('en');
    expect(jsonSyntaxError('[1, 2')?.message).toBe('the text ends before the JSON is complete');
  });
});
