import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseHeading } from '../../src/sources/ssb/csv.js';
import { readFile } from '../../src/sources/read.js';
import { tempDir } from '../helpers.js';

async function readText(name: string, text: string | Buffer) {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return readFile(path);
}

describe('SSB English downloads and variables in column headings', () => {
  it('reads sex, age and period written into the headings ("Persons 2023 Males")', async () => {
    const text = '"05810: Population, by region, sex, age and year"\n\n"region";"age";"Persons 2023 Males";"Persons 2023 Females";"Persons 2023 Both sexes"\n"3001 Halden";"0-17 years";10;12;22\n"3001 Halden";"80 years or older";3;5;8\n';
    const r = await readText('05810.csv', text);
    expect(r.format).toBe('ssb-csv');
    expect(r.issues.errorCount).toBe(0);
    expect(r.data.map((o) => [o.sex, o.age?.code, o.period.from, o.measure, o.measureType, o.value])).toEqual([
      ['male', '0_17', 2023, 'Persons', 'count', 10],
      ['female', '0_17', 2023, 'Persons', 'count', 12],
      ['total', '0_17', 2023, 'Persons', 'count', 22],
      ['male', '80_120', 2023, 'Persons', 'count', 3],
      ['female', '80_120', 2023, 'Persons', 'count', 5],
      ['total', '80_120', 2023, 'Persons', 'count', 8],
    ]);
    expect(r.data.every((o) => Object.keys(o.dimensions).length === 0)).toBe(true);
  });

  it('reads the Norwegian equivalents, with age in the heading too', async () => {
    const text = 'region;Personer 2022 Menn 0-17 år;Personer 2022 Kvinner 0-17 år;Personer 2023 Begge kjønn 18-66 år\n5037 Levanger;1;2;3\n';
    const r = await readText('x.csv', text);
    expect(r.issues.errorCount).toBe(0);
    expect(r.data.map((o) => [o.sex, o.age?.code, o.period.from, o.measure])).toEqual([
      ['male', '0_17', 2022, 'Personer'],
      ['female', '0_17', 2022, 'Personer'],
      ['total', '18_66', 2023, 'Personer'],
    ]);
  });

  it('reads English long downloads: region, sex, age, contents, year', async () => {
    const text = '"region";"sex";"age";"contents";"year";"07459: Population"\n"5037 Levanger";"Males";"0 years";"Persons";"2024";100\n"5037 Levanger";"Females";"105 years or older";"Persons";"2024";1\n"5037 Levanger";"Both sexes";"All ages";"Persons";"2024";20000\n';
    const r = await readText('07459.csv', text);
    expect(r.issues.errorCount).toBe(0);
    expect(r.data.map((o) => [o.sex, o.age?.code, o.period.from, o.measure, o.unit])).toEqual([
      ['male', '0_0', 2024, 'Persons', 'personer'],
      ['female', '105_120', 2024, 'Persons', 'personer'],
      ['total', 'alle', 2024, 'Persons', 'personer'],
    ]);
  });

  it('parses heading variables', () => {
    expect(parseHeading('Persons 2023 Males')).toMatchObject({ variable: 'Persons', period: { from: 2023 }, sex: 'male' });
    expect(parseHeading('Sysselsatte personer 2021')).toMatchObject({ variable: 'Sysselsatte personer', period: { from: 2021 } });
    expect(parseHeading('Personer 2023 Menn 67 år eller eldre')).toMatchObject({ sex: 'male', age: { code: '67_120' } });
    expect(parseHeading('Personer 2023 Sentrum')).toMatchObject({ qualifier: 'Sentrum' });
    expect(parseHeading('Menn Personer 2023')).toMatchObject({ variable: 'Personer', period: { from: 2023 }, sex: 'male' });
    expect(parseHeading('Persons Females 2023')).toMatchObject({ variable: 'Persons', sex: 'female' });
    // Words of a variable are not mistaken for a sex or an age.
    expect(parseHeading('Sysselsatte personer med arbeidssted i regionen 2021')).toMatchObject({ variable: 'Sysselsatte personer med arbeidssted i regionen' });
    expect(parseHeading('Personer 2021')!.sex).toBeUndefined();
    expect(parseHeading('Dødsfall per 100 2023')).toMatchObject({ variable: 'Dødsfall per 100' });
    expect(parseHeading('Dødsfall per 100 2023')!.age).toBeUndefined();
    expect(parseHeading('region')).toBeNull();
  });

  it('English measures: per cent is a share, per 1,000 inhabitants a rate', async () => {
    const text = 'region;Share of population (per cent) 2023;Deaths per 1,000 inhabitants 2023\n5037 Levanger;12,5;8,1\n';
    const r = await readText('x.csv', text);
    expect(r.data.map((o) => [o.measureType, o.unit, o.multiplier])).toEqual([
      ['proportion', 'prosent', 100],
      ['rate', 'per 1 000', 1000],
    ]);
  });
});

describe('FHI cube extras', () => {
  it('TELLER_uprikk and sumTELLER_uprikk never reach an observation; PREDTELLER, NORM, RATE_NO are not dimensions', async () => {
    const text = 'GEO;AAR;KJONN;ALDER;TELLER;TELLER_uprikk;sumTELLER;sumTELLER_uprikk;sumNEVNER;sumPREDTELLER;PREDTELLER;NORM;MALTALL;RATE;RATE_NO;SMR;SPVFLAGG\n5037;2021_2023;0;0_120;;2;;7;3000;5;1.7;100;;;12.5;;3\n5038;2021_2023;0;0_120;10;10;30;30;3000;25;8.3;100;;1.0;12.5;120;0\n';
    const r = await readText('kube.csv', text);
    expect(r.issues.errorCount).toBe(0);
    expect(r.issues.issues.filter((i) => i.code === 'unsuppressed-column').map((i) => i.column)).toEqual(['TELLER_uprikk', 'sumTELLER_uprikk']);
    const published = JSON.stringify(r.data);
    // The suppressed row (5037) keeps nothing: not 2, not 7.
    const levanger = r.data.filter((o) => o.geo.code === '5037');
    expect(levanger.every((o) => o.value === null && o.numerator === null && o.denominator === null)).toBe(true);
    expect(r.data.every((o) => Object.keys(o.dimensions).length === 0)).toBe(true);
    expect(new Set(r.data.map((o) => o.measure))).toEqual(new Set(['RATE', 'SMR']));
    expect(published).not.toMatch(/uprikk|RATE_NO|PREDTELLER|NORM/);
    const verdal = r.data.find((o) => o.geo.code === '5038' && o.measure === 'RATE')!;
    expect(verdal).toMatchObject({ value: 1, numerator: 30, denominator: 3000 });
  });

  it('SPVFLAGG 4 is FHI\'s "-" (data not available)', async () => {
    const r = await readText('kube.csv', 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;;;;4\n');
    expect(r.issues.errorCount).toBe(0);
    expect(r.data[0]!.missing).toMatchObject({ symbol: '-' });
  });

  it('a comment in a numeric cell is read with a warning naming line and column', async () => {
    const r = await readText('kube.csv', 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;3 // foreløpig;100;3;0\n');
    expect(r.issues.errorCount).toBe(0);
    expect(r.issues.issues[0]).toMatchObject({ code: 'comment-in-cell', line: 2, column: 'TELLER', columnNumber: 3 });
    expect(r.data[0]).toMatchObject({ measure: 'RATE', numerator: 3 });
  });
});

describe('line endings and encoding damage', () => {
  const rows = ['Geografi;År;Måltall;value', 'Levanger;2023;antall;3', 'Verdal;2023;antall;4'];
  it.each([
    ['CR only (Excel "CSV (Macintosh)")', rows.join('\r') + '\r'],
    ['CRLF', rows.join('\r\n') + '\r\n'],
    ['LF', rows.join('\n')],
    ['mixed', `${rows[0]}\r\n${rows[1]}\r${rows[2]}\n`],
  ])('reads %s files with the right line numbers', async (_n, text) => {
    const r = await readText('x.csv', iconv.encode(text, 'windows-1252'));
    expect(r.issues.errorCount).toBe(0);
    expect(r.data.map((o) => [o.geo.code, o.origin.line, o.value])).toEqual([
      ['5037', 2, 3],
      ['5038', 3, 4],
    ]);
  });

  it('a CR-only SSB export with a title line is read', async () => {
    const text = '"11616: Sysselsatte, etter region"\r\r"region";"Sysselsatte 2023"\r"5037 Levanger";9000\r';
    const r = await readText('11616.csv', text);
    expect(r.layout?.headerLine).toBe(3);
    expect(r.data.map((o) => [o.geo.code, o.origin.line, o.value])).toEqual([['5037', 4, 9000]]);
  });

  it('U+FFFD where æ/ø/å were is accepted with a warning naming the line', async () => {
    const text = 'Geografi;År;Kjønn;Måltall;value\nLevanger;2023;kjønn samlet;antall;3\nVerdal;2023;kjønn samlet;antall;4\nLevanger;2023;kjønn samlet;Antall f\uFFFDdte;5\n';
    const r = await readText('x.csv', text);
    expect(r.issues.errorCount).toBe(0);
    const damage = r.issues.issues.filter((i) => i.code === 'encoding-damage');
    expect(damage).toHaveLength(1);
    expect(damage[0]).toMatchObject({ line: 4, column: 'Måltall', columnNumber: 4, severity: 'warning' });
    expect(r.data).toHaveLength(3);
  });

  it('a damaged region name that still starts with its code resolves', async () => {
    const r = await readText('x.csv', 'region;Personer 2023\n5038 Verdal;3\n5037 Levanger;4\n5001 Trondheim - Tr\uFFFDante;5\n');
    expect(r.issues.errorCount).toBe(0);
    expect(r.issues.issues.filter((i) => i.code === 'encoding-damage').map((i) => i.line)).toEqual([4]);
    expect(r.data.map((o) => o.geo.code)).toEqual(['5038', '5037', '5001']);
  });
});

describe('files that are not public-health exports', () => {
  it('a Reseptregisteret download is refused, saying what it is and which formats are read', async () => {
    const text = 'År;Kjønn;Aldersgruppe;Fylke;ATC-kode;Legemiddel;Antall brukere;Antall brukere per 1000 innbyggere\n2023;Begge kjønn;Alle aldre;Trøndelag;N06A;Antidepressiva;45000;95,2\n';
    const e = await readText('reseptregisteret.csv', text).catch((x: Error) => x);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toMatch(/looks like a download from Reseptregisteret/);
    expect((e as Error).message).toMatch(/FHI Statistikk/);
    expect((e as Error).message).toMatch(/folkehelse reads: FHI cube file/);
  });
});

describe('not-data files in a data folder', () => {
  it('are skipped with a warning when building from the folder, and refused when named', async () => {
    const { loadData } = await import('../../src/sources/load.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'data.csv'), 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;3;100;3;0\n');
    writeFileSync(join(dir, 'klass.csv'), '"code";"parentCode";"level";"name";"shortName";"notes";"validFrom";"validTo"\n"5037";;"1";"Levanger";"";"";"";""\n');
    const loaded = await loadData([dir]);
    expect(loaded.observations).toHaveLength(1);
    expect(loaded.warnings.map((w) => [w.code, w.file.endsWith('klass.csv')])).toEqual([['not-data-file', true]]);
    expect(loaded.warnings[0]!.message).toMatch(/^Not data, skipped: looks like an SSB Klass code list/);
    await expect(loadData([join(dir, 'klass.csv')])).rejects.toThrow(/looks like an SSB Klass code list/);
  });
});

describe('unsuppressed counts in long layouts', () => {
  it('a csv3 MEASURE_TYPE TELLER_uprikk row never becomes an observation', async () => {
    const r = await readText('x.csv', 'GEO;AAR;MEASURE_TYPE;value\n5037;2023_2023;TELLER;:\n5037;2023_2023;TELLER_uprikk;2\n5037;2023_2023;RATE;:\n');
    expect(r.issues.errorCount).toBe(0);
    expect(r.data.map((o) => o.measure)).toEqual(['RATE']);
    expect(JSON.stringify(r.data)).not.toMatch(/uprikk|"value":2/);
  });
  it('a JSON-stat TELLER_uprikk category never becomes an observation', async () => {
    const doc = { class: 'dataset', id: ['GEO', 'AAR', 'MEASURE_TYPE'], size: [1, 1, 3], dimension: { GEO: { category: { index: ['5037'] } }, AAR: { category: { index: ['2023_2023'] } }, MEASURE_TYPE: { category: { index: ['TELLER', 'TELLER_uprikk', 'RATE'] } } }, value: [':', 2, ':'] };
    const r = await readText('x.json', JSON.stringify(doc));
    expect(r.data.map((o) => o.measure)).toEqual(['RATE']);
    expect(r.data[0]!.value).toBeNull();
  });
});
