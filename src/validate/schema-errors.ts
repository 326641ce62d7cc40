import type { ErrorObject } from 'ajv';
import type { IssueCode } from './issues.js';

/**
 * ajv's errors in the words of the files' users. One set of rules for every JSON file folkehelse
 * reads (configuration, catalogue, utfordringsbilde, results, goals): one problem per value,
 * named by its JSON path; for rows of data, `cellProblems` maps them to the issue vocabulary.
 */
export interface SchemaProblem {
  /** JSON pointer of the value the problem is in (for a missing field: the object it belongs in). */
  pointer: string;
  /** Where, in the file's words: `indicators[3].select.measure`, or `(top level)`. */
  path: string;
  /** What is wrong: `is missing`, `unknown field "x"`, `must be one of …`, `must be <description>`. */
  message: string;
}

const descriptionOf = (e: ErrorObject): string | undefined => (e.parentSchema as { description?: string } | undefined)?.description;

/**
 * One problem per value: a oneOf with a description is one problem ("must be …") rather than one
 * per alternative; a oneOf's other alternative ("must be null") is left out beside the problems
 * inside the value; if/then's own error adds nothing to the `then` problems it comes with.
 */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  const all = errors ?? [];
  const described = all.filter((e) => e.keyword === 'oneOf' && descriptionOf(e));
  const list = all.filter((e) => described.includes(e) || !described.some((d) => e.schemaPath.startsWith(`${d.schemaPath}/`) && e.instancePath.startsWith(d.instancePath)));
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of list) {
    if ((e.keyword === 'oneOf' && !described.includes(e)) || e.keyword === 'if') continue;
    if (e.keyword === 'type' && list.some((x) => x.instancePath.startsWith(`${e.instancePath}/`))) continue;
    const path = jsonPath(e.instancePath, e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : null);
    const message = describe(e);
    // Several unknown fields in one object are several problems; anything else, one per value.
    const key = e.keyword === 'additionalProperties' ? `${path}|${message}` : path;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer: e.instancePath, path, message });
  }
  return out;
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return 'is missing';
    case 'additionalProperties':
      return `unknown field "${String((e.params as { additionalProperty: string }).additionalProperty)}"`;
    case 'enum':
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
    case 'oneOf':
    case 'pattern':
    case 'format': {
      // These schemas' descriptions name what the value is ("a municipality number").
      const description = descriptionOf(e);
      if (description) return `must be ${description}`;
      return e.message ?? e.keyword;
    }
    default:
      return e.message ?? e.keyword;
  }
}

/** `/indicators/3/select` (+ `measure`) → `indicators[3].select.measure`; the root is `(top level)`. */
export function jsonPath(pointer: string, child: string | null = null): string {
  const parts = pointer.split('/').slice(1).map(decodePointer);
  if (child !== null) parts.push(child);
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || '(top level)';
}

function decodePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
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

/** Maps ajv's errors on one row to the vocabulary: required → missing-cell; type/pattern → type-error; ranges and lists → constraint-error. */
export function cellProblems(errors: readonly ErrorObject[] | null | undefined): CellProblem[] {
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
    out.push({ code, property, expected: descriptionOf(e) ?? null, keyword: e.keyword, params: e.params as Record<string, unknown> });
  }
  return out;
}
