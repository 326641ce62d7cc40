import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { loadData } from '../../src/sources/load.js';
import { tempDir } from '../helpers.js';
import { ApiServer } from './server.js';
import { populate } from './world.js';

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', ...env } });
  return { code, stdout, stderr };
}

/**
 * Issue 25: SSB's API answers a municipality's former number (1719 Levanger until 2017) and its
 * current one (5037 from 2018) side by side, with status symbols — `.` or `..`, value null — in the
 * years a number was not in use. Those cells are neither values nor repeats of the other number's
 * rows: `fetch` then `build` makes the document, with 1719's years as 5037's history.
 */
describe.each(['.', '..'] as const)('fetch → build when the API answers "%s" for the years a number was not in use', (symbol) => {
  let server: ApiServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    server = await new ApiServer().start();
    populate(server);
    // Every SSB table carries the former numbers too, as SSB's region lists do.
    for (const t of server.ssb.values()) {
      const region = t.dims.find((d) => d.code === 'Region');
      if (region) region.categories.push({ value: '1719', label: 'Levanger (1962-2017)' }, { value: '1721', label: 'Verdal (1838-2017)' });
    }
    server.ssbYears = { '1719': [1962, 2017], '1721': [1838, 2017], '5037': [2018, 2100], '5038': [2018, 2100] };
    server.ssbNotInUse = symbol;
    server.klassChanges = [
      { oldCode: '1719', oldName: 'Levanger', oldShortName: null, newCode: '5037', newName: 'Levanger', newShortName: null, changeOccurred: '2018-01-01' },
      { oldCode: '1721', oldName: 'Verdal', oldShortName: null, newCode: '5038', newName: 'Verdal', newShortName: null, changeOccurred: '2018-01-01' },
    ];
    dir = tempDir();
    env = { FOLKEHELSE_SSB_API: server.ssbBase, FOLKEHELSE_FHI_API: server.fhiBase };
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ kommuner: [{ code: '5037', kostragruppe: 'EKG11', neighbours: ['5038'] }], data: ['data'], edition: 2027, formats: ['md'], generatedOn: '2026-11-23' }));
  });
  afterEach(async () => {
    await server.stop();
  });

  it('reads the former number as the current one\'s history and builds the document', { timeout: 90_000 }, async () => {
    const config = join(dir, 'folkehelse.config.json');
    const fetched = await cli(['fetch', '--config', config], env);
    expect(fetched.stderr).not.toMatch(/FAILED/);
    expect(fetched.code).toBe(0);
    // The table as fetched holds both numbers, with the status symbol for the years not in use.
    const raw = JSON.parse(readFileSync(join(dir, 'data', 'ssb', '06913.json'), 'utf8')) as { dimension: { Region: { category: { index: Record<string, number> } } }; status?: Record<string, string> };
    expect(Object.keys(raw.dimension.Region.category.index)).toEqual(expect.arrayContaining(['1719', '5037']));
    expect(Object.values(raw.status ?? {})).toContain(symbol);

    // Read: no repeated rows, the symbols dropped with a warning, 1719's years under 5037.
    const data = await loadData([join(dir, 'data')]);
    const levanger = data.observations.filter((o) => o.table === '06913' && o.geo.code === '5037' && o.measureCode === 'Folkemengde');
    const years = levanger.map((o) => o.period.from).sort();
    expect(years).toEqual([...new Set(years)]);
    expect(years).toEqual(Array.from({ length: 10 }, (_, i) => 2015 + i));
    expect(levanger.filter((o) => o.period.from < 2018).every((o) => o.harmonisedFrom === '1719' && o.value !== null)).toBe(true);
    expect(levanger.filter((o) => o.period.from >= 2018).every((o) => o.harmonisedFrom === null && o.value !== null)).toBe(true);
    expect(data.warnings.some((w) => w.code === 'code-not-valid-in-period' && /not repeats/.test(w.message))).toBe(true);

    const built = await cli(['build', '--config', config, '--format', 'md', '--out', join(dir, 'out'), '--json'], env);
    const outcome = JSON.parse(built.stdout) as { documents: { status: string }[]; leftOut: unknown[] };
    expect(outcome.leftOut).toEqual([]);
    expect(outcome.documents.map((d) => d.status)).toEqual(['built']);
    expect(built.stderr).not.toMatch(/duplicate-row|Repeated row|failed/);
    const docDir = readdirSync(join(dir, 'out')).find((d) => d.startsWith('5037'))!;
    const md = readFileSync(join(dir, 'out', docDir, 'oversikt-2027.nb.md'), 'utf8');
    expect(md).toMatch(/Levanger/);
    expect(md).not.toContain('Filer som ble utelatt');
  });
});
