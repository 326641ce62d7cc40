import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
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

/** What a file that is not a regular one is, in words. */
export function kindOf(st: Stats): string {
  if (st.isFIFO()) return say('errors.file.kind.fifo');
  if (st.isCharacterDevice() || st.isBlockDevice()) return say('errors.file.kind.device');
  if (st.isSocket()) return say('errors.file.kind.socket');
  return say('errors.file.kind.other');
}

/**
 * Reads a file the user (or a folder the user named) points to, with every check made BEFORE the
 * file is opened: never under /proc, /sys or /dev (links resolved), only a regular file (a pipe
 * blocks, /dev/zero never ends), at most `maxBytes`. The file is then opened without blocking and
 * checked again through its descriptor, so a file swapped for a pipe in between is refused too.
 * Throws the Node error (ENOENT, EACCES …) or a UserFileError ('ESYSTEM', 'EISDIR', 'ENOTFILE',
 * 'ETOOBIG') whose message says what is wrong; nothing of the file's content is in a message.
 */
export function readRegularFile(path: string, maxBytes = MAX_BYTES, tooBig?: (size: number) => string): Buffer {
  const abs = resolve(path);
  let real = abs;
  try {
    real = realpathSync(abs);
  } catch {
    // reported by statSync below
  }
  if (isSystemPath(real, abs)) throw new UserFileError('ESYSTEM', systemPathMessage());
  const st = statSync(abs);
  checkStats(st, maxBytes, tooBig);
  // O_NONBLOCK: should the path have become a pipe since the check, opening it does not wait.
  const fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  try {
    const now = fstatSync(fd);
    checkStats(now, maxBytes, tooBig);
    const out = Buffer.alloc(now.size);
    let at = 0;
    while (at < out.length) {
      const n = readSync(fd, out, at, out.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === out.length ? out : out.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

function checkStats(st: Stats, maxBytes: number, tooBig?: (size: number) => string): void {
  if (st.isDirectory()) throw new UserFileError('EISDIR', say('errors.file.isFolder'));
  if (!st.isFile()) throw new UserFileError('ENOTFILE', say('errors.file.notRegularKind', { kind: kindOf(st) }));
  if (st.size > maxBytes) throw new UserFileError('ETOOBIG', tooBig ? tooBig(st.size) : say('errors.file.tooBigFile', { size: Math.round(st.size / 1024 ** 2), limit: Math.round(maxBytes / 1024 ** 2) }));
}

/**
 * Reads a small text file the user named (configuration, catalogue, language file): as
 * `readRegularFile`, at most 64 MB. A folder throws a Node-like EISDIR error.
 */
export function readUserText(path: string): string {
  try {
    return readRegularFile(path, MAX_BYTES, (size) => `is ${Math.round(size / 1024 ** 2)} MB; a configuration, catalogue or language file is a few kB`).toString('utf8');
  } catch (e) {
    if (e instanceof UserFileError && e.code === 'EISDIR') throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    throw e;
  }
}

/** A sentence for an error thrown while reading a file (a Node error or a UserFileError), naming no content. */
export function readProblem(e: unknown): string {
  if (e instanceof UserFileError) return e.message;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return say('errors.file.notFound');
  if (code === 'EISDIR') return say('errors.file.isFolder');
  if (code === 'EACCES' || code === 'EPERM') return say('errors.file.permission');
  if (code === 'ELOOP') return say('errors.file.loop');
  if (code === 'ENOTDIR') return say('errors.file.notDir');
  return say('errors.file.cannotRead', { code: code ?? 'error' });
}
