import type { Observation } from '../../model/observation.js';
import { measureFromLabel, type MeasureInfo } from '../../ingest/cells.js';
import type { ReadContext } from '../../ingest/context.js';
import { readJsonStat, type CellGroup } from '../../ingest/jsonstat.js';
import { observation } from '../../ingest/observation.js';
import { ssbTableId } from './csv.js';

/**
 * SSB's (and KOSTRA's) JSON-stat 2.0 from PxWebApi: `null` values with a `status` object; a table
 * without a region dimension holds national figures; zeros for years in which a region code did
 * not exist are dropped. Every ContentsCode is its own variable, with SSB's unit.
 */
export function readSsbJsonStat(ctx: ReadContext, source: 'ssb' | 'kostra'): AsyncGenerator<Observation[]> {
  // A file repeats its few measures for every key: each code's label and unit are read once.
  const measures = new Map<string, { label: string; info: MeasureInfo }>();
  const measureOf = (g: CellGroup, mCode: string): { label: string; info: MeasureInfo } => {
    const label = g.measureLabels.get(mCode) ?? mCode;
    const info = measureFromLabel(label);
    const unitBase = g.unitOf(mCode);
    // SSB's unit says what the label may not: "prosent" is a share.
    const share = unitBase !== undefined && /^(prosent|per cent|percent|%)$/i.test(unitBase.trim()) && info.measureType === 'value';
    return { label, info: share ? { ...info, measureType: 'proportion', unit: 'prosent', multiplier: 100 } : { ...info, unit: unitBase ?? info.unit } };
  };
  return readJsonStat(ctx, {
    source,
    national: true,
    zerosOutsideValidity: true,
    table: ssbTableId,
    observations: (g) => {
      const out: Observation[] = [];
      // forEach, not for…of: no entry array made per cell (this runs for every cell of a cube).
      g.cells.forEach((cell, mCode) => {
        let m = measures.get(mCode);
        if (!m) measures.set(mCode, (m = measureOf(g, mCode)));
        const o = observation(g.base, m.label, m.info, cell);
        if (mCode !== m.label) o.measureCode = mCode;
        out.push(o);
      });
      return out;
    },
  });
}
