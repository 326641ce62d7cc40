/**
 * A dataset taken apart into cells keyed by their categories, and put together again: how the
 * parts of a table fetched in several requests are joined, and how the fetch adapters add or
 * remove categories (a derived measure, a share, former municipality numbers).
 */
import { msg } from '../base/messages.js';
import { categoryCodes, cellCount, MalformedDatasetError, statusAt, strides, valueAt, type Cell, type Dataset, type DimensionJson } from './dataset.js';

export interface Decoded {
  base: Dataset;
  codes: Map<string, string[]>;
  cells: Map<string, { value: Cell; status: string | null }>;
}

/** Joins a cell's category codes into its key. */
export const SEP = '\u0001';

/** Every cell with a value or a status, by its categories. */
export function decode(ds: Dataset): Decoded {
  const codes = new Map(ds.id.map((id) => [id, categoryCodes(ds.dimension[id]!)] as const));
  const cells = new Map<string, { value: Cell; status: string | null }>();
  const total = cellCount(ds);
  const counter = new Array<number>(ds.id.length).fill(0);
  for (let i = 0; i < total; i++) {
    const v = valueAt(ds, i);
    const st = statusAt(ds, i);
    if (v !== undefined || st !== null) cells.set(ds.id.map((id, d) => codes.get(id)![counter[d]!]).join(SEP), { value: v ?? null, status: st });
    for (let d = ds.id.length - 1; d >= 0; d--) {
      if (++counter[d]! < ds.size[d]!) break;
      counter[d] = 0;
    }
  }
  return { base: ds, codes, cells };
}

/** The dataset of the cells: categories in the order of `codes`, absent cells null. */
export function encode(dec: Decoded): Dataset {
  const { base, codes, cells } = dec;
  const ids = base.id;
  const size = ids.map((id) => codes.get(id)!.length);
  const total = size.reduce((a, b) => a * b, 1);
  const value: Cell[] = new Array<Cell>(total).fill(null);
  const status: Record<string, string> = {};
  const pos = ids.map((id) => new Map(codes.get(id)!.map((c, i) => [c, i])));
  const stride = strides(size);
  for (const [key, cell] of cells) {
    const parts = key.split(SEP);
    let i = 0;
    parts.forEach((c, d) => (i += pos[d]!.get(c)! * stride[d]!));
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
    if (ds.id.join(',') !== first.base.id.join(',')) throw new MalformedDatasetError(msg('jsonstat.partsDiffer'));
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
