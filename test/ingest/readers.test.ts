import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readFile } from '../../src/sources/read.js';
import { FIXTURES, tempDir } from '../helpers.js';

const READERS = join(FIXTURES, 'readers');

/** Issue 25: the categories of real downloads, each in the shape the real files have (fixtures/readers). */
describe('KOSTRA web CSV: two header rows, old and new numbers side by side, notes under the table', () => {
  it('reads variable over year, the stub names from the lower row, 1719 as 5037\'s history, the notes as notes', async () => {
    const r = await readFile(join(READERS, 'kostra-12209-two-header-rows-old-new-numbers-notes.csv'));
    expect(r.format).toBe('kostra-csv');
    expect(r.issues.errorCount).toBe(0);
    const lev = r.data.filter((o) => o.geo.code === '5037').map((o) => [o.period.label, o.measure, o.value, o.harmonisedFrom]);
    expect(lev).toEqual(
      expect.arrayContaining([
        ['2017', 'Andel mottakere av hjemmetjenester (prosent)', 7.2, '1719'],
        ['2018', 'Andel mottakere av hjemmetjenester (prosent)', 7, null],
        ['2019', 'Andel mottakere av hjemmetjenester (prosent)', 6.8, null],
        ['2017', 'Mottakere av hjemmetjenester', 151, '1719'],
        ['2018', 'Mottakere av hjemmetjenester', 152, null],
      ]),
    );
    // "." and ".." in the years a number was not in use: neither values nor repeats.
    expect(lev).toHaveLength(6);
    expect(r.issues.issues.filter((i) => i.code === 'code-not-valid-in-period').length).toBeGreaterThanOrEqual(4);
    expect(r.issues.issues.some((i) => i.code === 'duplicate-row')).toBe(false);
    // The notes under the table are not rows.
    expect(r.data.some((o) => /Sist endret|Kilde|Statistisk/.test(o.geo.name ?? ''))).toBe(false);
    expect(new Set(r.data.map((o) => o.geo.code))).toEqual(new Set(['0', '50', '5037', '5038', '4034']));
  });

  it('a published share a little over 100 % (Tokke 104.4) is a warning with line and column, and kept', async () => {
    const r = await readFile(join(READERS, 'kostra-12209-two-header-rows-old-new-numbers-notes.csv'));
    const w = r.issues.issues.find((i) => i.code === 'share-above-100')!;
    expect(w).toMatchObject({ severity: 'warning', line: 11 });
    expect(w.column).toMatch(/Andel mottakere.*2017/);
    expect(r.data.find((o) => o.geo.code === '4034' && o.period.label === '2017' && /Andel/.test(o.measure))?.value).toBe(104.4);
  });
});

describe('Statistikkbanken: a national table, year over variable, footnotes under it', () => {
  it('reads the year row above the variable row, the stub as a dimension, footnotes not as rows', async () => {
    const r = await readFile(join(READERS, 'ssb-national-year-over-variable-footnotes.csv'));
    expect(r.issues.errorCount).toBe(0);
    expect(r.data).toHaveLength(8);
    const at = (group: string, year: number, measure: string) => r.data.find((o) => o.dimensions.konsumgruppe === group && o.period.from === year && o.measure === measure)?.value;
    expect(at('Transport', 2016, 'Konsumprisindeks (2015=100)')).toBe(102.5);
    expect(at('Matvarer og alkoholfrie drikkevarer', 2016, 'Vekter')).toBe(129.9);
    expect(r.data.every((o) => o.geo.code === '0')).toBe(true);
  });
});

describe('months, quarters and weeks are periods of their own kind, never merged into years', () => {
  it.each([
    ['ssb-07129-maned.csv', 'month', ['2023M09', '2023M10']],
    ['ssb-kvartal.csv', 'quarter', ['2021K3', '2021K4']],
    ['ssb-03024-uke-wide.csv', 'week', ['2023U46', '2023U47']],
  ] as const)('%s', async (file, kind, labels) => {
    const r = await readFile(join(READERS, file));
    expect(r.issues.errorCount).toBe(0);
    const parts = r.data.filter((o) => o.period.kind === kind);
    expect([...new Set(parts.map((o) => o.period.label))].sort()).toEqual([...labels]);
    // The year beside its parts stays a year of its own, and no part is read as a year.
    expect(r.data.filter((o) => o.period.kind === 'year').every((o) => /^\d{4}$/.test(o.period.label))).toBe(true);
    expect(r.issues.issues.some((i) => i.code === 'duplicate-row')).toBe(false);
  });
});

describe('the value column followed by other columns; names with SSB\'s years', () => {
  it('takes the column that holds the values, and resolves "Porsgrunn (2020-2023)", "Kragerø (1960-2019)" through the history', async () => {
    const r = await readFile(join(READERS, 'ssb-13600-value-then-columns-names-with-years.csv'));
    expect(r.issues.errorCount).toBe(0);
    expect(r.data.map((o) => [o.geo.code, o.period.from, o.value])).toEqual(
      expect.arrayContaining([
        ['4001', 2022, 319],
        ['4001', 2023, 311],
        ['4014', 2019, 85],
        ['4001', 2024, 322],
      ]),
    );
    expect(r.data.find((o) => o.value === 319)!.dimensions).toMatchObject({ Framskriving: '2022', Tabell: '13600' });
    // Bø (Telemark) was merged into Midt-Telemark: kept under its old number.
    expect(r.data.find((o) => o.value === 52)!.geo.code).toBe('0821');
  });
});

describe('encoding decided from the whole file', () => {
  it('reads a Latin-1 download whose first letter beyond ASCII comes after 64 kB', async () => {
    const dir = tempDir();
    const rows = ['"region";"år";"statistikkvariabel";"value"'];
    for (let y = 0; y < 3000; y++) rows.push(`"3101 Halden";"${1000 + y}";"Folkemengde";${y}`);
    rows.push('"4001 Porsgrunn";"2024";"Folkemengde";37000', '"5501 Tromsø";"2024";"Folkemengde";78000');
    const bytes = iconv.encode(rows.join('\r\n') + '\r\n', 'latin1');
    expect(bytes.indexOf(0xf8)).toBeGreaterThan(65_536);
    const file = join(dir, 'latin1-late.csv');
    writeFileSync(file, bytes);
    const r = await readFile(file);
    expect(r.issues.errorCount).toBe(0);
    const tromso = r.data.find((o) => o.geo.code === '5501')!;
    expect(tromso.value).toBe(78000);
    expect(tromso.geo.name).toBe('Tromsø');
    expect(r.issues.issues.some((i) => i.code === 'encoding-damage')).toBe(false);
  });
});

describe('plausibility: a value impossible for its measure', () => {
  it('a rate per 100 000 above 100 000 and a share far beyond 100 % are errors with line and column, kept out', async () => {
    const dir = tempDir();
    const file = join(dir, 'umulig.csv');
    writeFileSync(
      file,
      ['"region";"år";"statistikkvariabel";"value"', '"4001 Porsgrunn";"2023";"Døde per 100 000 innbyggere";123456', '"4001 Porsgrunn";"2023";"Andel med høyere utdanning (prosent)";412', '"4001 Porsgrunn";"2024";"Andel med høyere utdanning (prosent)";41.2'].join('\n') + '\n',
    );
    const r = await readFile(file);
    const errors = r.issues.issues.filter((i) => i.code === 'impossible-value');
    expect(errors.map((i) => [i.severity, i.line, i.column])).toEqual([
      ['error', 2, 'value'],
      ['error', 3, 'value'],
    ]);
    expect(r.data.map((o) => o.value)).toEqual([41.2]);
  });
});
