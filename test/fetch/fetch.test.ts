import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { failureTexts, runFetch, type FetchOptions } from '../../src/fetch/run.js';
import { isMessage, render } from '../../src/base/messages.js';
import type { HttpText } from '../../src/http/errors.js';
import { HttpClient, HttpError, NetworkDownError, retryAfterMs } from '../../src/http/client.js';
import { SsbApi } from '../../src/sources/ssb/api.js';
import { areasFor, type ApiIndicator } from '../../src/fetch/plan.js';
import { loadData } from '../../src/sources/load.js';
import { tempDir } from '../helpers.js';
import { ApiServer } from './server.js';
import { apiCatalogue, populate } from './world.js';

/** Only a few tables, to keep each test short: FHI 507 (MEIS), 403 (derived NEVNER), SSB 06913, KOSTRA 12362 (without the population pyramid's 07459, which the end-to-end test fetches). */
function smallCatalogue(): ApiIndicator[] {
  const keep = new Set(['forventet-levealder', 'levealder-utdanning', 'vedvarende-lavinntekt', 'vedvarende-lavinntekt-barn', 'befolkningsendring', 'helsestasjon-utgifter']);
  return apiCatalogue().filter((i) => keep.has(i.id));
}

const fast = { attempts: 3, backoffMs: 1, timeoutMs: 400, maxWaitMs: 10_000 };

describe('fetch against the local API server', () => {
  let server: ApiServer;
  let dir: string;
  let catalogue: ApiIndicator[];
  let waits: number[];
  const opts = (over: Partial<FetchOptions> = {}): FetchOptions => ({
    dataDir: dir,
    areas: areasFor([{ code: '5037', kostragruppe: 'EKG11', neighbours: ['5038'] }]),
    catalogue,
    pyramid: false,
    ssbBase: server.ssbBase,
    fhiBase: server.fhiBase,
    http: { ssb: { ...fast, sleep: async (ms) => void waits.push(ms) }, fhi: { ...fast, sleep: async (ms) => void waits.push(ms) } },
    ...over,
  });
  beforeEach(async () => {
    server = await new ApiServer().start();
    catalogue = smallCatalogue();
    populate(server, catalogue);
    dir = tempDir();
    waits = [];
  });
  afterEach(async () => {
    await server.stop();
  });

  it('writes each table as JSON-stat with a sidecar; the reader reads it, with the derived denominator', async () => {
    const s = await runFetch(opts());
    expect(s.totals).toMatchObject({ tables: 4, downloaded: 4, failed: 0 });
    const side = JSON.parse(readFileSync(join(dir, 'fhi', 'nokkel-403.json.sidecar'), 'utf8'));
    expect(side.derived).toMatchObject({ measure: 'NEVNER', from: ['TELLER', 'RATE'], multiplier: 100 });
    const data = await loadData([dir]);
    const obs = data.observations.filter((o) => o.table === 'nokkel-403' && o.measure === 'RATE' && o.geo.code === '5037' && o.value !== null && o.numerator !== null);
    expect(obs.length).toBeGreaterThan(0);
    for (const o of obs) {
      // NEVNER = TELLER × 100 / RATE, rounded to whole persons: the rate comes back to within its rounding.
      expect(o.denominator).toBe(Math.round((o.numerator! * 100) / o.value!));
      expect(Math.abs((o.numerator! / o.denominator!) * 100 - o.value!)).toBeLessThan(0.06);
    }
    // A standardised measure gets no derived denominator.
    expect(JSON.parse(readFileSync(join(dir, 'fhi', 'nokkel-507.json.sidecar'), 'utf8')).derived).toBeUndefined();
    // Two contents (Folkemengde, Folketilvekst) × 10 years.
    const ssb = data.observations.filter((o) => o.table === '06913' && o.geo.code === '5037');
    expect(ssb.length).toBe(20);
    // Everything asked for and nothing else: areas 0, 50, 5037, 5038.
    expect(new Set(data.observations.filter((o) => o.table === 'nokkel-507').map((o) => o.geo.code))).toEqual(new Set(['0', '50', '5037', '5038']));
  });

  it('waits as Retry-After says on 429 and backs off on 500, then succeeds', async () => {
    server.faults.push({ match: /\/tables\/06913\/data/, times: 1, action: { status: 429, retryAfter: '7' } });
    server.faults.push({ match: /\/nokkel\/table\/507\/data/, times: 2, action: { status: 500 } });
    const s = await runFetch(opts());
    expect(s.totals.failed).toBe(0);
    expect(s.totals.retries).toBe(3);
    expect(waits.some((w) => w >= 7000 && w < 7300)).toBe(true);
    expect(server.log.filter((r) => r.path.includes('/507/data')).length).toBe(3);
  });

  it('a table that keeps failing is reported with status, URL and advice; the others are still fetched; exit code 1', async () => {
    server.faults.push({ match: /\/nokkel\/table\/403\/data/, times: 99, action: { status: 500 } });
    const s = await runFetch(opts());
    expect(s.totals).toMatchObject({ downloaded: 3, failed: 1 });
    const bad = s.tables.find((t) => t.status === 'failed')!;
    expect(bad.error).toMatchObject({ status: 500, url: `${server.fhiBase}/nokkel/table/403/data` });
    expect(bad.error!.advice).toMatch(/try again later/i);
    expect(existsSync(join(dir, 'fhi', 'nokkel-403.json'))).toBe(false);
  });

  it('a table list that fails is asked for once, and every table of that source reports it', async () => {
    server.faults.push({ match: /\/nokkel\/table$/, times: 99, action: { status: 503 } });
    const s = await runFetch(opts());
    expect(s.tables.filter((t) => t.status === 'failed').map((t) => t.table).sort()).toEqual(['403', '507']);
    expect(server.log.filter((r) => r.path === '/fhi/api/open/v1/nokkel/table').length).toBe(fast.attempts);
    expect(s.totals.downloaded).toBe(2);
  });

  it('a fetched file tells where it came from (for citing)', async () => {
    const { readProvenance } = await import('../../src/fetch/store.js');
    await runFetch(opts());
    expect(readProvenance(join(dir, 'fhi', 'nokkel-507.json'))).toMatchObject({ api: 'fhi', table: '507', tableId: '507', title: 'Forventet levealder', url: `${server.fhiBase}/nokkel/table/507/data` });
    expect(readProvenance(join(dir, 'fhi', 'nokkel-507.json'))!.retrievedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(readProvenance(join(dir, 'missing.json'))).toBeNull();
    // A file changed by hand since is no longer what was fetched: not cited as fetched.
    const file = join(dir, 'fhi', 'nokkel-507.json');
    expect(readProvenance(file)!.sha256).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n$/, ' \n'));
    expect(readProvenance(file)).toBeNull();
  });

  it('a time-out is retried', async () => {
    server.faults.push({ match: /\/tables\/06913\/data/, times: 1, action: 'timeout' });
    const s = await runFetch(opts());
    expect(s.totals.failed).toBe(0);
    expect(server.log.filter((r) => r.path.includes('/tables/06913/data')).length).toBe(2);
  });

  it('a projection (api.horizon) is asked again when the year turns, though SSB has not changed it', async () => {
    const projection = apiCatalogue().filter((i) => i.id === 'andel-67-fremskrevet' || i.id === 'andel-80-fremskrevet');
    const world = await new ApiServer().start();
    try {
      populate(world, projection);
      const year = new Date().getUTCFullYear();
      const at = (y: number) => () => new Date(Date.UTC(y, 5, 1));
      const o = (y: number) => opts({ catalogue: projection, ssbBase: world.ssbBase, now: at(y) });
      expect((await runFetch(o(year))).tables[0]).toMatchObject({ status: 'downloaded', reason: 'not fetched before' });
      expect((await runFetch(o(year))).tables[0]).toMatchObject({ status: 'up-to-date' });
      const next = (await runFetch(o(year + 1))).tables[0]!;
      expect(next).toMatchObject({ status: 'downloaded', reason: 'the areas or categories asked for changed' });
      const file = JSON.parse(readFileSync(join(dir, 'ssb', '14746.json'), 'utf8'));
      expect(Object.keys(file.dimension.Tid.category.index)[0]).toBe(String(year + 11));
      // One file, both shares (67+ above 80+), the ages summed away.
      expect(Object.keys(file.dimension.ContentsCode.category.label)).toEqual(['Andel67', 'Andel80']);
      expect(file.id).toEqual(['Region', 'ContentsCode', 'Tid']);
      const nTid = file.size[2];
      expect(file.value[0]).toBeGreaterThan(file.value[nTid]);
    } finally {
      await world.stop();
    }
  });

  it('a malformed body fails that table only, and leaves its earlier file in place', async () => {
    await runFetch(opts());
    const before = readFileSync(join(dir, 'fhi', 'nokkel-507.json'), 'utf8');
    server.faults.push({ match: /\/nokkel\/table\/507\/data/, times: 99, action: 'malformed' });
    const s = await runFetch(opts({ force: true }));
    const t = s.tables.find((x) => x.table === '507')!;
    expect(t.status).toBe('failed');
    expect(t.error!.message).toMatch(/not valid JSON/);
    expect(readFileSync(join(dir, 'fhi', 'nokkel-507.json'), 'utf8')).toBe(before);
    expect(s.totals.downloaded).toBe(3);
  });

  it('finds a table whose id moved by its title', async () => {
    const t = server.fhi.get('nokkel/507')!;
    server.fhi.delete('nokkel/507');
    server.addFhi({ ...t, tableId: 1507 });
    const s = await runFetch(opts());
    const o = s.tables.find((x) => x.table === '507')!;
    expect(o.status).toBe('downloaded');
    expect(o.movedFrom).toBe('507');
    const side = JSON.parse(readFileSync(join(dir, 'fhi', 'nokkel-507.json.sidecar'), 'utf8'));
    expect(side.tableId).toBe('1507');
    expect(side.requests[0].url).toMatch(/\/nokkel\/table\/1507\/data$/);
  });

  it('a /query template with wildcards: the codes come from /dimension, and only codes the table has are asked for', async () => {
    server.fhiQueryStyle = 'all';
    // This table has no "Hele landet" (as FHI's 395 query files leave out land and fylke).
    const t = server.fhi.get('nokkel/507')!;
    t.dims[0]!.categories = t.dims[0]!.categories.filter((c) => c.value !== '0');
    const s = await runFetch(opts());
    expect(s.totals.failed).toBe(0);
    expect(server.log.some((r) => r.path.endsWith('/nokkel/table/507/dimension'))).toBe(true);
    const body = JSON.parse(server.log.find((r) => r.path.endsWith('/507/data'))!.body);
    expect(body.dimensions.find((d: { code: string }) => d.code === 'GEO')).toEqual({ code: 'GEO', filter: 'item', values: ['50', '5037', '5038'] });
    expect(s.tables.find((x) => x.table === '507')!.missingAreas).toEqual(['0']);
    expect(body.dimensions.find((d: { code: string }) => d.code === 'MEASURE_TYPE')).toEqual({ code: 'MEASURE_TYPE', filter: 'all', values: ['*'] });
    expect(s.tables.find((x) => x.table === '507')!.cells).toBe(3 * 6 * 3 * 2 * 4 * 3);
  });

  it('a table FHI no longer lists, by id or title, fails with advice', async () => {
    server.fhi.delete('nokkel/403');
    const s = await runFetch(opts());
    const o = s.tables.find((x) => x.table === '403')!;
    expect(o.status).toBe('failed');
    expect(o.error!.advice).toMatch(/api\.table/);
  });

  it('second run: metadata only; a table modified since is downloaded again; --force downloads all', async () => {
    await runFetch(opts());
    server.log.length = 0;
    const second = await runFetch(opts());
    expect(second.totals).toMatchObject({ downloaded: 0, upToDate: 4 });
    expect(server.log.map((r) => r.path).filter((p) => /\/(data|query|flag|metadata|dimension)/.test(p))).toEqual([]);

    // Changed at the source after the fetch: FHI lists it under modifiedAfter, SSB's `updated` is later.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    server.fhi.get('nokkel/403')!.modifiedAt = tomorrow;
    server.ssb.get('06913')!.updated = tomorrow;
    server.log.length = 0;
    const third = await runFetch(opts());
    expect(third.tables.filter((t) => t.status === 'downloaded').map((t) => t.table).sort()).toEqual(['06913', '403']);
    const today = new Date().toISOString().slice(0, 10);
    expect(server.log.filter((r) => r.path.startsWith('/fhi/')).map((r) => r.path)[0]).toBe(`/fhi/api/open/v1/nokkel/table?modifiedAfter=${today}`);

    const forced = await runFetch(opts({ force: true }));
    expect(forced.totals.downloaded).toBe(4);

    // --since: only what changed after the date (FHI asks modifiedAfter=<date>).
    server.fhi.get('nokkel/403')!.modifiedAt = '2026-10-01T08:00:00Z';
    server.ssb.get('06913')!.updated = new Date(Date.now() + 2 * 86_400_000).toISOString();
    server.log.length = 0;
    const since = await runFetch(opts({ since: '2026-10-02' }));
    expect(since.tables.filter((t) => t.status === 'downloaded').map((t) => t.table)).toEqual(['06913']);
    expect(server.log.some((r) => r.path.endsWith('/nokkel/table?modifiedAfter=2026-10-02'))).toBe(true);
  });

  it('a data file changed by hand since its fetch is downloaded again', async () => {
    await runFetch(opts());
    writeFileSync(join(dir, 'ssb', '06913.json'), readFileSync(join(dir, 'ssb', '06913.json'), 'utf8').replace('"value":[', '"value":[1'));
    const s = await runFetch(opts());
    expect(s.tables.filter((t) => t.status === 'downloaded').map((t) => t.table)).toEqual(['06913']);
  });

  it('asking for other areas re-downloads', async () => {
    await runFetch(opts());
    const s = await runFetch(opts({ areas: areasFor([{ code: '5037', kostragruppe: 'EKG11' }]) }));
    expect(s.totals.downloaded).toBe(4);
  });

  it('an SSB table whose regions carry a level prefix (K_5037, F_50), selected by ContentsCode whose label differs from the catalogue\'s', async () => {
    const only = apiCatalogue().filter((i) => i.id === 'valgdeltakelse').map((i) => ({ ...i, select: { ...i.select, measure: 'DeltaProsent' } }));
    server.addSsb({ id: '09475', label: '09475: Valgdeltakelse', updated: '2026-01-01T07:00:00Z', dims: [
      { code: 'Region', label: 'region', categories: [{ value: '0', label: 'Hele landet' }, { value: 'F_50', label: 'Trøndelag' }, { value: 'K_5037', label: 'Levanger' }, { value: 'K_5038', label: 'Verdal' }] },
      { code: 'ContentsCode', label: 'statistikkvariabel', categories: [{ value: 'DeltaProsent', label: 'Valgdeltakelse i prosent' }] },
      { code: 'Tid', label: 'fireårlig', categories: ['2015', '2019', '2023'].map((y) => ({ value: y, label: y })) },
    ], value: (c) => ({ '0': 64, F_50: 63, K_5037: 61, K_5038: 58 } as Record<string, number>)[c.Region!]! });
    const s = await runFetch(opts({ catalogue: only }));
    expect(s.tables[0]).toMatchObject({ status: 'downloaded' });
    expect(s.tables[0]!.missingAreas).toBeUndefined();
    expect(s.tables[0]!.unmatched).toBeUndefined();
    const data = await loadData([dir]);
    const obs = data.observations.filter((o) => o.table === '09475');
    expect(new Set(obs.map((o) => o.geo.code))).toEqual(new Set(['0', '50', '5037', '5038']));
    expect(obs[0]).toMatchObject({ measure: 'Valgdeltakelse i prosent', measureCode: 'DeltaProsent' });
    const { computeIndicators } = await import('../../src/indicators/engine.js');
    const [r] = computeIndicators(data.observations, only, { kommune: '5037' });
    expect(r!.value?.value).toBe(61);
  });

  it('an FHI table that lacks a dimension or some codes the catalogue names is fetched with what it has, and says so; none of a dimension\'s codes fails it', async () => {
    const base = apiCatalogue().find((i) => i.id === 'aleneboende-45')!;
    // As FHI publishes 187: no KJONN; ALDER in bands.
    server.addFhi({ source: 'nokkel', tableId: 187, title: 'Personer som bor alene', publishedAt: '2026-01-01T05:00:00Z', modifiedAt: '2026-05-01T05:00:00Z', dims: [
      { code: 'GEO', label: 'Geografi', categories: [{ value: '0', label: 'Hele landet' }, { value: '50', label: 'Trøndelag' }, { value: '5037', label: 'Levanger' }, { value: '5038', label: 'Verdal' }] },
      { code: 'AAR', label: 'År', categories: [{ value: '2024_2024', label: '2024' }, { value: '2025_2025', label: '2025' }] },
      { code: 'ALDER', label: 'Alder', categories: [{ value: '16_120', label: '16 år +' }, { value: '45_120', label: '45 år +' }] },
      { code: 'MEASURE_TYPE', label: 'Måltall', categories: [{ value: 'TELLER', label: 'Antall' }, { value: 'RATE', label: 'Andel' }] },
    ] });
    const wants = (dimensions: Record<string, string[]>, select = base.select) => [{ ...base, select, api: { ...base.api!, dimensions } }];
    const s = await runFetch(opts({ catalogue: wants({ KJONN: ['0'], ALDER: ['45_120', '67_120'] }, { ...base.select, dimensions: { KJONN: '0' } }) }));
    expect(s.tables[0]).toMatchObject({ status: 'downloaded', missingCategories: [{ dimension: 'KJONN', codes: ['0'], absent: true }, { dimension: 'ALDER', codes: ['67_120'] }] });
    // The indicator selects on KJONN, which the table lacks: it would find no data, and fetch says so.
    expect(s.tables[0]!.unselectable).toEqual([{ indicator: 'aleneboende-45', dimension: 'KJONN' }]);
    const body = JSON.parse(server.log.find((r) => r.path.endsWith('/187/data'))!.body);
    // Every dimension of the table is in the request (FHI answers 400 otherwise), and only codes it has.
    expect(body.dimensions.map((d: { code: string }) => d.code)).toEqual(['GEO', 'AAR', 'ALDER', 'MEASURE_TYPE']);
    expect(body.dimensions.find((d: { code: string }) => d.code === 'ALDER').values).toEqual(['45_120']);
    const failed = await runFetch(opts({ catalogue: wants({ ALDER: ['99_99'] }), force: true }));
    expect(failed.tables[0]).toMatchObject({ status: 'failed' });
    expect(failed.tables[0]!.error!.message).toMatch(/the table has no ALDER 99_99 \(it has 16_120, 45_120\)/);
    // What the terminal says, in the user's language (English stays in --json).
    const texts = failureTexts(failed.tables[0]!.error!);
    const text = (t: HttpText, lang: 'nb' | 'nn') => (isMessage(t) ? render(t, lang) : t);
    expect(text(texts.message, 'nb')).toBe('tabellen har ikke ALDER 99_99 (den har 16_120, 45_120)');
    expect(text(texts.advice, 'nb')).toBe('FHI kan ha endret koden: rett «api.dimensions» (og «select») i katalogen.');
    expect(text(texts.message, 'nn')).toBe('tabellen har ikkje ALDER 99_99 (han har 16_120, 45_120)');
  });

  it('api.years on an FHI table asks for the newest periods by code (filter "item", as FHI documents it)', async () => {
    const lav = catalogue.filter((i) => i.id === 'vedvarende-lavinntekt').map((i) => ({ ...i, api: { ...i.api!, years: 2 } }));
    const s = await runFetch(opts({ catalogue: lav }));
    expect(s.tables[0]).toMatchObject({ status: 'downloaded' });
    const body = JSON.parse(server.log.find((r) => r.path.endsWith('/403/data'))!.body);
    expect(body.dimensions.find((d: { code: string }) => d.code === 'AAR')).toEqual({ code: 'AAR', filter: 'item', values: ['2021_2023', '2022_2024'] });
  });

  it('a server that routes only {source}/Table/{id}/… (as FHI\'s README prints it) is asked so after one 404', async () => {
    server.fhiTablePathCase = 'Table';
    const s = await runFetch(opts());
    expect(s.totals.failed).toBe(0);
    const fhi = server.log.filter((r) => /\/fhi\/api\/open\/v1\/nokkel\/[Tt]able\/\d+\//.test(r.path));
    // One miss in lower case, then every request with "Table".
    expect(fhi.filter((r) => r.path.includes('/table/')).length).toBe(1);
    expect(fhi.filter((r) => r.path.includes('/Table/')).length).toBeGreaterThan(4);
  });

  it('splits a table over several requests to stay under the cell limit, and joins the parts', async () => {
    const s = await runFetch(opts({ maxCells: { fhi: 500, ssb: 25 } }));
    expect(s.totals.failed).toBe(0);
    const fhiData = server.log.filter((r) => r.path.includes('/507/data'));
    expect(fhiData.length).toBeGreaterThan(1);
    for (const r of fhiData) expect(JSON.parse(r.body).response.maxRowCount).toBe(500);
    const ssbData = server.log.filter((r) => r.path.includes('/06913/data'));
    expect(ssbData.length).toBe(4);
    const doc = JSON.parse(readFileSync(join(dir, 'ssb', '06913.json'), 'utf8'));
    expect(Object.keys(doc.dimension.Region.category.index)).toEqual(['0', '50', '5037', '5038']);
    const joined = JSON.parse(readFileSync(join(dir, 'fhi', 'nokkel-507.json'), 'utf8'));
    expect(joined.dimension.GEO.category.index).toEqual(['0', '50', '5037', '5038']);
    expect(joined.value.length).toBe(joined.size.reduce((a: number, b: number) => a * b, 1));
  });

  it('SSB\'s /config maxDataCells lowers the limit: the table is split', async () => {
    server.ssbMaxCells = 45;
    const s = await runFetch(opts());
    expect(s.tables.find((t) => t.table === '06913')!.status).toBe('downloaded');
    expect(server.log.filter((r) => r.path === '/ssb/api/pxwebapi/v2/config').length).toBe(1);
    // 2 contents × 10 years a region, 45 cells a request: 2 regions a request.
    expect(server.log.filter((r) => r.path.includes('/06913/data')).length).toBe(2);
  });

  it('a server that answers 403 "Too many cells selected" gets the selection halved', async () => {
    server.ssbMaxCells = 25;
    server.faults.push({ match: /\/config$/, times: 99, action: { status: 404 } });
    const s = await runFetch(opts());
    expect(s.tables.find((t) => t.table === '06913')!.status).toBe('downloaded');
    expect(server.log.filter((r) => r.path.includes('/06913/data')).length).toBeGreaterThan(1);
  });

  it('--dry-run makes no request', async () => {
    const s = await runFetch(opts({ dryRun: true }));
    expect(server.log).toEqual([]);
    expect(s.tables.every((t) => t.status === 'planned')).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a network that is down stops with one NetworkDownError', async () => {
    const port = server.port;
    await server.stop();
    await expect(runFetch(opts({ fhiBase: `http://127.0.0.1:${port}/fhi`, ssbBase: `http://127.0.0.1:${port}/ssb` }))).rejects.toBeInstanceOf(NetworkDownError);
    server = await new ApiServer().start();
  });
});

describe('HTTP details', () => {
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8000);
    expect(retryAfterMs('soon')).toBeNull();
  });

  it('follows the server x-ratelimit headers', async () => {
    const server = await new ApiServer().start();
    try {
      populate(server, smallCatalogue());
      server.ssbRateLimit = { limit: 2, remaining: 0 };
      const waits: number[] = [];
      const http = new HttpClient({ requestsPerWindow: 30, sleep: async (ms) => void waits.push(ms) });
      await http.get(`${server.ssbBase}/tables/06913`);
      await http.get(`${server.ssbBase}/tables/06913`);
      // remaining 0 → the second request waited for the window.
      expect(waits.length).toBeGreaterThan(0);
      expect(waits[0]).toBeGreaterThan(50_000);
    } finally {
      await server.stop();
    }
  });

  it('uses POST when the GET URL would be too long for SSB', async () => {
    const server = await new ApiServer().start();
    try {
      // 600 distinct region codes make a GET URL over 2 000 characters (SSB answers such a URL with 404).
      const regions = Array.from({ length: 600 }, (_, i) => ({ value: String(1000 + i), label: `Kommune ${1000 + i}` }));
      server.addSsb({ id: '06913', label: '06913: Befolkning', updated: '2026-01-01T07:00:00Z', dims: [
        { code: 'Region', label: 'region', categories: regions },
        { code: 'ContentsCode', label: 'statistikkvariabel', categories: [{ value: 'Personer1', label: 'Personer' }] },
        { code: 'Tid', label: 'år', categories: [{ value: '2024', label: '2024' }] },
      ] });
      const api = new SsbApi(server.ssbBase, new HttpClient());
      const r = await api.data('06913', [
        { variableCode: 'Region', valueCodes: regions.map((c) => c.value) },
        { variableCode: 'ContentsCode', valueCodes: ['Personer1'] },
        { variableCode: 'Tid', valueCodes: ['2024'] },
      ]);
      expect(r.method).toBe('POST');
      expect(server.log.at(-1)!.method).toBe('POST');
    } finally {
      await server.stop();
    }
  });

  it('a 400 is not retried and names the problem', async () => {
    const server = await new ApiServer().start();
    try {
      populate(server, smallCatalogue());
      const http = new HttpClient();
      const err = await http.get(`${server.ssbBase}/tables/06913/data?valueCodes[Region]=9999&valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=2024`).catch((e) => e);
      expect(err).toBeInstanceOf(HttpError);
      expect(err.message).toMatch(/HTTP 400 .*Non-existent value/);
      expect(server.log.length).toBe(1);
    } finally {
      await server.stop();
    }
  });
});

describe('folkehelse fetch (command line)', () => {
  let server: ApiServer;
  let dir: string;
  beforeEach(async () => {
    server = await new ApiServer().start();
    populate(server, smallCatalogue());
    dir = tempDir();
    writeFileSync(join(dir, 'mini.json'), JSON.stringify({ exclude: apiCatalogue().map((i) => i.id).filter((id) => !smallCatalogue().some((s) => s.id === id)), indicators: [] }));
  });
  afterEach(async () => {
    await server.stop();
  });
  async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en', FOLKEHELSE_SSB_API: server.ssbBase, FOLKEHELSE_FHI_API: server.fhiBase, ...env } });
    return { code, stdout, stderr };
  }

  it('--dry-run prints the plan without network; --json gives a summary', async () => {
    const r = await cli(['fetch', '--kommune', '5037', '--data', join(dir, 'data'), '--catalogue', join(dir, 'mini.json'), '--dry-run']);
    expect(r.code).toBe(0);
    // 507: 3 areas (0, 50, 5037) × KJONN 3 × ALDER 2 × UTDANN 4 (years and measures not counted).
    expect(r.stdout).toMatch(/FHI nokkel 507 .*→ fhi\/nokkel-507\.json: at least 72 cells, 1 data request \(not fetched before\)/);
    // A dry run does not ask Klass for the KOSTRA group: it says the group is not known.
    // Four tables of the catalogue, and the population pyramid's 07459 (by sex and age).
    expect(r.stdout).toMatch(/Plan: 5 tables for 5037 \(with land, fylke 50\) into .*: 5 data requests/);
    expect(r.stdout).toMatch(/SSB 07459 .*→ ssb\/07459\.json/);
    expect(r.stderr).toMatch(/no KOSTRA group is known for 5037/);
    expect(server.log).toEqual([]);
    const j = await cli(['fetch', '--kommune', '5037', '--data', join(dir, 'data'), '--catalogue', join(dir, 'mini.json'), '--json']);
    expect(j.code).toBe(0);
    const summary = JSON.parse(j.stdout);
    expect(summary.totals).toMatchObject({ tables: 5, downloaded: 5, failed: 0 });
    // The KOSTRA group came from Klass (beside the SSB address), and the KOSTRA table has it.
    expect(summary.areas.kostragrupper).toEqual(['EKG11']);
    expect(server.log.some((l) => l.path.startsWith('/ssb/api/klass/v1/classifications/112/correspondsAt?targetClassificationId=131&date='))).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'data', 'kostra', '12362.json'), 'utf8')).dimension.KOKkommuneregion0000.category.index)).toContain('EKG11');
    // Not a terminal: one line per table on stderr.
    expect(j.stderr).toBe('');
  });

  it('speaks bokmål and nynorsk: per-table lines, the plan and the warnings; --strict makes a warning exit 1', async () => {
    const args = ['fetch', '--kommune', '5037', '--data', join(dir, 'data'), '--catalogue', join(dir, 'mini.json'), '--dry-run'];
    const nb = await cli(args, { FOLKEHELSE_LANG: 'nb' });
    expect(nb.code).toBe(0);
    expect(nb.stdout).toMatch(/FHI nokkel 507 .*→ fhi\/nokkel-507\.json: minst 72 celler, 1 dataforespørsel \(ikke hentet før\)/);
    expect(nb.stdout).toMatch(/^Plan: 5 tabeller for 5037 \(med landet, fylke 50\) til .*: 5 dataforespørsler \(i tillegg til én metadatasjekk per tabell\); ingenting ble lastet ned \(--dry-run\)\.$/m);
    expect(nb.stderr).toMatch(/ingen KOSTRA-gruppe er kjent for 5037: KOSTRA-tabeller hentes uten gruppen/);
    const nn = await cli([...args, '--lang', 'nn']);
    expect(nn.code).toBe(0);
    expect(nn.stdout).toMatch(/FHI nokkel 507 .*→ fhi\/nokkel-507\.json: minst 72 celler, 1 dataførespurnad \(ikkje henta før\)/);
    expect(nn.stdout).toMatch(/^Plan: 5 tabellar for 5037 \(med landet, fylke 50\) til .*: 5 dataførespurnader \(i tillegg til éin metadatasjekk per tabell\); ingenting vart lasta ned \(--dry-run\)\.$/m);
    expect(nn.stderr).toMatch(/ingen KOSTRA-gruppe er kjend for 5037: KOSTRA-tabellar blir henta utan gruppa/);
    expect(`${nb.stdout}${nb.stderr}${nn.stdout}${nn.stderr}`).not.toMatch(/ cells|requests|not fetched|no KOSTRA/);
    // The missing KOSTRA group is a warning: --strict makes it exit 1, with the reason on stderr.
    const strict = await cli([...args, '--strict'], { FOLKEHELSE_LANG: 'nb' });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^folkehelse: .*--strict/m);
    expect(server.log).toEqual([]);
  });

  it('--strict: a run without warnings (the KOSTRA group given) is 0', async () => {
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ kommuner: [{ code: '5037', kostragruppe: 'EKG11' }], data: [join(dir, 'data')], catalogue: [join(dir, 'mini.json')] }));
    const clean = await cli(['fetch', '--config', join(dir, 'folkehelse.config.json'), '--strict']);
    expect(clean.stderr).not.toMatch(/--strict/);
    expect(clean.code).toBe(0);
  });

  it('a failing table gives exit 1 with status, URL and what to do; no network gives one sentence and exit 2', async () => {
    server.faults.push({ match: /\/tables\/06913\/data/, times: 99, action: { status: 404, body: '{"title":"Not found"}' } });
    const r = await cli(['fetch', '--kommune', '5037', '--data', join(dir, 'data'), '--catalogue', join(dir, 'mini.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SSB 06913.*FAILED \(HTTP 404\): Not found — http:\/\/127\.0\.0\.1:\d+\/ssb\/api\/pxwebapi\/v2\/tables\/06913\/data.*give the right table id in your own catalogue file/);
    expect(r.stdout).toMatch(/4 downloaded, 0 up to date, 1 failed/);
    const port = server.port;
    await server.stop();
    const env = { FOLKEHELSE_SSB_API: `http://127.0.0.1:${port}/ssb`, FOLKEHELSE_FHI_API: `http://127.0.0.1:${port}/fhi` };
    const started = Date.now();
    const down = await cli(['fetch', '--kommune', '5037', '--data', join(dir, 'data2'), '--catalogue', join(dir, 'mini.json'), '--lang', 'en'], env);
    // A refused connection: one quick retry, then one sentence, well within 15 s.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(down.code).toBe(2);
    expect(down.stderr.match(/cannot reach/g)).toHaveLength(1);
    expect(down.stderr).not.toMatch(/internal error|FAILED|\n\s+at /);
    expect(down.stderr).toMatch(/folkehelse: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): check the internet connection/);
    // In the coordinator's language (bokmål by default), and with --json still JSON on stdout.
    const nb = await cli(['fetch', '--kommune', '5037', '--data', join(dir, 'data2'), '--catalogue', join(dir, 'mini.json'), '--json'], { ...env, FOLKEHELSE_LANG: 'nb' });
    expect(nb.code).toBe(2);
    expect(nb.stderr).toMatch(/^folkehelse: får ikke kontakt med 127\.0\.0\.1:\d+ \(ECONNREFUSED\): sjekk internettforbindelsen/);
    const json = JSON.parse(nb.stdout);
    expect(json.error).toMatchObject({ kind: 'network', network: 'unreachable', host: `127.0.0.1:${port}`, reason: 'ECONNREFUSED', proxy: null, exitCode: 2 });
    expect(json.tables).toEqual([]);
    server = await new ApiServer().start();
  });

  it('rejects a bad date, a bad municipality list and a bad API address', async () => {
    expect((await cli(['fetch', '--kommune', '5037', '--since', 'yesterday', '--dry-run'])).stderr).toMatch(/--since: "yesterday" is not a date/);
    // Names work; a shared name asks for the number; an unknown name is named.
    const named = await cli(['fetch', '--kommune', 'Levanger, verdal', '--data', join(dir, 'data'), '--dry-run']);
    expect(named.code).toBe(0);
    expect(named.stdout).toMatch(/for 5037, 5038 \(with land, fylke 50\)/);
    expect((await cli(['fetch', '--kommune', 'Herøy', '--dry-run'])).stderr).toMatch(/"Herøy" is the name of 1515 Herøy .* and 1818 Herøy .*; give the number/);
    const unknown = await cli(['fetch', '--kommune', 'Blåbærli', '--dry-run']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--kommune: "Blåbærli" is neither a municipality number \(like 5037\) nor the name of a municipality/);
    const bad = await cli(['fetch', '--kommune', '5037', '--dry-run'], { FOLKEHELSE_FHI_API: 'ftp://example' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/FOLKEHELSE_FHI_API: "ftp:\/\/example" is not an http\(s\) address/);
  });
});

describe('folkehelse fetch progress on a terminal', () => {
  it('draws a bar on a TTY and still prints failures and the summary', async () => {
    const server = await new ApiServer().start();
    try {
      populate(server, smallCatalogue());
      const dir = tempDir();
      writeFileSync(join(dir, 'mini.json'), JSON.stringify({ exclude: apiCatalogue().map((i) => i.id).filter((id) => !smallCatalogue().some((s) => s.id === id)), indicators: [] }));
      server.faults.push({ match: /\/tables\/06913\/data/, times: 99, action: { status: 404, body: '{"title":"Not found"}' } });
      // A wait over a second is shown on the bar.
      server.faults.push({ match: /\/tables\/12362\/metadata/, times: 1, action: { status: 429, retryAfter: '1.5' } });
      let stdout = '';
      let stderr = '';
      const stderrStream = { isTTY: true, columns: 80, write: (s: string) => ((stderr += s), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => stderrStream, removeListener: () => stderrStream };
      const code = await main(['fetch', '--kommune', '5037', '--data', join(dir, 'data'), '--catalogue', join(dir, 'mini.json')], { stdout: { write: (s: string) => (stdout += s) }, stderr: stderrStream, env: { FOLKEHELSE_SSB_API: server.ssbBase, FOLKEHELSE_FHI_API: server.fhiBase } });
      expect(code).toBe(1);
      // In bokmål (the default): the bar, the wait, the failed table with advice about her own files, the summary.
      expect(stderr).toMatch(/henter .* venter 2 s: SSB ba oss vente/);
      expect(stderr).toMatch(/SSB 06913.*FEILET \(HTTP 404\): Not found – http:\/\/127\.0\.0\.1:\d+\/ssb\/api\/pxwebapi\/v2\/tables\/06913\/data\S*\. Tabellen eller adressen finnes ikke \(lenger\): sjekk tabell-id-en i din egen katalogfil \(f\.eks\. mine-indikatorer\.json\)/);
      expect(stderr).not.toMatch(/FAILED|downloaded|fetching/);
      expect(stdout).toMatch(/^5 tabeller for 5037 \(med landet, fylke 50, EKG11\): 4 lastet ned, 0 oppdatert, 1 feilet; \d+ forespørsler \(1 prøvd på nytt\) på \d+,\d s → /m);
    } finally {
      await server.stop();
    }
  });
});
