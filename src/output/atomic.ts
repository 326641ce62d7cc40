import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FolkehelseError, EXIT_INVALID_DATA } from '../base/errors.js';

/** Folder (inside the output folder) for files being written. */
export const STAGING = '.folkehelse-staging';

/** What the operating system said, in words a coordinator can act on. */
const WRITE_PROBLEMS: Record<string, string> = {
  ENOSPC: 'the disk is full; free some space and build again',
  EDQUOT: 'the disk quota is used up; free some space and build again',
  EROFS: 'the file system is read-only; build into a folder that can be written (--out)',
  EACCES: 'permission denied; build into a folder you may write to (--out), or ask for write access',
  EPERM: 'the operation is not permitted (permissions, or a file that is locked or immutable); build into another folder (--out)',
  ENOTDIR: 'a part of the path is a file, not a folder; move the file away or choose another folder (--out)',
  EEXIST: 'a file is in the way where a folder is needed; move it away or choose another folder (--out)',
  EISDIR: 'a folder is in the way where a file is written; move it away or choose another folder (--out)',
  EMFILE: 'too many files are open; build with a lower --concurrency',
  ENFILE: 'too many files are open on this machine; build with a lower --concurrency',
  EIO: 'the disk reported an input/output error',
  ENAMETOOLONG: 'the path is too long; choose a shorter output folder (--out)',
  ELOOP: 'the path has a symbolic link that leads in a circle',
};

/**
 * A file or folder that could not be written: a full disk, a read-only folder, a missing
 * permission … — named with the path, never an internal error. Exit 1 by default (part of the
 * outputs was not written); 2 where nothing could be done.
 */
export class OutputError extends FolkehelseError {
  readonly code: string;
  constructor(path: string, code: string, exitCode = EXIT_INVALID_DATA) {
    super(`cannot write ${path}: ${WRITE_PROBLEMS[code] ?? `the system refused (${code})`} [${code}]`, exitCode);
    this.code = code;
  }

  /** The error as an OutputError when it is one the file system gives (ENOSPC …); anything else unchanged. */
  static from(e: unknown, path: string, exitCode = EXIT_INVALID_DATA): Error {
    if (e instanceof FolkehelseError) return e;
    const code = (e as NodeJS.ErrnoException)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new OutputError((e as NodeJS.ErrnoException).path ?? path, code, exitCode);
    return e as Error;
  }
}

/**
 * Writes a file so that readers only ever see the old or the new whole file: the bytes go to a
 * staging folder first and are then renamed into place (atomic on one file system). A run that is
 * killed half-way leaves at most a file in the staging folder, never a partial output. A write the
 * file system refuses throws an OutputError naming the path.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, stagingDir = join(dirname(path), STAGING)): Promise<void> {
  const tmp = join(stagingDir, `${process.pid}-${randomBytes(4).toString('hex')}-${basename(path)}`);
  try {
    await ensureDir(dirname(path));
    await ensureDir(stagingDir);
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw OutputError.from(e, path);
  }
}

const made = new Set<string>();
/** mkdir -p, once per folder and process (a document writes dozens of files into one folder). */
async function ensureDir(dir: string): Promise<void> {
  if (made.has(dir) && existsSync(dir)) return;
  await mkdir(dir, { recursive: true });
  made.add(dir);
}

/** mkdir -p, synchronously; an OutputError (exit 2: nothing can be written) when the file system refuses. */
export function ensureFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (e) {
    throw OutputError.from(e, dir, 2);
  }
}

// ---- documents swapped in whole ---------------------------------------------------------------

/** The journal of a staged document: written last, it says the staged files are complete. */
const COMMIT = 'commit.json';
/** Staged files sit under `files/` in the document's staging folder. */
const FILES = 'files';

interface CommitJournal {
  /** The document folder the files go into. */
  folder: string;
  /** File names inside the folder, in the order they are moved (the manifest last). */
  files: string[];
  /** Files of the folder to remove once the new ones are in (figures the document no longer has). */
  remove: string[];
}

/**
 * A document's files, written whole to a staging folder before any of them is published:
 * `stage` writes them (an OutputError when the disk is full or read-only, and nothing of the
 * document is published then); `commit` moves them into the document folder in one synchronous
 * step — no other run of this process can come between, and the build lock keeps other
 * processes out — with the manifest last. A run killed during the moves leaves the journal: the
 * next run completes them (`recoverStaging`), so the folder never keeps half of one run and half
 * of another.
 */
export class StagedDocument {
  private readonly dir: string;
  private readonly names: string[] = [];
  constructor(
    stagingRoot: string,
    readonly folder: string,
  ) {
    this.dir = join(stagingRoot, `${process.pid}-doc-${randomBytes(4).toString('hex')}`);
  }

  /** Writes one file of the document (name relative to its folder, e.g. `figurer/x.svg`) into the staging folder. */
  async stage(name: string, data: string | Uint8Array): Promise<void> {
    const path = join(this.dir, FILES, name);
    try {
      await ensureDir(dirname(path));
      await writeFile(path, data);
    } catch (e) {
      await this.discard();
      throw OutputError.from(e, join(this.folder, name));
    }
    this.names.push(name);
  }

  /**
   * Publishes the staged files: `last` (the manifest, made from the folder's manifest as it is at
   * this moment) is written after the others, and `remove` lists files to delete with them.
   */
  commit(last: { name: string; content: (current: string | null) => string }, remove: string[] = []): void {
    try {
      // The folders first: a file in the way fails the document before anything of it moves.
      for (const d of new Set([this.folder, ...this.names.map((n) => dirname(join(this.folder, n)))])) {
        mkdirSync(d, { recursive: true });
        if (!statSync(d).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR', path: d });
      }
      const current = readOptional(join(this.folder, last.name));
      // A document with no files of its own (the region has no short version) still has its manifest.
      mkdirSync(join(this.dir, FILES), { recursive: true });
      writeFileSync(join(this.dir, FILES, last.name), last.content(current));
      const journal: CommitJournal = { folder: this.folder, files: [...this.names.filter((n) => n !== last.name), last.name], remove };
      writeFileSync(join(this.dir, `${COMMIT}.tmp`), JSON.stringify(journal));
      renameSync(join(this.dir, `${COMMIT}.tmp`), join(this.dir, COMMIT));
    } catch (e) {
      rmSync(this.dir, { recursive: true, force: true });
      throw OutputError.from(e, join(this.folder, last.name));
    }
    applyJournal(this.dir);
  }

  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true }).catch(() => {});
  }
}

function readOptional(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Moves a staged document's files into place as its journal says (again, after a crash: moves done are skipped). */
function applyJournal(dir: string): void {
  const journal = JSON.parse(readFileSync(join(dir, COMMIT), 'utf8')) as CommitJournal;
  try {
    for (const name of journal.files) {
      const from = join(dir, FILES, name);
      if (!existsSync(from)) continue; // moved before the crash
      const to = join(journal.folder, name);
      mkdirSync(dirname(to), { recursive: true });
      renameSync(from, to);
    }
    for (const name of journal.remove) rmSync(join(journal.folder, name), { force: true });
  } catch (e) {
    throw OutputError.from(e, journal.folder);
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Clears what killed runs left in the staging folder (files and document folders of processes no
 * longer running): a document whose journal was written is completed, anything else removed.
 * Returns how many entries were dealt with.
 */
export async function cleanStaging(stagingDir: string): Promise<number> {
  if (!existsSync(stagingDir)) return 0;
  let removed = 0;
  for (const f of await readdir(stagingDir)) {
    const pid = Number(f.split('-')[0]);
    // Files of this process or of another one still running are in flight.
    if (pid === process.pid || (Number.isInteger(pid) && alive(pid))) continue;
    const path = join(stagingDir, f);
    try {
      if (/^\d+-doc-/.test(f) && existsSync(join(path, COMMIT))) applyJournal(path);
    } catch {
      // Cannot be completed (the folder is gone or blocked): that document's manifest no longer
      // matches its files, so the next build makes it again.
    }
    try {
      await rm(path, { recursive: true, force: true });
    } catch (e) {
      throw OutputError.from(e, path, 2);
    }
    removed++;
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
