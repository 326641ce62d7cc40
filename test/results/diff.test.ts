import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { diffResults, isEmptyDiff } from '../../src/results/diff.js';
import type { ResultsFile, ResultsIndicator } from '../../src/results/types.js';
import { ROOT, tempDir } from '../helpers.js';

/** Levanger's 2027 results for beruselse, skjermtid and ensomhet (a trimmed real results file). */
const FIXTURE = join(ROOT, 'test', 'results', 'fixtures', 'resultater-2027.json');
const load = (): ResultsFile => JSON.parse(readFileSync(FIXTURE, 'utf8')) as ResultsFile;
const find = (f: ResultsFile, id: string): ResultsIndicator => f.indicators.find((i) => i.id === id)!;

/** The next edition, changed by `change`. */
function next(change: (f: ResultsFile) => void): ResultsFile {
  const f = load();
  f.edition = 2028;
  f.kind = 'annual';
  change(f);
  return f;
}

describe('diffResults: each kind of change', () => {
  it('the same results: nothing changed', () => {
    const d = diffResults(load(), next(() => {}));
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.from).toEqual({ edition: 2027, kind: 'full' });
    expect(d.to).toEqual({ edition: 2028, kind: 'annual' });
  });
  it('a verdict change with a new period is new data and a changed verdict, not a revision', () => {
    const d = diffResults(
      load(),
      next((f) => {
        const r = find(f, 'beruselse');
        const latest = { ...r.value!, period: { from: 2025, to: 2025 }, value: 5.3, lower: 4.1, upper: 6.8, numerator: 60, denominator: 1132 };
        r.series.push(latest);
        r.value = latest;
        r.period = latest.period;
        r.verdicts.land = 'better';
        r.challenge = false;
      }),
    );
    expect(d.verdictChanges).toMatchObject([{ id: 'beruselse', against: 'land', from: 'worse', to: 'better', previousPeriod: { from: 2024, to: 2024 }, period: { from: 2025, to: 2025 } }]);
    expect(d.newData).toMatchObject([{ id: 'beruselse', previousValue: expect.closeTo(9.806, 2), value: 5.3 }]);
    expect(d.revisions).toEqual([]);
    expect(d.challengesLeft.map((c) => c.id)).toEqual(['beruselse']);
  });
  it('a value the source changed for the same period is a revision, not new data', () => {
    const d = diffResults(
      load(),
      next((f) => {
        const r = find(f, 'skjermtid');
        r.value = { ...r.value!, value: 50.77, numerator: 560 };
        r.series[r.series.length - 1] = r.value;
      }),
    );
    expect(d.revisions).toMatchObject([{ id: 'skjermtid', period: { from: 2024, to: 2024 }, from: expect.closeTo(46.87, 2), to: 50.77 }]);
    expect(d.newData).toEqual([]);
    expect(d.verdictChanges).toEqual([]);
  });
  it('a difference below the shown decimals is not a revision', () => {
    const d = diffResults(
      load(),
      next((f) => {
        const r = find(f, 'skjermtid');
        r.series[r.series.length - 1] = { ...r.series[r.series.length - 1]!, value: r.series[r.series.length - 1]!.value! + 0.01 };
      }),
    );
    expect(d.revisions).toEqual([]);
  });
  it('new and dropped indicators, and challenges entering and leaving', () => {
    const d = diffResults(
      load(),
      next((f) => {
        const lonely = find(f, 'ensomhet');
        f.indicators = f.indicators.filter((i) => i.id !== 'ensomhet');
        f.indicators.push({ ...lonely, id: 'psykiske-plager-ungdom', title: { nb: 'Psykiske plager', nn: 'Psykiske plager' }, challenge: true });
        find(f, 'skjermtid').challenge = true;
      }),
    );
    expect(d.newIndicators.map((c) => c.id)).toEqual(['psykiske-plager-ungdom']);
    expect(d.droppedIndicators.map((c) => c.id)).toEqual(['ensomhet']);
    expect(d.challengesEntered.map((c) => c.id).sort()).toEqual(['psykiske-plager-ungdom', 'skjermtid']);
    expect(d.challengesLeft.map((c) => c.id)).toEqual(['ensomhet']);
  });
  it('an indicator that lost its data counts as dropped; a withheld value is not a revision', () => {
    const d = diffResults(
      load(),
      next((f) => {
        find(f, 'ensomhet').status = 'no-data';
        const r = find(f, 'skjermtid');
        r.series[r.series.length - 1] = { ...r.series[r.series.length - 1]!, value: null, lower: null, upper: null, numerator: null, denominator: null, absent: { symbol: ':', reason: 'primary-suppression' } };
      }),
    );
    expect(d.droppedIndicators.map((c) => c.id)).toEqual(['ensomhet']);
    expect(d.revisions).toEqual([]);
  });
});

describe('folkehelse diff', () => {
  const dir = tempDir();
  async function run(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
    return { code, stdout, stderr };
  }
  it('escapes text from the files: a crafted title cannot send control sequences to the terminal', async () => {
    const after = next((f) => {
      const r = find(f, 'skjermtid');
      r.title.nb = 'Skjerm\u001b[2J\u001b[31mtid\nFAKE LINE';
      r.value = { ...r.value!, value: 60 };
      r.series[r.series.length - 1] = r.value;
    });
    writeFileSync(join(dir, 'b.json'), JSON.stringify(after));
    const r = await run('diff', FIXTURE, join(dir, 'b.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toMatch(/Skjerm\\x1b\[2J\\x1b\[31mtid\\nFAKE LINE, 2024: 46,9 → 60,0/);
  });
  it('two municipalities, a missing file or an invalid one: a plain message and exit 2', async () => {
    const other = next((f) => (f.kommune = { code: '5038', name: 'Verdal' }));
    writeFileSync(join(dir, 'verdal.json'), JSON.stringify(other));
    const r = await run('diff', FIXTURE, join(dir, 'verdal.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/compare results of the same municipality/);
    const m = await run('diff', FIXTURE, join(dir, 'nope.json'));
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/nope\.json: no such file/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ format: 'folkehelse-results' }));
    const b = await run('diff', FIXTURE, join(dir, 'bad.json'));
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bad\.json: \d+ problems:\n {2}line 1, column 1: formatVersion: is missing/);
    expect(b.stderr).not.toMatch(/internal error|at .*\.ts/);
  });
  it('--json prints the diff', async () => {
    const r = await run('diff', FIXTURE, FIXTURE, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kommune: { code: '5037' }, verdictChanges: [], revisions: [] });
  });
});
