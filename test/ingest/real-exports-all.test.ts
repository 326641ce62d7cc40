import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/sources/inspect.js';
import { readFile } from '../../src/sources/read.js';
import { validatePaths } from '../../src/app/validate.js';
import { HAVE_REAL_EXPORTS, REAL_EXPORTS } from '../helpers.js';

/** Every file under ../shared/real-exports, relative, except the two descriptions. */
function allFiles(): string[] {
  return (readdirSync(REAL_EXPORTS, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile() && !/\.md$/.test(d.name))
    .map((d) => relative(REAL_EXPORTS, join(d.parentPath, d.name)))
    .sort();
}

/** Files that are data: each is read and checked in detail below (or in real-exports.test.ts). */
const READ: Record<string, string> = {
  'fhi/fornoeyd_med_helsa_ungdom.csv': 'fhi-label',
  'fhi/forventet_levealder_etter_utdanning_7_aarig.csv': 'fhi-label',
  'fhi/hjerte_og_karsykdom_primaerhelsetjenesten_treaarige_tall.csv': 'fhi-label',
  'fhi/psykiske_plager_ungdom.csv': 'fhi-label',
  'fhi/selvmord_femaarig.csv': 'fhi-label',
  'fhi/tilfredshet_med_livet_ungdom.csv': 'fhi-label',
  'fhi/producer-fhi-statistikk-ngs/eksempelfil_data-drikkevann-cube.csv': 'fhi-cube',
  'fhi-api/fixtures-norway-open-data/fhi-query-flags.json': 'fhi-jsonstat',
  'ssb-api/v0/v0-post-05300-jsonstat2-compact.json': 'ssb-jsonstat',
  'ssb/09539-latin1-unquoted.csv': 'ssb-csv',
  // A national table (years down the side, the variables in two header rows, notes under it): read as region 0 (issue 25).
  'ssb/10484-bom-semicolon-two-header-rows-footer.csv': 'ssb-csv',
  'ssb/10826-en-bydel-latin1-lf-title-2021.csv': 'ssb-csv',
  'ssb/10826-en-bydel-latin1-lf-title-wide-2001-2020.csv': 'ssb-csv',
  'ssb/11616-latin1-quoted.csv': 'ssb-csv',
  'ssb/11616-utf8-bom.csv': 'ssb-csv',
};

/** Files that are not statistics: refused, saying what they look like. */
const REFUSED: [RegExp, RegExp][] = [
  [/^fhi-api\/queries\/telemark\/.*\.txt$/, /looks like an FHI Statistikk API query/],
  [/^fhi-api\/queries\/powerquery-.*\.pq\.txt$/, /looks like a Power Query \(M\) script/],
  [/^ssb-api\/queries\/powerquery-.*\.pq\.txt$/, /looks like a Power Query \(M\) script/],
  [/^ssb-api\/queries\/v0-.*\.pq-escaped\.txt$/, /looks like an SSB PxWebApi query body/],
  [/^kostra\/queries\/v0-.*\.pq-escaped\.txt$/, /looks like an SSB PxWebApi query body/],
  [/^kostra\/queries\/ks-kostra-tabellfilter-og-grupper\.csv$/, /looks like a list of KOSTRA tables to fetch/],
  [/^fhi-api\/official\/.*postman_collection\.json$/, /looks like a Postman collection/],
  [/^fhi-api\/fixtures-norway-open-data\/fhi-sources\.json$/, /list of FHI Statistikk sources/],
  [/^fhi-api\/fixtures-norway-open-data\/fhi-tables\.json$/, /list of FHI Statistikk tables/],
  [/^fhi-api\/fixtures-norway-open-data\/fhi-table-dimensions\.json$/, /dimension list/],
  [/^fhi-api\/fixtures-norway-open-data\/fhi-table-metadata\.json$/, /table's description \(the API's \/metadata/],
  [/^fhi-api\/derived\/dim_regioner_FHI\.csv$/, /list of FHI geography codes/],
  [/^fhi\/producer-fhi-statistikk-ngs\/eksempelfil_kategori-flags\.json$/, /producer metadata/],
  [/^ssb-api\/v0\/v0-get-05300-metadata-compact\.json$/, /SSB table's metadata \(PxWebApi v0 GET\)/],
  [/^ssb-api\/v2\/code_lists_agg_valgdistrikt\.json$/, /SSB code list/],
  [/^ssb-api\/v2\/table_v2_05300\.json$/, /SSB table's description \(PxWebApi v2/],
  [/^ssb-api\/v2\/metadata_05300\.json$/, /JSON-stat dataset without any values/],
  [/^ssb\/klass\/.*\.csv$/, /SSB Klass code list/],
];

describe.skipIf(!HAVE_REAL_EXPORTS)('every file in ../shared/real-exports', () => {
  const files = HAVE_REAL_EXPORTS ? allFiles() : [];

  it('is known to this test: read, or refused with what it looks like', () => {
    expect(files.length).toBeGreaterThan(50);
    const unknown = files.filter((f) => !(f in READ) && !REFUSED.some(([re]) => re.test(f)));
    expect(unknown).toEqual([]);
  });

  it.each(files.filter((f) => !(f in READ)))('%s is refused with what it looks like and the formats read', async (f) => {
    const expected = REFUSED.find(([re]) => re.test(f))![1];
    const report = await validatePaths([join(REAL_EXPORTS, f)]);
    const r = report.files[0]!;
    expect(r.fileError).toMatch(expected);
    expect(r.fileError).toMatch(/folkehelse reads: FHI cube file/);
    expect(r.fileError).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it.each(Object.entries(READ))('%s is read as %s', async (f, format) => {
    const r = await inspectFile(join(REAL_EXPORTS, f));
    expect(r.format).toBe(format);
    expect(r.summary.observations).toBeGreaterThan(0);
  });
});

describe.skipIf(!HAVE_REAL_EXPORTS)('what is read from the real exports', () => {
  const telemark = ['0', '40', '4001', '4003', '4005', '4010', '4012', '4014', '4016', '4018', '4020', '4022', '4024', '4026', '4028', '4030', '4032', '4034', '4036'];

  it('FHI label export with a column named "Alder vises ikke" and SOES codes as labels', async () => {
    const r = await inspectFile(join(REAL_EXPORTS, 'fhi/fornoeyd_med_helsa_ungdom.csv'));
    expect(r).toMatchObject({ format: 'fhi-label', encoding: 'utf-8', errors: 0, warnings: 0 });
    const s = r.summary;
    expect(s.observations).toBe(570);
    expect(s.geographies.map((g) => g.code)).toEqual(telemark);
    expect(s.levels).toEqual({ land: 1, fylke: 1, kommune: 17 });
    expect(s.periods).toEqual(['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025']);
    expect(s.sexes).toEqual(['total', 'male', 'female']);
    expect(s.measures).toMatchObject([{ measure: 'andel (prosent, standardisert)', measureType: 'proportion', unit: 'prosent' }]);
    expect(s.missing).toEqual({ '.': 408, ':': 5 });
    expect(s.dimensions.map((d) => d.name)).toEqual(['Alder vises ikke', 'Fornøydhet med helsa', 'SOES']);
  });

  it('FHI suicide, 5-year periods, 1 678 of 1 900 values suppressed', async () => {
    const r = await readFile(join(REAL_EXPORTS, 'fhi/selvmord_femaarig.csv'));
    expect(r.issues.errorCount).toBe(0);
    expect(r.data).toHaveLength(1900);
    expect(r.data.filter((o) => o.missing?.symbol === ':' && o.missing.reason === 'suppressed')).toHaveLength(1678);
    // A suppressed cell keeps nothing: no value, no counts.
    expect(r.data.filter((o) => o.missing).every((o) => o.value === null && o.numerator === null && o.denominator === null)).toBe(true);
    const o = r.data[0]!;
    expect(o).toMatchObject({ measureType: 'rate', unit: 'per 100 000', multiplier: 100000, period: { kind: 'pool' } });
    expect(o.period.to - o.period.from).toBe(4);
    expect(new Set(r.data.map((x) => x.sex))).toEqual(new Set(['male', 'female']));
    expect([...new Set(r.data.map((x) => x.age?.code))]).toEqual(['alle', '0_74', '0_44', '45_74', '75_120']);
    expect(r.data[0]!.dimensions).toEqual({ Dødsårsak: 'Selvmord (X60-84,Y87.0)' });
  });

  it("FHI's producer cube: extra measures, a trailing comment in SPVFLAGG, county codes with leading zero", async () => {
    const r = await readFile(join(REAL_EXPORTS, 'fhi/producer-fhi-statistikk-ngs/eksempelfil_data-drikkevann-cube.csv'));
    expect(r.format).toBe('fhi-cube');
    expect(r.issues.errorCount).toBe(0);
    const comment = r.issues.issues.filter((i) => i.code === 'comment-in-cell');
    expect(comment).toHaveLength(1);
    expect(comment[0]).toMatchObject({ line: 12, column: 'SPVFLAGG', columnNumber: 9 });
    expect(comment[0]!.message).toMatch(/reads "3"/);
    // DEKNINGSGRAD is a measure (a coverage), never a dimension.
    expect(new Set(r.data.map((o) => o.measure))).toEqual(new Set(['RATE', 'SMR', 'DEKNINGSGRAD']));
    expect(r.data.every((o) => !('DEKNINGSGRAD' in o.dimensions))).toBe(true);
    expect(r.data[0]!.dimensions).toEqual({ INDIKATOR: 'Hyg', NIVA: '1' });
    const oslo = r.data.find((o) => o.geo.code === '03' && o.measure === 'RATE')!;
    expect(oslo).toMatchObject({ geo: { level: 'fylke' }, value: 100, numerator: 666759, period: { from: 2018, to: 2018 } });
    // Flag 3 (after the comment is removed) is FHI's ':' — anonymised; nothing of the row is kept.
    const finnmark = r.data.filter((o) => o.geo.code === '54');
    expect(finnmark).toHaveLength(1);
    expect(finnmark[0]).toMatchObject({ value: null, numerator: null, missing: { symbol: ':', reason: 'suppressed' } });
  });

  it("FHI JSON-stat fixture: category.index as an array, flags inside value", async () => {
    const r = await readFile(join(REAL_EXPORTS, 'fhi-api/fixtures-norway-open-data/fhi-query-flags.json'));
    expect(r.issues.errorCount).toBe(0);
    expect(r.data.map((o) => [o.geo.code, o.geo.level, o.value, o.missing?.symbol ?? null])).toEqual([
      ['0', 'land', expect.any(Number), null],
      ['34', 'fylke', null, '..'],
      ['3450', 'kommune', null, ':'],
    ].map((x, i) => (i === 0 ? x : x)));
    expect(r.data[0]).toMatchObject({ measure: 'TELLER', measureType: 'count', period: { from: 2022, to: 2024 } });
  });

  it('SSB v0 JSON-stat 05300: a national table (no region), shares in percent, status symbols', async () => {
    const r = await readFile(join(REAL_EXPORTS, 'ssb-api/v0/v0-post-05300-jsonstat2-compact.json'));
    expect(r.format).toBe('ssb-jsonstat');
    expect(r.issues.errorCount).toBe(0);
    expect(r.data).toHaveLength(6 * 8 * 9);
    expect(new Set(r.data.map((o) => o.geo.code))).toEqual(new Set(['0']));
    expect(r.data[0]).toMatchObject({ table: '05300', measureType: 'proportion', unit: 'prosent', sex: 'total', age: null });
    expect(r.data.filter((o) => o.missing).length).toBe(28);
    expect(new Set(r.data.filter((o) => o.missing).map((o) => o.missing!.symbol))).toEqual(new Set(['.', '..']));
    expect(Object.keys(r.data[0]!.dimensions)).toEqual(['Avstand1', 'Kulturtilbud']);
  });

  it('SSB 10826, English, long: age and measure read as such, not as dimensions', async () => {
    const r = await readFile(join(REAL_EXPORTS, 'ssb/10826-en-bydel-latin1-lf-title-2021.csv'));
    expect(r.format).toBe('ssb-csv');
    expect(r.file.encoding).toBe('windows-1252');
    expect(r.layout).toMatchObject({ headerLine: 3, delimiter: ';', header: ['region', 'age', 'Persons 2021'] });
    const counts = r.issues.counts;
    // Only geography is left to the register (bydeler with SSB's a/aa suffixes): no other problem.
    expect([...counts.keys()].filter((c) => c !== 'unknown-geography' && c !== 'code-not-valid-in-period' && c !== 'special-area' && c !== 'harmonised-geography' && c !== 'historic-geography')).toEqual([]);
    expect(r.data.length).toBeGreaterThan(0);
    for (const o of r.data) {
      expect(o).toMatchObject({ table: '10826', measure: 'Persons', measureType: 'count', unit: 'personer', sex: 'total', period: { from: 2021, to: 2021 } });
      expect(o.dimensions).toEqual({});
      expect(o.age?.from).not.toBeNull();
    }
    const ages = new Map(r.data.map((o) => [o.age!.label, o.age!.code]));
    expect(ages.get('0 years')).toBe('0_0');
    expect(ages.get('1 year')).toBe('1_1');
    expect(ages.get('105 years or older')).toBe('105_120');
  });

  it('SSB 10826, English, wide: "Persons 2001" … "Persons 2020" are one measure over 20 years', async () => {
    const r = await readFile(join(REAL_EXPORTS, 'ssb/10826-en-bydel-latin1-lf-title-wide-2001-2020.csv'));
    expect(r.format).toBe('ssb-csv');
    expect(new Set(r.data.map((o) => o.measure))).toEqual(new Set(['Persons']));
    expect([...new Set(r.data.map((o) => o.period.from))].sort()).toEqual(Array.from({ length: 20 }, (_, i) => 2001 + i));
    expect(r.data.every((o) => Object.keys(o.dimensions).length === 0 && o.age !== null)).toBe(true);
  });

  it('SSB 10826 bydel files: valid, city totals are the municipality, districts are bydeler, unknown districts are "other"', async () => {
    for (const f of ['ssb/10826-en-bydel-latin1-lf-title-2021.csv', 'ssb/10826-en-bydel-latin1-lf-title-wide-2001-2020.csv']) {
      const r = await readFile(join(REAL_EXPORTS, f));
      expect(r.issues.errorCount, f).toBe(0);
      const levels = new Map(r.data.map((o) => [o.geo.code, o.geo.level]));
      expect(levels.get('0301')).toBe('kommune');
      expect(levels.get('4601')).toBe('kommune');
      expect(levels.get('5001')).toBe('kommune');
      expect(levels.get('030101')).toBe('bydel');
      expect(r.data.find((o) => o.geo.code === '030101')?.geo.name).toBe('Gamle Oslo');
      expect([...levels.entries()].filter(([, l]) => l === 'other').length).toBeGreaterThan(0);
      expect(r.issues.counts.get('special-area')).toBe(1);
    }
  });
});
