import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { areasFor, type ApiIndicator } from '../../src/fetch/plan.js';
import { runFetch } from '../../src/fetch/run.js';
import { loadData } from '../../src/sources/load.js';
import { readFile } from '../../src/sources/read.js';
import { ApiServer } from '../fetch/server.js';
import { apiCatalogue } from '../fetch/world.js';
import { FIXTURES, HAVE_REAL_EXPORTS, tempDir } from '../helpers.js';
import { existsSync } from 'node:fs';

const REAL = '/work/research/real/07-daar/telemark-daar-742-selvmord-processed.csv';

/** FHI's cause-of-death register (source `daar`): its own dimensions DAAR, FYLKE (Total = the country), KJONN (Total, 1, 2), EU_SHORT_CODE, and the measure RATE_NO. */
describe('FHI daar, read', () => {
  it('reads a daar JSON-stat: FYLKE Total is the country, KJONN Total is both sexes, RATE_NO is the measure, DAAR the year', async () => {
    const r = await readFile(join(FIXTURES, 'daar', 'daar-742.json'));
    expect(r.format).toBe('fhi-jsonstat');
    expect(r.issues.errorCount).toBe(0);
    expect(r.data.map((o) => [o.geo.code, o.period.label, o.sex, o.measure, o.measureType, o.standardisation, o.dimensions.EU_SHORT_CODE, o.value])).toEqual([
      ['0', '2024', 'total', 'RATE_NO', 'rate', 'direct', '17_2', 12.4],
      ['0', '2024', 'male', 'RATE_NO', 'rate', 'direct', '17_2', 17.9],
      ['40', '2024', 'total', 'RATE_NO', 'rate', 'direct', '17_2', 17],
      ['40', '2024', 'male', 'RATE_NO', 'rate', 'direct', '17_2', null],
    ]);
    expect(r.data[0]!.unit).toBe('Aldersstandardisert rate per 100 000 (Norge)');
    expect(r.data[3]!.missing).toEqual({ symbol: ':', reason: 'suppressed' });
  });

  it('reads a daar csv3 (codes) and a label download (Begge kjønn / Mann / Kvinne, Bofylke, Dødsår)', async () => {
    const codes = await readFile(join(FIXTURES, 'daar', 'daar-742-csv3.csv'));
    expect(codes.format).toBe('fhi-csv3');
    expect(codes.issues.errorCount).toBe(0);
    expect(codes.data.map((o) => [o.geo.code, o.period.from, o.sex, o.measure, o.value])).toEqual([
      ['0', 2023, 'total', 'RATE_NO', 11.9],
      ['40', 2023, 'female', 'RATE_NO', 6.2],
    ]);
    const labels = await loadData([join(FIXTURES, 'daar', 'selvmord-nedlasting.csv')]);
    expect(labels.files[0]!.recognised?.table).toBe('daar-742');
    const coded = labels.observations.filter((o) => o.table === 'daar-742');
    expect(coded.map((o) => [o.geo.code, o.period.from, o.sex, o.measure, o.dimensions.EU_SHORT_CODE, o.value])).toEqual([
      ['0', 2006, 'total', 'RATE_NO', '17_2', 11.9],
      ['40', 2006, 'male', 'RATE_NO', '17_2', 21.6],
      ['40', 2025, 'female', 'RATE_NO', '17_2', 7.7],
    ]);
  });

  it.skipIf(!HAVE_REAL_EXPORTS || !existsSync(REAL))('reads the real daar 742 download of a county (Telemark)', async () => {
    const d = await loadData([REAL]);
    expect(d.files[0]!.recognised?.table).toBe('daar-742');
    const coded = d.observations.filter((o) => o.table === 'daar-742');
    const at = (geo: string, year: number, sex: string) => coded.find((o) => o.geo.code === geo && o.period.from === year && o.sex === sex)?.value;
    expect(at('0', 2006, 'total')).toBe(11.9);
    expect(at('40', 2006, 'male')).toBe(21.6);
    expect(at('40', 2025, 'total')).toBe(17);
  });
});

describe('FHI daar, fetched (local API stand-in)', () => {
  let server: ApiServer;
  beforeEach(async () => {
    server = await new ApiServer().start();
    server.addFhi({
      source: 'daar',
      tableId: 742,
      title: 'Dødsårsaker etter bofylke',
      publishedAt: '2026-04-27T05:00:00Z',
      modifiedAt: '2026-05-01T05:00:00Z',
      dims: [
        { code: 'DAAR', label: 'Dødsår', categories: ['2021', '2022', '2023', '2024'].map((v) => ({ value: v, label: v === '2024' ? '2024*' : v })) },
        { code: 'FYLKE', label: 'Bofylke', categories: [{ value: 'Total', label: 'Hele landet' }, { value: '40', label: 'Telemark' }, { value: '50', label: 'Trøndelag' }] },
        { code: 'KJONN', label: 'Kjønn', categories: [{ value: 'Total', label: 'Begge kjønn' }, { value: '1', label: 'Mann' }, { value: '2', label: 'Kvinne' }] },
        { code: 'EU_SHORT_CODE', label: 'Dødsårsak', categories: [{ value: '17_2', label: 'Selvmord og villet egenskade' }, { value: '01', label: 'Infeksjonssykdommer' }] },
        { code: 'MEASURE_TYPE', label: 'Måltall', categories: [{ value: 'RATE_NO', label: 'Aldersstandardisert rate per 100 000 (Norge)' }] },
      ],
    });
  });
  afterEach(async () => {
    await server.stop();
  });

  it('fetches a daar table by FYLKE (the country as Total) and DAAR, and reads it', async () => {
    const base = apiCatalogue().find((i) => i.id === 'dodelighet-alle-arsaker')!;
    const ind = { ...base, id: 'selvmord', select: { source: 'fhi', table: 'daar-742', measure: 'RATE_NO' }, api: { source: 'daar', table: '742', title: 'Dødsårsaker etter bofylke', dimensions: { EU_SHORT_CODE: ['17_2'] } }, periods: { pooled: 1 } } as unknown as ApiIndicator;
    const dir = tempDir();
    const s = await runFetch({ dataDir: dir, areas: areasFor([{ code: '4003' }]), catalogue: [ind], pyramid: false, fhiBase: server.fhiBase, ssbBase: server.ssbBase, http: { fhi: { attempts: 1, backoffMs: 1, timeoutMs: 2000, maxWaitMs: 1000 } } });
    expect(s.totals).toMatchObject({ tables: 1, downloaded: 1, failed: 0 });
    const post = server.log.find((r) => r.method === 'POST' && r.path.endsWith('/daar/table/742/data'))!;
    const body = JSON.parse(post.body) as { dimensions: { code: string; values: string[] }[] };
    expect(body.dimensions.find((d) => d.code === 'FYLKE')!.values).toEqual(['Total', '40']);
    expect(body.dimensions.find((d) => d.code === 'EU_SHORT_CODE')!.values).toEqual(['17_2']);
    const data = await loadData([dir]);
    const obs = data.observations.filter((o) => o.table === 'daar-742');
    expect(new Set(obs.map((o) => o.geo.code))).toEqual(new Set(['0', '40']));
    expect(new Set(obs.map((o) => o.sex))).toEqual(new Set(['total', 'male', 'female']));
    expect(new Set(obs.map((o) => o.period.from))).toEqual(new Set([2021, 2022, 2023, 2024]));
    expect(obs.every((o) => o.measure === 'RATE_NO' && o.dimensions.EU_SHORT_CODE === '17_2')).toBe(true);
  });
});
