import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { loadPriorities } from '../../src/overview/priorities.js';
import { formatNumberInText as formatNumber } from '../../src/language/intl.js';
import { bySexSentence, overviewTexts, populationChange, ratePhrase, recentPeriods, sexTerms, smallNumber, sourceList, trendTerm } from '../../src/overview/wording.js';
import { loadTexts } from '../../src/report/language.js';
import { SYNTHETIC_CATALOGUE } from '../helpers.js';
import { innherredResults } from './results.js';

const nb = overviewTexts(loadTexts('nb'));
const nn = overviewTexts(loadTexts('nn'));
const p = loadPriorities();
/** The default catalogue (what users get) and the synthetic data's own catalogue (for its results). */
const cat = loadCatalogue();
const ind = (id: string) => cat.find((i) => i.id === id)!;
const syn = loadCatalogue(SYNTHETIC_CATALOGUE);
const synInd = (id: string) => syn.find((i) => i.id === id)!;

function keys(o: unknown, prefix = ''): string[] {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('the overview language texts', () => {
  it('have the same keys in bokmål and nynorsk, and twelve number words', () => {
    expect(keys(nn)).toEqual(keys(nb));
    expect(nb.numbers).toHaveLength(13);
    expect(nn.numbers).toHaveLength(13);
  });
});

describe('wording', () => {
  it('writes small numbers in words', () => {
    expect(smallNumber(4, nb, 'nb')).toBe('fire');
    expect(smallNumber(1, nb, 'nb')).toBe('én');
    expect(smallNumber(1, nn, 'nn', { neuter: true })).toBe('eitt');
    expect(smallNumber(12, nn, 'nn')).toBe('tolv');
    expect(smallNumber(13, nb, 'nb')).toBe('13');
    expect(smallNumber(20600, nb, 'nb')).toBe('20\u00a0600');
  });

  it('names each source once', () => {
    // "FHI, SSB (KOSTRA), SSB og Ungdata" named SSB twice: products in order of first appearance.
    expect(sourceList(['fhi', 'ssb', 'kostra', 'ungdata', 'fhi'], nb, 'nb')).toBe('FHI, SSB (Statistikkbanken og KOSTRA) og Ungdata');
    expect(sourceList(['fhi', 'kostra', 'ssb', 'ungdata'], nb, 'nb')).toBe('FHI, SSB (KOSTRA og Statistikkbanken) og Ungdata');
    expect(sourceList(['fhi', 'ssb', 'ssb'], nb, 'nb')).toBe('FHI og SSB');
    expect(sourceList(['kostra'], nn, 'nn')).toBe('SSB (KOSTRA)');
    expect(sourceList(['ungdata', 'kostra', 'kostra'], nn, 'nn')).toBe('Ungdata og SSB (KOSTRA)');
  });

  it('gives rates their denominator phrase', async () => {
    // The synthetic data's diabetes medication users, computed.
    const r = (await innherredResults('5037')).find((x) => x.id === 'diabetes-type2')!;
    expect(ratePhrase(r.value!.value!, synInd('diabetes-type2'), p, nb, 'nb')).toBe('46,6 legemiddelbrukere per 1000 innbyggere 30–74 år');
    expect(ratePhrase(46.59, synInd('diabetes-type2'), p, nn, 'nn')).toBe('46,6 legemiddelbrukarar per 1000 innbyggjarar 30–74 år');
    // The default catalogue's rates: the catalogue shows deaths per 100 000 without decimals.
    expect(ratePhrase(712.46, ind('dodelighet-alle-arsaker'), p, nb, 'nb')).toBe('712 dødsfall per 100\u00a0000 innbyggere');
    expect(ratePhrase(583.2, ind('kreft-nye-tilfeller'), p, nn, 'nn')).toBe('583 nye krefttilfelle per 100\u00a0000 innbyggjarar');
    expect(ratePhrase(171.04, ind('psykiske-symptomer-primaer'), p, nb, 'nb')).toBe('171,0 pasienter med psykiske symptomer og lidelser per 1000 innbyggere 0–74 år');
    // Hip fractures are counted in an age group the catalogue names (75+ in FHI's table, 65+ in the synthetic data).
    expect(ratePhrase(3.84, ind('hoftebrudd'), p, nb, 'nb')).toBe('3,8 hoftebrudd per 1000 innbyggere i aldersgruppen');
    expect(ratePhrase(46.51, synInd('hjerte-kar-dodelighet'), p, nb, 'nb')).toBe('47 dødsfall per 100\u00a0000 innbyggere under 80 år');
    // Every standardised or crude rate of the default catalogue has its words.
    for (const i of cat.filter((x) => /rate$/.test(x.measureType))) expect(ratePhrase(1, i, p, nb, 'nb'), i.id).toMatch(/ per \d/);
    // Without rate words the unit follows the number.
    expect(ratePhrase(26.31, ind('ensomhet'), p, nb, 'nb')).toBe('26,3 prosent');
  });

  it('says gutter/jenter for 17-year-olds and Ungdata, menn/kvinner for adults', () => {
    expect(sexTerms(ind('overvekt-sesjon'), p, nb)).toEqual({ male: 'gutter', female: 'jenter' });
    expect(sexTerms(synInd('fysisk-inaktivitet-sesjon'), p, nn)).toEqual({ male: 'gutar', female: 'jenter' });
    expect(sexTerms(ind('ensomhet'), p, nb)).toEqual({ male: 'gutter', female: 'jenter' });
    // Pupils and Ungdata figures published by FHI, and children 0–17.
    for (const id of ['smertestillende-ungdom', 'mobbing-7-trinn', 'trivsel-skolen', 'leseferdighet-5-trinn', 'regneferdighet-5-trinn', 'grunnskolepoeng', 'vaksinasjon-mmr', 'trangbodde', 'vedvarende-lavinntekt-barn', 'barnevernstiltak']) {
      expect(sexTerms(ind(id), p, nn), id).toEqual({ male: 'gutar', female: 'jenter' });
    }
    expect(sexTerms(synInd('diabetes-type2'), p, nb)).toEqual({ male: 'menn', female: 'kvinner' });
    for (const id of ['hjerte-kar-sykehus', 'dodelighet-alle-arsaker', 'aleneboende-45', 'sysselsetting', 'influensavaksine-65']) {
      expect(sexTerms(ind(id), p, nb), id).toEqual({ male: 'menn', female: 'kvinner' });
    }
    expect(sexTerms({ id: 'x', select: { source: 'fhi', table: 't', measure: 'm', age: '0_17' } }, p, nb).male).toBe('gutter');
    expect(sexTerms({ id: 'x', select: { source: 'fhi', table: 't', measure: 'm', age: '18_44' } }, p, nb).male).toBe('menn');
    expect(bySexSentence(ind('overvekt-sesjon'), '30,1', '26,7', p, nb)).toBe('Blant gutter er tallet 30,1, blant jenter 26,7.');
  });

  it('has one term for no significant change and names pooled periods as periods', () => {
    expect(trendTerm('no-significant-change', nb)).toBe(nb.terms.noSignificantChange);
    expect(trendTerm('no-significant-change', nb)).toBe('ingen signifikant endring');
    expect(trendTerm('increasing', nn)).toBe('signifikant auke');
    expect(trendTerm('cannot-be-calculated', nb)).toBe('utviklingen kan ikke testes');
    expect(recentPeriods(5, true, nb, 'nb')).toBe('de fem siste periodene');
    expect(recentPeriods(5, false, nb, 'nb')).toBe('de fem siste årene');
    expect(recentPeriods(5, true, nn, 'nn')).toBe('dei fem siste periodane');
  });

  it('compares population change with land in % and per 1000, not in persons', () => {
    // Levanger 2024 in the example: +130 of 20 600 = 0.631 % = 6.31 per 1000; land 27 474 of 5 550 000 = 4.95 per 1000.
    const c = populationChange(130, 20600, 27474, 5550000, nb, 'nb');
    expect(c.perThousand).toBeCloseTo(6.3107, 4);
    expect(c.landPerThousand).toBeCloseTo(4.9503, 4);
    expect(c.text).toBe('Folketallet endret seg med +0,6\u00a0% (+6,3 per 1000 innbyggere), mot +0,5\u00a0% (+5,0 per 1000) i landet.');
    expect(populationChange(-50, 10000, 100, 1000, nn, 'nn').text).toContain('\u22120,5\u00a0% (\u22125,0 per 1000 innbyggjarar)');
    expect(() => populationChange(1, 0, 1, 1, nb, 'nb')).toThrow(RangeError);
    expect(formatNumber(1234.5, 1, 'nn')).toBe('1234,5');
    expect(formatNumber(12345.5, 1, 'nn')).toBe('12\u00a0345,5');
  });
});
