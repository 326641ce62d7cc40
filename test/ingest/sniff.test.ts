import { describe, expect, it } from 'vitest';
import { sniffCsv } from '../../src/ingest/sniff.js';
import { sniffEncoding } from '../../src/ingest/source-file.js';

describe('sniffCsv', () => {
  it('finds the header under an SSB title line and blank line padded with delimiters', () => {
    const l = sniffCsv('09539: Museum og samlingar. Besøk, etter region;;;\n;;;\nregion;besøk i museum;Museumsbesøk 2015;Museumsbesøk 2016\n38 Vestfold og Telemark;Enkeltbesøk;0;0\n')!;
    expect(l.delimiter).toBe(';');
    expect(l.headerLine).toBe(3);
    expect(l.title).toBe('09539: Museum og samlingar. Besøk, etter region');
    expect(l.header[0]).toBe('region');
  });
  it('is not fooled by commas inside quoted cells', () => {
    const l = sniffCsv('Geografi,År,Måltall,value\nHele landet,2021,"per 1000, standardisert",12.5\n')!;
    expect(l.delimiter).toBe(',');
    expect(l.header).toEqual(['Geografi', 'År', 'Måltall', 'value']);
  });
  it('handles a quoted title with commas', () => {
    const l = sniffCsv('"11616: Sysselsatte per 4. kvartal, etter region, statistikkvariabel og år"\n\n"region";"Sysselsatte 2021"\n"3801 Horten";12807\n')!;
    expect(l.delimiter).toBe(';');
    expect(l.headerLine).toBe(3);
  });
});

describe('sniffEncoding', () => {
  it('tells UTF-8, UTF-8 with BOM, Windows-1252 and binary apart', () => {
    expect(sniffEncoding(Buffer.from('Trøndelag', 'utf8'), true)).toBe('utf-8');
    expect(sniffEncoding(Buffer.from('\uFEFFTrøndelag', 'utf8'), true)).toBe('utf-8-bom');
    expect(sniffEncoding(Buffer.from('Tr\xf8ndelag', 'latin1'), true)).toBe('windows-1252');
    expect(sniffEncoding(Buffer.from([0x41, 0x00, 0x42]), true)).toBeNull();
  });
  it('does not call a UTF-8 sequence cut at the end of a partial read invalid', () => {
    const bytes = Buffer.from('abcø', 'utf8');
    expect(sniffEncoding(bytes.subarray(0, bytes.length - 1), false)).toBe('utf-8');
  });
});
