import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from '../../src/sources/read.js';
import type { Observation } from '../../src/model/observation.js';
import { validator } from '../../src/validate/schemas.js';
import { INNHERRED } from '../helpers.js';

const read = (rel: string) => readFile(join(INNHERRED, rel));
const find = (data: Observation[], f: Partial<Record<string, unknown>> & { geo?: string; period?: string }) =>
  data.filter((o) => (f.geo === undefined || o.geo.code === f.geo) && (f.period === undefined || `${o.period.from}_${o.period.to}` === f.period) && Object.entries(f).every(([k, v]) => k === 'geo' || k === 'period' || (o as unknown as Record<string, unknown>)[k] === v));

describe('FHI cube', () => {
  it('reads counts, rates and standardised measures with numerator and denominator', async () => {
    const r = await read('fhi/kube/skader_sykehus.csv');
    expect(r.format).toBe('fhi-cube');
    expect(r.issues.errorCount).toBe(0);
    const rate = find(r.data, { geo: '5037', period: '2022_2024', measure: 'RATE' })[0]!;
    expect(rate.source).toBe('fhi');
    expect(rate.table).toBe('skader_sykehus');
    expect(rate.numerator! / rate.denominator! * 1000).toBeCloseTo(rate.value!, 4);
    expect(rate.period).toMatchObject({ from: 2022, to: 2024, kind: 'pool' });
    const meis = find(r.data, { geo: '5037', period: '2022_2024', measure: 'MEIS' })[0]!;
    expect(meis.measureType).toBe('meis');
    expect(meis.standardisation).toBe('indirect');
  });
  it('keeps a suppressed cell as a typed missing value and none of its numbers', async () => {
    const r = await read('fhi/kube/hoftebrudd.csv');
    const women = find(r.data, { geo: '5038', period: '2016_2018', sex: 'female' });
    expect(women).toHaveLength(1);
    expect(women[0]).toMatchObject({ value: null, numerator: null, denominator: null, missing: { symbol: ':', reason: 'suppressed' } });
  });
  it('harmonises old municipality numbers and says so once per code', async () => {
    const r = await read('fhi/kube/aleneboende.csv');
    const old = find(r.data, { geo: '5037', period: '2016_2016' })[0]!;
    expect(old.harmonisedFrom).toBe('1719');
    expect(r.issues.issues.filter((i) => i.code === 'harmonised-geography').map((i) => i.value)).toEqual(['1719', '1721']);
  });
  it('reads rate-only data (life expectancy) without counts', async () => {
    const r = await read('fhi/kube/forventet_levealder.csv');
    const o = find(r.data, { geo: '5038', period: '2010_2024', sex: 'total' })[0]!;
    expect(o).toMatchObject({ measure: 'RATE', numerator: null, denominator: null });
    expect(o.value).toBeGreaterThan(75);
  });
});

describe('FHI csv3 and json-stat', () => {
  it('pairs TELLER, NEVNER and RATE rows of a long csv3 export', async () => {
    const r = await read('fhi/mobbing_csv3.csv');
    expect(r.format).toBe('fhi-csv3');
    const o = find(r.data, { geo: '5037', period: '2020_2024' }).find((x) => x.dimensions.TRINN === '10')!;
    expect(o.measure).toBe('RATE');
    expect((o.numerator! / o.denominator!) * 100).toBeCloseTo(o.value!, 4);
  });
  it('reads flags inside value, with a BOM before the JSON', async () => {
    const r = await read('fhi/trivsel_skolen.json');
    expect(r.format).toBe('fhi-jsonstat');
    expect(r.file.encoding).toBe('utf-8-bom');
    const flagged = find(r.data, { geo: '5038', period: '2014_2018' })[0]!;
    expect(flagged.missing).toEqual({ symbol: '..', reason: 'missing' });
    expect(find(r.data, { geo: '5037', period: '2020_2024' })[0]!.value).toBeGreaterThan(80);
  });
  it('reads a sparse value object and category.index given as an object', async () => {
    const r = await read('fhi/fysisk_inaktivitet_sesjon.json');
    expect(r.data).toHaveLength(4 * 8);
    expect(find(r.data, { geo: '0', period: '2015_2017' })[0]!.numerator).toBeGreaterThan(1000);
  });
});

describe('FHI label exports', () => {
  it('maps names to codes and reads "-" as missing', async () => {
    const r = await read('fhi/forventet_levealder_utdanning.csv');
    expect(r.format).toBe('fhi-label');
    const dash = r.data.find((o) => o.geo.code === '5038' && o.missing)!;
    expect(dash.missing).toEqual({ symbol: '-', reason: 'missing' });
    expect(new Set(r.data.map((o) => o.geo.code))).toEqual(new Set(['0', '50', '5037', '5038']));
    expect(r.data[0]!.dimensions).toHaveProperty('Utdanningsnivå');
  });
  it('reads ;-separated csv2 with decimal commas', async () => {
    const r = await read('fhi/hjerte_kar_primaer.csv');
    expect(r.layout?.delimiter).toBe(';');
    const o = find(r.data, { geo: '0', period: '2022_2024' })[0]!;
    expect(o).toMatchObject({ measureType: 'rate', multiplier: 1000, unit: 'per 1000' });
    expect(o.value! % 1).not.toBe(0);
  });
});

describe('SSB and KOSTRA', () => {
  it('reads json-stat2 with null values and a status object', async () => {
    const r = await read('ssb/07459-befolkning.json');
    expect(r.format).toBe('ssb-jsonstat');
    expect(r.data).toHaveLength(4 * 2 * 106 * 10);
    const missing = r.data.find((o) => o.missing)!;
    expect(missing).toMatchObject({ geo: { code: '5038' }, age: { code: '105_120', from: 105, to: 120 }, period: { from: 2015 }, value: null, missing: { symbol: '..', reason: 'missing' } });
    const o = find(r.data, { geo: '5037', period: '2024_2024', sex: 'male' }).find((x) => x.age?.code === '40_40')!;
    expect(o.unit).toBe('personer');
    expect(o.table).toBe('07459');
  });
  it('reads an ISO-8859-1 wide web CSV, dropping zeros for years a code did not exist', async () => {
    const r = await read('ssb/06913-befolkning-endringer.csv');
    expect(r.file.encoding).toBe('windows-1252');
    expect(r.issues.errorCount).toBe(0);
    const lev = find(r.data, { geo: '5037', measure: 'Folkemengde 1. januar' });
    expect(lev.map((o) => o.period.from).sort()).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(lev.every((o) => (o.value ?? 0) > 15000)).toBe(true);
    expect(lev.filter((o) => o.harmonisedFrom === '1719').map((o) => o.period.from)).toEqual([2015, 2016, 2017]);
    expect(r.data[0]!.geo.name).toBe('Hele landet');
  });
  it('reads a long CSV with the value column named after the table', async () => {
    const r = await read('ssb/09475-valgdeltakelse.csv');
    expect(r.data).toHaveLength(12);
    expect(find(r.data, { geo: '5038', period: '2023_2023' })[0]).toMatchObject({ value: 58.1, measureType: 'proportion', table: '09475' });
  });
  it('reads KOSTRA aggregates: land, county, KOSTRA group', async () => {
    const csv = await read('kostra/12362-helsestasjon-utgifter.csv');
    expect(csv.format).toBe('kostra-csv');
    expect(new Set(csv.data.map((o) => `${o.geo.level}:${o.geo.code}`))).toEqual(new Set(['land:0', 'kostragruppe:EAKUO', 'fylke:50', 'kostragruppe:EKG11', 'kommune:5037', 'kommune:5038']));
    const json = await read('kostra/12210-sosialhjelp.json');
    expect(json.format).toBe('kostra-jsonstat');
    expect(json.data.every((o) => o.source === 'kostra')).toBe(true);
    expect(find(json.data, { geo: 'EKG11', period: '2024_2024' })[0]!.measureType).toBe('proportion');
  });
});

describe('Ungdata', () => {
  it('reads the Levanger 2015 loneliness table by family economy', async () => {
    const r = await read('ungdata/ungdata_innherred.csv');
    const rows = find(r.data, { geo: '5037', period: '2015_2015', measure: 'ensomhet' });
    const byGroup = Object.fromEntries(rows.map((o) => [o.dimensions.familieokonomi ?? 'alle', [o.numerator, o.denominator, Number(o.value!.toFixed(1))]]));
    expect(byGroup).toEqual({ alle: [201, 1120, 17.9], god: [106, 841, 12.6], 'verken god eller dårlig': [65, 210, 31], dårlig: [30, 69, 43.5] });
  });
  it('reads percent-and-n tables with Norwegian column names and decimal commas', async () => {
    const r = await read('ungdata/verdal_2024_prosent.csv');
    expect(r.data).toHaveLength(4);
    const o = r.data.find((x) => x.sex === 'female' && x.dimensions.trinn === 'ungdomsskole')!;
    expect(o.value).toBe(35.5);
    expect(o.numerator).toBeCloseTo(0.355 * 310, 6);
  });
});

describe('every observation of every fixture matches schemas/observation.schema.json', () => {
  it('holds for the Innherred fixtures', async () => {
    const { expandDataPaths } = await import('../../src/ingest/files.js');
    const validate = validator('observation');
    const { files } = await expandDataPaths([INNHERRED]);
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) {
      const r = await readFile(f.path);
      for (const o of r.data) {
        if (!validate(o)) throw new Error(`${f.path}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(o)}`);
      }
      expect(JSON.parse(JSON.stringify(r.data))).toEqual(r.data);
    }
  });
});

describe('Oslo in label exports', () => {
  it('the second "Oslo" row with the same key is the county, not a duplicate', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('../helpers.js');
    const file = join(tempDir(), 'oslo.csv');
    writeFileSync(file, 'Geografi,År,Kjønn,Alder,Måltall,value\nHele landet,2023,kjønn samlet,0-74 år,andel (prosent),10.1\nOslo,2023,kjønn samlet,0-74 år,andel (prosent),11.2\nOslo,2023,kjønn samlet,0-74 år,andel (prosent),11.2\nOslo,2023,kjønn samlet,0-74 år,andel (prosent),11.2\n');
    const r = await readFile(file);
    expect(r.data.map((o) => o.geo.code)).toEqual(['0', '0301', '03']);
    expect(r.issues.issues.map((i) => [i.code, i.line])).toEqual([['duplicate-row', 5]]);
  });
});
