import type { SourceId } from '../model/observation.js';
import { isNearMiss } from './near-miss.js';
import type { CsvLayout } from './sniff.js';

export const FORMATS = ['fhi-cube', 'fhi-csv3', 'fhi-label', 'fhi-jsonstat', 'ssb-csv', 'ssb-jsonstat', 'kostra-csv', 'kostra-jsonstat', 'ungdata'] as const;
export type FormatId = (typeof FORMATS)[number];

export const FORMAT_DESCRIPTIONS: Record<FormatId, string> = {
  'fhi-cube': 'FHI cube file (GEO;AAR;KJONN;ALDER;…;TELLER;NEVNER;RATE;…;SPVFLAGG)',
  'fhi-csv3': 'FHI Statistikk csv3 (codes)',
  'fhi-label': 'FHI Statistikk export by label (csv2, Geografi/År/…/Måltall/value)',
  'fhi-jsonstat': 'FHI Statistikk JSON-stat 2.0',
  'ssb-csv': 'SSB Statistikkbanken CSV',
  'ssb-jsonstat': 'SSB Statistikkbanken JSON-stat 2.0 (PxWebApi)',
  'kostra-csv': 'KOSTRA table (SSB CSV by KOKkommuneregion)',
  'kostra-jsonstat': 'KOSTRA table (SSB JSON-stat 2.0)',
  ungdata: 'Ungdata group table (folkehelse format)',
};

export function sourceOf(format: FormatId): SourceId {
  if (format.startsWith('fhi')) return 'fhi';
  if (format.startsWith('kostra')) return 'kostra';
  if (format === 'ungdata') return 'ungdata';
  return 'ssb';
}

export function isJsonFormat(format: FormatId): boolean {
  return format.endsWith('jsonstat');
}

const FHI_CODE_COLUMNS = ['geo', 'aar', 'kjonn', 'alder', 'teller', 'nevner', 'rate', 'spvflagg', 'measure_type', 'sumteller', 'sumnevner', 'meis', 'smr'];
const KOSTRA_REGION = /^(EAK|EAKUO|EKA\d{2}|EKG\d{2})(\s|$)/;
const REGION_LABEL = /^((K|F)[-.])?\d{1,4}(\s|$)/;

/** Says which delimited format a header (and a few rows) belong to, or null. */
export function detectCsvFormat(layout: CsvLayout): FormatId | null {
  const h = layout.header.map((x) => x.toLowerCase().trim());
  // FHI's code columns, also when one is misspelt (GE0, TELER): the reader then names the column.
  const like = (c: string) => h.some((x) => x === c || isNearMiss(x, c));
  if (h.includes('geo') && (h.includes('aar') || h.includes('daar'))) return like('spvflagg') || like('sumteller') ? 'fhi-cube' : 'fhi-csv3';
  if (FHI_CODE_COLUMNS.filter(like).length >= 3 && (like('geo') || like('aar'))) return like('spvflagg') || like('sumteller') ? 'fhi-cube' : 'fhi-csv3';
  if (like('geografi') && (like('år') || h.includes('aar')) && (like('måltall') || like('value'))) return 'fhi-label';
  if (h.includes('geografi') && (h.includes('år') || h.includes('aar'))) return 'fhi-label';
  const has = (...names: string[]) => names.some((n) => h.includes(n));
  if (has('indicator', 'indikator') && (has('n_respondents', 'antall_svart') || has('grouping', 'gruppering'))) return 'ungdata';
  const regionIndex = Math.max(0, h.findIndex((x) => ['region', 'kokkommuneregion0000', 'kommuneregion'].includes(x)));
  const regions = layout.sample.map((r) => (r[regionIndex] ?? '').trim()).filter((x) => x !== '');
  if (h.includes('kokkommuneregion0000') || /kostra/i.test(layout.title ?? '') || regions.some((r) => KOSTRA_REGION.test(r))) return 'kostra-csv';
  if (h[regionIndex] === 'region' || (regions.length > 0 && regions.every((r) => REGION_LABEL.test(r)))) return 'ssb-csv';
  return null;
}

/** Looks at the head of a JSON file for the dimension ids of a JSON-stat dataset. */
export function detectJsonFormat(head: string): FormatId | null {
  const m = /"id"\s*:\s*\[([^\]]*)\]/.exec(head);
  if (!m) return null;
  const ids = m[1]!;
  if (ids.includes('"KOKkommuneregion0000"')) return 'kostra-jsonstat';
  if (/"(GEO|AAR|MEASURE_TYPE)"/.test(ids)) return 'fhi-jsonstat';
  if (/"(Region|Tid|ContentsCode)"/.test(ids)) return 'ssb-jsonstat';
  return null;
}
