import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorWanted, defaultConfigPath, parseKommuneList, parseLang, parseSize } from '../../src/commands/options.js';
import { noDataMessage } from '../../src/commands/validate.js';
import { render } from '../../src/base/messages.js';
import { tempDir } from '../helpers.js';

describe('shared options', () => {
  it('--lang: nb and nn, en only where English messages are allowed', () => {
    expect(parseLang('NN')).toBe('nn');
    expect(parseLang('en', true)).toBe('en');
    expect(() => parseLang('en')).toThrow(/"en" is not nb \(bokmål\) or nn \(nynorsk\)/);
    expect(() => parseLang('sv', true)).toThrow(/or en \(English messages\)/);
  });
  it('NO_COLOR (any non-empty value), TERM=dumb and pipes turn colour off', () => {
    expect(colorWanted({ isTTY: true }, {})).toBe(true);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorWanted({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colorWanted({}, {})).toBe(false);
  });
  it('the default configuration is ./folkehelse.config.json when it exists', () => {
    const dir = tempDir();
    expect(defaultConfigPath(undefined, dir)).toBeUndefined();
    expect(defaultConfigPath('annen.json', dir)).toBe('annen.json');
    writeFileSync(join(dir, 'folkehelse.config.json'), '{}');
    expect(defaultConfigPath(undefined, dir)).toBe('folkehelse.config.json');
  });
  it('--kommune lists: each once, in the order given', () => {
    expect(parseKommuneList('5038, 5037,5038,,5037')).toEqual(['5038', '5037']);
  });
  it('sizes', () => {
    expect(parseSize('2GB')).toBe(2 * 1024 ** 3);
    expect(() => parseSize('mye')).toThrow(/not a size/);
  });
});

describe('validate without data files', () => {
  it('names what was found, by kind', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    expect(render(noDataMessage([dir], [join(dir, 'a', 'x.xlsx'), join(dir, 'y.XLSX'), join(dir, 'LESMEG')]), 'en')).toMatch(/found 2 \.xlsx, 1 \(no extension\) files \(.*x\.xlsx.*\), none of them \.csv, \.tsv, \.txt or \.json data; save Excel sheets as CSV/);
  });
});
