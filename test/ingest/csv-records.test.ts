import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, DelimitedTokenizer, type CsvRecord } from '../../src/ingest/csv-records.js';

function tokenize(text: string, delimiter = ';', chunk = 3): CsvRecord[] {
  const t = new DelimitedTokenizer(delimiter);
  const out: CsvRecord[] = [];
  // Feed in small chunks so lines and quoted cells are cut at every possible place.
  for (let i = 0; i < text.length; i += chunk) t.feed(text.slice(i, i + chunk), out);
  t.end(out);
  return out;
}

describe('DelimitedTokenizer', () => {
  it('splits plain lines and counts physical lines, skipping empty and delimiter-only lines', () => {
    expect(tokenize('a;b\n1;2\n\n;;\n3;4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 5, cells: ['3', '4'] },
    ]);
  });
  it('handles CRLF', () => {
    expect(tokenize('a;b\r\n1;2\r\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
  });
  it('handles quoted delimiters, doubled quotes and line breaks inside quotes', () => {
    const recs = tokenize('"navn";"merknad"\n"Levanger";"sa ""hei""; to"\n"Verdal";"linje 1\nlinje 2"\n"x";1\n');
    expect(recs).toEqual([
      { line: 1, cells: ['navn', 'merknad'] },
      { line: 2, cells: ['Levanger', 'sa "hei"; to'] },
      { line: 3, cells: ['Verdal', 'linje 1\nlinje 2'] },
      { line: 5, cells: ['x', '1'] },
    ]);
  });
  it('keeps a quote inside an unquoted cell as a character', () => {
    expect(tokenize('a,b\n5 "tommer",x\n', ',')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['5 "tommer"', 'x'] },
    ]);
  });
  it('reports an unclosed quote at the line where it opens', () => {
    expect(() => tokenize('a;b\n1;2\n"3;4\n5;6\n')).toThrowError(CsvSyntaxError);
    try {
      tokenize('a;b\n1;2\n"3;4\n5;6\n');
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(3);
    }
  });
});
