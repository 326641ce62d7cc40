import { describe, expect, it } from 'vitest';
import { keptForBuild } from '../../src/app/compute.js';
import { describeFiles } from '../../src/app/provenance.js';
import { loadData } from '../../src/sources/load.js';
import { INNHERRED, SYNTHETIC_CATALOGUE } from '../helpers.js';

// build keeps only the rows its catalogue selects (README "Benchmarks"); what the documents say of
// the data files — each file's tables and periods, every file cited — still covers every row read.
describe('build keeps the rows its catalogue selects', () => {
  it('cites every data file with all its tables and periods, and keeps the population pyramid', async () => {
    const all = await loadData([INNHERRED]);
    const kept = await loadData([INNHERRED], { keep: keptForBuild({ catalogue: SYNTHETIC_CATALOGUE }) });
    expect(kept.observations.length).toBeLessThan(all.observations.length);
    expect(describeFiles(kept, INNHERRED)).toEqual(describeFiles(all, INNHERRED));
    const pyramid = (d: typeof all) => d.observations.filter((o) => o.source === 'ssb' && o.table === '07459').length;
    expect(pyramid(all)).toBeGreaterThan(0);
    expect(pyramid(kept)).toBe(pyramid(all));
  }, 120_000);
});
