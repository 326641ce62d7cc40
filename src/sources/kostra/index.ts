import { readSsbCsv, ssbShape } from '../ssb/csv.js';
import { readSsbJsonStat } from '../ssb/jsonstat.js';
import { defineSource, type SourceDefinition } from '../types.js';
import { kostraFetch } from './fetch.js';
import names from './names.json' with { type: 'json' };

// The source's id in the model (src/model/observation.ts imports nothing; the registry checks the ids).
declare module '../../model/observation.js' {
  interface SourceIds {
    kostra: true;
  }
}

const KOSTRA_REGION = /^(EAK|EAKUO|EKA\d{2}|EKG\d{2})(\s|$)/;

/** KOSTRA: SSB tables by KOKkommuneregion0000, with KOSTRA groups and aggregates. */
export const kostra: SourceDefinition<'kostra', 'kostra-csv' | 'kostra-jsonstat'> = defineSource({
  id: 'kostra',
  displayName: 'KOSTRA (SSB)',
  names,
  fetch: kostraFetch,
  formats: [
    {
      id: 'kostra-csv',
      description: 'KOSTRA table (SSB CSV by KOKkommuneregion)',
      kind: 'csv',
      rowSchema: 'src/sources/ssb/ssb-cell.schema.json',
      detect: ({ layout }) => {
        if (!layout) return false;
        const h = layout.header.map((x) => x.toLowerCase().trim());
        const regionIndex = Math.max(0, h.findIndex((x) => ['region', 'kokkommuneregion0000', 'kommuneregion'].includes(x)));
        const regions = layout.sample.map((r) => (r[regionIndex] ?? '').trim()).filter((x) => x !== '');
        return h.includes('kokkommuneregion0000') || /kostra/i.test(layout.title ?? '') || regions.some((r) => KOSTRA_REGION.test(r));
      },
      read: (ctx) => readSsbCsv(ctx, 'kostra'),
      shape: ssbShape,
    },
    {
      id: 'kostra-jsonstat',
      description: 'KOSTRA table (SSB JSON-stat 2.0)',
      kind: 'json',
      rowSchema: 'schemas/jsonstat2.schema.json',
      detect: ({ ids }) => (ids ?? []).includes('KOKkommuneregion0000'),
      read: (ctx) => readSsbJsonStat(ctx, 'kostra'),
    },
  ],
});
