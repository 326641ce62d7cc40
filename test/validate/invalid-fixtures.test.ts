import { join, relative } from 'node:path';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePaths } from '../../src/app/validate.js';
import { ERROR_CODES } from '../../src/validate/issues.js';
import { INVALID } from '../helpers.js';

/** Each file in fixtures/invalid/ holds exactly one problem: this is it. */
const EXPECTED: Record<string, { line: number | null; column: string | null; columnNumber?: number; value?: string; message: RegExp }> = {
  'encoding-error': { line: 4, column: null, message: /not valid UTF-8/ },
  'syntax-error': { line: 3, column: null, message: /never closed/ },
  'blank-header': { line: 3, column: null, columnNumber: 3, message: /column 3 has no name/ },
  'duplicate-header': { line: 1, column: 'TELLER', columnNumber: 7, message: /columns 5 and 7 are both called "TELLER"/ },
  'missing-column': { line: 1, column: 'n_respondents', message: /no "n_respondents" column/ },
  'extra-cell': { line: 3, column: null, columnNumber: 8, message: /8 cells but the header has 7 columns/ },
  'missing-cell': { line: 3, column: 'RATE', columnNumber: 7, message: /"RATE", "SPVFLAGG" are missing/ },
  'type-error': { line: 3, column: 'TELLER', columnNumber: 5, value: '95 personer', message: /is not a count/ },
  'constraint-error': { line: 3, column: 'TELLER', columnNumber: 5, message: /TELLER \(1900\) is larger than NEVNER \(95\)/ },
  'unknown-geography': { line: 4, column: 'Geografi', columnNumber: 1, value: 'Innherred', message: /"Innherred" is not a municipality/ },
  'unknown-symbol': { line: 3, column: 'Sysselsatte personer 2023', columnNumber: 3, value: '…', message: /not one of SSB's symbols/ },
  'duplicate-row': { line: 4, column: null, message: /repeats the observation on line 2/ },
  'impossible-value': { line: 2, column: 'value', columnNumber: 4, message: /987\.6 %, far beyond 100 %/ },
};

describe('fixtures/invalid', () => {
  it('has one file for every error code of the vocabulary', () => {
    const files = readdirSync(INVALID).filter((f) => f.endsWith('.csv')).map((f) => f.replace(/\.csv$/, '')).sort();
    expect(files).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...ERROR_CODES].sort());
  });

  for (const [code, want] of Object.entries(EXPECTED)) {
    it(`${code}.csv gives exactly one ${code} at line ${want.line}`, async () => {
      const report = await validatePaths([join(INVALID, `${code}.csv`)]);
      const f = report.files[0]!;
      expect(f.fileError).toBeNull();
      expect(f.valid).toBe(false);
      expect(f.errors).toBe(1);
      const issue = f.issues.find((i) => i.severity === 'error')!;
      expect(issue.code).toBe(code);
      expect(issue.file).toBe(relative(process.cwd(), join(INVALID, `${code}.csv`)));
      expect(issue.line).toBe(want.line);
      expect(issue.column).toBe(want.column);
      if (want.columnNumber !== undefined) expect(issue.columnNumber).toBe(want.columnNumber);
      if (want.value !== undefined) expect(issue.value).toBe(want.value);
      expect(issue.message).toMatch(want.message);
    });
  }
});
