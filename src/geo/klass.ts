import { HttpError, joinUrl, parseAnswer, type HttpClient } from '../http/client.js';

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
      const list = (parseAnswer(res.text, url) as { correspondenceItems?: unknown } | null)?.correspondenceItems;
      items = Array.isArray(list) ? list.filter((it): it is CorrespondenceItem => it !== null && typeof it === 'object') : [];
    } catch (e) {
      if (e instanceof HttpError) {
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

/** One change in Klass 131 (`changes.json`): a municipality renumbered, merged, divided or renamed. */
export interface CodeChange {
  oldCode: string;
  oldName?: string;
  newCode: string;
  newName?: string;
  changeOccurred: string;
}

/**
 * Klass's municipality changes between two dates (`classifications/131/changes.json`); `to` is
 * exclusive at Klass, so the day after `to` is asked for to include changes on 1 January.
 */
export async function municipalityChanges(base: string, http: HttpClient, from: string, to: string): Promise<CodeChange[]> {
  const next = new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10);
  const url = joinUrl(base, `classifications/${KOMMUNER}/changes.json?from=${from}&to=${next}`);
  const res = await http.get(url);
  // Its texts cleaned of control characters, like every API answer (src/http/json.ts).
  const doc = parseAnswer(res.text, url) as { codeChanges?: unknown } | null;
  const changes = Array.isArray(doc?.codeChanges) ? (doc.codeChanges as Partial<CodeChange>[]) : [];
  return changes
    .filter((c): c is CodeChange => c !== null && typeof c === 'object' && typeof c.oldCode === 'string' && typeof c.newCode === 'string' && typeof c.changeOccurred === 'string')
    .sort((a, b) => a.changeOccurred.localeCompare(b.changeOccurred));
}

/**
 * The current number of a municipality number by following Klass's changes forward (renumbering
 * and mergers; a rename keeps the number). Null when it was divided (several successors): the user
 * must choose. The number itself when it has not changed.
 */
export function currentCode(code: string, changes: CodeChange[]): { code: string; path: CodeChange[] } | null {
  let at = code;
  const path: CodeChange[] = [];
  for (let guard = 0; guard < 20; guard++) {
    const after = path.length ? path[path.length - 1]!.changeOccurred : '';
    const next = changes.filter((c) => c.oldCode === at && c.newCode !== at && c.changeOccurred >= after);
    const targets = [...new Set(next.map((c) => c.newCode))];
    if (!targets.length) return { code: at, path };
    if (targets.length > 1) return null;
    path.push(next[0]!);
    at = targets[0]!;
  }
  return { code: at, path };
}

/** Every former number whose area became (part of) this municipality, by Klass's changes. */
export function formerCodes(code: string, changes: CodeChange[]): string[] {
  const out = new Set<string>();
  const queue = [code];
  while (queue.length) {
    const at = queue.shift()!;
    for (const c of changes) {
      // Only numbers whose whole area went here (renumbered or merged), not divided ones.
      const whole = changes.filter((x) => x.oldCode === c.oldCode && x.changeOccurred === c.changeOccurred).every((x) => x.newCode === at);
      if (c.newCode === at && c.oldCode !== at && c.oldCode !== code && !out.has(c.oldCode) && whole) {
        out.add(c.oldCode);
        queue.push(c.oldCode);
      }
    }
  }
  return [...out].sort();
}
