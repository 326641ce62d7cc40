import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLanguageFile } from '../../src/language/files.js';
import { fillRuns, loadTexts, themeName } from '../../src/report/language.js';
import { tempDir } from '../helpers.js';

// The language files themselves (every key in every language, the generated key types): test/language.

describe("a template folder's language file", () => {
  it('an incomplete language file in the template folder is refused with the missing keys named', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'lang'));
    const nb = structuredClone(readLanguageFile('document', 'nb')) as Record<string, unknown>;
    delete nb.footer;
    (nb.sentences as Record<string, unknown>).status = 3;
    writeFileSync(join(dir, 'lang', 'nb.json'), JSON.stringify(nb));
    expect(() => loadTexts('nb', dir)).toThrow(/language file .*nb\.json: "sentences\.status" should be a text; "footer" is missing/);
    writeFileSync(join(dir, 'lang', 'nb.json'), '{ not json');
    expect(() => loadTexts('nb', dir)).toThrow(/language file .*nb\.json: not valid JSON/);
  });
  it('a complete one replaces the shipped texts', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'lang'));
    writeFileSync(join(dir, 'lang', 'nn.json'), JSON.stringify({ ...readLanguageFile('document', 'nn'), toc: 'Innhald i dokumentet' }));
    expect(loadTexts('nn', dir)['toc']).toBe('Innhald i dokumentet');
    expect(loadTexts('nn')['toc']).toBe('Innhald');
  });
});

describe('theme names are language data', () => {
  it('in bokmål and nynorsk', () => {
    expect(themeName('nb', 'a')).toBe('Befolkningssammensetning');
    expect(themeName('nn', 'd')).toBe('Skadar og ulukker');
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
