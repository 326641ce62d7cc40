import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaName } from '../contracts/schema-names.js';
import { FORMATS } from './formats.js';
import { schemaPath } from './schema-files.js';

export type { SchemaName };
export { schemaPath };
export { isIsoDate } from './formats.js';
export { cellProblems, schemaProblems, jsonPath, type CellProblem, type SchemaProblem } from './schema-errors.js';

const requireHere = createRequire(import.meta.url);

/** The one set of ajv options: the build's compiled validators and a run's own compiling use the same. */
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true };

/**
 * An ajv instance with folkehelse's options and formats; `code` for the build's standalone code.
 * Ajv itself is loaded here, when first needed: a run with the build's compiled validators never
 * needs it (loading it cost a tenth of a second at every start).
 */
export function newAjv(code?: Options['code']): Ajv2020 {
  const { Ajv2020: Ajv } = requireHere('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv(code ? { ...AJV_OPTIONS, code } : AJV_OPTIONS);
  for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  return ajv;
}

/** Where the build puts the compiled validators (dist/validators/<name>.cjs); from src/ there are none. */
const COMPILED_DIR = fileURLToPath(new URL('../validators/', import.meta.url));
const validators = new Map<SchemaName, ValidateFunction>();
let ajv: Ajv2020 | undefined;

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(name), 'utf8')) as Record<string, unknown>;
}

/**
 * The validator of one schema, once per process: the one the build compiled when it was compiled
 * from this very schema, else compiled now (a run from the sources, or a schema changed since the
 * build). Compiling at start-up costs a quarter of a second; loading the compiled code, little.
 */
export function validator(name: SchemaName): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    const text = readFileSync(schemaPath(name));
    v = compiledValidator(name, text) ?? (ajv ??= newAjv()).compile(JSON.parse(text.toString('utf8')) as object);
    validators.set(name, v);
  }
  return v;
}

/** The SHA-256 a compiled validator records of the schema it was compiled from. */
export function schemaDigest(text: Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

function compiledValidator(name: SchemaName, schemaText: Buffer): ValidateFunction | undefined {
  const file = `${COMPILED_DIR}${name}.cjs`;
  if (!existsSync(file)) return undefined;
  const compiled = requireHere(file) as ValidateFunction & { schemaSha256?: unknown };
  if (compiled.schemaSha256 !== schemaDigest(schemaText)) return undefined;
  // Standalone code has no `schema`; readers take the columns' descriptions from it.
  compiled.schema ??= JSON.parse(schemaText.toString('utf8')) as object;
  return compiled;
}
