import { say } from '../base/messages.js';
import { isSystemPath } from '../base/user-file.js';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface DataFileRef {
  path: string;
  /** The path as shown in messages: as given, or the folder given joined with the relative path. */
  display: string;
  /** Set for a folder that could not be listed (permission denied …): an ordinary error to report. */
  error?: string;
  /** True for a file found by walking a folder (not named by the user). */
  fromFolder?: boolean;
}

const DATA_EXTENSIONS = /\.(csv|tsv|txt|json)$/i;
/** Files in a data folder that are not data: documentation, folkehelse's own config and results files. */
/** folkehelse's own files (configuration, catalogue, manifests, results files) and documentation: never exports. */
export const NOT_DATA = /(^readme)|(\.config\.json$)|(^catalogue.*\.json$)|(^package(-lock)?\.json$)|(^folkehelse-manifest\.json$)|(^resultater-\d{4}(-lopende)?\.json$)/i;

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
    const real = await realpath(p).catch(() => resolve(p));
    // Named by the user, a file is read wherever it is — but never a device or kernel file.
    if (isSystemPath(real, p)) {
      files.push({ path: p, display: shown, error: say('errors.file.system') });
      continue;
    }
    if (!info?.isDirectory()) {
      files.push({ path: p, display: shown });
      continue;
    }
    const found: string[] = [];
    const unreadable = new Map<string, string>();
    await walk(p, found, skipped, exclude.map((e) => resolve(e)), unreadable, real);
    found.push(...unreadable.keys());
    found.sort();
    for (const f of found) files.push({ path: f, display: join(shown, relative(p, f)), fromFolder: true, ...(unreadable.has(f) ? { error: unreadable.get(f)! } : {}) });
  }
  return { files, skipped };
}

async function walk(dir: string, out: string[], skipped: string[], exclude: string[], unreadable: Map<string, string>, root: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    unreadable.set(dir, code === 'EACCES' || code === 'EPERM' ? 'is a folder that cannot be read (permission denied); its files were not checked' : `is a folder that cannot be read (${code ?? 'unknown error'}); its files were not checked`);
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (exclude.includes(resolve(full))) continue;
    // folkehelse's own files (output, configuration, catalogue, assessments) may sit inside the data folder.
    if (e.isDirectory()) await walk(full, out, skipped, exclude, unreadable, root);
    else if (e.isSymbolicLink()) {
      // A link in a data folder is read only when it leads to a regular file inside that folder:
      // a folder's contents never pull in files from elsewhere (/proc, /etc, a home folder).
      if (!DATA_EXTENSIONS.test(e.name) || NOT_DATA.test(e.name)) {
        skipped.push(full);
        continue;
      }
      const target = await realpath(full).catch(() => null);
      const info = target ? await stat(target).catch(() => null) : null;
      if (!target || !info) unreadable.set(full, 'is a symbolic link to a file that does not exist; it was not read');
      else if (isSystemPath(target)) unreadable.set(full, say('errors.file.linkToSystem', { target }));
      else if (!isInside(target, root)) unreadable.set(full, `is a symbolic link to ${target}, outside the data folder; it was not read (name that file itself in "data" or on the command line if it is meant to be read)`);
      else if (info.isDirectory()) skipped.push(full);
      else if (!info.isFile()) unreadable.set(full, 'is a symbolic link to a pipe, socket or device, not a regular file; it was not read');
      else if (!(await declaresSchema(full))) out.push(full);
      else skipped.push(full);
    } else if (!e.isFile()) {
      // A pipe, socket or device: opening it could block or read without end.
      if (DATA_EXTENSIONS.test(e.name)) unreadable.set(full, 'is a pipe, socket or device, not a regular file; it was not read');
      else skipped.push(full);
    } else if (DATA_EXTENSIONS.test(e.name) && !NOT_DATA.test(e.name) && !(await declaresSchema(full))) out.push(full);
    else skipped.push(full);
  }
}

function isInside(child: string, root: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/**
 * A JSON file that names a `$schema` is a configuration, a catalogue or a schema — folkehelse's own
 * files or a user's, whatever its name — never an export (no source's export declares one).
 */
async function declaresSchema(path: string): Promise<boolean> {
  if (!/\.json$/i.test(path)) return false;
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return /^\uFEFF?\s*\{\s*"\$schema"\s*:/.test(head.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** An absolute path inside the working folder is shown relative to it, as a user would type it. */
function displayPath(p: string): string {
  if (!isAbsolute(p)) return p;
  const rel = relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? p : rel;
}
