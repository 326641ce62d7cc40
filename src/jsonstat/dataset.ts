/**
 * The one model of a JSON-stat 2.0 dataset, as FHI Statistikk and SSB's PxWebApi send it: read by
 * the sources' readers (src/ingest/jsonstat.ts) and fetched, joined and derived by their fetch
 * adapters. FHI writes `category.index` as an array and flags inline in `value`; SSB an object and
 * `status`. `value` may be an array or a sparse object. Nothing here imports another folder but
 * src/base (its errors are messages of the vocabulary).
 */
import { msg, render, type Message } from '../base/messages.js';

export type Cell = number | string | null;

/** A category's unit (SSB: `base` "prosent", "personer" …, and the decimals published). */
export interface CategoryUnit {
  base?: string;
  decimals?: number;
  [k: string]: unknown;
}

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
  role?: { time?: string[]; geo?: string[]; metric?: string[] } | null;
  [k: string]: unknown;
}

export interface DimensionJson {
  label?: string | null;
  category: { index?: string[] | Record<string, number>; label?: Record<string, string>; unit?: Record<string, CategoryUnit>; [k: string]: unknown };
  [k: string]: unknown;
}

/** A dataset that cannot be read as JSON-stat; `text` says why in any language (`message` is English). */
export class MalformedDatasetError extends Error {
  constructor(readonly text: Message) {
    super(render(text, 'en'));
  }
}

/** A dimension's category codes in their order: `index` as a list or an object, else the labels' keys. */
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
    throw new MalformedDatasetError(msg('jsonstat.notDataset'));
  }
  if (d.id.length !== d.size.length) throw new MalformedDatasetError(msg('jsonstat.idSize'));
  for (let i = 0; i < d.id.length; i++) {
    const dim = d.dimension[d.id[i]!];
    if (!dim?.category) throw new MalformedDatasetError(msg('jsonstat.notDescribed', { dimension: d.id[i]! }));
    if (categoryCodes(dim).length !== d.size[i]) throw new MalformedDatasetError(msg('jsonstat.categories', { dimension: d.id[i]!, count: categoryCodes(dim).length, size: d.size[i]! }));
  }
  const total = d.size.reduce((a, b) => a * b, 1);
  if (Array.isArray(d.value) && d.value.length !== total) throw new MalformedDatasetError(msg('jsonstat.values', { cells: d.value.length, total }));
  return d as Dataset;
}

/** The number of cells the dimensions make. */
export function cellCount(ds: Pick<Dataset, 'size'>): number {
  return ds.size.reduce((a, b) => a * b, 1);
}

/** Strides of row-major order: the last dimension varies fastest. */
export function strides(size: readonly number[]): number[] {
  const out = new Array<number>(size.length);
  let s = 1;
  for (let d = size.length - 1; d >= 0; d--) {
    out[d] = s;
    s *= size[d]!;
  }
  return out;
}

/** The value of cell `i`: undefined for a cell a sparse value object leaves out. */
export function valueAt(ds: Pick<Dataset, 'value'>, i: number): Cell | undefined {
  return Array.isArray(ds.value) ? ds.value[i] : ds.value[String(i)];
}

/** The status (SSB's symbol for a null value) of cell `i`, or null. */
export function statusAt(ds: Pick<Dataset, 'status'>, i: number): string | null {
  const s = ds.status;
  if (!s || typeof s === 'string') return null;
  if (Array.isArray(s)) return s[i] ?? null;
  return s[String(i)] ?? null;
}

/** The dimension ids of a JSON-stat dataset, from the text of (the head of) a JSON file. */
export function jsonStatIds(head: string): string[] | null {
  const m = /"id"\s*:\s*\[([^\]]*)\]/.exec(head);
  if (!m) return null;
  return [...m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]!);
}
