/**
 * The document a new user builds first: the shipped example (fixtures/innherred, tables fetched in
 * the APIs' shapes, the default catalogue on the real tables). Golden Markdown, so that any change
 * to what the coordinator reads is reviewed (UPDATE_GOLDEN=1, never in CI).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { build } from '../../src/app/build.js';
import { EXAMPLE_CONFIG, tempDir } from '../helpers.js';
import { expectGolden } from './golden.js';

describe('golden Markdown of the shipped example', () => {
  const out = tempDir();
  beforeAll(async () => {
    const config = loadConfig(EXAMPLE_CONFIG);
    const nb = await build({ config, out, lang: 'nb', formats: ['md'], env: process.env });
    const nn = await build({ config, out, lang: 'nn', formats: ['md'], env: process.env, kommuner: ['5038'] });
    for (const r of [...nb.documents, ...nn.documents]) expect(r.status, r.name).not.toBe('failed');
  }, 60_000);

  it('5037 Levanger, bokmål', () => {
    expectGolden('example/5037.nb.md', readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8'));
  });
  it('5038 Verdal, nynorsk', () => {
    expectGolden('example/5038.nn.md', readFileSync(join(out, '5038-verdal', 'oversikt-2027.nn.md'), 'utf8'));
  });
  it('the Innherred region report, bokmål', () => {
    const region = readdirSync(out).find((f) => f.startsWith('region-'))!;
    expectGolden('example/region.nb.md', readFileSync(join(out, region, 'side-om-side-2027.nb.md'), 'utf8'));
  });
  it('the results file carries counts only where they can be tested (not for waterworks or projections)', () => {
    const results = JSON.parse(readFileSync(join(out, '5037-levanger', 'resultater-2027.json'), 'utf8')) as { indicators: { id: string; value: { numerator: number | null; denominator: number | null } | null; series: { numerator: number | null }[] }[] };
    const byId = (id: string) => results.indicators.find((i) => i.id === id)!;
    for (const id of ['drikkevann', 'andel-67-fremskrevet']) {
      expect(byId(id).value, id).toMatchObject({ numerator: null, denominator: null });
      expect(byId(id).series.every((v) => v.numerator === null), id).toBe(true);
    }
    expect(byId('vedvarende-lavinntekt').value!.denominator).toBeGreaterThan(0);
  });
  it('cites every fetched table by table and retrieval date, never by a local path', () => {
    const md = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    expect(md).toMatch(/\| nokkel 507 Forventet levealder \|/);
    expect(md).toMatch(/20\\?\. november 2026/);
    expect(md).not.toMatch(/fixtures\/innherred|nokkel-507\.json|\/tmp\//);
  });
});
