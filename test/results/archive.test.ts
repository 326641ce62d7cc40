import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { build } from '../../src/app/build.js';
import { findPrevious, readResultsFile, serializeResults, toResultsFile } from '../../src/results/archive.js';
import { loadData } from '../../src/sources/load.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import type { ResultsFile } from '../../src/results/types.js';
import { validator } from '../../src/validate/schemas.js';
import { INNHERRED, tempDir } from '../helpers.js';

describe('the results file holds nothing that suppression hides', () => {
  const out = tempDir();
  let text: string;
  let file: ResultsFile;
  beforeAll(async () => {
    const config = loadConfig(join(INNHERRED, 'folkehelse.config.json'));
    // 21 smoking pregnant women (2022–2024) and 30 lonely pupils with poor family economy (2015) are then withheld.
    config.suppression = { numerator: 30 };
    await build({ config, out, kommuner: ['5037'], formats: ['md'] });
    text = readFileSync(join(out, '5037-levanger', 'resultater-2027.json'), 'utf8');
    file = readResultsFile(join(out, '5037-levanger', 'resultater-2027.json'));
  }, 60_000);
  it('a suppressed value is absent: symbol and reason, no value, interval or counts', () => {
    const smoking = file.indicators.find((i) => i.id === 'royking-gravide')!;
    expect(smoking.value!.absent).not.toBeNull();
    expect(smoking.value).toMatchObject({ value: null, lower: null, upper: null, numerator: null, denominator: null });
    const latest = smoking.series.find((s) => s.period.from === 2022 && s.period.to === 2024)!;
    expect(latest.absent).not.toBeNull();
    expect(latest.value).toBeNull();
    // Neither the count nor the share (21/636 = 3.30 %) is anywhere in the indicator.
    const json = JSON.stringify(smoking);
    expect(json).not.toMatch(/"numerator":21\b/);
    expect(json).not.toMatch(/3\.30188/);
    const md = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    expect(md).not.toMatch(/(?<![\d,])3,3\u00a0%/);
  });
  it('a withheld group of a social gradient has no numbers, and neither has the range that would reveal it', async () => {
    // As the engine marks a withheld group: absent, every number null.
    const data = await loadData([INNHERRED]);
    const results = computeIndicators(data.observations, loadCatalogue([]), { kommune: '5037' });
    const lonely = results.find((r) => r.id === 'ensomhet')!;
    const poor = lonely.gradient!.groups.find((g) => g.key === 'dårlig')!;
    expect(poor.value.numerator).toBe(30);
    poor.value = { ...poor.value, value: null, lower: null, upper: null, numerator: null, denominator: null, absent: { symbol: ':', reason: 'primary-suppression' } };
    const archived = toResultsFile({ tool: 't', edition: 2027, kind: 'full', generatedOn: null, kommune: { code: '5037', name: 'Levanger' }, fylke: { code: '50', name: 'Trøndelag' }, previous: null, results, sources: new Map(), challenges: new Set(), resources: new Set() });
    const g = archived.indicators.find((i) => i.id === 'ensomhet')!.gradient!;
    expect(g.groups.find((x) => x.key === 'dårlig')!.value).toMatchObject({ value: null, numerator: null, denominator: null, absent: { symbol: ':' } });
    expect(g.absoluteRange).toBeNull();
    expect(g.relativeRange).toBeNull();
    expect(JSON.stringify(g)).not.toMatch(/43\.47|"numerator":30\b/);
    // No subtraction: neither the other groups' counts nor the total's for that period are in the file.
    for (const x of g.groups) expect(x.value).toMatchObject({ numerator: null, denominator: null });
    const total = archived.indicators.find((i) => i.id === 'ensomhet')!.series.find((v) => v.period.from === g.period.from)!;
    expect(total).toMatchObject({ numerator: null, denominator: null });
    expect(total.value).not.toBeNull();
    expect(validator('results')(JSON.parse(serializeResults(archived)))).toBe(true);
  });
  it('validates against its schema', () => {
    expect(validator('results')(JSON.parse(text))).toBe(true);
  });
});

describe('reading results files', () => {
  const dir = tempDir();
  const good = readFileSync(join(INNHERRED, '..', '..', 'test', 'results', 'fixtures', 'resultater-2027.json'), 'utf8');
  it('the schema refuses a withheld value that still carries its numbers', () => {
    const f = JSON.parse(good) as ResultsFile;
    f.indicators[0]!.value = { ...f.indicators[0]!.value!, absent: { symbol: ':', reason: 'primary-suppression' } };
    const path = join(dir, 'resultater-2027.json');
    writeFileSync(path, JSON.stringify(f, null, 2));
    expect(() => readResultsFile(path)).toThrow(/resultater-2027\.json: 5 problems:\n {2}line \d+, column \d+: indicators\[0\]\.value\.value: must be null/);
  });
  it('a broken file names line and column', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{\n  "format": "folkehelse-results",\n  "edition": 2027,,\n}');
    expect(() => readResultsFile(path)).toThrow(/broken\.json: line 3, column \d+: is not valid JSON/);
    expect(() => readResultsFile(join(dir, 'missing.json'))).toThrow(/missing\.json: no such file/);
  });
  it('finds the latest earlier edition in a folder: an annual update comes after the full document of its year', () => {
    const base = JSON.parse(good) as ResultsFile;
    const write = (name: string, edition: number, kind: 'full' | 'annual', code = '5037') => writeFileSync(join(dir, name), JSON.stringify({ ...base, edition, kind, kommune: { code, name: 'X' } }));
    write('resultater-2023.json', 2023, 'full');
    write('resultater-2024-lopende.json', 2024, 'annual');
    write('resultater-2026-lopende.json', 2026, 'annual', '5038');
    write('resultater-2027.json', 2027, 'full');
    expect(findPrevious(dir, '5037', { edition: 2027, kind: 'full' })).toMatchObject({ edition: 2024, kind: 'annual' });
    expect(findPrevious(dir, '5037', { edition: 2027, kind: 'annual' })).toMatchObject({ edition: 2027, kind: 'full' });
    expect(findPrevious(dir, '5037', { edition: 2023, kind: 'full' })).toBeNull();
    expect(findPrevious(dir, '5038', { edition: 2031, kind: 'full' })).toMatchObject({ edition: 2026 });
  });
});
