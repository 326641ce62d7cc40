import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from '../../src/sources/read.js';
import { validatePaths } from '../../src/app/validate.js';
import { tempDir } from '../helpers.js';

/** Writes `text` to a fresh file and reads it with the public reader. */
async function readText(name: string, text: string | Buffer) {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return readFile(path);
}
const errors = (r: Awaited<ReturnType<typeof readText>>) => r.issues.issues.filter((i) => i.severity === 'error');

describe('readers refuse what they should (issue 9)', () => {
  it('TELLER > NEVNER in a long csv3 export is a constraint-error', async () => {
    const r = await readText('x.csv', 'GEO;AAR;KJONN;ALDER;MEASURE_TYPE;value\n5037;2023_2023;0;0_120;TELLER;900\n5037;2023_2023;0;0_120;NEVNER;95\n5037;2023_2023;0;0_120;RATE;9,5\n');
    expect(r.format).toBe('fhi-csv3');
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({ code: 'constraint-error', line: 2, message: expect.stringMatching(/TELLER \(900\) is larger than NEVNER \(95\)/) });
    expect(r.data).toHaveLength(0);
  });

  it('TELLER > NEVNER in a wide csv3 export without SPVFLAGG is a constraint-error', async () => {
    const r = await readText('x.csv', 'GEO;AAR;TELLER;NEVNER;RATE\n5037;2023_2023;900;95;9,5\n');
    expect(errors(r).map((i) => i.code)).toEqual(['constraint-error']);
  });

  it('sumTELLER > sumNEVNER in a cube is a constraint-error', async () => {
    const r = await readText('x.csv', 'GEO;AAR;KJONN;ALDER;TELLER;NEVNER;RATE;sumTELLER;sumNEVNER;SPVFLAGG\n5037;2021_2023;0;0_120;3;100;3;900;300;0\n');
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]!.message).toMatch(/sumTELLER \(900\) is larger than sumNEVNER \(300\)/);
  });

  it.each([
    ['GE0;AAR;KJONN;ALDER;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;0;0_120;3;100;3;0\n', 'GEO', 'GE0'],
    ['GEO;AAR;KJONN;ALDER;TELER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;0;0_120;3;100;3;0\n', 'TELLER', 'TELER'],
    ['GEO;AAR;TELER;NEVNER\n5037;2023_2023;3;100\n', 'TELLER', 'TELER'],
  ])('a misspelt required header is an error naming the expected column (%#)', async (text, expected, written) => {
    const r = await readText('x.csv', text);
    expect(r.format).toMatch(/^fhi-/);
    const e = errors(r);
    expect(e.length).toBeGreaterThanOrEqual(1);
    expect(e[0]).toMatchObject({ code: 'missing-column', column: expected, value: written });
    expect(e[0]!.message).toContain(`"${expected}"`);
    expect(r.data).toHaveLength(0);
  });

  it('a misspelt Geografi in a label export is named', async () => {
    const r = await readText('x.csv', 'Geografl,År,Måltall,value\nLevanger,2023,antall,3\n');
    expect(errors(r)[0]).toMatchObject({ code: 'missing-column', column: 'Geografi' });
  });

  it('fractional counts are errors', async () => {
    const cube = await readText('x.csv', 'GEO;AAR;TELLER;NEVNER;RATE;sumTELLER;sumNEVNER;SPVFLAGG\n5037;2021_2023;3;100;3;8.5;300;0\n');
    expect(errors(cube)[0]!.message).toMatch(/sumTELLER is 8.5/);
    const oneYear = await readText('y.csv', 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;2.5;100;2.5;0\n');
    expect(errors(oneYear)[0]!.message).toMatch(/TELLER is 2.5/);
    // An annual mean over a pooled period may be fractional (FHI's TELLER for 2021_2023).
    const pooled = await readText('z.csv', 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2021_2023;2.5;100;2.5;0\n');
    expect(errors(pooled)).toHaveLength(0);
    const ssb = await readText('s.csv', 'region;Personer 2023\n5037 Levanger;20000.5\n');
    expect(errors(ssb)[0]).toMatchObject({ code: 'constraint-error', message: expect.stringMatching(/whole number/) });
  });

  it.each([
    ['cube', 'GEO;AAR;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2015_2013;3;100;3;0\n', 'AAR'],
    ['label export', 'Geografi,År,Måltall,value\nLevanger,2015-2013,antall,3\n', 'År'],
    ['SSB long CSV', 'region;år;Personer\n5037 Levanger;2015-2013;3\n', 'år'],
  ])('a reversed period in a %s is an ordinary constraint-error', async (_kind, text, column) => {
    const r = await readText('x.csv', text);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({ code: 'constraint-error', column, message: expect.stringMatching(/ends before it starts/) });
  });

  it('a reversed age band is an ordinary constraint-error', async () => {
    const cube = await readText('x.csv', 'GEO;AAR;ALDER;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2023_2023;120_65;3;100;3;0\n');
    expect(errors(cube)[0]).toMatchObject({ code: 'constraint-error', column: 'ALDER', value: '120_65' });
    const label = await readText('y.csv', 'Geografi,År,Alder,Måltall,value\nLevanger,2023,80-67 år,antall,3\n');
    expect(errors(label)[0]).toMatchObject({ code: 'constraint-error', column: 'Alder' });
  });

  it('reversed periods and ages never exit 3 through validate', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'GEO;AAR;ALDER;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2015_2013;120_65;3;100;3;0\n');
    const report = await validatePaths([dir]);
    expect(report.files[0]!.fileError).toBeNull();
    expect(report.totals.errors).toBe(1);
  });
});

describe('JSON-stat that must be read safely', () => {
  const cube = (extra: Record<string, unknown> = {}) => ({
    class: 'dataset',
    id: ['GEO', 'AAR', 'MEASURE_TYPE'],
    size: [2, 1, 1],
    dimension: {
      GEO: { category: { index: ['5037', '5038'] } },
      AAR: { category: { index: ['2023_2023'] } },
      MEASURE_TYPE: { category: { index: ['RATE'] } },
    },
    value: [1.5, 2.5],
    ...extra,
  });

  it('sparse value keys outside the cube are errors', async () => {
    const r = await readText('x.json', JSON.stringify(cube({ value: { '0': 1.5, '7': 3, abc: 1 } })));
    expect(errors(r).map((i) => i.code)).toEqual(['constraint-error', 'constraint-error']);
    expect(errors(r)[0]!.message).toMatch(/numbered 0 to 1/);
  });

  it.each(['__proto__', 'constructor', 'toString'])('a category or dimension called %s is data, not a crash', async (name) => {
    const doc = {
      class: 'dataset',
      id: ['GEO', 'AAR', name],
      size: [1, 1, 2],
      dimension: {
        GEO: { category: { index: ['5037'] } },
        AAR: { category: { index: ['2023_2023'] } },
        [name]: { category: { index: [name, 'x'], label: { x: 'X' } } },
      },
      value: [1, 2],
    };
    const text = JSON.stringify(doc).replace('"__proto__":{"category"', '"__proto__":{"category"');
    const r = await readText('x.json', text);
    expect(r.issues.errorCount).toBe(0);
    expect(r.data).toHaveLength(2);
    expect(Object.getPrototypeOf(r.data[0]!.dimensions)).toBe(Object.prototype);
    expect(r.data.map((o) => Object.getOwnPropertyDescriptor(o.dimensions, name)?.value)).toEqual([name, 'x']);
  });

  it('an unknown dimension called constructor is reported, not read from Object.prototype', async () => {
    const doc = cube();
    const text = JSON.stringify({ ...doc, id: ['GEO', 'AAR', 'constructor'] });
    const r = await readText('x.json', text);
    expect(errors(r)[0]).toMatchObject({ code: 'missing-column', column: 'dimension.constructor' });
  });

  it('reads JSON-stat with more than 64 kB before "id"', async () => {
    const doc = { label: 'x'.repeat(70 * 1024), note: ['y'.repeat(10_000)] };
    const text = `{"label":${JSON.stringify(doc.label)},"note":${JSON.stringify(doc.note)},"class":"dataset","id":["GEO","AAR","MEASURE_TYPE"],"size":[2,1,1],"dimension":${JSON.stringify(cube().dimension)},"value":[1.5,2.5]}`;
    expect(text.indexOf('"id"')).toBeGreaterThan(64 * 1024);
    const r = await readText('x.json', text);
    expect(r.format).toBe('fhi-jsonstat');
    expect(r.data.map((o) => o.value)).toEqual([1.5, 2.5]);
  });

  it('FHI JSON-stat with TELLER > NEVNER is a constraint-error', async () => {
    const doc = { ...cube(), size: [1, 1, 2], dimension: { ...cube().dimension, GEO: { category: { index: ['5037'] } }, MEASURE_TYPE: { category: { index: ['TELLER', 'NEVNER'] } } }, value: [50, 10] };
    const r = await readText('x.json', JSON.stringify(doc));
    expect(errors(r).map((i) => i.code)).toEqual(['constraint-error']);
  });

  it('a period code written backwards is a constraint-error naming the cell, not read from its label (FHI shape)', async () => {
    const doc = { ...cube(), dimension: { ...cube().dimension, AAR: { category: { index: ['2018_2014'], label: { '2018_2014': '2014-2018' } } } } };
    const r = await readText('x.json', JSON.stringify(doc));
    expect(r.format).toBe('fhi-jsonstat');
    expect(errors(r).map((i) => [i.code, i.column, i.value])).toEqual([['constraint-error', 'dimension.AAR', '2018_2014']]);
    expect(errors(r)[0]!.message).toMatch(/"2018_2014" in value\[0\] \(GEO=5037, AAR=2018_2014.*\) ends before it starts; write the first year first \(2014_2018\)/);
    expect(r.data).toHaveLength(0);
  });

  it('a period code written backwards is a constraint-error in an SSB cube too', async () => {
    const doc = {
      class: 'dataset',
      label: '07459: Befolkning',
      id: ['Region', 'ContentsCode', 'Tid'],
      size: [1, 1, 2],
      dimension: {
        Region: { category: { index: { '5037': 0 }, label: { '5037': 'Levanger' } } },
        ContentsCode: { category: { index: { Personer1: 0 }, label: { Personer1: 'Personer' } } },
        Tid: { category: { index: { '2024': 0, '2024-2020': 1 }, label: { '2024': '2024', '2024-2020': '2020-2024' } } },
      },
      value: [20500, 20100],
    };
    const r = await readText('x.json', JSON.stringify(doc));
    expect(r.format).toBe('ssb-jsonstat');
    expect(errors(r).map((i) => [i.code, i.column, i.value])).toEqual([['constraint-error', 'dimension.Tid', '2024-2020']]);
    expect(errors(r)[0]!.message).toMatch(/in value\[1\] \(Region=5037.*Tid=2024-2020.*\) ends before it starts; write the first year first \(2020-2024\)/);
    expect(r.data.map((o) => [o.period.label, o.value])).toEqual([['2024', 20500]]);
  });

  it("drops SSB's placeholder zeros for years a region code did not exist, with the CSV reader's warning", async () => {
    // 5037 Levanger exists from 2020: a slice of zeros for 2015 is SSB's placeholder, not a value.
    const doc = {
      class: 'dataset',
      label: '07459: Befolkning',
      id: ['Region', 'ContentsCode', 'Tid'],
      size: [2, 1, 2],
      dimension: {
        Region: { category: { index: { '1719': 0, '5037': 1 }, label: { '1719': 'Levanger (-2017)', '5037': 'Levanger' } } },
        ContentsCode: { category: { index: { Personer1: 0 }, label: { Personer1: 'Personer' } } },
        Tid: { category: { index: { '2015': 0, '2024': 1 } } },
      },
      value: [19800, 0, 0, 20500],
    };
    const r = await readText('x.json', JSON.stringify(doc));
    expect(r.format).toBe('ssb-jsonstat');
    expect(r.issues.errorCount).toBe(0);
    expect(r.issues.issues.filter((i) => i.code === 'code-not-valid-in-period').length).toBeGreaterThanOrEqual(1);
    expect(r.data.map((o) => [o.harmonisedFrom ?? o.geo.code, o.period.from, o.value])).toEqual([
      ['1719', 2015, 19800],
      ['5037', 2024, 20500],
    ]);
  });
});

describe('Ungdata counts', () => {
  it('fractional numbers of respondents or yes-answers are errors', async () => {
    const r = await readText('u.csv', 'kommune;year;indicator;grouping;group;n_respondents;n_yes\n5037;2023;ensomhet;total;alle;1120.5;201\n5037;2023;ensomhet;familieokonomi;god;841;106.2\n');
    expect(errors(r).map((i) => [i.line, i.column])).toEqual([
      [2, 'n_respondents'],
      [3, 'n_yes'],
    ]);
    expect(errors(r)[0]!.message).toMatch(/whole number/);
  });
});

describe('UTF-16 without a byte order mark', () => {
  const text = 'region;contents;2023\n5037 Levanger;Personer æøå;12\n';
  it('is read as UTF-16 (little and big endian), not refused as a binary file', async () => {
    for (const [enc, bytes] of [['utf-16le', Buffer.from(text, 'utf16le')], ['utf-16be', Buffer.from(text, 'utf16le').swap16()]] as const) {
      const r = await readText('x.csv', bytes);
      expect(r.file.encoding).toBe(enc);
      expect(r.data.map((o) => [o.geo.code, o.value])).toEqual([['5037', 12]]);
    }
  });
  it('a file with NUL bytes that is not UTF-16 is still binary', async () => {
    await expect(readText('x.csv', Buffer.concat([Buffer.from(text), Buffer.from([0, 0, 0])]))).rejects.toThrow(/binary file/);
  });
});

describe('Excel "CSV (Macintosh)"', () => {
  // Mac Roman bytes for "Trøndelag, æøå ÆØÅ", CR line ends (as Excel for Mac writes them).
  const macRoman = (s: string) => Buffer.from([...s].map((ch) => ({ ø: 0xbf, Ø: 0xaf, æ: 0xbe, Æ: 0xae, å: 0x8c, Å: 0x81 })[ch] ?? ch.charCodeAt(0)));
  it('is read as Mac Roman: ø, æ and å are letters, not ¿ ¾ Œ', async () => {
    const r = await readText('x.csv', macRoman('region;contents;2023\r5037 Levanger;Personer i Trøndelag, æøå ÆØÅ;12\r'));
    expect(r.file.encoding).toBe('macintosh');
    expect(r.data).toHaveLength(1);
    expect(JSON.stringify(r.data[0])).toContain('Personer i Trøndelag, æøå ÆØÅ');
  });
  it('a Windows-1252 file with CR line ends stays Windows-1252', async () => {
    const r = await readText('x.csv', Buffer.from('region;contents;2023\r5037 Levanger;Personer i Trøndelag;12\r', 'latin1'));
    expect(r.file.encoding).toBe('windows-1252');
    expect(JSON.stringify(r.data[0])).toContain('Trøndelag');
  });
});

describe('kernel files named directly', () => {
  it.skipIf(process.platform !== 'linux')('inspect and read refuse /sys and /proc files (a /sys file has a size and was read)', async () => {
    const { inspectFile } = await import('../../src/sources/inspect.js');
    await expect(inspectFile('/sys/kernel/mm/transparent_hugepage/enabled')).rejects.toThrow(/never read/);
    await expect(readFile('/proc/self/status')).rejects.toThrow(/never read/);
  });
});
