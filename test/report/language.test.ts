import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareShape, fillRuns, loadTexts } from '../../src/report/language.js';
import { languageFileSource } from '../../src/report/texts-type.js';
import { formatDate, formatList, formatNumber } from '../../src/report/format.js';
import { ROOT, tempDir } from '../helpers.js';

const LANG = join(ROOT, 'templates', 'lang');
const read = (f: string) => JSON.parse(readFileSync(join(LANG, f), 'utf8')) as unknown;

describe('language files', () => {
  it('every language file has exactly the keys of nb.json, with the same kinds of values', () => {
    const files = readdirSync(LANG).filter((f) => f.endsWith('.json'));
    expect(files).toEqual(expect.arrayContaining(['nb.json', 'nn.json']));
    for (const f of files) {
      expect(compareShape(read('nb.json'), read(f), ''), f).toEqual([]);
      expect(compareShape(read(f), read('nb.json'), ''), f).toEqual([]);
    }
  });
  it('the LanguageFile type (src/report/texts.ts) is derived from nb.json', () => {
    const file = join(ROOT, 'src', 'report', 'texts.ts');
    const expected = languageFileSource(read('nb.json'));
    if (process.env.UPDATE_GOLDEN === '1' && !process.env.CI) writeFileSync(file, expected);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
  it('an incomplete language file in the template folder is refused with the missing keys named', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'lang'));
    const nb = read('nb.json') as Record<string, unknown>;
    delete nb.footer;
    (nb.sentences as Record<string, unknown>).status = 3;
    writeFileSync(join(dir, 'lang', 'nb.json'), JSON.stringify(nb));
    expect(() => loadTexts('nb', dir)).toThrow(/language file .*nb\.json: "sentences\.status" should be a text; "footer" is missing/);
    writeFileSync(join(dir, 'lang', 'nb.json'), '{ not json');
    expect(() => loadTexts('nb', dir)).toThrow(/language file .*nb\.json: not valid JSON/);
  });
});

describe('texts with light markup', () => {
  it('become runs; values filled in stay plain text', () => {
    expect(fillRuns('**Vurdering mangler.** Skriv i `{path}`.', { path: '**x**`y`' })).toEqual([
      { text: 'Vurdering mangler.', strong: true },
      { text: ' Skriv i ' },
      { text: '**x**`y`', code: true },
      { text: '.' },
    ]);
  });
});

describe('numbers, dates and lists through Intl', () => {
  it('nb-NO and nn-NO', () => {
    expect(formatNumber(20600, 0)).toBe('20\u00a0600');
    expect(formatNumber(12.6, 1)).toBe('12,6');
    expect(formatNumber(-3.25, 1)).toBe('−3,3');
    expect(formatNumber(-0.04, 1)).toBe('0,0');
    // Half away from zero on the number as written: 82.35 is 82.34999… in binary, and toFixed gave 82,3.
    expect(formatNumber(82.35, 1)).toBe('82,4');
    expect(formatNumber(0.35, 1)).toBe('0,4');
    expect(formatNumber(1.005, 2)).toBe('1,01');
    expect(formatNumber(1234567.891, 2, ' ')).toBe('1 234 567,89');
    expect(formatDate('2026-11-22', 'nb')).toBe('22. november 2026');
    expect(formatDate('2026-03-01', 'nn')).toBe('1. mars 2026');
    expect(formatList(['FHI', 'SSB', 'Ungdata'], 'nb')).toBe('FHI, SSB og Ungdata');
    expect(formatList(['FHI'], 'nn')).toBe('FHI');
  });
});
