import { InputFileError } from '../base/errors.js';
import type { CsvLayout } from './sniff.js';

/** A file recognised as not being data (a query, a code list, metadata): refused, or skipped in a folder. */
export class NotDataError extends InputFileError {
  constructor(
    file: string,
    readonly looksLike: string,
    known: string,
  ) {
    super(file, `looks like ${looksLike}. ${known}`);
  }
}

/**
 * Files people keep next to their exports that are not public-health data: API queries, code lists,
 * metadata, Power Query scripts, prescription-register downloads. Each is recognised by its shape
 * and refused with a sentence that says what it is and what to use instead. The order matters:
 * the first rule whose test matches names the file.
 */
interface NotData {
  test: (head: string, layout: CsvLayout | null) => boolean;
  /** "looks like …": what the file is, and what to do instead. */
  what: string;
}

const header = (layout: CsvLayout | null): string[] => (layout?.header ?? []).map((h) => h.toLowerCase().trim());
const has = (layout: CsvLayout | null, ...names: string[]): boolean => names.every((n) => header(layout).includes(n));
const headerMatches = (layout: CsvLayout | null, re: RegExp): boolean => header(layout).some((h) => re.test(h));

const RULES: NotData[] = [
  {
    test: (head) => /^\s*https:\/\/statistikk-data\.fhi\.no\/api\//.test(head),
    what: 'an FHI Statistikk API query (a URL and the JSON body to send), not its response; run the query (folkehelse fetch, or POST it) and read the json-stat2 or csv it returns',
  },
  {
    test: (head) => /^\s*(\/\/[^\n]*\n\s*)*let\b/.test(head) || /\bJson\.Document\(|\bCsv\.Document\(|\bWeb\.Contents\(/.test(head),
    what: 'a Power Query (M) script, not data; run it in Excel or Power BI and save the result as CSV, or fetch the table with folkehelse fetch',
  },
  {
    test: (head) => /^\s*\{\s*""query""\s*:/.test(head) || /^\s*\{\s*"query"\s*:\s*\[/.test(head),
    what: 'an SSB PxWebApi query body (the "query" you POST), not its response; send it with "format": "json-stat2" and read the response',
  },
  {
    test: (head) => /"schema"\s*:\s*"https:\/\/schema\.getpostman\.com/.test(head),
    what: 'a Postman collection of API requests, not data',
  },
  {
    test: (head) => /^\s*\{\s*"Dimensions"\s*:/.test(head) && /"Flags"|"MeasureTypes"/.test(head),
    what: "FHI Statistikk producer metadata (dimensions, measure types and the flag table), not data; folkehelse already knows FHI's flags",
  },
  {
    test: (head) => /^\s*\{\s*"dimensions"\s*:\s*\[\s*\{\s*"code"/.test(head) && /"categories"/.test(head),
    what: "an FHI Statistikk table's dimension list (the API's /dimension response), not data",
  },
  {
    test: (head) => /^\s*\{\s*"name"\s*:/.test(head) && /"paragraphs"\s*:/.test(head),
    what: "an FHI Statistikk table's description (the API's /metadata response), not data",
  },
  {
    test: (head) => /^\s*\[\s*\{\s*"tableId"\s*:/.test(head),
    what: 'a list of FHI Statistikk tables (the API\'s /table response), not data',
  },
  {
    test: (head) => /^\s*\[\s*\{\s*"id"\s*:/.test(head) && /"aboutUrl"\s*:/.test(head),
    what: 'a list of FHI Statistikk sources (the API\'s /source response), not data',
  },
  {
    test: (head) => /^\s*\{\s*"title"\s*:/.test(head) && /"variables"\s*:\s*\[/.test(head),
    what: "an SSB table's metadata (PxWebApi v0 GET), not data; POST a query with \"format\": \"json-stat2\" to get the numbers",
  },
  {
    test: (head) => /"type"\s*:\s*"(Aggregation|Valueset)"/.test(head) && /"valueMap"\s*:/.test(head),
    what: 'an SSB code list (PxWebApi codeLists: which regions make up each group), not data',
  },
  {
    test: (head) => /"firstPeriod"\s*:/.test(head) && /"lastPeriod"\s*:/.test(head) && /"links"\s*:/.test(head),
    what: "an SSB table's description (PxWebApi v2 /tables/<id>), not data; request /tables/<id>/data?outputformat=json-stat2",
  },
  {
    test: (head) => /"value"\s*:\s*\[\s*\]/.test(head) && /"dimension"\s*:/.test(head),
    what: "a JSON-stat dataset without any values — a table's metadata (PxWebApi v2 /metadata), not data; request /data instead",
  },
  {
    test: (_h, l) => has(l, 'code', 'parentcode', 'level', 'name') || (has(l, 'code', 'name') && has(l, 'validfrom')),
    what: "an SSB Klass code list (a classification of regions), not statistics; folkehelse carries SSB's municipality, county and bydel registers itself",
  },
  {
    test: (_h, l) => has(l, 'dimensions.code', 'dimensions.label'),
    what: 'a list of FHI geography codes (a flattened GEO dimension), not statistics',
  },
  {
    test: (_h, l) => has(l, 'kildeid', 'tabellnummer'),
    what: 'a list of KOSTRA tables to fetch (table numbers and filters), not data; fetch the tables and read their CSV or JSON-stat',
  },
  {
    // Reseptregisteret (reseptregisteret.no / norpd.no): users of prescribed drugs by ATC group.
    test: (head, l) => /reseptregister|norpd/i.test(head) || (headerMatches(l, /^atc|legemiddel|virkestoff|^drug|^atc[- ]?(kode|code|gruppe|group)/) && headerMatches(l, /bruker|users|per 1000|utleveringer|dispensed|ddd/)),
    what:
      'a download from Reseptregisteret (the Norwegian Prescription Database: users of prescribed drugs by ATC group). folkehelse does not read it: the public-health overview uses the prescription-drug indicators FHI publishes in FHI Statistikk / Kommunehelsa, which come from the same register with FHI\'s small-number rules; download those instead',
  },
  {
    // An analyst's key of old and new region numbers ("Fylkesnummer reform", "Fylkesnavn og -nummer").
    test: (_h, l) => l !== null && l.header.length >= 3 && l.header.every((h) => /fylke|kommune|region|bydel|navn|nummer/i.test(h)) && l.header.some((h) => /reform|alle|gammel|ny\b|nytt|2020|2024/i.test(h)),
    what: 'a table of region numbers and names (old and new numbers side by side), not statistics; folkehelse carries SSB\'s register of municipalities and counties, with every change of number, itself',
  },
];

/** Says what a file that is not a supported export looks like, or null when it looks like none of these. */
export function describeNotData(head: string, layout: CsvLayout | null): string | null {
  for (const r of RULES) if (r.test(head, layout)) return r.what;
  return null;
}
