import { msg } from '../../base/messages.js';
import type { Observation } from '../../model/observation.js';
import { readJsonStat } from '../../ingest/jsonstat.js';
import type { ReadContext } from '../../ingest/context.js';
import { countsProblem, observationsFromMeasures } from './measures.js';

/**
 * FHI Statistikk's JSON-stat 2.0 (flags as strings inside `value`, the legend in
 * `extension.flags`): each key's measures (TELLER, NEVNER, RATE, MEIS …) become observations with
 * their counts, as in FHI's CSV files; a table without GEO is an error, its name the file's stem.
 */
export function readFhiJsonStat(ctx: ReadContext): AsyncGenerator<Observation[]> {
  return readJsonStat(ctx, {
    source: 'fhi',
    national: false,
    zerosOutsideValidity: false,
    table: (_label, stem) => stem,
    observations: (g, c) => {
      const problem = countsProblem(g.cells, g.period.from === g.period.to);
      if (problem) {
        c.issues.report({ code: 'constraint-error', column: `${g.where} ${problem.column}`, value: String(problem.value), note: msg('issue.note.countsIn', { problem: problem.message, where: g.where }) });
        return [];
      }
      return observationsFromMeasures(g.base, g.cells, g.measureLabels);
    },
  });
}
