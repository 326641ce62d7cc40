import { formatDate } from '../../src/language/intl.js';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { tempDir } from '../helpers.js';
import { ApiServer } from './server.js';
import { populate } from './world.js';

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', ...env } });
  return { code, stdout, stderr };
}

describe('folkehelse fetch, then build (local API server)', () => {
  let server: ApiServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    server = await new ApiServer().start();
    populate(server);
    dir = tempDir();
    env = { FOLKEHELSE_LANG: 'en', FOLKEHELSE_SSB_API: server.ssbBase, FOLKEHELSE_FHI_API: server.fhiBase };
    writeFileSync(
      join(dir, 'folkehelse.config.json'),
      JSON.stringify({ kommuner: [{ code: '5037', kostragruppe: 'EKG11', neighbours: ['5038'] }], data: ['data'], edition: 2027, formats: ['md'], generatedOn: '2026-11-23' }),
    );
  });
  afterEach(async () => {
    await server.stop();
  });

  it('downloads every table, builds a document from it, and a second fetch downloads nothing', { timeout: 60_000 }, async () => {
    const config = join(dir, 'folkehelse.config.json');
    const first = await cli(['fetch', '--config', config], env);
    expect(first.stderr).not.toMatch(/FAILED|does not have/);
    expect(first.code).toBe(0);
    const tables = server.fhi.size + server.ssb.size;
    expect(first.stdout).toMatch(new RegExp(`${tables} tables .*: ${tables} downloaded, 0 up to date, 0 failed`));
    expect(readdirSync(join(dir, 'data', 'fhi')).filter((f) => f.endsWith('.json')).length).toBe(server.fhi.size);
    // Every file has its sidecar, whose hash is the file's.
    const sidecar = JSON.parse(readFileSync(join(dir, 'data', 'fhi', 'nokkel-507.json.sidecar'), 'utf8'));
    expect(sidecar.requests[0].url).toBe(`${server.fhiBase}/nokkel/table/507/data`);
    expect(sidecar.requests[0].body.dimensions.find((d: { code: string }) => d.code === 'GEO').values).toEqual(['0', '50', '5037', '5038']);
    expect(sidecar.requests[0].body.dimensions.find((d: { code: string }) => d.code === 'MEASURE_TYPE').values).toEqual(['TELLER', 'RATE', 'MEIS']);
    expect(sidecar.modifiedAt).toBe('2026-05-01T05:00:00Z');
    expect(sidecar.sha256).toMatch(/^[0-9a-f]{64}$/);
    // KOSTRA: the municipality, its county (EKA50), the land, land without Oslo and the KOSTRA group.
    const kostra = JSON.parse(readFileSync(join(dir, 'data', 'kostra', '12362.json'), 'utf8'));
    expect(Object.keys(kostra.dimension.KOKkommuneregion0000.category.index).sort()).toEqual(['5037', '5038', 'EAK', 'EAKUO', 'EKA50', 'EKG11'].sort());

    const built = await cli(['build', '--config', config, '--format', 'md', '--out', join(dir, 'out')], env);
    expect(built.stderr).not.toMatch(/failed/);
    const docDir = readdirSync(join(dir, 'out')).find((d) => d.startsWith('5037'))!;
    const md = readFileSync(join(dir, 'out', docDir, readdirSync(join(dir, 'out', docDir)).find((f) => f.endsWith('.md'))!), 'utf8');
    expect(md).toMatch(/Levanger/);
    // The fetched tables are read with the catalogue that fetched them (no "catalogue" in the configuration).
    expect(md).toMatch(/FHI Statistikk, Folkehelsestatistikk \(nokkel\) tabell 507/);
    expect(md).toMatch(/SSB, Statistikkbanken tabell 06913/);
    // The population pyramid's table comes by sex and single year of age, and the document draws it.
    const pyramid = JSON.parse(readFileSync(join(dir, 'data', 'ssb', '07459.json'), 'utf8'));
    expect(pyramid.id).toEqual(expect.arrayContaining(['Kjonn', 'Alder']));
    expect(Object.keys(pyramid.dimension.Alder.category.index).length).toBe(106);
    expect(md).toMatch(/befolkningspyramide\.nb\.svg/);
    // The sources cite each fetched table by source, table id, title, retrieval date and checksum, not by its path.
    const sources = md.split('\n').filter((l) => l.startsWith('|')).join('\n');
    const today = new Date().toISOString().slice(0, 10);
    const host = new URL(server.ssbBase).host;
    const side = (f: string) => JSON.parse(readFileSync(join(dir, 'data', f + '.sidecar'), 'utf8')) as { sha256: string; title: string };
    expect(sources).toContain(`| 07459 Tabell 07459 | 2015–2024 | ${formatDate(today, 'nb').replace('.', '\\.')} | hentet fra ${host} | \`${side('ssb/07459.json').sha256}\` |`);
    expect(sources).toContain(`| nokkel 507 ${side('fhi/nokkel-507.json').title} |`);
    expect(sources).not.toMatch(/nokkel-507\.json|07459\.json/);

    // The derived denominator makes the comparison with the country testable; a standardised measure without counts is not tested.
    const json = await cli(['indicators', '--data', join(dir, 'data'), '--kommune', '5037', '--kostragruppe', 'EKG11', '--json'], env);
    const results = JSON.parse(json.stdout) as { id: string; comparisons: { land: { verdict: string; reason: string | null } }; value: { numerator: number | null; denominator: number | null } | null }[];
    const lav = results.find((r) => r.id === 'vedvarende-lavinntekt')!;
    expect(lav.value!.denominator).toBeGreaterThan(0);
    expect(lav.comparisons.land.verdict).not.toBe('not-tested');
    // Shares computed from SSB counts (api.share): the projection 10–20 years ahead, education; KOSTRA with its own aggregates.
    const byId = (id: string) => results.find((r) => r.id === id) as unknown as { value: { value: number; period: { to: number } } | null; comparisons: Record<string, { value: number | null } | undefined> } | undefined;
    const year = new Date().getUTCFullYear();
    for (const id of ['andel-67-fremskrevet', 'andel-80-fremskrevet', 'hoyere-utdanning', 'sysselsetting', 'legeaarsverk']) {
      expect(byId(id)?.value, id).toBeTruthy();
      expect(byId(id)!.value!.value, id).toBeGreaterThan(0);
    }
    expect(byId('andel-67-fremskrevet')!.value!.value).toBeGreaterThan(byId('andel-80-fremskrevet')!.value!.value);
    expect(byId('andel-67-fremskrevet')!.value!.value).toBeLessThan(100);
    expect(byId('andel-67-fremskrevet')!.value!.period.to).toBe(year + 20);
    const projection = JSON.parse(readFileSync(join(dir, 'data', 'ssb', '14746.json'), 'utf8'));
    expect(Object.keys(projection.dimension.Tid.category.index)).toEqual(Array.from({ length: 11 }, (_, i) => String(year + 10 + i)));
    expect(projection.id).not.toContain('Alder');
    // KOSTRA: land from EAK, the county from EKA50, the group from EKG11 — SSB's own figures.
    for (const level of ['land', 'fylke', 'kostragruppe']) expect(byId('legeaarsverk')!.comparisons[level]?.value ?? null, level).not.toBeNull();
    const levealder = results.find((r) => r.id === 'forventet-levealder')!;
    expect(levealder.comparisons.land).toMatchObject({ verdict: 'not-tested' });

    server.log.length = 0;
    const second = await cli(['fetch', '--config', config], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`0 downloaded, ${tables} up to date`));
    // Only metadata: one FHI table list, one /tables/{id} per SSB table, no data.
    expect(server.log.filter((r) => /\/data/.test(r.path))).toEqual([]);
    expect(server.log.filter((r) => r.path.startsWith('/fhi/')).length).toBe(1);
    expect(server.log.filter((r) => r.path.startsWith('/ssb/api/pxwebapi/')).length).toBe(server.ssb.size);
    // And one look at Klass's municipality changes.
    expect(server.log.filter((r) => r.path.startsWith('/ssb/api/klass/')).map((r) => r.path.replace(/to=[\d-]+/, 'to=…'))).toEqual(['/ssb/api/klass/v1/classifications/131/changes.json?from=1977-01-01&to=…']);
    expect(existsSync(join(dir, 'data', 'fhi', '.folkehelse-staging')) ? readdirSync(join(dir, 'data', 'fhi', '.folkehelse-staging')) : []).toEqual([]);
  });
});
