/**
 * Property: whatever the data, nothing suppressed can be worked out from everything a run
 * publishes. Random families of municipalities (Vestfold's six and the county), sexes, gradient
 * groups and periods with small counts are written as an FHI cube file; a run builds the Markdown
 * documents and the region report and the `indicators --json` and `--csv` outputs for every
 * municipality of the run; some rows carry the source's flag (:), some a rate and denominator
 * without their count. Every cell printed anywhere is taken as fully known (value, counts);
 * then, over the true additive relations (total = men + women = Σ groups, county = Σ its six
 * municipalities, for every slot and period; a two-year pool = its two years, when the case
 * publishes pools next to the years), no cell that is suppressed anywhere, flagged by the
 * source or under the primary limits may be determined: its unit vector must not be in the row
 * space of the relations restricted to the unknown cells (a rank test). The world is in
 * disclosure-world.ts; disclosure-editions-property.test.ts does the same over two editions.
 *
 * Bounded here (FOLKEHELSE_PROPERTY_RUNS, default 6 runs); `npm run bench:suppression` runs it long.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { caseArb, expectNothingDetermined, publish, relations, truth, type Case } from './disclosure-world.js';

const RUNS = Number(process.env.FOLKEHELSE_PROPERTY_RUNS ?? 6);

async function check(c: Case): Promise<void> {
  const cells = truth(c);
  const { known, protectedCells } = await publish(c, cells, tempDir(), 2027);
  expectNothingDetermined([...cells.keys()], known, relations(c, (id) => id), protectedCells, 'the run');
}

describe('property: no suppressed number can be derived from the published outputs', () => {
  it(`holds for ${RUNS} random families of areas, sexes, groups and periods`, async () => {
    await fc.assert(fc.asyncProperty(caseArb, check), { numRuns: RUNS, seed: process.env.FOLKEHELSE_PROPERTY_SEED ? Number(process.env.FOLKEHELSE_PROPERTY_SEED) : undefined, endOnFailure: true });
  }, Number(process.env.FOLKEHELSE_PROPERTY_TIMEOUT ?? 120_000));
});
