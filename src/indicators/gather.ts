/**
 * Which observations a run keeps in memory: those its catalogue can select, of every area.
 *
 * `indicators` and `build` read every row of every file (each is validated and counted in the
 * data's summary, src/model/summary.ts), but keep only the rows some indicator's selection fits —
 * its table and measure, and the sex, age and dimensions of its total, its sexes or its gradient
 * groups (disclosure-cells.ts `selectionsOf`, the very criteria the cells are selected by) — and
 * FHI count rows of those tables that pair with them (select.ts `withPairedCounts`). Every area of
 * a kept table is kept: the run-wide suppression decision (disclosure.ts) is taken over every area
 * of each additive family (municipalities → county → land), and for every municipality in the
 * data, so that every document of a run shows the same numbers. Rows no indicator selects (other
 * ages, education levels, tables the catalogue does not name, city districts) are dropped as
 * they are read: memory grows with the observations the catalogue selects, not with the files.
 */
import type { Observation } from '../model/observation.js';
import type { Indicator } from './catalogue.js';
import { ageBands, selectionsOf } from './disclosure-cells.js';
import { fitsSelection, measuresOf, type Criteria } from './select.js';

/** A table read whole (not through an indicator): SSB 07459 for the population pyramid. */
export interface WholeTable {
  source: string;
  table: string;
}

interface Wanted {
  measures: Set<string>;
  criteria: Criteria[];
  bands: string[] | undefined;
}

/** Whether an observation is one the catalogue (or a table read whole) can use. */
export function catalogueKeeps(catalogue: readonly Indicator[], whole: readonly WholeTable[] = []): (o: Observation) => boolean {
  const byTable = new Map<string, Wanted[]>();
  for (const ind of catalogue) {
    const k = `${ind.select.source}|${ind.select.table}`;
    let list = byTable.get(k);
    if (!list) byTable.set(k, (list = []));
    list.push({ measures: new Set(measuresOf(ind.select)), criteria: selectionsOf(ind).map((s) => s.criteria), bands: ageBands(ind) });
  }
  const wholeTables = new Set(whole.map((t) => `${t.source}|${t.table}`));
  // The last table asked about: a file's rows come table by table (no key to spell out for each).
  let last: { source: string; table: string; whole: boolean; wanted: Wanted[] | undefined } | null = null;
  return (o) => {
    if (!last || last.table !== o.table || last.source !== o.source) {
      const k = `${o.source}|${o.table}`;
      last = { source: o.source, table: o.table, whole: wholeTables.has(k), wanted: byTable.get(k) };
    }
    if (last.whole) return true;
    if (o.geo.level === 'other' || o.geo.level === 'bydel') return false;
    const wanted = last.wanted;
    if (!wanted) return false;
    // An FHI count without its denominator may be the count a share is paired with (withPairedCounts).
    const pairable = o.source === 'fhi' && o.measureType === 'count' && o.numerator === null;
    for (const w of wanted) {
      if (!pairable && !w.measures.has(o.measure) && !(o.measureCode !== undefined && w.measures.has(o.measureCode))) continue;
      for (const c of w.criteria) if (fitsSelection(o, c, w.bands)) return true;
    }
    return false;
  };
}

