/**
 * `indicators` reads the configuration (issue 24, point 1): with `--config` (or
 * ./folkehelse.config.json) it prints exactly the numbers `build` publishes — the configuration's
 * data, catalogue, neighbours and KOSTRA group, its suppression limits, and what earlier editions
 * in its output folder withheld. Without one it is as before (`--data`, `--kommune`).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { INNHERRED, SYNTHETIC_CATALOGUE, tempDir } from '../helpers.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1' } });
  return { code, stdout, stderr };
}

type Value = { value: number | null; numerator: number | null; denominator: number | null; absent: { symbol: string; reason: string } | null; period: { from: number; to: number } } | null;
type Shown = { id: string; value: Value; series: Value[] };
type Printed = { id: string; value: Value; series: { kommune: Value[] } };

/** What a number shows: its value, or that it is withheld (`:`), or missing. */
const shown = (v: Value) => (v === null ? 'none' : v.absent ? (v.absent.symbol === ':' ? ':' : 'missing') : v.value);
const key = (v: NonNullable<Value>) => `${v.period.from}_${v.period.to}`;

function project(limit: number): string {
  const dir = join(tempDir(), 'innherred');
  cpSync(INNHERRED, dir, { recursive: true });
  const path = join(dir, 'folkehelse.config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...config, out: 'out', formats: ['md'], suppression: { numerator: limit } }));
  return dir;
}

describe('indicators with a configuration', () => {
  it('prints exactly what build publishes, with the configuration\'s stricter limits (--config, and ./folkehelse.config.json by default)', async () => {
    const dir = project(40);
    const config = join(dir, 'folkehelse.config.json');
    expect((await cli('build', '--config', config, '--quiet')).code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, 'out', '5037-levanger', 'resultater-2027.json'), 'utf8')) as { indicators: Shown[] };
    const r = await cli('indicators', '--config', config, '--kommune', '5037', '--json');
    expect(r.code).toBe(0);
    const printed = new Map((JSON.parse(r.stdout) as Printed[]).map((i) => [i.id, i]));
    let withheld = 0;
    for (const ind of results.indicators) {
      const mine = printed.get(ind.id);
      expect(mine, ind.id).toBeDefined();
      expect(shown(mine!.value), ind.id).toEqual(shown(ind.value));
      const series = new Map(mine!.series.kommune.map((v) => [key(v!), shown(v)]));
      for (const v of ind.series) expect(series.get(key(v!)), `${ind.id} ${key(v!)}`).toEqual(shown(v));
      withheld += [ind.value, ...ind.series].filter((v) => shown(v) === ':').length;
    }
    // The limit of 40 withholds numbers the default limit (3) shows: the test means something.
    const plain = await cli('indicators', '--data', dir, '--catalogue', ...SYNTHETIC_CATALOGUE, '--kommune', '5037', '--json');
    const plainWithheld = (JSON.parse(plain.stdout) as Printed[]).flatMap((i) => [i.value, ...i.series.kommune]).filter((v) => shown(v) === ':').length;
    expect(withheld).toBeGreaterThan(plainWithheld);
    // The same from the project folder, where ./folkehelse.config.json is found by itself.
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const here = await cli('indicators', '--kommune', '5037', '--json');
      expect(here.code).toBe(0);
      // The same numbers (the files they come from are named relative to the working folder here).
      const numbers = (text: string) => (JSON.parse(text) as Printed[]).map((i) => [i.id, shown(i.value), i.series.kommune.map(shown)]);
      expect(numbers(here.stdout)).toEqual(numbers(r.stdout));
    } finally {
      process.chdir(cwd);
    }
  }, 180_000);

  it('needs --kommune only when the configuration has several municipalities, and says which', async () => {
    const dir = project(3);
    const r = await cli('indicators', '--config', join(dir, 'folkehelse.config.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--kommune: oppgi en av kommunene i konfigurasjonen \(5037, 5038\)/);
  });

  it('without a configuration and without --data: a usage error that says what to give', async () => {
    const cwd = process.cwd();
    try {
      process.chdir(tempDir());
      const r = await cli('indicators', '--kommune', '5037');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/oppgi --data <mappe> \(eller --config <fil>; det finnes ingen folkehelse\.config\.json her\)/);
    } finally {
      process.chdir(cwd);
    }
  });
});
