import { HttpError, type HttpClient } from './http.js';
import { joinUrl } from './fhi.js';

/** SSB's classification API (apis.md §4). */
export const KLASS_DEFAULT_BASE = 'https://data.ssb.no/api/klass/v1';
/** Klass 112: KOSTRA groups; 131: municipalities. */
const KOSTRA_GROUPS = 112;
const KOMMUNER = 131;

interface CorrespondenceItem {
  sourceCode?: string;
  targetCode?: string;
}

/**
 * Each municipality's KOSTRA group (EKGnn) valid on `date`, from Klass's correspondence between
 * classifications 112 and 131 (asked in that direction first, then the other; either way the pair
 * is told apart by its codes).
 */
export async function kostraGroups(base: string, http: HttpClient, kommuner: string[], date: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const tries = [
    joinUrl(base, `classifications/${KOSTRA_GROUPS}/correspondsAt?targetClassificationId=${KOMMUNER}&date=${date}`),
    joinUrl(base, `classifications/${KOMMUNER}/correspondsAt?targetClassificationId=${KOSTRA_GROUPS}&date=${date}`),
  ];
  let last: unknown = null;
  for (const url of tries) {
    let items: CorrespondenceItem[];
    try {
      const res = await http.get(url);
      items = (JSON.parse(res.text) as { correspondenceItems?: CorrespondenceItem[] }).correspondenceItems ?? [];
    } catch (e) {
      if (e instanceof HttpError || e instanceof SyntaxError) {
        last = e;
        continue;
      }
      throw e;
    }
    for (const it of items) {
      const codes = [it.sourceCode ?? '', it.targetCode ?? ''];
      const group = codes.find((c) => /^EKG\d{2}$/.test(c));
      const kommune = codes.find((c) => /^\d{4}$/.test(c));
      if (group && kommune && kommuner.includes(kommune)) out.set(kommune, group);
    }
    if (out.size) return out;
  }
  if (last instanceof HttpError) throw last;
  return out;
}
