/**
 * The local server must answer as the documented APIs do (../shared/domain/apis.md), or the fetch
 * tests prove nothing about the real services: expressions, errors and statuses are checked here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer } from './server.js';

describe('the local API server follows apis.md', () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await new ApiServer().start();
    server.addSsb({ id: '07459', label: '07459: Befolkning', updated: '2026-01-01T07:00:00Z', dims: [
      { code: 'Region', label: 'region', categories: ['0', '50', '5037', '5038', '4601'].map((value) => ({ value, label: value })), elimination: true },
      { code: 'ContentsCode', label: 'statistikkvariabel', categories: [{ value: 'Personer1', label: 'Personer' }] },
      { code: 'Tid', label: 'år', categories: Array.from({ length: 6 }, (_, i) => ({ value: String(2019 + i), label: String(2019 + i) })) },
    ] });
    server.addFhi({ source: 'nokkel', tableId: 507, title: 'Forventet levealder', publishedAt: '2026-04-27T05:00:00Z', modifiedAt: null, dims: [
      { code: 'GEO', label: 'Geografi', categories: [{ value: '0', label: 'Hele landet' }] },
      { code: 'AAR', label: 'År', categories: [{ value: '2023_2023', label: '2023' }] },
      { code: 'MEASURE_TYPE', label: 'Måltall', categories: [{ value: 'MEIS', label: 'MEIS' }] },
    ] });
  });
  afterAll(async () => {
    await server.stop();
  });
  const ssb = async (query: string) => {
    const res = await fetch(`${server.ssbBase}/tables/07459/data?lang=no&outputFormat=json-stat2&${query}`);
    const text = await res.text();
    return { status: res.status, text, doc: text ? (JSON.parse(text) as { title?: string; dimension?: Record<string, { category: { index: Record<string, number> } }> }) : null };
  };
  const years = (doc: Awaited<ReturnType<typeof ssb>>['doc']) => Object.keys(doc!.dimension!.Tid!.category.index);

  it('SSB expressions: top, bottom, from, to, range (bracketed in GET when it has a comma), wildcards', async () => {
    expect(years((await ssb('valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=top(2)')).doc)).toEqual(['2023', '2024']);
    expect(years((await ssb('valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=[top(2,1)]')).doc)).toEqual(['2022', '2023']);
    expect(years((await ssb('valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=bottom(1)')).doc)).toEqual(['2019']);
    expect(years((await ssb('valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=from(2023)')).doc)).toEqual(['2023', '2024']);
    expect(years((await ssb('valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=[range(2020,2021)]')).doc)).toEqual(['2020', '2021']);
    const wild = await ssb('valueCodes[Region]=50*&valueCodes[ContentsCode]=personer1&valueCodes[Tid]=2024');
    expect(Object.keys(wild.doc!.dimension!.Region!.category.index)).toEqual(['50', '5037', '5038']);
  });

  it('SSB errors: an unbracketed comma, a repeated code, a missing mandatory variable, an unknown value', async () => {
    expect(await ssb('valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=range(2020,2021)')).toMatchObject({ status: 400, doc: { title: 'Illegal selection expression' } });
    expect(await ssb('valueCodes[Region]=5037,5037&valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=2024')).toMatchObject({ status: 500, text: '' });
    expect(await ssb('valueCodes[Tid]=2024')).toMatchObject({ status: 400, doc: { title: 'Missing selection for mandantory variable' } });
    expect(await ssb('valueCodes[ContentsCode]=Personer9&valueCodes[Tid]=2024')).toMatchObject({ status: 400, doc: { title: 'Non-existent value' } });
    // Region may be left out (elimination): the extract has no Region.
    expect((await ssb('valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=2024')).doc!.dimension!.Region).toBeUndefined();
  });

  it('FHI: Common/source, table casing, GET /data is 405, modifiedAt may be null', async () => {
    expect(await (await fetch(`${server.fhiBase}/Common/source`)).json()).toEqual([{ id: 'nokkel', title: 'Folkehelsestatistikk', description: '', aboutUrl: null, publishedBy: 'Folkehelseinstituttet' }]);
    expect(await (await fetch(`${server.fhiBase}/nokkel/Table/507`)).json()).toMatchObject({ tableId: 507, modifiedAt: null });
    expect((await fetch(`${server.fhiBase}/nokkel/table/507/data`)).status).toBe(405);
  });
});
