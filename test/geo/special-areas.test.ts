import { render } from '../../src/base/messages.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { defaultRegister } from '../../src/geo/register.js';
import { GeoResolver, isResolved, type Resolved } from '../../src/geo/resolve.js';
import { ObservationIndex } from '../../src/indicators/select.js';
import { readFile } from '../../src/sources/read.js';
import { validatePaths } from '../../src/app/validate.js';
import { HAVE_REAL_EXPORTS, REAL_EXPORTS, tempDir } from '../helpers.js';

const resolver = () => new GeoResolver(defaultRegister());
const ok = (r: ReturnType<GeoResolver['fromLabel']>): Resolved => {
  if (!isResolved(r)) throw new Error(render(r.error, 'en'));
  return r;
};

describe("SSB's special and historical regions are areas at level 'other'", () => {
  it.each([
    ['K-21-22 Svalbard og Jan Mayen', 'K-21-22', 'Svalbard og Jan Mayen'],
    ['K-23 Kontinentalsokkelen', 'K-23', 'Kontinentalsokkelen'],
    ['K-Rest Delte kommuner og uoppgitt', 'K-Rest', 'Delte kommuner og uoppgitt'],
    ['Rest', 'Rest', 'Delte kommuner og uoppgitt'],
    ['21 Svalbard', '21', 'Svalbard'],
    ['22 Jan Mayen', '22', 'Jan Mayen'],
    ['23 Kontinentalsokkelen', '23', 'Kontinentalsokkelen'],
    ['25 Utlandet', '25', 'Utlandet'],
    ['26 Uoppgitt fylke', '26', 'Uoppgitt fylke'],
    ['88 Uoppgitt', '88', 'Uoppgitt'],
    ['99 Uoppgitt', '99', 'Uoppgitt'],
    ['9999 Uoppgitt', '9999', 'Uoppgitt'],
    ['2111 Longyearbyen', '2111', 'Longyearbyen'],
    ['2311 Sokkelen sør for 62° N', '2311', 'Sokkelen sør for 62° N'],
    ['2100 Svalbard', '2100', 'Svalbard'],
    ['5099 Uoppgitt kommune Trøndelag', '5099', 'Uoppgitt kommune Trøndelag'],
  ])('%s', (label, code, name) => {
    const r = ok(resolver().fromLabel(label));
    expect(r.geo).toEqual({ code, level: 'other', name });
    expect(r.harmonisedFrom).toBeNull();
    expect(r.note?.code).toBe('special-area');
    expect(r.note?.onceKey).toBe('special-area');
    expect(r.note && render(r.note.message, 'en')).toContain(`"${code} ${name}"`);
  });

  it('historical units keep the period they had: 13 Bergen (t.o.m. 1971)', () => {
    const county = ok(resolver().fromLabel('13 Bergen (t.o.m. 1971)'));
    expect(county.geo).toEqual({ code: '13', level: 'other', name: 'Bergen' });
    expect([county.validFrom, county.validTo]).toEqual([null, 1971]);
    expect(county.note && render(county.note.message, 'en')).toMatch(/historical unit/);
    // A former municipality number older than the register, with the period SSB gives it.
    const kommune = ok(resolver().fromLabel('1301 Bergen (t.o.m. 1971)'));
    expect(kommune.geo).toEqual({ code: '1301', level: 'other', name: 'Bergen' });
    expect(kommune.validTo).toBe(1971);
  });

  it('bare codes (JSON-stat, FHI) and names are read the same way', () => {
    expect(ok(resolver().fromCode('K-23')).geo).toMatchObject({ code: 'K-23', level: 'other' });
    expect(ok(resolver().fromCode('9999')).geo).toMatchObject({ code: '9999', level: 'other', name: 'Uoppgitt' });
    expect(ok(resolver().fromCode('21')).geo).toMatchObject({ code: '21', level: 'other', name: 'Svalbard' });
    expect(ok(resolver().fromName('Kontinentalsokkelen')).geo).toMatchObject({ code: '23', level: 'other' });
    expect(ok(resolver().fromName('Svalbard og Jan Mayen')).geo).toMatchObject({ code: 'K-21-22', level: 'other' });
  });

  it('does not turn real mistakes into special areas', () => {
    for (const label of ['8123 Ukjent', '77 Ukjent', '0199 Ukjent', '030101b Gamle Oslo']) expect(isResolved(resolver().fromLabel(label)), label).toBe(false);
    // A current or former municipality keeps its own level.
    expect(ok(resolver().fromLabel('2100 Svalbard')).geo.level).toBe('other');
    expect(ok(resolver().fromLabel('5001 Trondheim')).geo.level).toBe('kommune');
  });

  it('comparisons never see them: the indicator index leaves levels other and bydel out', () => {
    const obs = (code: string, level: 'other' | 'bydel' | 'kommune') => ({ source: 'ssb', table: 't', measure: 'm', geo: { code, level, name: code }, origin: { file: 'f.csv' }, period: { from: 2024, to: 2024 } }) as never;
    const index = new ObservationIndex([obs('5037', 'kommune'), obs('99', 'other'), obs('030101', 'bydel')]);
    expect(index.areas('ssb', 't', 'm')).toEqual(['5037']);
  });
});

/** An SSB Statistikkbanken download with its standard special regions, as SSB lays it out. */
const SSB_WITH_SPECIAL_REGIONS = [
  '"07459: Befolkning, etter region, statistikkvariabel og år"',
  '',
  '"region";"Personer 2022";"Personer 2023"',
  '"0 Hele landet";5425270;5488984',
  '"50 Trøndelag - Trööndelage";474131;478371',
  '"5037 Levanger";20256;20427',
  '"13 Bergen (t.o.m. 1971)";0;0',
  '"21 Svalbard";2957;2943',
  '"23 Kontinentalsokkelen";0;0',
  '"99 Uoppgitt";2;1',
  '"K-21-22 Svalbard og Jan Mayen";2957;2943',
  '"K-23 Kontinentalsokkelen";0;0',
  '"K-Rest Delte kommuner og uoppgitt";3;1',
  '"9999 Uoppgitt";3;1',
  '',
].join('\n');

describe('validate and inspect: special regions are a note, the file stays valid', () => {
  const dir = tempDir();
  const file = join(dir, '07459-spesielle-regioner.csv');
  writeFileSync(file, SSB_WITH_SPECIAL_REGIONS);

  it('reads every row; one special-area note for the whole file, no error', async () => {
    const r = await readFile(file);
    expect(r.issues.errorCount).toBe(0);
    const notes = r.issues.issues.filter((i) => i.code === 'special-area');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'note', line: 7, column: 'region', value: '13 Bergen (t.o.m. 1971)' });
    expect(r.issues.noteCount).toBe(1);
    const levels = new Map(r.data.map((o) => [o.geo.code, o.geo.level]));
    expect(Object.fromEntries(levels)).toEqual({ '0': 'land', '50': 'fylke', '5037': 'kommune', '21': 'other', '23': 'other', '99': 'other', 'K-21-22': 'other', 'K-23': 'other', 'K-Rest': 'other', '9999': 'other' });
    // 13 Bergen ended in 1971: its zeros for 2022–2023 are not values.
    expect(r.data.filter((o) => o.geo.code === '13')).toHaveLength(0);
  });

  it('validate: valid, the note shown as a note', async () => {
    const report = await validatePaths([file]);
    expect(report.files[0]).toMatchObject({ valid: true, errors: 0 });
    expect(report.files[0]!.counts['special-area']).toBe(1);
    let out = '';
    const code = await main(['validate', file], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
    expect(code).toBe(0);
    expect(out).toMatch(/special-area \(1 note\)/);
    expect(out).not.toMatch(/unknown-geography/);
  });

  it('inspect lists the non-municipal areas by level', async () => {
    let out = '';
    const code = await main(['inspect', file], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => {} }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
    expect(code).toBe(0);
    expect(out).toMatch(/Geographies:\s+10 \(1 country, 1 county, 1 municipality, 7 other areas\)/);
    expect(out).toMatch(/Other areas:\s+7 \(level other\): 21 Svalbard, 23 Kontinentalsokkelen, 99 Uoppgitt, 9999 Uoppgitt, K-21-22 Svalbard og Jan Mayen, K-23 Kontinentalsokkelen, K-Rest Delte kommuner og uoppgitt/);
  });
});

describe.skipIf(!HAVE_REAL_EXPORTS)("SSB's Klass lists as published (../shared/real-exports/ssb/klass)", () => {
  const klass = async (name: string) => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('csv-parse/sync');
    const bytes = readFileSync(join(REAL_EXPORTS, 'ssb', 'klass', name));
    const text = name.includes('latin1') ? bytes.toString('latin1') : bytes.toString('utf8');
    return parse(text, { delimiter: ';', columns: true, relax_column_count: true }) as { code: string; name: string }[];
  };

  it('every municipality code of Klass 131 (2026) resolves; 9999 Uoppgitt is level other', async () => {
    const rows = await klass('klass131-kommuner-2026-latin1-with-notes.csv');
    expect(rows).toHaveLength(358);
    for (const row of rows) {
      const r = ok(resolver().fromLabel(`${row.code} ${row.name}`));
      expect(r.geo.level, row.code).toBe(row.code === '9999' ? 'other' : 'kommune');
      expect(r.geo.code).toBe(row.code);
    }
  });

  it('every municipality code of Klass 131 (2020) resolves to a 2026 municipality or a former one; 9999 is level other', async () => {
    const rows = await klass('klass131-kommuner-2020-01-01-latin1.csv');
    expect(rows).toHaveLength(357);
    for (const row of rows) {
      const r = ok(resolver().fromLabel(`${row.code} ${row.name}`));
      expect(r.geo.level, row.code).toBe(row.code === '9999' ? 'other' : 'kommune');
      if (row.code !== '9999') expect(r.harmonisedFrom === row.code || r.geo.code === row.code, row.code).toBe(true);
    }
  });

  it('every county code of Klass 104 (2026) resolves; 99 Uoppgitt is level other', async () => {
    const rows = await klass('klass-fylker-2026-utf8.csv');
    for (const row of rows) {
      const r = ok(resolver().fromLabel(`${row.code} ${row.name}`));
      expect(r.geo).toMatchObject({ code: row.code, level: row.code === '99' ? 'other' : 'fylke' });
    }
    expect(ok(resolver().fromLabel('99 Uoppgitt')).geo.name).toBe('Uoppgitt');
  });
});
