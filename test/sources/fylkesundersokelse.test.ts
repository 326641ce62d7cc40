import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/model/observation.js';
import { readFile } from '../../src/sources/read.js';
import { sourceNames } from '../../src/sources/registry.js';
import { FIXTURES, tempDir } from '../helpers.js';

const DIR = join(FIXTURES, 'fylkesundersokelse');
const at = (data: Observation[], geo: string, year: number, measure: string, dimensions: Record<string, string> = {}) =>
  data.filter((o) => o.geo.code === geo && o.period.from === year && o.measure === measure && JSON.stringify(o.dimensions) === JSON.stringify(dimensions));

/** Reads a table written to a temporary file. */
async function readText(name: string, text: string) {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return readFile(path);
}

describe('county survey group table (fylkesundersokelse)', () => {
  it('reads totals, education groups and age bands, with counts (synthetic fixture)', async () => {
    const r = await readFile(join(DIR, 'fhus_innherred.csv'));
    expect(r.format).toBe('fylkesundersokelse');
    expect(r.issues.errorCount).toBe(0);
    const total = at(r.data, '5037', 2025, 'roeyking-daglig')[0]!;
    expect(total).toMatchObject({ source: 'fylkesundersokelse', table: 'fylkesundersokelse', sex: 'total', measureType: 'proportion' });
    expect(total.value).toBeCloseTo((100 * total.numerator!) / total.denominator!, 10);
    const groups = r.data.filter((o) => o.geo.code === '5037' && o.period.from === 2025 && o.measure === 'roeyking-daglig' && o.dimensions.utdanning);
    expect(groups.map((o) => o.dimensions.utdanning)).toEqual(['Grunnskole eller ikke fullført', 'VGS/Høyere utdanning < 2 år', 'Høgskole/universitet 2-4 år', 'Høgskole/universitet > 4 år']);
    // The education groups add up to the total, as the fixture is written.
    expect(groups.reduce((s, o) => s + o.denominator!, 0)).toBe(total.denominator);
    expect(groups.reduce((s, o) => s + o.numerator!, 0)).toBe(total.numerator);
    expect(at(r.data, '50', 2021, 'snus-daglig', { alder: '18-29' })).toHaveLength(1);
  });

  it('is told from an Ungdata table by its survey column', async () => {
    const r = await readText('fhus.csv', 'undersøkelse;kommune;år;indikator;gruppering;gruppe;antall_svart;antall_ja\nfhus;5037;2025;roeyking-daglig;total;alle;1930;180\n');
    expect(r.format).toBe('fylkesundersokelse');
    const u = await readText('ungdata.csv', 'kommune;år;indikator;gruppering;gruppe;antall_svart;antall_ja\n5037;2025;ensomhet;total;alle;1930;180\n');
    expect(u.format).toBe('ungdata');
  });

  it('crosses age and sex, and keeps a share without respondents (no counts, so no interval)', async () => {
    const r = await readText(
      'alder-kjonn.csv',
      ['undersokelse;kommune;år;indikator;gruppering;gruppe;kjønn;prosent', 'fhus;50;2025;snus-daglig;alder;18-29 år;menn;26', 'fhus;50;2025;snus-daglig;alder;18-29 år;kvinner;19'].join('\n') + '\n',
    );
    expect(r.issues.errorCount).toBe(0);
    const men = r.data.find((o) => o.sex === 'male')!;
    expect(men).toMatchObject({ value: 26, numerator: null, denominator: null, dimensions: { alder: '18-29 år' } });
    expect(r.data.find((o) => o.sex === 'female')!.value).toBe(19);
  });

  it('derives the respondents from the yes-count and a share written as a fraction', async () => {
    const r = await readText('andel.csv', 'undersokelse;kommune;år;indikator;gruppering;gruppe;antall_ja;andel\nfhus;50;2025;roeyking-daglig;total;alle;2103;0,0859\n');
    const o = r.data[0]!;
    expect(o.denominator).toBe(Math.round(2103 / 0.0859));
    expect(o.numerator).toBe(2103);
    expect(o.value).toBeCloseTo((100 * 2103) / o.denominator!, 10);
  });

  it('refuses more yes-answers than respondents and a row without survey', async () => {
    const r = await readText('feil.csv', 'undersokelse;kommune;år;indikator;gruppering;gruppe;antall_svart;antall_ja\nfhus;5037;2025;roeyking-daglig;total;alle;100;180\n;5037;2025;snus-daglig;total;alle;100;10\n');
    expect(r.data).toHaveLength(0);
    expect(r.issues.issues.map((i) => i.code)).toContain('constraint-error');
    expect(r.issues.errorCount).toBe(2);
  });
});

describe("the county's FHUS frequency table (fhus-frekvens)", () => {
  it('reads the long table: the variable is the indicator, respondents derived from count and share', async () => {
    const r = await readFile(join(DIR, 'fhus_frekvens_syntetisk.csv'));
    expect(r.format).toBe('fhus-frekvens');
    expect(r.issues.errorCount).toBe(0);
    const o = at(r.data, '50', 2025, 'roeyking_a')[0]!;
    expect(o.numerator).toBe(1916);
    expect(o.denominator).toBe(Math.round(1916 / 0.0895));
    expect(at(r.data, '5038', 2025, 'fysak_2kat')).toHaveLength(1);
  });

  it('takes the current municipality number where the file gives the old one beside it', async () => {
    const header = 'Kommunenummer;Kommunenummer_2025;Kommune;Kategori;Gruppe;Variabel;Spørsmål;Svartype;Verdi;Svar;Antall_original;Andel_original;Antall_vektet;Andel_vektet;Spørsmålskode;Årstall;Datatype';
    const r = await readText('frekvens-2021.csv', `\uFEFF${header}\n1719;5037;Levanger;Helserelatert atferd;Tobakk;roeyking_a;Hvor ofte røyker du?;Selectbox;999;Daglig;150;0.1;160.2;0.105;X;2021;Syntetisk\n`);
    expect(r.format).toBe('fhus-frekvens');
    expect(r.data[0]!.geo.code).toBe('5037');
    expect(r.data[0]!.harmonisedFrom).toBeNull();
    expect(r.data[0]!.denominator).toBe(1500);
  });
});

describe('names', () => {
  it('names the fylkeskommune as the source, in bokmål and nynorsk', () => {
    expect(sourceNames('fylkesundersokelse', 'nb')).toMatchObject({ organisation: 'fylkeskommunen', product: 'Folkehelseundersøkelsen i fylkene' });
    expect(sourceNames('fylkesundersokelse', 'nn')).toMatchObject({ organisation: 'fylkeskommunen', product: 'Folkehelseundersøkinga i fylka' });
  });
});
