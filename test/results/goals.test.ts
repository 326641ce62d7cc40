import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { evaluateGoals, goalsFor, loadGoals, type Goal } from '../../src/results/goals.js';
import type { ResultsFile } from '../../src/results/types.js';
import { validator } from '../../src/validate/schemas.js';
import { INNHERRED, ROOT, tempDir } from '../helpers.js';

const FIXTURE = join(ROOT, 'test', 'results', 'fixtures', 'resultater-2027.json');
const load = (): ResultsFile => JSON.parse(readFileSync(FIXTURE, 'utf8')) as ResultsFile;

describe('the goals file', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  it('a valid file passes the schema', () => {
    const path = write('ok.json', JSON.stringify({ goals: [{ id: 'a', title: 'A', indicator: 'ensomhet', baseline: { period: '2022–2024' }, target: { value: 20, year: 2031 }, measures: ['x'], responsible: 'y' }] }));
    expect(loadGoals(path, new Set(['ensomhet'])).goals).toHaveLength(1);
  });
  it('problems name line and column: a missing target, a wrong baseline, an unknown indicator, a repeated id', () => {
    const text = `{
  "goals": [
    { "id": "a", "title": "A", "indicator": "ensomhet", "baseline": { "edition": 2027 } },
    { "id": "b", "title": "B", "indicator": "ensomhet", "baseline": { "year": 2027 }, "target": { "value": 1, "year": 2031 } }
  ]
}`;
    expect(() => loadGoals(write('bad.json', text))).toThrow(/bad\.json: 2 problems:\n {2}line 3, column 5: goals\[0\]\.target: is missing\n {2}line 4, column 69: goals\[1\]\.baseline: must be the referansemåling: \{ "edition": 2027 \}/);
    const unknown = `{ "goals": [
  { "id": "a", "title": "A", "indicator": "ensomhet", "baseline": { "edition": 2027 }, "target": { "value": 1, "year": 2031 } },
  { "id": "a", "title": "A", "indicator": "ensomhett", "baseline": { "edition": 2027 }, "target": { "value": 1, "year": 2031 } }
] }`;
    expect(() => loadGoals(write('unknown.json', unknown), new Set(['ensomhet']))).toThrow(/line 3, column 11: goals\[1\]\.id: "a" is used by an earlier goal\n {2}line 3, column 43: goals\[1\]\.indicator: "ensomhett" is not an indicator of the catalogue/);
  });
  it('a build with a bad goals file stops with the message and exit 2, not a stack trace', async () => {
    const project = tempDir();
    cpSync(INNHERRED, project, { recursive: true });
    const raw = JSON.parse(readFileSync(join(project, 'folkehelse.config.json'), 'utf8'));
    raw.goals = 'mal.json';
    delete raw.$schema;
    writeFileSync(join(project, 'folkehelse.config.json'), JSON.stringify(raw));
    writeFileSync(join(project, 'mal.json'), '{ "goals": [ { "id": "x", "title": "X", "indicator": "finnes-ikke", "baseline": { "edition": 2027 }, "target": { "value": 1, "year": 2031 } } ] }');
    let stderr = '';
    const code = await main(['build', '--config', join(project, 'folkehelse.config.json'), '--kommune', '5037', '--format', 'md', '--out', join(project, 'ut'), '--quiet'], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/mal\.json: line 1, column \d+: goals\[0\]\.indicator: "finnes-ikke" is not an indicator of the catalogue/);
    expect(stderr).not.toMatch(/internal error/);
  });
  it('a goals file outside the configuration\'s folder is refused like any other configured file', async () => {
    const { loadConfig } = await import('../../src/config/config.js');
    const project = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'mal.json'), '{ "goals": [] }');
    writeFileSync(join(project, 'folkehelse.config.json'), JSON.stringify({ kommuner: ['5037'], data: ['.'], edition: 2027, goals: join(outside, 'mal.json') }));
    expect(() => loadConfig(join(project, 'folkehelse.config.json'))).toThrow(/goals: .*mal\.json is outside the configuration's folder/);
  });
  it('build --previous with a path that does not exist, or an unknown --kind: a usage error', async () => {
    const run = async (...args: string[]) => {
      let stderr = '';
      const code = await main(args, { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
      return { code, stderr };
    };
    const config = join(INNHERRED, 'folkehelse.config.json');
    const a = await run('build', '--config', config, '--kommune', '5037', '--format', 'md', '--out', join(tempDir(), 'ut'), '--previous', join(tempDir(), 'finnes-ikke'));
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--previous: .*finnes-ikke: no such results file or folder/);
    const b = await run('build', '--config', config, '--kind', 'weekly');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--kind: "weekly" is not full .* or annual/);
    const c = await run('build', '--config', config, '--edition', '28');
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--edition: "28" is not a year/);
  });
  it('the schema itself compiles and refuses an unknown goal type', () => {
    const v = validator('goals');
    expect(v({ goals: [{ id: 'a', title: 'A', indicator: 'x', type: 'trend', baseline: { edition: 2027 }, target: { value: 1, year: 2031 } }] })).toBe(false);
  });
});

describe('evaluateGoals', () => {
  const goal = (g: Partial<Goal>): Goal => ({ id: 'g', title: 'G', indicator: 'ensomhet', baseline: { edition: 2027 }, target: { value: 20, year: 2031 }, ...g });
  it('a baseline period from the series: the change to the latest value is tested', () => {
    const [s] = evaluateGoals([goal({ baseline: { period: '2015' } })], load(), () => null);
    expect(s!.baseline).toMatchObject({ edition: null, period: { from: 2015, to: 2015 } });
    expect(s!.baseline!.value).toBeCloseTo((201 / 1120) * 100, 6);
    expect(s!.latest!.period).toEqual({ from: 2024, to: 2024 });
    expect(s!.test).toMatchObject({ method: 'two-proportions', significant: true });
    expect(s!.direction).toBe('increase');
    expect(s!.reached).toBe(true);
  });
  it('the baseline edition is this edition: no change yet, but the power note', () => {
    const [s] = evaluateGoals([goal({})], load(), () => null);
    expect(s!.test).toBeNull();
    expect(s!.power!.needed).toBeCloseTo(26.307 - 20, 2);
    expect(s!.power!.detectableEnough).toBe(true);
  });
  it('a baseline edition that is not archived, a period without data, and an indicator without data', () => {
    const f = load();
    f.edition = 2031;
    const [a, b] = evaluateGoals([goal({}), goal({ baseline: { period: '2010' } })], f, () => null);
    expect(a!.problem).toBe('no-baseline');
    expect(b!.problem).toBe('no-baseline');
    const [c] = evaluateGoals([goal({ indicator: 'finnes-ikke' })], f, () => null);
    expect(c!.problem).toBe('no-data');
  });
  it('an equity goal on an indicator without a gradient', () => {
    const [s] = evaluateGoals([goal({ indicator: 'skjermtid', type: 'equity' })], load(), () => null);
    expect(s!.problem).toBe('no-gradient');
  });
  it('baseline periods: a year, years, a school year', async () => {
    const { parsePeriod } = await import('../../src/results/goals.js');
    expect(parsePeriod('2024')).toEqual({ from: 2024, to: 2024 });
    expect(parsePeriod('2022–2024')).toEqual({ from: 2022, to: 2024 });
    expect(parsePeriod('2023/24')).toEqual({ from: 2023, to: 2024 });
    expect(parsePeriod('1999/00')).toEqual({ from: 1999, to: 2000 });
  });
  it('goals for one municipality only', () => {
    expect(goalsFor({ goals: [goal({ id: 'a' }), goal({ id: 'b', kommune: '5038' }), goal({ id: 'c', kommune: '5037' })] }, '5037').map((g) => g.id)).toEqual(['a', 'c']);
  });
});

describe('examples/folkehelsemal.json', () => {
  it('is a valid goals file whose indicators are in the catalogue', async () => {
    const { loadCatalogue } = await import('../../src/indicators/catalogue.js');
    const file = loadGoals(join(ROOT, 'examples', 'folkehelsemal.json'), new Set(loadCatalogue().map((i) => i.id)));
    expect(file.goals.map((g) => g.id)).toEqual(['ensomhet-unge', 'ensomhet-likhet', 'beruselse-ned']);
  });
});
