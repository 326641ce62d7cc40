import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/sources/load.js';
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { computeIndicators } from '../../src/indicators/engine.js';
import { proposeChallenges, proposeResources } from '../../src/overview/challenges.js';
import { sosialUlikhet } from '../../src/overview/inequality.js';
import { loadPriorities } from '../../src/overview/priorities.js';
import { kortversjon } from '../../src/overview/short-version.js';
import { HAVE_REAL_EXPORTS, REAL_EXPORTS, ROOT, tempDir } from '../helpers.js';

describe.skipIf(!HAVE_REAL_EXPORTS)("the overview's data from FHI's real exports (Skien, examples/katalog-fhi-statistikk.json)", () => {
  it('summarises the education gradient of life expectancy at 30 and builds the short version', async () => {
    const data = tempDir();
    for (const f of readdirSync(join(REAL_EXPORTS, 'fhi')).filter((f) => f.endsWith('.csv'))) copyFileSync(join(REAL_EXPORTS, 'fhi', f), join(data, f));
    const observations = (await loadData([data])).observations;
    const catalogue = loadCatalogue([join(ROOT, 'examples', 'katalog-fhi-statistikk.json')], null);
    const results = computeIndicators(observations, catalogue, { kommune: '4003' });
    const p = loadPriorities();
    const u = sosialUlikhet(results, p);
    expect(u.gradients.map((g) => g.indicatorId)).toEqual(['levealder-utdanning-fhi']);
    const g = u.gradients[0]!;
    const values = g.groups.map((x) => x.value);
    expect(values.every((v) => v !== null && v > 60 && v < 95)).toBe(true);
    // Higher education lives longest: the best group has the highest value, the gap is worst − best.
    const best = g.groups.find((x) => x.key === g.best)!.value!;
    const worst = g.groups.find((x) => x.key === g.worst)!.value!;
    expect(best).toBe(Math.max(...(values as number[])));
    expect(worst).toBe(Math.min(...(values as number[])));
    expect(g.absoluteGap!.value).toBeCloseTo(worst - best, 12);
    expect(g.absoluteGap!.lower).toBeNull();
    expect(g.total).toBeNull();
    // Nothing in the real files is a candidate without a tested comparison; the functions still hold.
    const ch = proposeChallenges(results, p);
    const k = kortversjon(results, ch, proposeResources(results, p), u, new Map());
    expect(k.spine.length).toBe(results.filter((r) => r.value?.value != null && r.comparisons.land.value?.value != null).length);
    for (const s of k.spine) {
      expect(s.position.value).toBeGreaterThanOrEqual(0);
      expect(s.position.value).toBeLessThanOrEqual(1);
    }
  });
});
