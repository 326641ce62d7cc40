import { readUngdata } from '../../ingest/formats/ungdata.js';
import { defineSource, type SourceDefinition } from '../types.js';

/** Ungdata group tables, in the format this project defines (README "Ungdata format"). */
export const ungdata: SourceDefinition<'ungdata', 'ungdata'> = defineSource({
  id: 'ungdata',
  displayName: 'Ungdata',
  formats: [
    {
      id: 'ungdata',
      description: 'Ungdata group table (folkehelse format)',
      kind: 'csv',
      rowSchema: 'ungdata.row',
      detect: ({ layout }) => {
        const h = (layout?.header ?? []).map((x) => x.toLowerCase().trim());
        const has = (...names: string[]) => names.some((n) => h.includes(n));
        return has('indicator', 'indikator') && (has('n_respondents', 'antall_svart') || has('grouping', 'gruppering'));
      },
      read: readUngdata,
    },
  ],
});
