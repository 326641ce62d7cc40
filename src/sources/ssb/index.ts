import { defineSource, type SourceDefinition } from '../types.js';
import { readSsbCsv, ssbShape } from './csv.js';
import { SSB_API, ssbRegionCodes } from './fetch.js';
import { readSsbJsonStat } from './jsonstat.js';
import names from './names.json' with { type: 'json' };

// The source's id in the model (src/model/observation.ts imports nothing; the registry checks the ids).
declare module '../../model/observation.js' {
  interface SourceIds {
    ssb: true;
  }
}

const REGION_LABEL = /^((K|F)[-.])?\d{1,4}(\s|$)/;

/** SSB Statistikkbanken: web CSV (Norwegian and English, wide and long) and PxWebApi JSON-stat. */
export const ssb: SourceDefinition<'ssb', 'ssb-csv' | 'ssb-jsonstat'> = defineSource({
  id: 'ssb',
  displayName: 'SSB Statistikkbanken',
  names,
  fetch: { api: SSB_API, areaCodes: ssbRegionCodes },
  formats: [
    {
      id: 'ssb-csv',
      description: 'SSB Statistikkbanken CSV',
      kind: 'csv',
      rowSchema: 'src/sources/ssb/ssb-cell.schema.json',
      detect: ({ layout }) => {
        if (!layout) return false;
        const h = layout.header.map((x) => x.toLowerCase().trim());
        const regionIndex = Math.max(0, h.findIndex((x) => ['region', 'kokkommuneregion0000', 'kommuneregion'].includes(x)));
        const regions = layout.sample.map((r) => (r[regionIndex] ?? '').trim()).filter((x) => x !== '');
        return h[regionIndex] === 'region' || (regions.length > 0 && regions.every((r) => REGION_LABEL.test(r)));
      },
      read: (ctx) => readSsbCsv(ctx, 'ssb'),
      shape: ssbShape,
    },
    {
      id: 'ssb-jsonstat',
      description: 'SSB Statistikkbanken JSON-stat 2.0 (PxWebApi)',
      kind: 'json',
      rowSchema: 'schemas/jsonstat2.schema.json',
      detect: ({ ids }) => (ids ?? []).some((i) => i === 'Region' || i === 'Tid' || i === 'ContentsCode'),
      read: (ctx) => readSsbJsonStat(ctx, 'ssb'),
    },
  ],
});
