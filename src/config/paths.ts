import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { say } from '../base/messages.js';
import { isSystemPath, systemPathMessage } from '../base/user-file.js';
import { NOT_DATA } from '../ingest/files.js';

// The files a configuration names stay inside the project: its folder and the paths it allows.

/** The ledgers of what an edition published and withheld (src/results/ledger.ts), beside the results files: never data. */
const LEDGER = /^prikking-\d{4}(-lopende)?\.json$/;

/** Data files (.csv, .tsv, .txt, .json) in a folder, its manifests, results files and ledgers aside: folkehelse never writes others there. */
export function dataFilesIn(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries.filter((e) => /\.(csv|tsv|txt|json)$/i.test(e) && !NOT_DATA.test(e.split(/[\\/]/).pop()!) && !LEDGER.test(e.split(/[\\/]/).pop()!) && !e.split(/[\\/]/).some((part) => part.startsWith('.'))).sort();
}

/**
 * What in an SVG could run or fetch something when the published file is opened (it is copied next
 * to the document): scripts, event handlers, javascript: links, embedded HTML, entity declarations,
 * references to other files or addresses. Null for a plain picture (or a file that cannot be read:
 * the path check reports that).
 */
export function svgActiveContent(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  if (/<script\b/i.test(text)) return 'a script';
  if (/\son[a-z]+\s*=/i.test(text)) return 'an event handler (on…=)';
  if (/javascript:/i.test(text)) return 'a javascript: link';
  if (/<foreignObject\b/i.test(text)) return 'embedded HTML (foreignObject)';
  if (/<!ENTITY/i.test(text)) return 'an entity declaration';
  if (/(?:xlink:)?href\s*=\s*["'](?!#|data:image\/(?:png|jpeg|gif);)/i.test(text)) return 'a reference to another file or address';
  return null;
}

export function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

export function inside(child: string, root: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/**
 * Why a path the configuration names cannot be used, or null: it (or what a symbolic link in it
 * points to) is outside the allowed folders, is a device, FIFO or socket, is in /proc, /sys or
 * /dev, or is a folder where a file is expected (or the reverse). A folder is checked with
 * everything in it.
 */
export function projectPathProblem(path: string, roots: string[], kind: 'file' | 'folder', mustExist = true): string | null {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return mustExist ? say(kind === 'file' ? 'errors.path.noSuchFile' : 'errors.path.noSuchFolder', { path }) : null;
    return `${path}: ${say('errors.file.cannotRead', { code: code ?? 'error' })}`;
  }
  if (isSystemPath(real, path)) return `${path}: ${systemPathMessage()}`;
  if (!roots.some((r) => inside(real, r))) {
    const via = real !== resolve(path) ? say('errors.path.via', { real }) : '';
    return say('errors.path.outside', { path, via });
  }
  const st = statSync(real);
  if (kind === 'file' && st.isDirectory()) return say('errors.path.isFolder', { path });
  if (kind === 'folder' && !st.isDirectory()) return say('errors.path.notFolder', { path });
  if (!st.isDirectory() && !st.isFile()) return `${path}: ${say('errors.file.notRegularDevice')}`;
  if (kind === 'folder') {
    for (const entry of readdirSync(real)) {
      if (entry.startsWith('.')) continue;
      const child = join(path, entry);
      const lst = lstatSync(join(real, entry));
      const problem = projectPathProblem(child, roots, lst.isDirectory() || (lst.isSymbolicLink() && isDir(join(real, entry))) ? 'folder' : 'file', true);
      if (problem) return problem;
    }
  }
  return null;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}


/** The path with its existing part resolved (symbolic links followed) and the rest, not there yet, appended. */
export function resolvedPath(path: string): string {
  const abs = resolve(path);
  const rest: string[] = [];
  for (let p = abs; ; p = dirname(p)) {
    try {
      return join(realpathSync(p), ...rest.reverse());
    } catch {
      if (dirname(p) === p) return abs;
      rest.push(basename(p));
    }
  }
}

/** The first symbolic link among the folders of `path` below `from` (and `path` itself), or null. */
function linkBelow(path: string, from: string): string | null {
  const rel = relative(from, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  let p = from;
  for (const part of rel.split(sep)) {
    p = join(p, part);
    try {
      if (lstatSync(p).isSymbolicLink()) return p;
    } catch {
      return null; // not there yet: nothing below it is a link
    }
  }
  return null;
}

/**
 * Why an output or data folder cannot be used because a symbolic link takes it out of the
 * project, or null. `project` is the configuration's folder (or the working folder), `roots` the
 * real paths files may be in (the project and `allowPaths`). A path inside the project must stay
 * inside the roots once its links are followed; a path named outside the project is the user's
 * choice, but not when it is itself a link (an `out` that is a link to /etc is refused).
 */
export function symlinkEscape(field: string, path: string, project: string, roots: string[]): string | null {
  const abs = resolve(path);
  const real = resolvedPath(abs);
  if (roots.some((r) => inside(real, r))) return null;
  const projectReal = realOrSelf(project);
  const insideProject = inside(abs, resolve(project)) || inside(abs, projectReal);
  const link = insideProject ? (linkBelow(abs, inside(abs, resolve(project)) ? resolve(project) : projectReal) ?? abs) : isLink(abs) ? abs : null;
  if (!link || (!insideProject && !isLink(abs))) return null;
  return say('errors.path.symlink', { field, path, link, real });
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
