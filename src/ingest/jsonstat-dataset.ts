import { msg } from '../base/messages.js';
import { categoryCodes, type Dataset } from '../jsonstat/dataset.js';
import { validator, cellProblems } from '../validate/schemas.js';
import type { ReadContext } from './context.js';
import { readWholeText } from './source-file.js';

/** A JSON-stat file read and its shape checked, before its cells are walked (src/ingest/jsonstat.ts). */
export interface Dimension {
  id: string;
  codes: string[];
  labels: string[];
  units: Record<string, { base?: string; decimals?: number }>;
}

/** Parses JSON text, reporting a syntax error with its line and column. */
export function parseJson(ctx: ReadContext, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = (e as Error).message;
    const pos = /position (\d+)/.exec(detail);
    let line: number | null = null;
    let col: number | null = null;
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      line = before.split('\n').length;
      col = Number(pos[1]) - before.lastIndexOf('\n');
    }
    ctx.issues.report({ code: 'syntax-error', line, columnNumber: col, note: msg('issue.note.notJson', { detail: detail.replace(/^Unexpected/, 'unexpected') }) });
    return undefined;
  }
}

/** The file as a dataset whose dimensions and sizes agree; null (reported) when it is not one. */
export async function readDataset(ctx: ReadContext): Promise<{ ds: Dataset; dims: Dimension[] } | null> {
  const doc = parseJson(ctx, await readWholeText(ctx.file));
  if (doc === undefined) return null;
  const shape = validator('jsonstat2');
  if (!shape(doc)) {
    for (const p of cellProblems(shape.errors)) {
      ctx.issues.report({ code: p.code === 'missing-cell' ? 'missing-column' : 'type-error', column: p.property, note: p.code === 'missing-cell' ? msg('issue.note.jsonStatMissing', { property: p.property ?? '' }) : msg('issue.note.jsonStatShape', { property: p.property ?? msg('issue.note.theDocument'), keyword: p.keyword }) });
    }
    return null;
  }
  const ds = doc as Dataset;
  if (ds.id.length !== ds.size.length) {
    ctx.issues.report({ code: 'type-error', column: 'size', note: msg('issue.note.sizeMismatch', { dimensions: ds.id.length, sizes: ds.size.length }) });
    return null;
  }
  const dims: Dimension[] = [];
  for (let d = 0; d < ds.id.length; d++) {
    const id = ds.id[d]!;
    // Own properties only: a dimension or category called "__proto__" or "constructor" is data.
    const dim = Object.hasOwn(ds.dimension, id) ? ds.dimension[id] : undefined;
    if (!dim) {
      ctx.issues.report({ code: 'missing-column', column: `dimension.${id}`, note: msg('issue.note.dimensionUndescribed', { id }) });
      return null;
    }
    const codes = categoryCodes(dim);
    if (codes.length !== ds.size[d]) {
      ctx.issues.report({ code: 'type-error', column: `dimension.${id}`, note: msg('issue.note.categoriesMismatch', { id, categories: codes.length, size: String(ds.size[d]) }) });
      return null;
    }
    const labels = dim.category.label ?? {};
    dims.push({ id, codes, labels: codes.map((c) => (Object.hasOwn(labels, c) && typeof labels[c] === 'string' ? labels[c]! : c)), units: dim.category.unit ?? {} });
  }
  return { ds, dims };
}

/** True when the values fit the dimensions: as many as the cube has cells, or a sparse object of its cells (else reported). */
export function valuesFit(ctx: ReadContext, ds: Dataset): boolean {
  const total = ds.size.reduce((a, b) => a * b, 1);
  const values = ds.value;
  if (Array.isArray(values) && values.length !== total) {
    ctx.issues.report({ code: values.length < total ? 'missing-cell' : 'extra-cell', column: 'value', note: msg('issue.note.valueCount', { values: values.length, total }) });
    return false;
  }
  if (!Array.isArray(values)) {
    // A sparse value object: every key must be a cell of the cube.
    let bad = 0;
    for (const k of Object.keys(values)) {
      if (/^(0|[1-9]\d*)$/.test(k) && Number(k) < total) continue;
      if (bad++ < 20) ctx.issues.report({ code: 'constraint-error', column: `value["${k}"]`, value: k, note: msg('issue.note.valueKeyOutside', { key: k, last: total - 1 }) });
    }
    return bad === 0;
  }
  return true;
}

