import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_NAMES, type SchemaName } from '../../src/contracts/schema-names.js';
import { compileValidators } from '../../src/validate/compile-validators.js';
import { schemaFiles } from '../../src/validate/schema-files.js';
import { loadSchema, newAjv, schemaDigest } from '../../src/validate/schemas.js';
import { EXAMPLE_CONFIG, INNHERRED_CONFIG, ROOT } from '../helpers.js';

const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const catalogueFiles = readdirSync(join(ROOT, 'data', 'catalogue')).filter((f) => f.endsWith('.json')).map((f) => join(ROOT, 'data', 'catalogue', f));
const resultsFixture = json(join(ROOT, 'test', 'results', 'fixtures', 'resultater-2027.json'));

/** Documents of each kind, good and bad: the compiled and the run-time validator must say the same of each. */
const SAMPLES: Partial<Record<SchemaName, unknown[]>> = {
  config: [json(EXAMPLE_CONFIG), json(INNHERRED_CONFIG), { kommuner: ['50370'], data: ['.'], lang: 'se', extra: 1 }, { kommuner: ['5037'], data: ['.'], generatedOn: '2026-02-30' }, { kommuner: ['5037'], data: ['.'], generatedOn: '2026-02-28', formats: ['md', 'md'] }],
  catalogue: [...catalogueFiles.map(json), { indicators: [{ id: 'A', theme: 'g', select: { source: 'fhi', table: '', measure: [] } }] }],
  overview: [json(join(ROOT, 'data', 'overview', 'utfordringsbilde.json')), { groups: [{ id: 'x', title: { nb: 'X', nn: '' }, indicators: [] }], indicators: { A: { severity: 5 } } }],
  results: [resultsFixture, { format: 'folkehelse-results', generatedOn: '2027-13-01' }],
  goals: [{ goals: [{ id: 'a', title: 'A', indicator: 'ensomhet', baseline: { edition: 2027 }, target: { value: 1, year: 2031 } }] }, { goals: [{ id: 'a', title: { nb: 'A' }, indicator: '', baseline: { year: 2027 } }] }],
};
const GENERIC: unknown[] = [{}, null, [], 'text', 12, { unknown: true }];

describe('validators compiled at build time', () => {
  // Inside the repository, so that the compiled code finds ajv's runtime helpers in node_modules.
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'folkehelse-validators-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are one per schema, under the names the code uses', () => {
    expect(compileValidators(dir).sort()).toEqual([...SCHEMA_NAMES].sort());
    expect([...schemaFiles().keys()].sort()).toEqual([...SCHEMA_NAMES].sort());
  });

  it('say what the validators compiled at run time say, errors and all', () => {
    const load = createRequire(join(dir, 'index.cjs'));
    for (const name of SCHEMA_NAMES) {
      const compiled = load(`./${name}.cjs`) as ValidateFunction & { schemaSha256: string };
      expect(compiled.schemaSha256).toBe(schemaDigest(readFileSync(schemaFiles().get(name)!)));
      const runtime = newAjv().compile(loadSchema(name));
      for (const doc of [...(SAMPLES[name] ?? []), ...GENERIC]) {
        expect(compiled(doc), `${name}: ${JSON.stringify(doc).slice(0, 80)}`).toBe(runtime(doc));
        expect(compiled.errors).toEqual(runtime.errors);
      }
    }
  });
});

/**
 * The built program (dist/) loads the compiled validators; a schema changed after the build is
 * compiled at run time instead. Run in a copy of dist/validate, dist/validators and schemas/.
 */
describe('the built program', () => {
  const built = existsSync(join(ROOT, 'dist', 'validators', 'config.cjs'));
  const probe = (root: string) =>
    spawnSync(process.execPath, ['--input-type=module', '-e', `const { validator } = await import(${JSON.stringify(`${join(root, 'dist', 'validate', 'schemas.js')}`)}); const v = validator('config'); console.log(JSON.stringify({ compiled: typeof v.schemaSha256 === 'string', schema: v.schema.title, ok: v({ kommuner: ['5037'], data: ['.'], extra: 1 }) }));`], { encoding: 'utf8' });

  it('uses the compiled validators (npm run build makes them)', () => {
    expect(built, 'dist/validators is missing: run `npm run build`').toBe(true);
    const r = probe(ROOT);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ compiled: true, schema: 'folkehelse build configuration', ok: false });
  });

  it('compiles a schema that changed since the build', () => {
    const copy = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'folkehelse-package-'));
    try {
      for (const part of ['dist/validate', 'dist/validators', 'schemas']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
      writeFileSync(join(copy, 'package.json'), '{ "type": "module" }');
      const schema = json(join(copy, 'schemas', 'config.schema.json')) as { additionalProperties: boolean };
      schema.additionalProperties = true;
      writeFileSync(join(copy, 'schemas', 'config.schema.json'), JSON.stringify(schema));
      const r = probe(copy);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ compiled: false, schema: 'folkehelse build configuration', ok: true });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
