import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareShape, languagesIn, loadLanguage, readLanguageFile, type LanguageFamily } from '../../src/language/files.js';
import { generatedSource } from '../../src/language/generate.js';
import { DOCUMENT_LANGS, MESSAGE_LANGS, BASE_LANG, fallbackChain, inLang, localeOf } from '../../src/language/tags.js';
import { formatDate, formatList, formatNumber, formatNumberInText, formatSigned, plural } from '../../src/language/intl.js';
import { ROOT } from '../helpers.js';

const FAMILIES: LanguageFamily[] = ['document', 'messages', 'assessments'];

describe('the language files', () => {
  it('the generated languages and text keys (src/language/generated.ts) are those of the files', () => {
    const file = join(ROOT, 'src', 'language', 'generated.ts');
    const expected = generatedSource();
    if (process.env.UPDATE_GOLDEN === '1' && !process.env.CI) writeFileSync(file, expected);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
  it('a document language has a file in every family; a message language one in data/cli', () => {
    for (const family of ['document', 'assessments'] as const) expect(languagesIn(family).sort(), family).toEqual([...DOCUMENT_LANGS].sort());
    expect(languagesIn('messages').sort()).toEqual([...MESSAGE_LANGS].sort());
    for (const lang of DOCUMENT_LANGS) expect(readLanguageFile('document', lang)['locale'], lang).toBe(localeOf(lang));
  });
  it('every file of a document language has exactly the keys of the base language, with the same kinds of values', () => {
    for (const family of FAMILIES) {
      const base = readLanguageFile(family, BASE_LANG);
      for (const lang of DOCUMENT_LANGS) {
        const own = readLanguageFile(family, lang);
        expect(compareShape(base, own, ''), `${family} ${lang}`).toEqual([]);
        expect(compareShape(own, base, ''), `${family} ${lang}`).toEqual([]);
      }
    }
  });
  it('a message-only language (English) has no key the base lacks; what it lacks falls back', () => {
    for (const lang of MESSAGE_LANGS.filter((l) => !(DOCUMENT_LANGS as readonly string[]).includes(l))) {
      const own = readLanguageFile('messages', lang);
      expect(compareShape(own, readLanguageFile('messages', BASE_LANG), ''), lang).toEqual([]);
      expect(compareShape(readLanguageFile('messages', BASE_LANG), loadLanguage('messages', lang), ''), lang).toEqual([]);
    }
  });
  it('the same {placeholders} in every language', () => {
    const leaves = (node: unknown, path = ''): [string, string][] =>
      typeof node === 'string' ? [[path, node]] : node !== null && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k)) : [];
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const family of FAMILIES) {
      const base = new Map(leaves(readLanguageFile(family, BASE_LANG)));
      for (const lang of MESSAGE_LANGS.filter((l) => languagesIn(family).includes(l))) {
        for (const [path, text] of leaves(readLanguageFile(family, lang))) if (base.has(path)) expect(holes(text), `${family} ${lang} ${path}`).toEqual(holes(base.get(path)!));
      }
    }
  });
});

describe('fallback', () => {
  it('every language falls back to bokmål, and a text of data falls back the same way', () => {
    expect(fallbackChain('nn')).toEqual(['nb', 'nn']);
    expect(fallbackChain('nb')).toEqual(['nb']);
    expect(inLang({ nb: 'Helse' }, 'nn')).toBe('Helse');
    expect(inLang({ nb: 'Helse', nn: 'Helse (nn)' }, 'nn')).toBe('Helse (nn)');
    // English messages without a text of their own (notes) get the base language's.
    expect(loadLanguage('messages', 'en')['notes']).toEqual(readLanguageFile('messages', 'nb')['notes']);
  });
});

describe('numbers, dates, lists and plurals through Intl', () => {
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
    expect(formatNumberInText(1000, 0, 'nb')).toBe('1000');
    expect(formatNumberInText(20600, 0, 'nn')).toBe('20\u00a0600');
    expect(formatSigned(0.6, 1, 'nb')).toBe('+0,6');
    expect(formatSigned(0, 1, 'nb')).toBe('0,0');
    expect(formatDate('2026-11-22', 'nb')).toBe('22. november 2026');
    expect(formatDate('2026-03-01', 'nn')).toBe('1. mars 2026');
    expect(formatDate('2026-03-01', 'nn-NO')).toBe('1. mars 2026');
    expect(formatList(['FHI', 'SSB', 'Ungdata'], 'nb')).toBe('FHI, SSB og Ungdata');
    expect(formatList(['FHI'], 'nn')).toBe('FHI');
    expect(plural(1, 'en', { one: 'file', other: 'files' })).toBe('file');
    expect(plural(2, 'nb', { one: 'fil', other: 'filer' })).toBe('filer');
  });
});
