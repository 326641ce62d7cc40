import { readJsonStat } from '../../ingest/formats/jsonstat.js';
import { readSsbCsv } from '../../ingest/formats/ssb-csv.js';
import { defineSource, type SourceDefinition } from '../types.js';

const REGION_LABEL = /^((K|F)[-.])?\d{1,4}(\s|$)/;

/** SSB Statistikkbanken: web CSV (Norwegian and English, wide and long) and PxWebApi JSON-stat. */
export const ssb: SourceDefinition<'ssb', 'ssb-csv' | 'ssb-jsonstat'> = defineSource({
  id: 'ssb',
  displayName: 'SSB Statistikkbanken',
  formats: [
    {
      id: 'ssb-csv',
      description: 'SSB Statistikkbanken CSV',
      kind: 'csv',
      rowSchema: 'ssb-cell',
      detect: ({ layout }) => {
        if (!layout) return false;
        const h = layout.header.map((x) => x.toLowerCase().trim());
        const regionIndex = Math.max(0, h.findIndex((x) => ['region', 'kokkommuneregion0000', 'kommuneregion'].includes(x)));
        const regions = layout.sample.map((r) => (r[regionIndex] ?? '').trim()).filter((x) => x !== '');
        return h[regionIndex] === 'region' || (regions.length > 0 && regions.every((r) => REGION_LABEL.test(r)));
      },
      read: (ctx) => readSsbCsv(ctx, 'ssb'),
    },
    {
      id: 'ssb-jsonstat',
      description: 'SSB Statistikkbanken JSON-stat 2.0 (PxWebApi)',
      kind: 'json',
      rowSchema: 'jsonstat2',
      detect: ({ ids }) => (ids ?? []).some((i) => i === 'Region' || i === 'Tid' || i === 'ContentsCode'),
      read: (ctx) => readJsonStat(ctx, 'ssb'),
    },
  ],
});
