/**
 * Issue 26, item 4: the sentence classes a careful writer would not sign, in bokmål and nynorsk.
 * Unit cases for each rule, then the shipped example's documents (Levanger nb, Verdal nn and
 * Levanger nn) scanned for each class.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { loadConfig } from '../../src/config/config.js';
import { overviewTexts, ratioPhrase, statuteNames } from '../../src/overview/wording.js';
import { loadTexts } from '../../src/report/language.js';
import { isPercent, unitParts, valueWithUnit } from '../../src/report/values.js';
import { EXAMPLE_CONFIG, tempDir } from '../helpers.js';

const T = { nb: loadTexts('nb'), nn: loadTexts('nn') };
const nb = overviewTexts(T.nb);
const nn = overviewTexts(T.nn);
const symbols = (lang: 'nb' | 'nn') => T[lang]['unitSymbols'] as Record<string, string>;

describe('ratios in words: never "0,7 ganger så høy"', () => {
  it('below 1 as whole per cent lower', () => {
    expect(ratioPhrase(0.7, null, null, 'share', nb, 'nb').text).toBe('30 prosent lavere enn');
    expect(ratioPhrase(0.87, null, null, 'other', nn, 'nn').text).toBe('13 prosent lågare enn');
  });
  it('between 1 and 2 as per cent higher, from 2 as times as high (agreeing with the noun)', () => {
    expect(ratioPhrase(1.4, null, null, 'share', nb, 'nb').text).toBe('40 prosent høyere enn');
    expect(ratioPhrase(3.45, null, null, 'share', nb, 'nb')).toMatchObject({ text: '3,5 ganger så høy som', noun: 'andelen' });
    expect(ratioPhrase(2.4, null, null, 'other', nb, 'nb')).toMatchObject({ text: '2,4 ganger så høyt som', noun: 'tallet' });
    expect(ratioPhrase(3.4, null, null, 'share', nn, 'nn')).toMatchObject({ text: '3,4 gonger så høg som', noun: 'delen' });
    expect(ratioPhrase(1.001, null, null, 'share', nb, 'nb').text).toBe('like høy som');
  });
  it('says the interval in the same form, or from lower to higher when it spans 1', () => {
    expect(ratioPhrase(3.4, 2.5, 4.8, 'share', nb, 'nb').interval).toBe('95 % KI 2,5–4,8 ganger');
    expect(ratioPhrase(0.7, 0.6, 0.8, 'share', nb, 'nb').interval).toBe('95 % KI 20–40 prosent lavere');
    expect(ratioPhrase(1.3, 0.9, 1.8, 'share', nn, 'nn').interval).toBe('95 % KI frå 10 prosent lågare til 80 prosent høgare');
    expect(ratioPhrase(1.3, 1.1, 1.6, 'share', nb, 'nb').interval).toBe('95 % KI 10–60 prosent høyere');
  });
});

describe('units', () => {
  it('a bare ratio (forholdstall) is a number, never "2,4 forholdstall"', () => {
    expect(valueWithUnit({ decimals: 1 }, 2.4, 'forholdstall', symbols('nb'))).toBe('2,4');
    expect(valueWithUnit({ decimals: 1 }, 2.4, 'forholdstal', symbols('nn'))).toBe('2,4');
  });
  it('a qualified unit shows its symbol after each number and leaves the qualifier to the sentence', () => {
    expect(unitParts('prosent, standardisert')).toEqual({ base: 'prosent', qualifier: 'standardisert' });
    expect(valueWithUnit({ decimals: 1 }, 25.4, 'prosent, standardisert', symbols('nb'))).toBe('25,4\u00a0%');
    expect(isPercent('prosent, standardisert')).toBe(true);
    expect(valueWithUnit({ decimals: 1 }, 13.7, 'per 1000', symbols('nn'))).toBe('13,7\u00a0per 1000');
  });
});

describe('statute short titles follow the text', () => {
  it('folkehelselova in nynorsk, folkehelseloven in bokmål', () => {
    expect(statuteNames('folkehelseloven § 5 b', nn)).toBe('folkehelselova § 5 b');
    expect(statuteNames('folkehelseloven § 5 b', nb)).toBe('folkehelseloven § 5 b');
  });
});

describe('the shipped example reads as a careful writer would write it', () => {
  const out = tempDir();
  const docs: Record<string, string> = {};
  beforeAll(async () => {
    const config = loadConfig(EXAMPLE_CONFIG);
    await build({ config, out, lang: 'nb', formats: ['md'], env: process.env, kommuner: ['5037'] });
    await build({ config, out, lang: 'nn', formats: ['md'], env: process.env, kommuner: ['5037', '5038'] });
    docs['5037.nb'] = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    docs['5037.nn'] = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nn.md'), 'utf8');
    docs['5038.nn'] = readFileSync(join(out, '5038-verdal', 'oversikt-2027.nn.md'), 'utf8');
  }, 120_000);
  /** Running text: paragraphs, not tables, headings or figure lines. */
  const prose = (md: string) => md.split('\n').filter((l) => l.trim() && !/^\s*(\||#|!\[|<!--)/.test(l));
  const sentences = (md: string) => prose(md).flatMap((l) => l.split(/(?<=[.!?])\s+(?=[A-ZÆØÅ])/));

  it('no count of people per 100 beside a share in per cent', () => {
    for (const [name, md] of Object.entries(docs)) {
      for (const l of prose(md)) expect(l, name).not.toMatch(/\d[\d\s,]*\s(personer|personar)\s[^.]*per 100 (personer|personar)/);
    }
    expect(docs['5037.nb']).toMatch(/Andelen som bor alene blant innbyggerne 45 år og eldre i Levanger er 22,6\u00a0% \(2025\)/);
  });
  it('no ratio below 1 as "ganger så høy", in either language', () => {
    for (const [name, md] of Object.entries(docs)) expect(md, name).not.toMatch(/\b0,\d+\s*(\([^)]*\)\s*)?(ganger|gonger) så/);
  });
  it('no unit-less "forholdstall" as a quantity', () => {
    for (const [name, md] of Object.entries(docs)) for (const l of prose(md)) expect(l, name).not.toMatch(/\d\s+forholdstall?\b/);
    expect(docs['5037.nb']).toContain('Inntektsulikheten målt som P90/P10 i Levanger er 2,4 (2025)');
  });
  it('a unit qualifier ("standardisert") at most once per sentence', () => {
    for (const [name, md] of Object.entries(docs)) for (const s of sentences(md)) expect((s.match(/standardisert/g) ?? []).length, `${name}: ${s}`).toBeLessThanOrEqual(1);
  });
  it('nynorsk throughout: statute short titles and no bokmål ratio words', () => {
    for (const name of ['5037.nn', '5038.nn']) {
      const md = docs[name]!;
      expect(md, name).not.toMatch(/folkehelseloven(?! m\.m\.)/);
      expect(md, name).toContain('folkehelselova § 5 b');
      expect(md, name).not.toMatch(/ganger så|prosent lavere|prosent høyere|Forskjellen mellom/);
    }
  });
});
