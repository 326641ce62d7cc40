import type { Observation } from '../../model/observation.js';
import { measureFromLabel, type MeasureInfo } from '../../ingest/cells.js';
import type { ReadContext } from '../../ingest/context.js';
import { readJsonStat } from '../../ingest/jsonstat.js';
import { observation } from '../../ingest/observation.js';
import { ssbTableId } from './csv.js';

/**
 * SSB's (and KOSTRA's) JSON-stat 2.0 from PxWebApi: `null` values with a `status` object; a table
 * without a region dimension holds national figures; zeros for years in which a region code did
 * not exist are dropped. Every ContentsCode is its own variable, with SSB's unit.
 */
export function readSsbJsonStat(ctx: ReadContext, source: 'ssb' | 'kostra'): AsyncGenerator<Observation[]> {
  // A file repeats its few measure labels for every key: each is read once.
  const measures = new Map<string, MeasureInfo>();
  return readJsonStat(ctx, {
    source,
    national: true,
    zerosOutsideValidity: true,
    table: ssbTableId,
    observations: (g) => {
      const out: Observation[] = [];
      for (const [mCode, cell] of g.cells) {
        const label = g.measureLabels.get(mCode) ?? mCode;
        let info = measures.get(label);
        if (!info) measures.set(label, (info = measureFromLabel(label)));
        const unitBase = g.unitOf(mCode);
        // SSB's unit says what the label may not: "prosent" is a share.
        const share = unitBase !== undefined && /^(prosent|per cent|percent|%)$/i.test(unitBase.trim()) && info.measureType === 'value';
        const o = observation(g.base, label, share ? { ...info, measureType: 'proportion', unit: 'prosent', multiplier: 100 } : { ...info, unit: unitBase ?? info.unit }, cell);
        if (mCode !== label) o.measureCode = mCode;
        out.push(o);
      }
      return out;
    },
  });
}
