import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { IssueCode } from './issues.js';

/** The JSON Schemas in `schemas/`, compiled once per process. */
export type SchemaName = 'fhi-cube.row' | 'fhi-csv3.row' | 'fhi-label.row' | 'ssb-cell' | 'ungdata.row' | 'jsonstat2' | 'observation' | 'catalogue' | 'config' | 'results' | 'goals';

const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const compiled = new Map<SchemaName, ValidateFunction>();
let ajv: Ajv2020 | undefined;

export function schemaPath(name: SchemaName): string {
  return `${SCHEMA_DIR}${name}.schema.json`;
}

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(name), 'utf8')) as Record<string, unknown>;
}

export function validator(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
      // The schemas use one format, "date" (RFC 3339 full-date): checked here rather than with ajv-formats.
      ajv.addFormat('date', { type: 'string', validate: isIsoDate });
    }
    v = ajv.compile(loadSchema(name));
    compiled.set(name, v);
  }
  return v;
}

/** YYYY-MM-DD naming a day that exists (2026-02-30 is refused). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export interface CellProblem {
  code: IssueCode;
  /** The property (column) the problem is in. */
  property: string | null;
  /** What the column should hold, in words, from the schema's description. */
  expected: string | null;
  keyword: string;
  params: Record<string, unknown>;
}

/** Maps ajv's errors to the vocabulary: required → missing-cell; type/pattern → type-error; ranges and lists → constraint-error. */
export function cellProblems(errors: ErrorObject[] | null | undefined): CellProblem[] {
  const out: CellProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let property: string | null = e.instancePath ? decodePointer(e.instancePath.split('/')[1] ?? '') : null;
    if (e.keyword === 'required') property = String((e.params as { missingProperty: string }).missingProperty);
    const code: IssueCode =
      e.keyword === 'required'
        ? 'missing-cell'
        : e.keyword === 'type' || e.keyword === 'pattern' || e.keyword === 'format' || e.keyword === 'minLength'
          ? 'type-error'
          : 'constraint-error';
    const k = `${property}|${code}`;
    if (seen.has(k)) continue; // one problem per cell is enough
    seen.add(k);
    const expected = (e.parentSchema as { description?: string } | undefined)?.description ?? null;
    out.push({ code, property, expected, keyword: e.keyword, params: e.params as Record<string, unknown> });
  }
  return out;
}

function decodePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
