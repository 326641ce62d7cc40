import { stackedHeader } from '../../ingest/header-rows.js';
import { defineSource, type SourceDefinition } from '../types.js';
import type { CsvLayout } from '../../ingest/sniff.js';
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

const REGION_LABEL = /^((K|F)[-.]?)?\d{1,4}(\s|$)/;

const TIME = ['år', 'tid', 'year', 'kvartal', 'måned', 'uke', 'quarter', 'month', 'week'];

/** A numbered Statistikkbanken title over a long table with a time column ("10467: Fødte, etter fornavn, år og …"). */
function isTitledLong(layout: CsvLayout): boolean {
  return layout.title !== null && /^\d{5}\s*:/.test(layout.title) && layout.header.some((x) => TIME.includes(x.toLowerCase().trim()));
}

/**
 * A table by region name with SSB's years of validity ("Bamble (-2019)", "Porsgrunn (2020-2023)"),
 * as SSB's JSON-stat labels give it, under a region, kommune or fylke column and beside a time column.
 */
function isNamedByPeriod(layout: CsvLayout): boolean {
  const h = layout.header.map((x) => x.toLowerCase().trim());
  const i = h.findIndex((x) => ['region', 'kommune', 'fylke'].includes(x));
  if (i === -1 || !h.some((x) => TIME.includes(x))) return false;
  // A long table a user saved from SSB's JSON-stat: region, time, the variable and its value.
  if (!h.includes('måltall') && h.some((x) => ['verdi', 'value'].includes(x)) && h.some((x) => ['variabel', 'statistikkvariabel'].includes(x))) return true;
  return layout.sample.some((r) => /\((?:\d{4})?\s*-\s*>?\s*(?:\d{4})?\)\s*$/.test((r[i] ?? '').trim()));
}

/**
 * A Statistikkbanken download with its variables in two or more header rows over a stub (the year
 * down the side, or another row variable), titled as SSB titles tables ("…, etter år,
 * statistikkvariabel og togstrekning"): read even without a region column, as national figures.
 */
function isStackedDownload(layout: CsvLayout): boolean {
  return layout.title !== null && /^\d{5}\s*:|,\s*(etter|by)\s/i.test(layout.title) && stackedHeader(layout) !== null;
}

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
        return h[regionIndex] === 'region' || (regions.length > 0 && regions.every((r) => REGION_LABEL.test(r))) || isStackedDownload(layout) || isTitledLong(layout) || isNamedByPeriod(layout);
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
