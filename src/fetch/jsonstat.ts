/**
 * JSON-stat 2.0 datasets as the APIs send them, taken apart into cells and put together again:
 * used to join the parts of a table fetched in several requests and to add a derived measure.
 * FHI writes `category.index` as an array and flags inline in `value`; SSB an object and `status`.
 */
import { withoutLevelPrefix } from '../geo/labels.js';

export type Cell = number | string | null;

export interface Dataset {
  version?: string;
  class?: string;
  label?: string | null;
  updated?: string | null;
  id: string[];
  size: number[];
  dimension: Record<string, DimensionJson>;
  value: Cell[] | Record<string, Cell>;
  status?: string | null | (string | null)[] | Record<string, string>;
  extension?: Record<string, unknown> | null;
  [k: string]: unknown;
}

export interface DimensionJson {
  label?: string | null;
  category: { index?: string[] | Record<string, number>; label?: Record<string, string>; unit?: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
}

export class MalformedDatasetError extends Error {}

export function categoryCodes(dim: DimensionJson): string[] {
  const idx = dim.category.index;
  if (Array.isArray(idx)) return idx.map(String);
  if (idx) return Object.entries(idx).sort((a, b) => a[1] - b[1]).map(([c]) => c);
  return Object.keys(dim.category.label ?? {});
}

/** Checks that a parsed body is a JSON-stat 2.0 dataset whose value count fits its dimensions. */
export function asDataset(doc: unknown): Dataset {
  const d = doc as Partial<Dataset> | null;
  if (!d || typeof d !== 'object' || !Array.isArray(d.id) || !Array.isArray(d.size) || !d.dimension || typeof d.dimension !== 'object' || d.value === undefined) {
    throw new MalformedDatasetError('the answer is not a JSON-stat 2.0 dataset (no id, size, dimension or value)');
  }
  if (d.id.length !== d.size.length) throw new MalformedDatasetError('the dataset\'s "id" and "size" differ in length');
  for (let i = 0; i < d.id.length; i++) {
    const dim = d.dimension[d.id[i]!];
    if (!dim?.category) throw new MalformedDatasetError(`dimension "${d.id[i]}" is not described`);
    if (categoryCodes(dim).length !== d.size[i]) throw new MalformedDatasetError(`dimension "${d.id[i]}" has ${categoryCodes(dim).length} categories but size ${d.size[i]}`);
  }
  const total = d.size.reduce((a, b) => a * b, 1);
  if (Array.isArray(d.value) && d.value.length !== total) throw new MalformedDatasetError(`"value" has ${d.value.length} cells but the dimensions make ${total}`);
  return d as Dataset;
}

export function cellCount(ds: Pick<Dataset, 'size'>): number {
  return ds.size.reduce((a, b) => a * b, 1);
}

interface Decoded {
  base: Dataset;
  codes: Map<string, string[]>;
  cells: Map<string, { value: Cell; status: string | null }>;
}

const SEP = '\u0001';

function decode(ds: Dataset): Decoded {
  const codes = new Map(ds.id.map((id) => [id, categoryCodes(ds.dimension[id]!)] as const));
  const cells = new Map<string, { value: Cell; status: string | null }>();
  const total = cellCount(ds);
  const statusOf = (i: number): string | null => {
    const s = ds.status;
    if (!s || typeof s === 'string') return null;
    if (Array.isArray(s)) return s[i] ?? null;
    return s[String(i)] ?? null;
  };
  const counter = new Array<number>(ds.id.length).fill(0);
  for (let i = 0; i < total; i++) {
    const v = Array.isArray(ds.value) ? ds.value[i] : ds.value[String(i)];
    const st = statusOf(i);
    if (v !== undefined || st !== null) cells.set(ds.id.map((id, d) => codes.get(id)![counter[d]!]).join(SEP), { value: v ?? null, status: st });
    for (let d = ds.id.length - 1; d >= 0; d--) {
      if (++counter[d]! < ds.size[d]!) break;
      counter[d] = 0;
    }
  }
  return { base: ds, codes, cells };
}

function encode(dec: Decoded): Dataset {
  const { base, codes, cells } = dec;
  const ids = base.id;
  const size = ids.map((id) => codes.get(id)!.length);
  const total = size.reduce((a, b) => a * b, 1);
  const value: Cell[] = new Array<Cell>(total).fill(null);
  const status: Record<string, string> = {};
  const pos = ids.map((id) => new Map(codes.get(id)!.map((c, i) => [c, i])));
  const strides = new Array<number>(ids.length);
  let s = 1;
  for (let d = ids.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= size[d]!;
  }
  for (const [key, cell] of cells) {
    const parts = key.split(SEP);
    let i = 0;
    parts.forEach((c, d) => (i += pos[d]!.get(c)! * strides[d]!));
    value[i] = cell.value;
    if (cell.status !== null) status[String(i)] = cell.status;
  }
  const dimension: Record<string, DimensionJson> = {};
  for (const id of ids) {
    const old = base.dimension[id]!;
    const list = codes.get(id)!;
    const index = Array.isArray(old.category.index) || !old.category.index ? list : Object.fromEntries(list.map((c, i) => [c, i]));
    dimension[id] = { ...old, category: { ...old.category, index } };
  }
  const out: Dataset = { ...base, id: ids, size, dimension, value };
  if (Object.keys(status).length) out.status = status;
  else if (typeof base.status === 'string') out.status = base.status;
  else delete out.status;
  return out;
}

/**
 * Joins datasets that are parts of one table (split along one or more dimensions) into one:
 * categories in the order they first appear, labels and units merged, every cell kept.
 */
export function mergeDatasets(parts: Dataset[]): Dataset {
  if (parts.length === 1) return parts[0]!;
  const first = decode(parts[0]!);
  for (const ds of parts.slice(1)) {
    if (ds.id.join(',') !== first.base.id.join(',')) throw new MalformedDatasetError('the parts of the table have different dimensions');
    const dec = decode(ds);
    for (const id of ds.id) {
      const list = first.codes.get(id)!;
      for (const c of dec.codes.get(id)!) if (!list.includes(c)) list.push(c);
      const into = first.base.dimension[id]!.category;
      const from = ds.dimension[id]!.category;
      into.label = { ...(into.label ?? {}), ...(from.label ?? {}) };
      if (from.unit) into.unit = { ...(into.unit ?? {}), ...from.unit };
    }
    for (const [k, v] of dec.cells) first.cells.set(k, v);
  }
  first.base = { ...first.base, dimension: structuredClone(first.base.dimension) };
  return encode(first);
}

export interface DerivedDenominator {
  measure: string;
  from: [string, string];
  multiplier: number;
  cells: number;
}

/**
 * Adds a derived denominator NEVNER = TELLER × multiplier / RATE to an FHI dataset that publishes a
 * count and a crude rate or share but no denominator. Only for crude measures (RATE): a standardised
 * measure (MEIS, SMR) has no such relation. The result is rounded to whole persons; a cell without
 * both numbers, or with RATE 0, gets the flag "." (cannot be computed). Returns null when the
 * dataset has no TELLER and RATE, or already a denominator.
 */
export function deriveDenominator(ds: Dataset, multiplier: number, measureDim = 'MEASURE_TYPE'): { dataset: Dataset; derived: DerivedDenominator } | null {
  if (!ds.id.includes(measureDim)) return null;
  const measures = categoryCodes(ds.dimension[measureDim]!);
  if (!measures.includes('TELLER') || !measures.includes('RATE') || measures.some((m) => m === 'NEVNER' || m === 'sumNEVNER')) return null;
  const dec = decode(ds);
  const m = ds.id.indexOf(measureDim);
  dec.codes.set(measureDim, [...measures, 'NEVNER']);
  let count = 0;
  const added: [string, { value: Cell; status: string | null }][] = [];
  for (const [key, cell] of dec.cells) {
    const parts = key.split(SEP);
    if (parts[m] !== 'RATE') continue;
    const tParts = parts.slice();
    tParts[m] = 'TELLER';
    const teller = dec.cells.get(tParts.join(SEP))?.value;
    const rate = cell.value;
    parts[m] = 'NEVNER';
    if (typeof teller === 'number' && typeof rate === 'number' && rate > 0) {
      added.push([parts.join(SEP), { value: Math.round((teller * multiplier) / rate), status: null }]);
      count++;
    } else {
      const flagInline = ds.status === '' || typeof ds.status === 'string' || ds.status == null;
      added.push([parts.join(SEP), flagInline ? { value: '.', status: null } : { value: null, status: '.' }]);
    }
  }
  for (const [k, v] of added) dec.cells.set(k, v);
  const dim = structuredClone(ds.dimension[measureDim]!);
  dim.category.label = { ...(dim.category.label ?? {}), NEVNER: `Nevner (avledet: TELLER × ${multiplier} / RATE)` };
  dec.base = { ...ds, dimension: { ...ds.dimension, [measureDim]: dim } };
  return { dataset: encode(dec), derived: { measure: 'NEVNER', from: ['TELLER', 'RATE'], multiplier, cells: count } };
}

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
  if (d === -1) throw new MalformedDatasetError(`the table has no dimension "${dimension}" to compute the share over`);
  if (m === -1 || ds.size[m] !== 1) throw new MalformedDatasetError(`a share needs exactly one ${measureDim} (restrict it in "api.dimensions")`);
  const labels = ds.dimension[dimension]!.category.label ?? {};
  // A total category ("999", "Alle aldre", "I alt") is no age and no part of the sum of the parts.
  const isTotal = (c: string) => /(^|\s)(i alt|alle aldre|alle|total)(\s|$)/i.test(labels[c] ?? '') || (ageOf(c) ?? 0) >= 150;
  const all = categoryCodes(ds.dimension[dimension]!);
  const parts = all.filter((c) => !isTotal(c));
  const specs = shares.map((s) => {
    const numerator = parts.filter((c) => c !== s.total && (s.codes ? s.codes.some((x) => x.toLowerCase() === c.toLowerCase()) : s.from !== undefined && (ageOf(c) ?? -1) >= s.from));
    const denominator = s.total ? all.filter((c) => c.toLowerCase() === s.total!.toLowerCase()) : parts;
    if (!numerator.length || !denominator.length) throw new MalformedDatasetError(`the share "${s.code}" finds no categories of "${dimension}" to sum (${all.slice(0, 8).join(', ')}${all.length > 8 ? ', …' : ''})`);
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
