import { readJsonStat } from '../../ingest/formats/jsonstat.js';
import { readSsbCsv } from '../../ingest/formats/ssb-csv.js';
import { defineSource, type SourceDefinition } from '../types.js';

const KOSTRA_REGION = /^(EAK|EAKUO|EKA\d{2}|EKG\d{2})(\s|$)/;

/** KOSTRA: SSB tables by KOKkommuneregion0000, with KOSTRA groups and aggregates. */
export const kostra: SourceDefinition<'kostra', 'kostra-csv' | 'kostra-jsonstat'> = defineSource({
  id: 'kostra',
  displayName: 'KOSTRA (SSB)',
  formats: [
    {
      id: 'kostra-csv',
      description: 'KOSTRA table (SSB CSV by KOKkommuneregion)',
      kind: 'csv',
      rowSchema: 'ssb-cell',
      detect: ({ layout }) => {
        if (!layout) return false;
        const h = layout.header.map((x) => x.toLowerCase().trim());
        const regionIndex = Math.max(0, h.findIndex((x) => ['region', 'kokkommuneregion0000', 'kommuneregion'].includes(x)));
        const regions = layout.sample.map((r) => (r[regionIndex] ?? '').trim()).filter((x) => x !== '');
        return h.includes('kokkommuneregion0000') || /kostra/i.test(layout.title ?? '') || regions.some((r) => KOSTRA_REGION.test(r));
      },
      read: (ctx) => readSsbCsv(ctx, 'kostra'),
    },
    {
      id: 'kostra-jsonstat',
      description: 'KOSTRA table (SSB JSON-stat 2.0)',
      kind: 'json',
      rowSchema: 'jsonstat2',
      detect: ({ ids }) => (ids ?? []).includes('KOKkommuneregion0000'),
      read: (ctx) => readJsonStat(ctx, 'kostra'),
    },
  ],
});
