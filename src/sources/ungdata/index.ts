import { defineSource, type SourceDefinition } from '../types.js';
import names from './names.json' with { type: 'json' };
import { readUngdata } from './reader.js';

// The source's id in the model (src/model/observation.ts imports nothing; the registry checks the ids).
declare module '../../model/observation.js' {
  interface SourceIds {
    ungdata: true;
  }
}

/** Ungdata group tables, in the format this project defines (README "Ungdata format"). */
export const ungdata: SourceDefinition<'ungdata', 'ungdata'> = defineSource({
  id: 'ungdata',
  displayName: 'Ungdata',
  names,
  formats: [
    {
      id: 'ungdata',
      description: 'Ungdata group table (folkehelse format)',
      kind: 'csv',
      rowSchema: 'src/sources/ungdata/ungdata.schema.json',
      detect: ({ layout }) => {
        const h = (layout?.header ?? []).map((x) => x.toLowerCase().trim());
        const has = (...names: string[]) => names.some((n) => h.includes(n));
        return has('indicator', 'indikator') && (has('n_respondents', 'antall_svart') || has('grouping', 'gruppering'));
      },
      read: readUngdata,
    },
  ],
});
