import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
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
      // ajv-formats is CommonJS: its default export arrives wrapped under ESM.
      const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020, formats: string[]) => void;
      addFormats(ajv, ['date']);
    }
    v = ajv.compile(loadSchema(name));
    compiled.set(name, v);
  }
  return v;
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
