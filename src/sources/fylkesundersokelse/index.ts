import { defineSource, type SourceDefinition } from '../types.js';
import names from './names.json' with { type: 'json' };
import { readFrequencyTable, readSurveyTable } from './reader.js';

// The source's id in the model (src/model/observation.ts imports nothing; the registry checks the ids).
declare module '../../model/observation.js' {
  interface SourceIds {
    fylkesundersokelse: true;
  }
}

const headerOf = (layout: { header: string[] } | null): string[] => (layout?.header ?? []).map((x) => x.toLowerCase().trim());

/**
 * The county's surveys of adults (folkehelseloven § 20, part of § 5 a): Folkehelseundersøkelsen i
 * fylkene (FHUS), HUNT and the like, as the fylkeskommune makes them available. No API: the
 * coordinator saves the county's tables (src/sources/fylkesundersokelse/README.md).
 */
export const fylkesundersokelse: SourceDefinition<'fylkesundersokelse', 'fylkesundersokelse' | 'fhus-frekvens'> = defineSource({
  id: 'fylkesundersokelse',
  displayName: 'County survey (fylkeskommunen)',
  names,
  formats: [
    {
      id: 'fylkesundersokelse',
      description: 'County survey group table, adults (folkehelse format generalising the Ungdata table)',
      kind: 'csv',
      rowSchema: 'src/sources/fylkesundersokelse/fylkesundersokelse.schema.json',
      // The survey column tells it from Ungdata's table, whose columns it shares.
      detect: ({ layout }) => {
        const h = headerOf(layout);
        return ['survey', 'undersokelse', 'undersøkelse'].some((n) => h.includes(n)) && ['indicator', 'indikator'].some((n) => h.includes(n));
      },
      read: readSurveyTable,
    },
    {
      id: 'fhus-frekvens',
      description: "Folkehelseundersøkelsen i fylkene: the county's long frequency table per kommune",
      kind: 'csv',
      rowSchema: 'src/sources/fylkesundersokelse/fylkesundersokelse.schema.json',
      detect: ({ layout }) => {
        const h = headerOf(layout);
        return h.includes('variabel') && h.includes('antall_original') && h.includes('andel_original');
      },
      read: readFrequencyTable,
    },
  ],
});
