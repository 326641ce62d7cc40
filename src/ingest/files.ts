import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';

export interface DataFileRef {
  path: string;
  /** The path as shown in messages: as given, or the folder given joined with the relative path. */
  display: string;
}

const DATA_EXTENSIONS = /\.(csv|tsv|txt|json)$/i;
/** Files in a data folder that are not data: documentation, folkehelse's own config and results files. */
const NOT_DATA = /(^readme)|(\.config\.json$)|(^catalogue.*\.json$)|(^package(-lock)?\.json$)|(^folkehelse-manifest\.json$)|(^resultater-\d{4}(-lopende)?\.json$)/i;

/**
 * Expands the paths a user gave into data files: a file stays as it is (whatever its extension);
 * a folder is walked recursively for .csv/.tsv/.txt/.json files, in a stable (sorted) order.
 * Paths that do not exist are returned as given: reading them reports the problem.
 */
export async function expandDataPaths(paths: string[], exclude: string[] = []): Promise<{ files: DataFileRef[]; skipped: string[] }> {
  const files: DataFileRef[] = [];
  const skipped: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    const shown = displayPath(p);
    if (!info?.isDirectory()) {
      files.push({ path: p, display: shown });
      continue;
    }
    const found: string[] = [];
    await walk(p, found, skipped, exclude.map((e) => resolve(e)));
    found.sort();
    for (const f of found) files.push({ path: f, display: join(shown, relative(p, f)) });
  }
  return { files, skipped };
}

async function walk(dir: string, out: string[], skipped: string[], exclude: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      // folkehelse's own output folder may sit inside the data folder.
      if (!exclude.includes(resolve(full))) await walk(full, out, skipped, exclude);
    } else if (DATA_EXTENSIONS.test(e.name) && !NOT_DATA.test(e.name) && !exclude.includes(resolve(full))) out.push(full);
    else skipped.push(full);
  }
}

/** An absolute path inside the working folder is shown relative to it, as a user would type it. */
function displayPath(p: string): string {
  if (!isAbsolute(p)) return p;
  const rel = relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? p : rel;
}
