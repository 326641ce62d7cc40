import { InputFileError } from '../base/errors.js';
import { msg, type Message } from '../base/messages.js';
import type { CsvLayout } from './sniff.js';

/** A file recognised as not being data (a query, a code list, metadata): refused, or skipped in a folder. */
export class NotDataError extends InputFileError {
  constructor(
    file: string,
    readonly looksLike: Message,
    known: Message,
  ) {
    super(file, msg('issue.note.looksLikeKnown', { what: looksLike, known }));
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
  /** "looks like …": what the file is, and what to do instead (`issue.notData.*`). */
  what: Message;
}

const header = (layout: CsvLayout | null): string[] => (layout?.header ?? []).map((h) => h.toLowerCase().trim());
const has = (layout: CsvLayout | null, ...names: string[]): boolean => names.every((n) => header(layout).includes(n));
const headerMatches = (layout: CsvLayout | null, re: RegExp): boolean => header(layout).some((h) => re.test(h));

const RULES: NotData[] = [
  {
    test: (head) => /^\s*https:\/\/statistikk-data\.fhi\.no\/api\//.test(head),
    what: msg('issue.notData.fhiApiQuery'),
  },
  {
    test: (head) => /^\s*(\/\/[^\n]*\n\s*)*let\b/.test(head) || /\bJson\.Document\(|\bCsv\.Document\(|\bWeb\.Contents\(/.test(head),
    what: msg('issue.notData.powerQuery'),
  },
  {
    test: (head) => /^\s*\{\s*""query""\s*:/.test(head) || /^\s*\{\s*"query"\s*:\s*\[/.test(head),
    what: msg('issue.notData.ssbQuery'),
  },
  {
    test: (head) => /"schema"\s*:\s*"https:\/\/schema\.getpostman\.com/.test(head),
    what: msg('issue.notData.postman'),
  },
  {
    test: (head) => /^\s*\{\s*"Dimensions"\s*:/.test(head) && /"Flags"|"MeasureTypes"/.test(head),
    what: msg('issue.notData.fhiProducerMetadata'),
  },
  {
    test: (head) => /^\s*\{\s*"dimensions"\s*:\s*\[\s*\{\s*"code"/.test(head) && /"categories"/.test(head),
    what: msg('issue.notData.fhiDimensionList'),
  },
  {
    test: (head) => /^\s*\{\s*"name"\s*:/.test(head) && /"paragraphs"\s*:/.test(head),
    what: msg('issue.notData.fhiDescription'),
  },
  {
    test: (head) => /^\s*\[\s*\{\s*"tableId"\s*:/.test(head),
    what: msg('issue.notData.fhiTableList'),
  },
  {
    test: (head) => /^\s*\[\s*\{\s*"id"\s*:/.test(head) && /"aboutUrl"\s*:/.test(head),
    what: msg('issue.notData.fhiSourceList'),
  },
  {
    test: (head) => /^\s*\{\s*"title"\s*:/.test(head) && /"variables"\s*:\s*\[/.test(head),
    what: msg('issue.notData.ssbMetadataV0'),
  },
  {
    test: (head) => /"type"\s*:\s*"(Aggregation|Valueset)"/.test(head) && /"valueMap"\s*:/.test(head),
    what: msg('issue.notData.ssbCodeList'),
  },
  {
    test: (head) => /"firstPeriod"\s*:/.test(head) && /"lastPeriod"\s*:/.test(head) && /"links"\s*:/.test(head),
    what: msg('issue.notData.ssbTableDescription'),
  },
  {
    test: (head) => /"value"\s*:\s*\[\s*\]/.test(head) && /"dimension"\s*:/.test(head),
    what: msg('issue.notData.jsonStatNoValues'),
  },
  {
    test: (_h, l) => has(l, 'code', 'parentcode', 'level', 'name') || (has(l, 'code', 'name') && has(l, 'validfrom')),
    what: msg('issue.notData.klassCodeList'),
  },
  {
    test: (_h, l) => has(l, 'dimensions.code', 'dimensions.label'),
    what: msg('issue.notData.fhiGeoCodes'),
  },
  {
    test: (_h, l) => has(l, 'kildeid', 'tabellnummer'),
    what: msg('issue.notData.kostraTableList'),
  },
  {
    // Reseptregisteret (reseptregisteret.no / norpd.no): users of prescribed drugs by ATC group.
    test: (head, l) => /reseptregister|norpd/i.test(head) || (headerMatches(l, /^atc|legemiddel|virkestoff|^drug|^atc[- ]?(kode|code|gruppe|group)/) && headerMatches(l, /bruker|users|per 1000|utleveringer|dispensed|ddd/)),
    what: msg('issue.notData.reseptregisteret'),
  },
  {
    // An analyst's key of old and new region numbers ("Fylkesnummer reform", "Fylkesnavn og -nummer").
    test: (_h, l) => l !== null && l.header.length >= 3 && l.header.every((h) => /fylke|kommune|region|bydel|navn|nummer/i.test(h)) && l.header.some((h) => /reform|alle|gammel|ny\b|nytt|2020|2024/i.test(h)),
    what: msg('issue.notData.regionKey'),
  },
];

/** Says what a file that is not a supported export looks like, or null when it looks like none of these. */
export function describeNotData(head: string, layout: CsvLayout | null): Message | null {
  for (const r of RULES) if (r.test(head, layout)) return r.what;
  return null;
}
