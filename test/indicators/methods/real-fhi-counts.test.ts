import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../../src/base/errors.js';
import { readFile } from '../../../src/sources/read.js';
import { agreesWithPublished, crudeValue, decimalsOf } from '../../../src/indicators/methods/published.js';
import type { Observation } from '../../../src/model/observation.js';
import { HAVE_REAL_EXPORTS, INNHERRED, REAL_EXPORTS } from '../../helpers.js';

/**
 * FHI publishes crude shares and rates (RATE) with their counts (TELLER, NEVNER): recomputing each
 * value from the counts must give FHI's published value after FHI's rounding. Runs over every FHI
 * file in ../shared/real-exports (and over fetched data in FOLKEHELSE_FHI_DATA when set) and
 * reports how many values agree.
 */

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const SCALES = [1, 10, 100, 1000, 10000, 100000];

/** The scale of a measure from its label, when the label says it. */
function scaleFromLabel(unit: string | null): number | null {
  if (!unit) return null;
  const u = unit.toLowerCase().replace(/\s/g, '');
  if (/prosent|%/.test(u)) return 100;
  const per = /per(\d+)/.exec(u);
  return per ? Number(per[1]) : null;
}

interface Report {
  files: number;
  compared: number;
  agree: number;
  disagreements: string[];
  withoutDenominator: number;
  standardised: number;
}

async function check(dir: string): Promise<Report> {
  const report: Report = { files: 0, compared: 0, agree: 0, disagreements: [], withoutDenominator: 0, standardised: 0 };
  for (const path of files(dir)) {
    let data: Observation[];
    try {
      const r = await readFile(path);
      if (r.source !== 'fhi') continue;
      data = r.data;
    } catch (e) {
      if (e instanceof InputFileError) continue; // not a data file (query bodies, metadata)
      throw e;
    }
    report.files++;
    // Crude RATE with a published value; standardised values cannot be recomputed from crude counts.
    const crude = data.filter((o) => o.measureType === 'rate' && o.value !== null && o.missing === null);
    const standardised = crude.filter((o) => o.standardisation !== 'none' || /standardis/i.test(o.unit ?? ''));
    report.standardised += standardised.length;
    const rows = crude.filter((o) => !standardised.includes(o));
    report.withoutDenominator += rows.filter((o) => o.numerator !== null && o.denominator === null).length;
    const counted = rows.filter((o) => o.numerator !== null && o.denominator !== null && o.denominator > 0);
    // One scale per measure of a file: from the label, or the one under which the values agree.
    const byMeasure = new Map<string, Observation[]>();
    for (const o of counted) byMeasure.set(o.measure, [...(byMeasure.get(o.measure) ?? []), o]);
    for (const [measure, obs] of byMeasure) {
      const agreeing = (m: number) => obs.filter((o) => agreesWithPublished(crudeValue(o.numerator!, o.denominator!, m)!, o.value!)).length;
      const scale = scaleFromLabel(obs[0]!.unit) ?? SCALES.reduce((best, m) => (agreeing(m) > agreeing(best) ? m : best), 100);
      for (const o of obs) {
        report.compared++;
        const ours = crudeValue(o.numerator!, o.denominator!, scale)!;
        if (agreesWithPublished(ours, o.value!)) report.agree++;
        else report.disagreements.push(`${relative(dir, path)}:${o.origin.line} ${measure} ${o.geo.code} ${o.period.label}: ${o.numerator}/${o.denominator}×${scale} = ${ours}, FHI ${o.value} (${decimalsOf(o.value!)} decimals)`);
      }
    }
  }
  return report;
}

describe('agreeing with a published value after rounding', () => {
  it('rounds to the published precision, not beyond', () => {
    expect(decimalsOf(4.234234)).toBe(6);
    expect(decimalsOf(100)).toBe(0);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(agreesWithPublished((7050 / 166500) * 100, 4.234234)).toBe(true);
    expect(agreesWithPublished((7050 / 166500) * 100, 4.234235)).toBe(false);
    expect(agreesWithPublished(12.65, 12.7)).toBe(true); // a tie agrees whichever way FHI rounds
    expect(agreesWithPublished(12.65, 12.6)).toBe(true);
    expect(agreesWithPublished(12.66, 12.6)).toBe(false);
    expect(agreesWithPublished(31.04, 31)).toBe(true);
    expect(agreesWithPublished(31.6, 31)).toBe(false);
  });
});

describe.skipIf(!HAVE_REAL_EXPORTS)('crude FHI values recomputed from their counts (real exports)', () => {
  it('every real FHI value with counts agrees with FHI after rounding', async () => {
    const r = await check(REAL_EXPORTS);
    console.info(`[real FHI counts] ${r.files} FHI files; ${r.compared} crude values with TELLER and NEVNER compared, ${r.agree} agree; ${r.withoutDenominator} with TELLER but no NEVNER (cannot be recomputed); ${r.standardised} standardised (not crude)`);
    expect(r.disagreements).toEqual([]);
    expect(r.agree).toBe(r.compared);
    expect(r.files).toBeGreaterThanOrEqual(7);
    // The producer cube (drikkevann 2018) publishes TELLER and RATE but no NEVNER: 10 fylker.
    expect(r.withoutDenominator).toBeGreaterThanOrEqual(10);
  });

  it.skipIf(!process.env.FOLKEHELSE_FHI_DATA)('… and over fetched FHI data (FOLKEHELSE_FHI_DATA)', async () => {
    const r = await check(process.env.FOLKEHELSE_FHI_DATA!);
    console.info(`[fetched FHI counts] ${r.compared} compared, ${r.agree} agree`);
    expect(r.disagreements).toEqual([]);
  });
});

describe('the same check over the example cubes (fixtures, written as FHI computes RATE)', () => {
  it('every RATE with counts agrees; a changed count is caught', async () => {
    const r = await check(join(INNHERRED, 'fhi'));
    console.info(`[fixture FHI counts] ${r.compared} compared, ${r.agree} agree`);
    expect(r.compared).toBeGreaterThan(100);
    expect(r.disagreements).toEqual([]);
    expect(agreesWithPublished(crudeValue(7051, 166500, 100)!, 4.234234)).toBe(false);
  });
});
