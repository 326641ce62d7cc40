import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/sources/inspect.js';
import { HAVE_REAL_EXPORTS, REAL_EXPORTS } from '../helpers.js';

// The real FHI and SSB files in ../shared/real-exports (read in place, never copied here).
describe.skipIf(!HAVE_REAL_EXPORTS)('real exports in ../shared/real-exports', () => {
  const telemark = ['0', '40', '4001', '4003', '4005', '4010', '4012', '4014', '4016', '4018', '4020', '4022', '4024', '4026', '4028', '4030', '4032', '4034', '4036'];

  it('SSB 11616, ISO-8859-1 with a quoted title line: wide, 2020–2023 codes harmonised', async () => {
    const r = await inspectFile(join(REAL_EXPORTS, 'ssb/11616-latin1-quoted.csv'));
    expect(r).toMatchObject({ format: 'ssb-csv', source: 'ssb', encoding: 'windows-1252', errors: 0 });
    expect(r.layout).toMatchObject({ delimiter: ';', headerLine: 3, shape: 'wide', title: expect.stringMatching(/^11616: Sysselsatte/) });
    expect(r.summary.tables).toEqual(['11616']);
    expect(r.summary.periods).toEqual(['2021']);
    expect(r.summary.measures.map((m) => m.measure)).toEqual(['Sysselsatte personer bosatt i regionen', 'Personer som pendler inn i regionen', 'Personer som pendler ut av regionen', 'Sysselsatte personer med arbeidssted i regionen']);
    const horten = r.summary.geographies.find((g) => g.code === '3901')!;
    expect(horten).toMatchObject({ name: 'Horten', from: ['3801'] });
    expect(r.summary.observations).toBe(4 * r.summary.rows);
    // æøå survive ISO-8859-1.
    expect(r.summary.geographies.map((g) => g.name)).toContain('Færder');
  });

  it('SSB 11616 saved again as UTF-8 with BOM and an extra column reads the same numbers', async () => {
    const a = await inspectFile(join(REAL_EXPORTS, 'ssb/11616-latin1-quoted.csv'));
    const b = await inspectFile(join(REAL_EXPORTS, 'ssb/11616-utf8-bom.csv'));
    expect(b.encoding).toBe('utf-8-bom');
    expect(b.layout.columns[0]).toBe('region'); // no BOM left on the first header
    expect(b.summary.geographies).toEqual(a.summary.geographies);
    expect(b.summary.dimensions.map((d) => d.name)).toEqual(['Kommune']);
  });

  it('SSB 09539, unquoted ISO-8859-1 padded with ;: zeros for invalid years dropped', async () => {
    const r = await inspectFile(join(REAL_EXPORTS, 'ssb/09539-latin1-unquoted.csv'));
    expect(r).toMatchObject({ format: 'ssb-csv', encoding: 'windows-1252', errors: 0 });
    expect(r.layout.headerLine).toBe(3);
    expect(r.summary.geographies.map((g) => [g.code, g.from])).toEqual([['38', []], ['39', ['07']], ['40', ['08']]]);
    expect(r.summary.periods).toEqual(['2015', '2016', '2017', '2018', '2019', '2020']);
    // 3 regions × 3 visit kinds × 6 years = 54 cells, of which 21 are zeros for years a code did not exist.
    expect(r.summary.observations).toBe(33);
    expect(r.summary.dimensions).toEqual([{ name: 'besøk i museum', values: ['Enkeltbesøk', 'Gruppebesøk', 'Betalande besøkjande'], more: 0 }]);
    expect(r.counts['code-not-valid-in-period']).toBe(3);
  });

  it.each([
    ['forventet_levealder_etter_utdanning_7_aarig.csv', 8550, 10, 'years', ['-', ':']],
    ['hjerte_og_karsykdom_primaerhelsetjenesten_treaarige_tall.csv', 1368, 6, 'rate', [':']],
    ['psykiske_plager_ungdom.csv', 570, 10, 'proportion', ['.', ':']],
    ['tilfredshet_med_livet_ungdom.csv', 285, 5, 'proportion', ['.', ':']],
  ])('FHI label export %s: names mapped to Telemark codes', async (file, observations, periods, measureType, symbols) => {
    const r = await inspectFile(join(REAL_EXPORTS, 'fhi', file));
    expect(r).toMatchObject({ format: 'fhi-label', source: 'fhi', encoding: 'utf-8', errors: 0, warnings: 0 });
    expect(r.layout).toMatchObject({ delimiter: ',', headerLine: 1, decimalMark: 'point' });
    expect(r.summary.observations).toBe(observations);
    expect(r.summary.periods).toHaveLength(periods);
    expect(r.summary.geographies.map((g) => g.code)).toEqual(telemark);
    expect(r.summary.levels).toEqual({ land: 1, fylke: 1, kommune: 17 });
    expect(r.summary.measures.map((m) => m.measureType)).toEqual([measureType]);
    expect(Object.keys(r.summary.missing).sort()).toEqual([...symbols].sort());
  });

  it('life expectancy by education keeps the education levels as a dimension', async () => {
    const r = await inspectFile(join(REAL_EXPORTS, 'fhi/forventet_levealder_etter_utdanning_7_aarig.csv'));
    expect(r.summary.dimensions[0]!.name).toBe('Utdanningsnivå');
    expect(r.summary.dimensions[0]!.values).toContain('grunnskole');
    expect(r.summary.periods[0]).toBe('2009-2015');
  });
});
