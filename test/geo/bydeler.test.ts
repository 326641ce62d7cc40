import { render } from '../../src/base/messages.js';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRegister } from '../../src/geo/register.js';
import { GeoResolver, isResolved, type Resolved } from '../../src/geo/resolve.js';
import { inspectFile } from '../../src/sources/inspect.js';
import { readFile } from '../../src/sources/read.js';
import type { Observation } from '../../src/model/observation.js';
import { HAVE_REAL_EXPORTS, REAL_EXPORTS, ROOT } from '../helpers.js';

const resolver = () => new GeoResolver(defaultRegister());
const ok = (r: ReturnType<GeoResolver['fromLabel']>): Resolved => {
  if (!isResolved(r)) throw new Error(render(r.error, 'en'));
  return r;
};

describe('the bydel register', () => {
  const reg = defaultRegister();
  it('has the districts of Oslo, Bergen, Stavanger and Trondheim valid now, with Klass codes and names', () => {
    const now = reg.bydeler().filter((b) => b.kind === 'bydel' && b.validTo === null);
    const byCity = (k: string) => now.filter((b) => b.kommune === k).map((b) => `${b.code} ${b.name}`);
    expect(byCity('0301')).toHaveLength(17);
    expect(byCity('0301')).toContain('030101 Gamle Oslo');
    expect(byCity('4601')).toEqual(['460101 Arna', '460102 Bergenhus', '460103 Fana', '460104 Fyllingsdalen', '460105 Laksevåg', '460106 Ytrebygda', '460107 Årstad', '460108 Åsane']);
    expect(byCity('1103')).toContain('110303 Eiganes og Våland');
    expect(byCity('5001')).toEqual(['500101 Midtbyen', '500102 Østbyen', '500103 Lerkendal', '500104 Heimdal']);
  });

  it('keeps discontinued districts with their period, apart from the district that reuses the number', () => {
    expect(reg.bydel('030101', { name: 'Bygdøy-Frogner', validFrom: 1988, validTo: 2003 })).toMatchObject({ ssbCode: '030101', code: '030101:1988-2003', name: 'Bygdøy-Frogner', validFrom: 1988, validTo: 2003 });
    expect(reg.bydel('030101a')).toMatchObject({ ssbCode: '030101a', code: '030101', name: 'Gamle Oslo', validFrom: 2004, validTo: null });
    // A bare Klass code (FHI, Klass-coded tables) is the district valid now …
    expect(reg.bydel('030101')?.name).toBe('Gamle Oslo');
    // … unless the label's period or name says otherwise.
    expect(reg.bydel('030106', { name: 'Gamle Oslo' })).toMatchObject({ code: '030106:1988-2003' });
    expect(reg.bydel('030106', { name: 'Ullern' })).toMatchObject({ code: '030106' });
    expect(reg.bydel('160101', { validFrom: 2001, validTo: 2004 })?.name).toBe('Sentrum');
    expect(reg.bydel('160101a')).toMatchObject({ name: 'Midtbyen', validFrom: 2005, validTo: 2017 });
  });

  it('totals are the municipality, not a district', () => {
    expect(ok(resolver().fromLabel('030100aa Oslo total')).geo).toEqual({ code: '0301', level: 'kommune', name: 'Oslo' });
    const old = ok(resolver().fromLabel('030100a Oslo total (2001-2003)'));
    expect(old.geo.code).toBe('0301');
    expect([old.validFrom, old.validTo]).toEqual([2001, 2003]);
    expect(ok(resolver().fromLabel('460100 Bergen total')).geo).toEqual({ code: '4601', level: 'kommune', name: 'Bergen' });
    const bergen = ok(resolver().fromLabel('120100a Bergen total (-2019)'));
    expect(bergen.geo.code).toBe('4601');
    expect(bergen.harmonisedFrom).toBe('1201');
    expect(ok(resolver().fromLabel('500100 Trondheim total')).geo).toEqual({ code: '5001', level: 'kommune', name: 'Trondheim' });
  });

  it('reads SSB, Klass and FHI codes of districts', () => {
    expect(ok(resolver().fromLabel('030101a Gamle Oslo')).geo).toEqual({ code: '030101', level: 'bydel', name: 'Gamle Oslo' });
    expect(ok(resolver().fromLabel('030101 Bygdøy-Frogner (1988-2003)')).geo).toEqual({ code: '030101:1988-2003', level: 'bydel', name: 'Bygdøy-Frogner' });
    expect(ok(resolver().fromCode('30101')).geo).toEqual({ code: '030101', level: 'bydel', name: 'Gamle Oslo' });
    expect(ok(resolver().fromName('Bydel Gamle Oslo')).geo).toEqual({ code: '030101', level: 'bydel', name: 'Gamle Oslo' });
    // FHI's label forms for the four cities.
    expect(ok(resolver().fromName('Arna bydel')).geo).toEqual({ code: '460101', level: 'bydel', name: 'Arna' });
    expect(ok(resolver().fromName('Hundvåg kommunedel')).geo).toEqual({ code: '110301', level: 'bydel', name: 'Hundvåg' });
    expect(ok(resolver().fromName('Eiganes og Våland')).geo).toEqual({ code: '110303', level: 'bydel', name: 'Eiganes og Våland' });
    expect(ok(resolver().fromName('Heimdal bydel')).geo).toEqual({ code: '500104', level: 'bydel', name: 'Heimdal' });
    expect(ok(resolver().fromLabel('030101 Bydel Gamle Oslo')).geo.code).toBe('030101');
    // A bare district name that is also a municipality's stays the municipality.
    expect(ok(resolver().fromName('Finnøy')).geo).toMatchObject({ level: 'kommune', code: '1141' });
    expect(ok(resolver().fromName('Finnøy kommunedel')).geo).toMatchObject({ level: 'bydel', code: '110308' });
    // Bergen's districts got new numbers with the municipality in 2020: same districts.
    const arna = ok(resolver().fromLabel('120101 Arna (-2019)'));
    expect(arna.geo).toEqual({ code: '460101', level: 'bydel', name: 'Arna' });
    expect(arna.harmonisedFrom).toBe('120101');
    expect(arna.note?.code).toBe('harmonised-geography');
    // The unknown district is no district.
    expect(ok(resolver().fromLabel('030199a Unknown urban district Oslo')).geo).toMatchObject({ level: 'other', name: 'Uoppgitt bydel Oslo' });
    expect(isResolved(resolver().fromLabel('030128a Ukjent'))).toBe(false);
  });
});

describe.skipIf(!HAVE_REAL_EXPORTS)('bydeler in real SSB and Klass files', () => {
  it('the committed register.json is what make-register.mjs writes from the SSB files', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'data/geography/make-register.mjs'), join(REAL_EXPORTS, '..', 'registers'), join(REAL_EXPORTS, 'ssb')], { encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(out).toBe(readFileSync(join(ROOT, 'data/geography/register.json'), 'utf8'));
  });

  it('every district of the Klass list (2020-01-01) resolves with its Klass name', () => {
    const rows = parse(readFileSync(join(REAL_EXPORTS, 'ssb/klass/klass-bydeler-2020-01-01-latin1.csv')).toString('latin1'), { delimiter: ';', columns: true, relax_column_count: true }) as { code: string; name: string }[];
    expect(rows).toHaveLength(42);
    for (const row of rows) {
      const r = ok(resolver().fromLabel(`${row.code} ${row.name}`));
      if (row.code.endsWith('99')) expect(r.geo.level, row.code).toBe('other');
      else expect(r.geo, row.code).toEqual({ code: row.code, level: 'bydel', name: row.name });
    }
  });

  describe('SSB 10826 (English, wide 2001–2020): population by city district', () => {
    let data: Observation[];
    beforeAll(async () => {
      data = (await readFile(join(REAL_EXPORTS, 'ssb/10826-en-bydel-latin1-lf-title-wide-2001-2020.csv'))).data;
    });
    // Newborns ("0 years"), whether the reader gives age as an age or as a dimension.
    const age0 = (o: Observation) => o.dimensions['age'] === '0 years' || (o.age !== null && o.age.from === 0 && o.age.to === 0);
    const at = (code: string, year: number) => data.filter((o) => o.geo.code === code && o.period.from === year && age0(o));

    it('a reused number is never the other district: 030101 is Bygdøy-Frogner until 2003, Gamle Oslo from 2004', () => {
      const years = (code: string) => [...new Set(data.filter((o) => o.geo.code === code).map((o) => o.period.from))].sort();
      expect(years('030101:1988-2003')).toEqual([2001, 2002, 2003]);
      expect(years('030101')).toEqual([2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
      expect(new Set(data.filter((o) => o.geo.code === '030101').map((o) => o.geo.name))).toEqual(new Set(['Gamle Oslo']));
      expect(at('030101:1988-2003', 2001)[0]?.value).toBe(240);
      expect(at('030101', 2004)[0]?.value).toBe(668);
      expect(at('030106:1988-2003', 2002)[0]).toMatchObject({ geo: { name: 'Gamle Oslo', level: 'bydel' }, value: 456 });
    });

    it("the districts, the unknown district and nothing else add up to the city's total, every year", () => {
      for (const [kommune, prefix, years] of [['0301', '0301', [2001, 2003, 2004, 2020]], ['4601', '4601', [2001, 2019, 2020]], ['1103', '1103', [2001, 2020]], ['5001', '5001', [2018, 2020]]] as const) {
        for (const year of years) {
          const total = at(kommune, year)[0]!.value!;
          const parts = data.filter((o) => o.period.from === year && age0(o) && (o.geo.level === 'bydel' || o.geo.level === 'other') && (o.geo.code.startsWith(prefix) || (o.geo.code.startsWith('1201') && prefix === '4601')));
          expect(parts.reduce((a, o) => a + o.value!, 0), `${kommune} ${year}`).toBe(total);
        }
      }
    });

    it('totals are the municipality, under the number of their time (1201 → 4601, 1601 kept)', () => {
      expect(at('0301', 2003)[0]).toMatchObject({ geo: { level: 'kommune', name: 'Oslo' }, value: 7553, harmonisedFrom: null });
      expect(at('4601', 2019)[0]).toMatchObject({ value: 3147, harmonisedFrom: '1201' });
      expect(at('4601', 2020)[0]).toMatchObject({ value: 3160, harmonisedFrom: null });
      expect(at('1601', 2005)[0]).toMatchObject({ geo: { code: '1601', level: 'kommune' }, value: 2146 });
      expect(at('1601', 2004)[0]?.value).toBe(2028);
      expect(defaultRegister().dataCodesFor('5001')).toContain('1601');
    });
  });

  it('inspect 10826 (2021): levels, codes, names; special districts as a note', async () => {
    const r = await inspectFile(join(REAL_EXPORTS, 'ssb/10826-en-bydel-latin1-lf-title-2021.csv'));
    expect(r).toMatchObject({ errors: 0, source: 'ssb', format: 'ssb-csv' });
    expect(r.summary.levels).toEqual({ kommune: 4, bydel: 38, other: 4 });
    const g = (code: string) => r.summary.geographies.find((x) => x.code === code);
    expect(g('0301')).toMatchObject({ level: 'kommune', name: 'Oslo' });
    expect(g('030101')).toMatchObject({ level: 'bydel', name: 'Gamle Oslo' });
    expect(g('110303')).toMatchObject({ level: 'bydel', name: 'Eiganes og Våland' });
    expect(g('110309')).toMatchObject({ level: 'bydel', name: 'Rennesøy' });
    expect(g('500199')).toMatchObject({ level: 'other', name: 'Uoppgitt bydel Trondheim' });
    // No discontinued district in 2021: their zeros are not values.
    expect(r.summary.geographies.filter((x) => x.code.includes(':'))).toEqual([]);
    expect(r.counts['special-area']).toBe(1);
    expect(r.counts['unknown-geography']).toBeUndefined();
  });
});

describe('SSB JSON-stat: the category label tells a reused district number apart', () => {
  it('030101 "Bygdøy-Frogner (1988-2003)" is not Gamle Oslo; K-23 and 9999 are level other', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('../helpers.js');
    const file = join(tempDir(), '10826.json');
    // In this order (an object would put the integer-like key 9999 first).
    const order = ['030101', '030101a', '030100aa', 'K-23', '9999'];
    const regions: Record<string, string> = { '030101': 'Bygdøy-Frogner (1988-2003)', '030101a': 'Gamle Oslo', '030100aa': 'Oslo total', 'K-23': 'Kontinentalsokkelen', '9999': 'Uoppgitt' };
    writeFileSync(
      file,
      JSON.stringify({
        version: '2.0',
        class: 'dataset',
        label: '10826: Befolkning, etter region, statistikkvariabel og år',
        id: ['Region', 'ContentsCode', 'Tid'],
        size: [5, 1, 2],
        role: { time: ['Tid'], metric: ['ContentsCode'], geo: ['Region'] },
        dimension: {
          Region: { label: 'region', category: { index: order, label: regions } },
          ContentsCode: { label: 'statistikkvariabel', category: { index: { Personer: 0 }, label: { Personer: 'Personer' }, unit: { Personer: { base: 'personer', decimals: 0 } } } },
          Tid: { label: 'år', category: { index: { '2003': 0, '2004': 1 }, label: { '2003': '2003', '2004': '2004' } } },
        },
        value: [240, 0, 0, 668, 0, 7489, 1, 2, 3, 4],
      }),
    );
    const r = await readFile(file);
    const seen = r.data.map((o) => `${o.geo.level} ${o.geo.code} ${o.geo.name} ${o.period.from}=${o.value}`);
    expect(seen).toEqual(expect.arrayContaining(['bydel 030101:1988-2003 Bygdøy-Frogner 2003=240', 'bydel 030101 Gamle Oslo 2004=668', 'kommune 0301 Oslo 2004=7489', 'other K-23 Kontinentalsokkelen 2003=1', 'other 9999 Uoppgitt 2004=4']));
    // Bygdøy-Frogner's number never carries Gamle Oslo's people (SSB's placeholder zeros aside).
    expect(seen.filter((s) => /Gamle Oslo 2003=[1-9]/.test(s) || /Bygdøy-Frogner 2004=[1-9]/.test(s))).toEqual([]);
    // The periods the readers use to drop such placeholders come from the labels.
    const res = new GeoResolver(defaultRegister());
    expect(ok(res.fromCodeAndLabel('030101', 'Bygdøy-Frogner (1988-2003)'))).toMatchObject({ validFrom: 1988, validTo: 2003, geo: { code: '030101:1988-2003' } });
    expect(ok(res.fromCodeAndLabel('030101a', 'Gamle Oslo'))).toMatchObject({ validFrom: 2004, validTo: null, geo: { code: '030101' } });
    expect(ok(res.fromCodeAndLabel('0104', 'Moss (-2019)'))).toMatchObject({ validTo: 2019, geo: { code: '0104' } });
    expect(r.issues.errorCount).toBe(0);
    expect(r.issues.issues.filter((i) => i.code === 'special-area')).toHaveLength(1);
  });
});
