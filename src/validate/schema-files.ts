import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's (or the checkout's) root: two folders above this module, from src/ and dist/ alike. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The file contracts' schemas (configuration, catalogue, results …), which users' editors read. */
const CONTRACT_DIR = join(PACKAGE_ROOT, 'schemas');

/**
 * Each source's row schemas, `src/sources/<source>/*.schema.json`: in a checkout the sources
 * themselves; in the package, the copies the build puts beside the compiled sources (dist/sources).
 */
const SOURCE_DIRS = [...new Set([join(PACKAGE_ROOT, 'src', 'sources'), fileURLToPath(new URL('../sources/', import.meta.url)).replace(/[\\/]$/, '')])];

const SUFFIX = '.schema.json';

/**
 * Every schema, by the name it is validated with (its file name without `.schema.json`: `config`,
 * `fhi-cube.row`) → its absolute path. A name in `schemas/` comes first; of the source folders the
 * first that has it.
 */
export function schemaFiles(): Map<string, string> {
  const found = new Map<string, string>();
  const add = (dir: string, recursive: boolean): void => {
    if (!existsSync(dir)) return;
    for (const entry of (readdirSync(dir, { recursive, encoding: 'utf8' }) as string[]).sort()) {
      const name = entry.split(/[\\/]/).pop()!;
      if (name.endsWith(SUFFIX) && !found.has(name.slice(0, -SUFFIX.length))) found.set(name.slice(0, -SUFFIX.length), join(dir, entry));
    }
  };
  add(CONTRACT_DIR, false);
  for (const dir of SOURCE_DIRS) add(dir, true);
  return found;
}

let all: Map<string, string> | undefined;

/** The file of one schema; `schemas/<name>.schema.json` when there is no such schema at all. */
export function schemaPath(name: string): string {
  const contract = join(CONTRACT_DIR, `${name}${SUFFIX}`);
  if (existsSync(contract)) return contract;
  all ??= schemaFiles();
  return all.get(name) ?? contract;
}
