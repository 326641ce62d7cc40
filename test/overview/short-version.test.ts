import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAssessmentFolder, textFor } from '../../src/assessments/discover.js';
import { loadSections, validNames } from '../../src/assessments/sections.js';
import { parseList } from '../../src/assessments/structured.js';
import { proposeChallenges, proposeResources } from '../../src/overview/challenges.js';
import { sosialUlikhet } from '../../src/overview/inequality.js';
import { loadPriorities } from '../../src/overview/priorities.js';
import { countyRanges, kortversjon, spineRow } from '../../src/overview/short-version.js';
import { INNHERRED } from '../helpers.js';
import { fakeResult, innherredResults } from './results.js';

const p = loadPriorities();

describe('spine-chart rows', () => {
  it('put land at the middle, better to the right, scaled by the farthest of value and range', () => {
    // low-is-good: 12 vs land 10, county 8–15 → spread 5; 12 → 0.5 − 2/10 = 0.3; 8 → 0.7; 15 → 0.
    const r = spineRow(fakeResult('x', { v: 12, land: 10 }), { period: '2024', min: 8, max: 15, count: 3 })!;
    expect(r.position.value).toBeCloseTo(0.3, 12);
    expect(r.position.min).toBeCloseTo(0, 12);
    expect(r.position.max).toBeCloseTo(0.7, 12);
    const h = spineRow(fakeResult('x', { v: 12, land: 10, polarity: 'high-is-good' }), { period: '2024', min: 8, max: 15, count: 3 })!;
    expect([h.position.value, h.position.min, h.position.max].map((x) => Number(x!.toFixed(12)))).toEqual([0.7, 0.3, 1]);
    // Without a range the value itself touches the edge; equal to land sits in the middle.
    expect(spineRow(fakeResult('x', { v: 12, land: 10 }), null)!.position).toEqual({ value: 0, min: null, max: null });
    expect(spineRow(fakeResult('x', { v: 10, land: 10 }), null)!.position.value).toBe(0.5);
    expect(spineRow(fakeResult('x', { status: 'no-data', value: null }), null)).toBeNull();
  });

  it("take the county's range from every municipality's value of the same period", async () => {
    const lev = await innherredResults('5037');
    const ver = await innherredResults('5038');
    const periods = new Map(lev.map((r) => [r.id, r.period?.label ?? '']));
    const ranges = countyRanges([lev, ver], periods);
    const e = (id: string, rs: typeof lev) => rs.find((r) => r.id === id)!.value!.value!;
    const ens = ranges.get('ensomhet')!;
    expect(ens.count).toBe(2);
    expect(ens.min).toBe(Math.min(e('ensomhet', lev), e('ensomhet', ver)));
    expect(ens.max).toBe(Math.max(e('ensomhet', lev), e('ensomhet', ver)));
    // A municipality whose latest period differs does not count.
    const shifted = ver.map((r) => (r.id === 'ensomhet' ? { ...r, period: { ...r.period!, label: '1999' } } : r));
    expect(countyRanges([lev, shifted], periods).get('ensomhet')!.count).toBe(1);
    // With the county's number of municipalities, the range knows it spans 2 of 38.
    expect(countyRanges([lev, ver], periods, 38).get('ensomhet')).toMatchObject({ count: 2, total: 38 });
  });

  it("mark a county value outside the range (issue 26: never a range that leaves it out in silence)", () => {
    // The fake county value is 10 (the same as land's).
    expect(spineRow(fakeResult('x', { v: 12, land: 10 }), { period: '2024', min: 8, max: 15, count: 3, total: 38 })!.fylkeOutside).toBe(false);
    expect(spineRow(fakeResult('x', { v: 12, land: 10 }), { period: '2024', min: 11, max: 15, count: 2, total: 38 })!.fylkeOutside).toBe(true);
    expect(spineRow(fakeResult('x', { v: 12, land: 10 }), null)!.fylkeOutside).toBe(false);
  });
});

describe('the short version (kortversjon)', () => {
  it('leads with the proposed challenges, then a gradient, a trend and a resource', async () => {
    const results = await innherredResults('5037');
    const u = proposeChallenges(results, p);
    const k = kortversjon(results, u, proposeResources(results, p), sosialUlikhet(results, p), new Map());
    expect(k.findings.map((f) => [f.kind, 'id' in f ? f.id : ''])).toEqual([
      ['challenge', 'psykisk-helse-unge'],
      ['challenge', 'levevaner-unge'],
      ['challenge', 'levekar-okonomi'],
      ['inequality', 'ensomhet'],
      // The first significant development not already among the challenges (a change test of 2014–2016 against 2023–2025).
      ['trend', 'vedvarende-lavinntekt-barn'],
      ['resource', 'trangbodde'],
    ]);
    expect(k.challenges.proposals.map((c) => c.id)).toEqual(['psykisk-helse-unge', 'levevaner-unge', 'levekar-okonomi', 'ikke-smittsomme-sykdommer', 'skader-ulykker']);
    // Every indicator with a municipal and a land value is on the spine, in catalogue order.
    expect(k.spine.map((s) => s.id)).toEqual(results.filter((r) => r.value?.value != null && r.comparisons.land.value?.value != null).map((r) => r.id));
    expect(k.spine.find((s) => s.id === 'ensomhet')!.verdict).toBe('worse');
    expect(kortversjon(results, u, proposeResources(results, p), sosialUlikhet(results, p), new Map(), { maxFindings: 2 }).findings.map((f) => f.kind)).toEqual(['challenge', 'inequality']);
  });

  it("uses the municipality's own lists when it has them", async () => {
    const results = await innherredResults('5037');
    const set = readAssessmentFolder(join(INNHERRED, 'vurderinger'), '5037', validNames(loadSections(), results.map((r) => r.id)));
    const own = parseList(textFor(set, 'utfordringer', 'nb')!.body);
    const ownRes = parseList(textFor(set, 'ressurser', 'nb')!.body);
    const k = kortversjon(results, proposeChallenges(results, p, own), proposeResources(results, p, ownRes), sosialUlikhet(results, p), new Map());
    expect(k.challenges.source).toBe('municipality');
    expect(k.findings.slice(0, 3)).toEqual([
      { kind: 'own-challenge', rank: 1, text: 'Psykisk helse blant barn og unge, og ensomhet blant ungdom i familier med dårlig økonomi' },
      { kind: 'own-challenge', rank: 2, text: 'Unge uføretrygdede og utenforskap' },
      { kind: 'own-challenge', rank: 3, text: 'Overvekt blant unge' },
    ]);
    expect(k.findings.at(-1)).toEqual({ kind: 'own-resource', text: 'Et rikt frivillig organisasjonsliv og mange som deltar' });
  });
});
