import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * The compiled validator of a row schema kept in a source's folder (`src/sources/<id>/*.schema.json`,
 * imported as JSON so that the build carries it into dist/). A stand-in until src/validate/schemas.ts
 * serves these schemas itself (compiled at build time, like the contracts in schemas/): the options
 * are that module's, so the errors — and the messages made of them — are the same.
 */
const compiled = new WeakMap<object, ValidateFunction>();
let ajv: Ajv2020 | undefined;

export function rowValidator(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    ajv ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}
