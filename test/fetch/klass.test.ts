import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { GeoRegister } from '../../src/geo/register.js';
import { HttpClient } from '../../src/http/client.js';
import { currentCode, formerCodes, municipalityChanges, type CodeChange } from '../../src/geo/klass.js';
import { areasFor } from '../../src/fetch/plan.js';
import { ssbRegionCodes } from '../../src/sources/ssb/fetch.js';
import { HAVE_REAL_EXPORTS, REAL_EXPORTS, ROOT, tempDir } from '../helpers.js';
import { ApiServer, type Category } from './server.js';

/** A Klass CSV download (ISO-8859-1, `;`, quoted) → code → name (Sámi double names cut to the Norwegian). */
function klassList(file: string): Map<string, string> {
  const text = new TextDecoder('latin1').decode(readFileSync(join(REAL_EXPORTS, 'ssb', 'klass', file)));
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const m = /^"(\d{4})";"[^"]*";"\d+";"([^"]+)"/.exec(line);
    if (m && m[1] !== '9999') out.set(m[1]!, m[2]!.split(' - ')[0]!.trim());
  }
  return out;
}

/**
 * Klass `changes.json` items between the real municipality lists of 1 January 2020 and 2026: a
 * name found under one number in each list, with a different number, was renumbered (all such
 * changes took effect 1 January 2024, when Viken, Vestfold og Telemark and Troms og Finnmark were divided).
 */
function changesFromRealLists(): CodeChange[] {
  const before = klassList('klass131-kommuner-2020-01-01-latin1.csv');
  const after = klassList('klass131-kommuner-2026-latin1-with-notes.csv');
  const byName = (m: Map<string, string>) => {
    const out = new Map<string, string[]>();
    for (const [c, n] of m) out.set(n, [...(out.get(n) ?? []), c]);
    return out;
  };
  const a = byName(after);
  const out: CodeChange[] = [];
  for (const [name, codes] of byName(before)) {
    const now = a.get(name);
    if (codes.length === 1 && now?.length === 1 && now[0] !== codes[0]) out.push({ oldCode: codes[0]!, oldName: name, newCode: now[0]!, newName: name, changeOccurred: '2024-01-01' });
  }
  return out;
}

/** The shipped register as it would be without its municipality history (older than a change). */
function registerWithoutHistory(): GeoRegister {
  const data = JSON.parse(readFileSync(join(ROOT, 'data', 'geography', 'register.json'), 'utf8'));
  return new GeoRegister({ ...data, historicKommuner: [] });
}

describe.skipIf(!HAVE_REAL_EXPORTS)('Klass municipality changes (from the real Klass lists of 2020 and 2026)', () => {
  const changes = HAVE_REAL_EXPORTS ? changesFromRealLists() : [];

  it('follows a number forward and finds the former numbers of a municipality', () => {
    // Halden was 3001 (Viken, 2020–2023) and is 3101 (Østfold) since 2024.
    expect(changes.find((c) => c.oldCode === '3001')).toMatchObject({ newCode: '3101', newName: 'Halden' });
    expect(changes.length).toBeGreaterThan(50);
    expect(currentCode('3001', changes)).toMatchObject({ code: '3101' });
    expect(currentCode('5037', changes)).toEqual({ code: '5037', path: [] });
    expect(formerCodes('3101', changes)).toEqual(['3001']);
    // A divided municipality has no single current number.
    const split: CodeChange[] = [{ oldCode: '5012', newCode: '5055', changeOccurred: '2020-01-01' }, { oldCode: '5012', newCode: '5056', changeOccurred: '2020-01-01' }, { oldCode: '5012', newCode: '5059', changeOccurred: '2020-01-01' }];
    expect(currentCode('5012', split)).toBeNull();
    expect(formerCodes('5055', split)).toEqual([]);
  });

  it('an old number the register does not know is asked for as the current one, and its history under the old number', () => {
    const register = registerWithoutHistory();
    expect(() => areasFor([{ code: '3001', kostragruppe: 'EKG08' }], undefined, register)).toThrow(/3001/);
    const areas = areasFor([{ code: '3001', kostragruppe: 'EKG08' }], undefined, register, changes);
    expect(areas.kommuner).toEqual(['3101']);
    expect(areas.fylker).toEqual(['31']);
    expect(areas.former).toEqual({ '3101': ['3001'] });
    expect(areas.renumbered).toEqual([{ from: '3001', to: '3101', how: 'SSB Klass: 3001 → 3101 (2024-01-01)' }]);
    expect(ssbRegionCodes(areas)).toEqual(['0', '31', '3101', '3001']);
  });

  it('asks Klass with "to" one day later (exclusive at Klass) and reads its answer', async () => {
    const server = await new ApiServer().start();
    try {
      server.klassChanges = changes.map((c) => ({ oldCode: c.oldCode, oldName: c.oldName!, oldShortName: null, newCode: c.newCode, newName: c.newName!, newShortName: null, changeOccurred: c.changeOccurred }));
      const base = server.ssbBase.replace(/\/pxwebapi\/v2$/, '/klass/v1');
      // A change on 1 January is included when "to" is that day.
      expect((await municipalityChanges(base, new HttpClient(), '2023-01-01', '2024-01-01')).length).toBe(changes.length);
      expect(server.log.at(-1)!.path).toBe('/ssb/api/klass/v1/classifications/131/changes.json?from=2023-01-01&to=2024-01-02');
      expect(await municipalityChanges(base, new HttpClient(), '2024-01-02', '2026-01-01')).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe.skipIf(!HAVE_REAL_EXPORTS)('fetch with an old municipality number (local server, Klass changes)', () => {
  let server: ApiServer;
  let dir: string;
  beforeEach(async () => {
    server = await new ApiServer().start();
    dir = tempDir();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('3001 Halden is fetched as 3101 with the years before 2024 under 3001; a back-calculated series drops the old number', { timeout: 60_000 }, async () => {
    server.klassChanges = changesFromRealLists().map((c) => ({ oldCode: c.oldCode, oldName: c.oldName!, oldShortName: null, newCode: c.newCode, newName: c.newName!, newShortName: null, changeOccurred: c.changeOccurred }));
    const regions: Category[] = [{ value: '0', label: 'Hele landet' }, { value: '31', label: 'Østfold' }, { value: '30', label: 'Viken (2020-2023)' }, { value: '3101', label: 'Halden' }, { value: '3001', label: 'Halden (2020-2023)' }];
    const table = (id: string) => ({ id, label: `${id}: Tabell ${id}`, updated: '2026-03-01T07:00:00Z', dims: [
      { code: 'Region', label: 'region', categories: regions },
      { code: 'ContentsCode', label: 'statistikkvariabel', categories: [{ value: 'Personer1', label: 'Personer' }] },
      { code: 'Tid', label: 'år', categories: Array.from({ length: 8 }, (_, i) => ({ value: String(2018 + i), label: String(2018 + i) })) },
    ] });
    server.addSsb(table('07459'));
    // 3101 has figures from 2024 only: the years before are SSB's zeros, the history is under 3001.
    server.ssbYears = { '3101': [2024, 2100], '3001': [2020, 2023] };
    const catalogue = join(dir, 'cat.json');
    writeFileSync(catalogue, JSON.stringify({ indicators: [{ id: 'folkemengde', theme: 'a', title: { nb: 'Folkemengde', nn: 'Folkemengd' }, howToRead: { nb: 'x', nn: 'x' }, source: { nb: 'SSB 07459', nn: 'SSB 07459' }, select: { source: 'ssb', table: '07459', measure: 'Personer' }, api: { table: '07459', dimensions: { ContentsCode: ['Personer1'] } }, measureType: 'count', unit: { nb: 'personer', nn: 'personar' }, polarity: 'none' }], exclude: [] }));
    let stderr = '';
    const env = { NO_COLOR: '1', FOLKEHELSE_LANG: 'en', FOLKEHELSE_SSB_API: server.ssbBase, FOLKEHELSE_FHI_API: server.fhiBase };
    const io = { stdout: { write: () => {} }, stderr: { write: (s: string) => (stderr += s) }, env };
    const code = await main(['fetch', '--kommune', '3001', '--data', join(dir, 'data'), '--catalogue', catalogue], io);
    expect(stderr).toMatch(/3001: asked for as 3101/);
    const sidecar = JSON.parse(readFileSync(join(dir, 'data', 'ssb', '07459.json.sidecar'), 'utf8'));
    const asked = new URL(sidecar.requests[0].url).searchParams.get('valueCodes[Region]')!.split(',');
    expect(asked).toEqual(expect.arrayContaining(['0', '31', '3101', '3001']));
    const ds = JSON.parse(readFileSync(join(dir, 'data', 'ssb', '07459.json'), 'utf8'));
    expect(Object.keys(ds.dimension.Region.category.index).sort()).toEqual(['0', '3001', '31', '3101']);
    // The years before 2024 are under 3001 (Region is the first dimension; 8 years each).
    const at = (region: string, year: number) => ds.value[ds.dimension.Region.category.index[region] * 8 + (year - 2018)];
    expect(at('3001', 2022)).toBeGreaterThan(0);
    expect(at('3101', 2022)).toBe(0);
    expect(code === 0 || code === 1).toBe(true);
    // The reader counts 3001's years under 3101: one unbroken series 2020–2025, no year twice.
    let out = '';
    const ind = await main(['indicators', '--data', join(dir, 'data'), '--kommune', '3001', '--json', '--catalogue', catalogue], { ...io, stdout: { write: (s: string) => (out += s) } });
    expect(ind).toBe(0);
    const folkemengde = (JSON.parse(out) as { id: string; series: { kommune: { period: { label: string }; value: number | null }[] } }[]).find((r) => r.id === 'folkemengde');
    expect(folkemengde!.series.kommune.filter((v) => v.value !== null).map((v) => v.period.label)).toEqual(['2020', '2021', '2022', '2023', '2024', '2025']);

    // SSB back-calculates 3101 for every year: the old number would count the years twice, so it is left out.
    server.ssbYears = {};
    await main(['fetch', '--kommune', '3001', '--data', join(dir, 'data'), '--catalogue', catalogue, '--force'], io);
    const again = JSON.parse(readFileSync(join(dir, 'data', 'ssb', '07459.json'), 'utf8'));
    expect(Object.keys(again.dimension.Region.category.index).sort()).toEqual(['0', '31', '3101']);
    expect(stderr).not.toMatch(/does not have/);

    // A select.measure the table does not have is named after the download, with what the table has.
    writeFileSync(catalogue, readFileSync(catalogue, 'utf8').replace('"measure":"Personer"', '"measure":"Folkemengde"'));
    stderr = '';
    await main(['fetch', '--kommune', '3001', '--data', join(dir, 'data'), '--catalogue', catalogue, '--force'], io);
    expect(stderr).toContain('indicator folkemengde selects the measure "Folkemengde", which the table does not have (it has "Personer1 (Personer)")');
  });
});
