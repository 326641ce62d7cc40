import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFetch } from '../../src/fetch/run.js';
import { areasFor, type ApiIndicator } from '../../src/fetch/plan.js';
import { loadData } from '../../src/sources/load.js';
import { HAVE_REAL_EXPORTS, REAL_EXPORTS, tempDir } from '../helpers.js';
import { ApiServer } from './server.js';

const text = (...p: string[]) => readFileSync(join(REAL_EXPORTS, ...p), 'utf8');

const indicator = (over: Partial<ApiIndicator>): ApiIndicator =>
  ({
    id: 'x',
    theme: 'f',
    title: { nb: 'x', nn: 'x' },
    howToRead: { nb: 'x', nn: 'x' },
    source: { nb: 'x', nn: 'x' },
    measureType: 'count',
    unit: { nb: 'x', nn: 'x' },
    polarity: 'none',
    ...over,
  }) as ApiIndicator;

/** The recorded FHI and SSB responses in ../shared/real-exports, served as they are. */
describe.skipIf(!HAVE_REAL_EXPORTS)('fetch on recorded API responses', () => {
  let server: ApiServer;
  let dir: string;
  beforeEach(async () => {
    server = await new ApiServer().start();
    dir = tempDir();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('FHI (Norway-Open-Data fixtures): table list, /dimension tree, /metadata and a json-stat2 answer with a flag', async () => {
    const base = '/fhi/api/open/v1/nokkel/table';
    server.raw.set(base, text('fhi-api', 'fixtures-norway-open-data', 'fhi-tables.json'));
    // No recorded /query exists: the documented shape, with wildcards, so the codes come from the recorded /dimension.
    server.raw.set(`${base}/754/query`, JSON.stringify({ dimensions: ['GEO', 'AAR', 'MEASURE_TYPE'].map((code) => ({ code, filter: 'all', values: ['*'] })), response: { format: 'json-stat2', maxRowCount: 50000 } }));
    server.raw.set(`${base}/754/dimension`, text('fhi-api', 'fixtures-norway-open-data', 'fhi-table-dimensions.json'));
    server.raw.set(`${base}/754/metadata`, text('fhi-api', 'fixtures-norway-open-data', 'fhi-table-metadata.json'));
    server.raw.set(`${base}/754/flag`, '[{"title":"..","text":"Manglende data"},{"title":":","text":"Anonymisert"}]');
    server.raw.set(`${base}/754/data`, text('fhi-api', 'fixtures-norway-open-data', 'fhi-query-flags.json'));
    const s = await runFetch({
      dataDir: dir,
      areas: areasFor([{ code: '3450' }]),
      catalogue: [indicator({ select: { source: 'fhi', table: 'nokkel-754', measure: 'TELLER' }, api: { table: '754', title: 'D5c_hjertekar_rater' } })],
      ssbBase: server.ssbBase,
      fhiBase: server.fhiBase,
    });
    expect(s.tables[0]).toMatchObject({ status: 'downloaded', title: 'D5c_hjertekar_rater', modifiedAt: '2026-05-26T13:25:14.437201Z' });
    const body = JSON.parse(server.log.find((r) => r.path.endsWith('/754/data'))!.body);
    expect(body.dimensions[0]).toEqual({ code: 'GEO', filter: 'item', values: ['0', '34', '3450'] });
    const side = JSON.parse(readFileSync(join(dir, 'fhi', 'nokkel-754.json.sidecar'), 'utf8'));
    expect(side.metadata).toEqual({ name: 'D5c_hjertekar_rater', isOfficialStatistics: true });
    const data = await loadData([dir]);
    const etnedal = data.observations.find((o) => o.geo.code === '3450')!;
    expect(etnedal.value).toBeNull();
    expect(etnedal.missing).toMatchObject({ symbol: ':' });
    expect(data.observations.find((o) => o.geo.code === '0')!.value).toBe(81.4);
  });

  it('SSB (Statistics Norway\'s own test copies): /tables/05300, its metadata, and a json-stat2 answer with status', async () => {
    const base = '/ssb/api/pxwebapi/v2/tables/05300';
    server.raw.set(base, text('ssb-api', 'v2', 'table_v2_05300.json'));
    server.raw.set(`${base}/metadata`, text('ssb-api', 'v2', 'metadata_05300.json'));
    const answer = text('ssb-api', 'v0', 'v0-post-05300-jsonstat2-compact.json');
    server.raw.set(`${base}/data`, answer);
    const s = await runFetch({
      dataDir: dir,
      areas: areasFor([{ code: '5037' }]),
      catalogue: [indicator({ select: { source: 'ssb', table: '05300', measure: 'Avstand' }, api: { table: '05300' } })],
      ssbBase: server.ssbBase,
      fhiBase: server.fhiBase,
    });
    expect(s.tables[0]).toMatchObject({ status: 'downloaded', modifiedAt: '2026-03-05T07:00:00Z', cells: 6 * 8 * 1 * 9 });
    // A national table: no region to choose; every variable is asked for (none may be left out).
    const get = server.log.find((r) => r.path.includes('/05300/data'))!;
    expect(decodeURIComponent(get.path)).toContain('valueCodes[Avstand1]=*&valueCodes[Kulturtilbud]=*&valueCodes[ContentsCode]=*&valueCodes[Tid]=*');
    const written = JSON.parse(readFileSync(join(dir, 'ssb', '05300.json'), 'utf8'));
    const original = JSON.parse(answer);
    expect(written.value).toEqual(original.value);
    expect(written.status).toEqual(original.status);
    expect(written.extension.folkehelse).toMatchObject({ api: 'ssb', table: '05300', modifiedAt: '2026-03-05T07:00:00Z' });
  });
});
