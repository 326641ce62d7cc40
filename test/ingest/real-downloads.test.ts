import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/model/observation.js';
import { loadData } from '../../src/sources/load.js';
import { readFile } from '../../src/sources/read.js';

/**
 * Issue 25 on a corpus of further real public downloads kept outside the repository (never
 * committed; see its README). Skipped where the corpus is not present.
 */
const CORPUS = process.env.FOLKEHELSE_REAL_CORPUS ?? '/work/research/real';
const HAVE = existsSync(CORPUS);
const at = (dir: string, file: string) => join(CORPUS, dir, file);

function find(data: Observation[], geo: string, year: number, pick: (o: Observation) => boolean = () => true): number | null | undefined {
  return data.find((o) => o.geo.code === geo && o.period.from === year && pick(o))?.value;
}
const ageZero = (o: Observation) => o.age?.from === 0 && o.age.to === 0;

describe.skipIf(!HAVE)('real downloads held back (local corpus)', () => {
  it('Latin-1 whose first letter beyond ASCII is at 86 kB (SSB 07459, sex and age)', { timeout: 60_000 }, async () => {
    const r = await readFile(at('01-encoding', 'ssb-07459-en-sex-age-latin1-very-late-2020.csv'));
    expect(r.issues.errorCount).toBe(0);
    expect(find(r.data, '5037', 2020, (o) => ageZero(o) && o.sex === 'male')).toBe(105);
    expect(r.issues.issues.some((i) => i.code === 'encoding-damage')).toBe(false);
  });

  it('UTF-8 with the letters already lost (U+FFFD) is read by number, with a warning', { timeout: 60_000 }, async () => {
    const r = await readFile(at('01-encoding', 'ssb-07459-en-comma-utf8-replacement-chars-2019.csv'));
    expect(r.issues.errorCount).toBe(0);
    expect(r.issues.counts.get('encoding-damage')).toBeGreaterThan(0);
    expect(find(r.data, '5037', 2019, ageZero)).toBe(224);
  });

  it('SSB 07459 with 1719 Levanger (-2017) and 5037 Levanger side by side, 0 in the years not in use', { timeout: 60_000 }, async () => {
    const r = await readFile(at('02-two-header-rows', 'ssb-07459-en-tab-latin1-old-and-new-numbers-2015-2018.csv'));
    expect(r.issues.errorCount).toBe(0);
    const lev = r.data.filter((o) => o.geo.code === '5037' && ageZero(o)).map((o) => [o.period.from, o.value]);
    expect(lev.sort()).toEqual([
      [2015, 208],
      [2016, 235],
      [2017, 215],
      [2018, 234],
    ]);
  });

  it('SSB 03014: year row above the variable row, CRLF, Latin-1, footnotes', async () => {
    const r = await readFile(at('02-two-header-rows', 'ssb-03014-kpi-latin1-crlf-two-header-rows-footnotes.csv'));
    expect(r.issues.errorCount).toBe(0);
    const v = (group: string, year: number) => r.data.find((o) => o.dimensions.konsumgruppe === group && o.period.from === year)?.value;
    expect(v('Matvarer og alkoholfrie drikkevarer', 1979)).toBe(27.5);
    expect(v('Matvarer og alkoholfrie drikkevarer', 2016)).toBe(102.6);
    expect(v('Transport', 1979)).toBe(21.9);
  });

  it('SSB 10467: unquoted ".." and "." are missing numbers, not values', { timeout: 60_000 }, async () => {
    const r = await readFile(at('03-status-symbols', 'ssb-10467-fornavn-dots-unquoted-two-measures.csv'));
    expect(r.issues.errorCount).toBe(0);
    const name = (n: string, y: number) => r.data.filter((o) => o.dimensions.fornavn === n && o.period.from === y);
    expect(name('Aagot', 1880).map((o) => [o.value, o.missing?.symbol ?? null])).toEqual([
      [0.315, null],
      [null, '..'],
    ]);
    expect(name('Åsta', 2016).map((o) => o.missing?.symbol)).toEqual(['.', '.']);
  });

  it('SSB 13600 with "Porsgrunn (2020-2023)" and "Kragerø (1960-2019)", value followed by other columns', async () => {
    const r = await readFile(at('06-validity-suffixes', 'ssb-13600-framskriving-2014-labels-1960-2019.csv'));
    expect(r.issues.errorCount).toBe(0);
    expect(r.data.some((o) => o.geo.code === '4014')).toBe(true);
    expect(r.data.every((o) => o.dimensions.Tabell !== undefined)).toBe(true);
  });

  it('FHI label copies of catalogue tables are recognised by what they hold, whatever their names', { timeout: 120_000 }, async () => {
    const names = ['nokkel-358-gjeld-processed-lowercase-labels.csv', 'nokkel-388-overvekt-17-processed-gutter-jenter.csv', 'raw-pyjstat-smertestillende-ungdom-390.csv', 'nokkel-507-forventet-levealder-7arig-processed.csv'];
    const d = await loadData(names.map((n) => at('08-fhi-labels', n)));
    expect(d.files.map((f) => f.recognised?.table)).toEqual(['nokkel-358', 'nokkel-388', 'nokkel-390', 'nokkel-507']);
    expect(d.leftOut).toEqual([]);
    // Pupils are boys and girls where the data says so.
    expect(new Set(d.observations.filter((o) => o.table === 'nokkel-388').map((o) => o.sex))).toEqual(new Set(['total', 'male', 'female']));
  });
});
