import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/sources/inspect.js';
import { renderInspectText } from '../../src/cli/inspect-text.js';
import { makeStyle } from '../../src/cli/style.js';
import { renderValidationText } from '../../src/cli/validate-text.js';
import { validatePaths } from '../../src/app/validate.js';
import { tempDir } from '../helpers.js';

// A label with an escape sequence (recolour, clear screen) and a forged line of output.
const EVIL = 'Lev\u001b[2J\u001b[31manger\rFAKE ✓ all good\u009b';

describe('data text in terminal output is escaped', () => {
  const dir = tempDir();
  const file = join(dir, `evil\u001b[1m.csv`);
  writeFileSync(file, `Geografi,År,Kjønn,Måltall,value\nLevanger,2023,kjønn samlet,antall,3\n"${EVIL}",2023,kjønn samlet,antall,4\nVerdal,2023,x\u001b]0;title\u0007,antall,5\n`);
  const style = makeStyle(false);

  it('in validate', async () => {
    const text = renderValidationText(await validatePaths([file]), style, 20);
    expect(text).toMatch(/unknown-geography/);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('\\x1b[2J');
    expect(text).toContain('\\r');
    expect(text).toContain('evil\\x1b[1m.csv');
  });

  it('in inspect', async () => {
    const text = renderInspectText(await inspectFile(file), style);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('evil\\x1b[1m.csv');
  });
});

describe('--json output', () => {
  it('writes C1 controls, DEL, line separators and bidi controls as \\u escapes, and parses to the same value', async () => {
    const { jsonForTerminal } = await import('../../src/cli/terminal.js');
    const value = { label: `${EVIL}\u007f\u2028\u202e\u2066`, n: 1, nested: [{ name: 'Trøndelag – Trööndelage' }] };
    const text = jsonForTerminal(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\u009b');
    expect(text).toContain('\\u202e');
    expect(text).toContain('Trööndelage');
    expect(JSON.parse(text)).toEqual(value);
  });
});
