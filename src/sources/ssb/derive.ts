import { msg } from '../../base/messages.js';
import { categoryCodes, MalformedDatasetError, type Dataset } from '../../jsonstat/dataset.js';
import { decode, encode, SEP, type Decoded } from '../../jsonstat/cells.js';
import { withoutLevelPrefix } from '../../geo/labels.js';

export interface DerivedShares {
  dimension: string;
  shares: { code: string; label: string; numerator: string[]; denominator: string[] }[];
  cells: number;
}

/** The lowest age of an SSB age code ("067", "105+", "67-74", "80 år eller eldre"); null when none. */
function ageOf(code: string): number | null {
  const m = /^(\d{1,3})/.exec(code.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Derives shares from an SSB dataset (api.share): per combination of the other dimensions,
 * the sum of the numerator categories of `dimension` over the sum of all its categories (or its
 * `total`; a total category the table has of itself is left out of both sums), × 100, rounded
 * to one decimal. The dimension is summed away and ContentsCode replaced
 * by one code per share (unit "prosent", so that readers take it as a proportion). A cell is "."
 * (cannot be computed) when any summed cell is missing or the denominator is 0: no partial sums.
 * Needs exactly one ContentsCode (the counts the shares are of).
 */
export function deriveShares(ds: Dataset, shares: { dimension: string; from?: number; codes?: string[]; total?: string; code: string; label: string }[], measureDim = 'ContentsCode'): { dataset: Dataset; derived: DerivedShares } {
  const dimension = shares[0]!.dimension;
  const d = ds.id.indexOf(dimension);
  const m = ds.id.indexOf(measureDim);
  if (d === -1) throw new MalformedDatasetError(msg('jsonstat.noDimension', { dimension }));
  if (m === -1 || ds.size[m] !== 1) throw new MalformedDatasetError(msg('jsonstat.oneMeasure', { measureDim }));
  const labels = ds.dimension[dimension]!.category.label ?? {};
  // A total category ("999", "Alle aldre", "I alt") is no age and no part of the sum of the parts.
  const isTotal = (c: string) => /(^|\s)(i alt|alle aldre|alle|total)(\s|$)/i.test(labels[c] ?? '') || (ageOf(c) ?? 0) >= 150;
  const all = categoryCodes(ds.dimension[dimension]!);
  const parts = all.filter((c) => !isTotal(c));
  const specs = shares.map((s) => {
    const numerator = parts.filter((c) => c !== s.total && (s.codes ? s.codes.some((x) => x.toLowerCase() === c.toLowerCase()) : s.from !== undefined && (ageOf(c) ?? -1) >= s.from));
    const denominator = s.total ? all.filter((c) => c.toLowerCase() === s.total!.toLowerCase()) : parts;
    if (!numerator.length || !denominator.length) throw new MalformedDatasetError(msg('jsonstat.noCategories', { code: s.code, dimension, list: `${all.slice(0, 8).join(', ')}${all.length > 8 ? ', …' : ''}` }));
    return { ...s, numerator, denominator };
  });
  const dec = decode(ds);
  const sums = new Map<string, { num: number[]; den: number; bad: boolean; parts: string[] }>();
  for (const [key, cell] of dec.cells) {
    const parts = key.split(SEP);
    const cat = parts[d]!;
    const rest = parts.filter((_, i) => i !== d);
    const k = rest.join(SEP);
    let s = sums.get(k);
    if (!s) sums.set(k, (s = { num: specs.map(() => 0), den: 0, bad: false, parts: rest }));
    const inDen = specs[0]!.denominator.includes(cat);
    const used = inDen || specs.some((sp) => sp.numerator.includes(cat));
    if (!used) continue;
    if (typeof cell.value !== 'number') {
      s.bad = true;
      continue;
    }
    if (inDen) s.den += cell.value;
    specs.forEach((sp, i) => {
      if (sp.numerator.includes(cat)) s!.num[i]! += cell.value as number;
    });
  }
  const ids = ds.id.filter((_, i) => i !== d);
  const mi = ids.indexOf(measureDim);
  const out: Decoded = { base: ds, codes: new Map(ids.map((id) => [id, id === measureDim ? specs.map((s) => s.code) : dec.codes.get(id)!])), cells: new Map() };
  let count = 0;
  for (const s of sums.values()) {
    specs.forEach((sp, i) => {
      const parts = s.parts.slice();
      parts[mi] = sp.code;
      const ok = !s.bad && s.den > 0;
      out.cells.set(parts.join(SEP), ok ? { value: Math.round((s.num[i]! / s.den) * 1000) / 10, status: null } : { value: null, status: '.' });
      if (ok) count++;
    });
  }
  const measure = structuredClone(ds.dimension[measureDim]!);
  measure.category = { index: {}, label: Object.fromEntries(specs.map((s) => [s.code, s.label])), unit: Object.fromEntries(specs.map((s) => [s.code, { base: 'prosent', decimals: 1 }])) };
  const dimensionJson = Object.fromEntries(ids.map((id) => [id, id === measureDim ? measure : ds.dimension[id]!]));
  const { [dimension]: _gone, ...restDims } = dimensionJson;
  void _gone;
  out.base = { ...ds, id: ids, size: ids.map((id) => out.codes.get(id)!.length), dimension: restDims, status: undefined };
  const dataset = encode(out);
  return { dataset, derived: { dimension, shares: specs.map((s) => ({ code: s.code, label: s.label, numerator: s.numerator, denominator: s.denominator })), cells: count } };
}

/**
 * Former municipality numbers fetched for their history: a former number is kept only when the
 * current number has no figures for the periods it has (SSB then keeps the history only under
 * the old number); when SSB has back-calculated the series under the current number too, the
 * former number is dropped, so that no period is counted twice. Returns the codes dropped.
 */
export function dropCoveredFormerCodes(ds: Dataset, regionDim: string, timeDim: string, former: Record<string, string[]>): { dataset: Dataset; dropped: string[] } {
  if (!ds.id.includes(regionDim) || !ds.id.includes(timeDim)) return { dataset: ds, dropped: [] };
  const dec = decode(ds);
  const r = ds.id.indexOf(regionDim);
  const t = ds.id.indexOf(timeDim);
  const withNumbers = new Map<string, Set<string>>();
  for (const [key, cell] of dec.cells) {
    if (typeof cell.value !== 'number' || cell.value === 0) continue;
    const parts = key.split(SEP);
    let set = withNumbers.get(parts[r]!);
    if (!set) withNumbers.set(parts[r]!, (set = new Set()));
    set.add(parts[t]!);
  }
  const dropped: string[] = [];
  // The table's own code for a municipality number: 5037, or with a level prefix (K_5037, K-5037).
  const own = (n: string) => dec.codes.get(regionDim)!.find((c) => c === n || withoutLevelPrefix(c) === n);
  for (const [current, olds] of Object.entries(former)) {
    const mine = withNumbers.get(own(current) ?? current) ?? new Set<string>();
    for (const number of olds) {
      const old = own(number);
      if (old === undefined) continue;
      const theirs = withNumbers.get(old);
      if (!theirs || [...theirs].some((p) => mine.has(p))) dropped.push(old);
    }
  }
  if (!dropped.length) return { dataset: ds, dropped };
  dec.codes.set(regionDim, dec.codes.get(regionDim)!.filter((c) => !dropped.includes(c)));
  for (const key of [...dec.cells.keys()]) if (dropped.includes(key.split(SEP)[r]!)) dec.cells.delete(key);
  const dim = structuredClone(ds.dimension[regionDim]!);
  if (dim.category.label) for (const c of dropped) delete dim.category.label[c];
  dec.base = { ...ds, dimension: { ...ds.dimension, [regionDim]: dim } };
  return { dataset: encode(dec), dropped };
}
