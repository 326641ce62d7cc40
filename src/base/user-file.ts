import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { say } from './messages.js';

/** Kernel and device files: never read, whatever a path or a link says. */
export const NEVER_READ = ['/proc', '/sys', '/dev'];

function isInside(child: string, root: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!isAbsolute(rel) && !rel.startsWith('..'));
}

/** True when any of the given forms of a path (as written, resolved, link target) is under /proc, /sys or /dev. */
export function isSystemPath(...paths: string[]): boolean {
  return paths.some((p) => NEVER_READ.some((n) => isInside(resolve(p), n)));
}

/** The sentence every refusal of such a path ends with. */
export const SYSTEM_PATH_MESSAGE = `files under ${NEVER_READ.join(', ')} are never read`;
/** The same in the run's language. */
export const systemPathMessage = (): string => say('errors.file.systemNever');

/** Largest configuration, catalogue or language file read (they are a few kB). */
const MAX_BYTES = 64 * 1024 ** 2;

/** A file the user named that cannot be read as one: its `code` says why, like a Node error. */
export class UserFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a small text file the user named (configuration, catalogue, language file): never under
 * /proc, /sys or /dev (links resolved), only a regular file (a pipe would block, /dev/zero never
 * ends), at most 64 MB. Throws the Node error (ENOENT …) or a UserFileError with a code
 * ('ESYSTEM', 'ENOTFILE', 'ETOOBIG') whose message says what is wrong.
 */
export function readUserText(path: string): string {
  const abs = resolve(path);
  let real = abs;
  try {
    real = realpathSync(abs);
  } catch {
    // reported by statSync below
  }
  if (isSystemPath(real, abs)) throw new UserFileError('ESYSTEM', systemPathMessage());
  const st = statSync(abs);
  if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  if (!st.isFile()) throw new UserFileError('ENOTFILE', say('errors.file.notRegularDevice'));
  if (st.size > MAX_BYTES) throw new UserFileError('ETOOBIG', say('errors.file.tooBigSmall', { size: Math.round(st.size / 1024 ** 2) }));
  return readFileSync(abs, 'utf8');
}
