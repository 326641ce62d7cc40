import { isNearMiss } from '../../ingest/near-miss.js';
import { defineSource, type SourceDefinition } from '../types.js';
import { readFhiCodes } from './codes.js';
import { fhiGeoCodes, FHI_API } from './fetch.js';
import { readFhiJsonStat } from './jsonstat.js';
import { readFhiLabel } from './label.js';
import { recogniseFhiLabels } from './recognise.js';
import names from './names.json' with { type: 'json' };

// The source's id in the model (src/model/observation.ts imports nothing; the registry checks the ids).
declare module '../../model/observation.js' {
  interface SourceIds {
    fhi: true;
  }
}

const CODE_COLUMNS = ['geo', 'aar', 'kjonn', 'alder', 'teller', 'nevner', 'rate', 'spvflagg', 'measure_type', 'sumteller', 'sumnevner', 'meis', 'smr'];

/** The lower-cased header and a test for a column that is there or misspelt (GE0, TELER). */
function header(layout: { header: string[] } | null) {
  const h = (layout?.header ?? []).map((x) => x.toLowerCase().trim());
  return { h, like: (c: string) => h.some((x) => x === c || isNearMiss(x, c)) };
}

/** FHI's files with codes, also when a fixed column is misspelt: the reader then names it. */
function isCodes(layout: { header: string[] } | null): boolean {
  const { h, like } = header(layout);
  if ((h.includes('geo') || h.includes('fylke')) && (h.includes('aar') || h.includes('daar'))) return true;
  return CODE_COLUMNS.filter(like).length >= 3 && (like('geo') || like('aar'));
}
function isCube(layout: { header: string[] } | null): boolean {
  const { like } = header(layout);
  return isCodes(layout) && (like('spvflagg') || like('sumteller'));
}

/**
 * An FHI label download as analysts save it: the area by name under `Kommune` (or the cause-of-death
 * register's `Bofylke`), the period as `År (intervall)`, `År`, `Skoleår` or `Dødsår`, and FHI's
 * measure label (`Måltall`) beside the value (`value`, `Andel`, `Antall`) — not SSB's
 * statistikkvariabel.
 */
function isAnalystsCopy(h: string[]): boolean {
  const geo = h.some((x) => ['kommune', 'bofylke', 'fylke'].includes(x));
  const time = h.some((x) => ['år', 'år (intervall)', 'skoleår', 'dødsår'].includes(x));
  const value = h.some((x) => ['value', 'andel', 'antall'].includes(x));
  const ssb = h.some((x) => ['statistikkvariabel', 'variabel', 'region', 'verdi'].includes(x));
  return geo && time && value && !ssb && (h.includes('måltall') || h.some((x) => /^sort/.test(x)));
}

/** FHI: Kommunehelsa / FHI Statistikk (cube files, csv3, label exports, JSON-stat). */
export const fhi: SourceDefinition<'fhi', 'fhi-cube' | 'fhi-csv3' | 'fhi-label' | 'fhi-jsonstat'> = defineSource({
  id: 'fhi',
  displayName: 'FHI (Kommunehelsa / FHI Statistikk)',
  names,
  fetch: { api: FHI_API, areaCodes: fhiGeoCodes },
  formats: [
    {
      id: 'fhi-cube',
      description: 'FHI cube file (GEO;AAR;KJONN;ALDER;…;TELLER;NEVNER;RATE;…;SPVFLAGG)',
      kind: 'csv',
      rowSchema: 'src/sources/fhi/fhi-cube.schema.json',
      detect: ({ layout }) => isCube(layout),
      read: (ctx) => readFhiCodes(ctx, 'fhi-cube'),
      shape: () => 'wide',
    },
    {
      id: 'fhi-csv3',
      description: 'FHI Statistikk csv3 (codes)',
      kind: 'csv',
      rowSchema: 'src/sources/fhi/fhi-csv3.schema.json',
      detect: ({ layout }) => isCodes(layout) && !isCube(layout),
      read: (ctx) => readFhiCodes(ctx, 'fhi-csv3'),
      shape: (layout) => (layout.header.some((h) => h.toUpperCase() === 'MEASURE_TYPE') ? 'long' : 'wide'),
    },
    {
      id: 'fhi-label',
      description: 'FHI Statistikk export by label (csv2, Geografi/År/…/Måltall/value)',
      kind: 'csv',
      rowSchema: 'src/sources/fhi/fhi-label.schema.json',
      detect: ({ layout }) => {
        const { h, like } = header(layout);
        if (h.includes('geografi') && (h.includes('år') || h.includes('aar'))) return true;
        if (like('geografi') && (like('år') || h.includes('aar')) && (like('måltall') || like('value'))) return true;
        return isAnalystsCopy(h);
      },
      read: readFhiLabel,
      recognise: recogniseFhiLabels,
    },
    {
      id: 'fhi-jsonstat',
      description: 'FHI Statistikk JSON-stat 2.0',
      kind: 'json',
      rowSchema: 'schemas/jsonstat2.schema.json',
      detect: ({ ids }) => (ids ?? []).some((i) => i === 'GEO' || i === 'AAR' || i === 'MEASURE_TYPE'),
      read: readFhiJsonStat,
    },
  ],
});
