#!/usr/bin/env node
// Writes the TypeScript types of the file contracts (src/contracts/*.ts) from their JSON Schemas.
// The schemas are the source of truth: users' editors read them through "$schema", and the
// validators are compiled from them; the types follow. Run after changing a schema:
//   node scripts/generate-contracts.mjs          (writes the files)
//   node scripts/generate-contracts.mjs --check  (exit 1 naming every file that is not up to date)
// test/contracts/generated.test.ts runs the check (UPDATE_GOLDEN=1 makes it write).
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * One generated file per contract: the schema, the root type's name, and names for the `$defs`
 * (a def without a name here is named after its key, capitalised). Inline parts are reached with indexed
 * access types (`ResultsIndicator['gradient']`) in the modules that use them.
 */
export const CONTRACTS = [
  { schema: 'schemas/catalogue.schema.json', out: 'src/contracts/catalogue.ts', root: 'CatalogueFile', defs: { id: 'IndicatorId', text: 'Text', limits: 'SuppressionOverrides', indicator: 'CatalogueIndicator' } },
  { schema: 'schemas/results.schema.json', out: 'src/contracts/results.ts', root: 'ResultsFile', defs: { kind: 'DocumentKind', area: 'ResultsArea', text: 'Text', period: 'ResultsPeriod', verdict: 'ResultsVerdict', number: 'NumberOrNull', value: 'ResultsValue', valueOrNull: 'ResultsValueOrNull', indicator: 'ResultsIndicator' } },
  { schema: 'schemas/goals.schema.json', out: 'src/contracts/goals.ts', root: 'GoalsFile', defs: {} },
  { schema: 'schemas/overview.schema.json', out: 'src/contracts/overview.ts', root: 'Priorities', defs: { id: 'Slug', text: 'Text' } },
  { schema: 'schemas/config.schema.json', out: 'src/contracts/config.ts', root: 'ConfigFile', defs: {} },
  { schema: 'schemas/observation.schema.json', out: 'src/contracts/observation.ts', root: 'Observation', defs: {} },
];

/** Where the validators' schemas are: the file contracts, and each source's row schemas. */
export const SCHEMA_GLOBS = ['schemas/*.schema.json', 'src/sources/**/*.schema.json'];

/** Every schema file, by the name the code validates with (`fhi-cube.row` for fhi-cube.row.schema.json), sorted by name. */
export function schemaFiles(root = ROOT) {
  const found = new Map();
  const add = (dir, recursive) => {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { recursive, encoding: 'utf8' });
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      if (!entry.endsWith('.schema.json')) continue;
      const name = entry.split(/[\\/]/).pop().slice(0, -'.schema.json'.length);
      const file = join(dir, entry).split('\\').join('/');
      if (found.has(name)) throw new Error(`two schemas are named ${name}: ${found.get(name)} and ${file}`);
      found.set(name, file);
    }
  };
  add('schemas', false);
  add('src/sources', true);
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The schema as the generator should see it: validation-only keywords that carry no type
 * (if/then, combinators that only name required fields) are dropped, a `$ref` keeps no
 * siblings but its description (a sibling would make a copy of the referenced type), and an
 * array of a fixed small length is a tuple.
 */
function forTypes(node) {
  if (Array.isArray(node)) return node.map(forTypes);
  if (!node || typeof node !== 'object') return node;
  // A description beside a $ref stays the property's comment without a copy of the referenced type.
  if (typeof node.$ref === 'string') return typeof node.description === 'string' ? { allOf: [{ $ref: node.$ref }], description: node.description } : { $ref: node.$ref };
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'if' || key === 'then' || key === 'else') continue;
    if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') {
      const parts = value.map(forTypes).filter((part) => Object.keys(part).some((k) => k !== 'required' && k !== 'description'));
      if (parts.length) out[key] = parts;
      continue;
    }
    out[key] = key === 'properties' || key === '$defs' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forTypes(v)])) : forTypes(value);
  }
  // A pair (minItems = maxItems, a few) is a tuple; other lengths stay arrays.
  if (out.type === 'array' && out.minItems === out.maxItems && out.minItems <= 4 && out.items && !Array.isArray(out.items)) {
    out.items = Array.from({ length: out.minItems }, () => out.items);
    out.additionalItems = false;
  }
  return out;
}

const STYLE = { singleQuote: true, printWidth: 160, bracketSpacing: true, trailingComma: 'all', semi: true, tabWidth: 2 };

/** The text of one generated file. */
export async function generate(contract, root = ROOT) {
  const schema = forTypes(JSON.parse(readFileSync(join(root, contract.schema), 'utf8')));
  delete schema.$id;
  schema.title = contract.root;
  // A def's type is named by its title (only here: the schema's own defs have none).
  for (const [key, name] of Object.entries(contract.defs)) if (schema.$defs?.[key]) schema.$defs[key].title = name;
  const ts = await compile(schema, contract.root, {
    bannerComment: '',
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: true,
    strictIndexSignatures: false,
    style: STYLE,
  });
  const body = ts
    // The generator's note on where a def came from says nothing the names do not.
    .replace(/\n \*\n \* This interface was referenced by `[^`]+`'s JSON-Schema\n \* via the `definition` "[^"]+"\./g, '')
    .replace(/\/\*\*\n \* This interface was referenced by `[^`]+`'s JSON-Schema\n \* via the `definition` "[^"]+"\.\n \*\/\n/g, '');
  return `// Generated from ${contract.schema} by scripts/generate-contracts.mjs: do not edit by hand.\n// After changing the schema: node scripts/generate-contracts.mjs (or UPDATE_GOLDEN=1 npx vitest run test/contracts).\n\n${body}`;
}

/** The generated files, path → text; with the list of schema names the validators know. */
export async function generateAll(root = ROOT) {
  const files = new Map();
  for (const contract of CONTRACTS) files.set(contract.out, await generate(contract, root));
  const names = [...schemaFiles(root).keys()];
  files.set(
    'src/contracts/schema-names.ts',
    `// Generated by scripts/generate-contracts.mjs from the schema files (${SCHEMA_GLOBS.join(', ')}): do not edit by hand.\n\n` +
      `/** The name a schema is validated by: its file name without \`.schema.json\`. */\nexport type SchemaName =\n${names.map((n) => `  | '${n}'`).join('\n')};\n\n` +
      `export const SCHEMA_NAMES: readonly SchemaName[] = [${names.map((n) => `'${n}'`).join(', ')}];\n`,
  );
  return files;
}

async function main(args) {
  const check = args.includes('--check');
  const stale = [];
  for (const [path, text] of await generateAll()) {
    const file = join(ROOT, path);
    let old = null;
    try {
      old = readFileSync(file, 'utf8');
    } catch {
      // a new file
    }
    if (old === text) continue;
    stale.push(relative(ROOT, file));
    if (!check) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  if (check && stale.length) {
    process.stderr.write(`not up to date with the schemas: ${stale.join(', ')}\nrun: node scripts/generate-contracts.mjs\n`);
    process.exitCode = 1;
  } else if (!check) process.stdout.write(stale.length ? `wrote ${stale.join(', ')}\n` : 'the contracts are up to date\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
