/**
 * One build at a time per output folder. A build holds `<out>/.folkehelse-lock` (its process id,
 * host and start time) while it writes; a second build into the same folder — a shard of the same
 * run too — is refused with a sentence saying who holds it. A lock whose process is gone (killed,
 * crashed, or the id now another process's) is stale and taken over.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FolkehelseError, EXIT_USAGE } from '../base/errors.js';
import { ensureFolder, OutputError } from './atomic.js';

export const LOCK = '.folkehelse-lock';

interface LockInfo {
  pid: number;
  host: string;
  started: string;
  token: string;
}

/** The output folder is in use by another build. */
export class OutputLockedError extends FolkehelseError {
  constructor(out: string, other: LockInfo, file: string) {
    const who = other.pid === 0 ? 'unknown' : `${other.host === hostname() ? '' : `on ${other.host}, `}process ${other.pid}, started ${other.started.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`;
    super(`${out}: another folkehelse build (${who}) is writing into this output folder; wait until it has finished, or build into another folder with --out. If no build is running, delete ${file}`, EXIT_USAGE);
  }
}

/** Locks this process holds: lock file → how many runs of this process hold it. */
const held = new Map<string, { token: string; count: number }>();
let exitHandler = false;

/**
 * Takes the output folder's lock for a build (creating the folder). Re-entrant within one process
 * (its runs write each document in one synchronous step, so they cannot mix one). Throws
 * OutputLockedError (exit 2) when another build holds a lock that overlaps, OutputError when the
 * folder cannot be written at all.
 */
export function acquireOutputLock(out: string): () => void {
  ensureFolder(out);
  const file = join(out, LOCK);
  const mine = held.get(file);
  if (mine) {
    mine.count++;
    return once(() => release(file));
  }
  const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  for (let attempt = 0; ; attempt++) {
    if (create(file, info)) break;
    const other = readLock(file);
    if (other && !isStale(other, file)) throw new OutputLockedError(out, other, file);
    if (attempt >= 3) throw new OutputLockedError(out, other ?? { ...info, pid: 0, token: '' }, file);
    breakStale(file, other);
  }
  held.set(file, { token: info.token, count: 1 });
  if (!exitHandler) {
    exitHandler = true;
    process.on('exit', () => {
      for (const f of held.keys()) removeIfOurs(f, held.get(f)!.token);
    });
  }
  return once(() => release(file));
}

/** Releases this process's hold of a folder's lock (once per acquisition; the file goes with the last). */
export function releaseOutputLock(out: string): void {
  release(join(out, LOCK));
}

function release(file: string): void {
  const mine = held.get(file);
  if (!mine) return;
  if (--mine.count > 0) return;
  held.delete(file);
  removeIfOurs(file, mine.token);
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (!done) (done = true), f();
  };
}

/** Creates the lock file exclusively; false when one exists. */
function create(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw OutputError.from(e, file, 2);
  }
  try {
    writeSync(fd, JSON.stringify(info) + '\n');
  } catch (e) {
    closeSync(fd);
    removeQuietly(file);
    throw OutputError.from(e, file, 2);
  }
  closeSync(fd);
  return true;
}

function readLock(file: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string' || typeof v.started !== 'string' || typeof v.token !== 'string') return null;
    return { pid: v.pid, host: v.host, started: v.started, token: v.token };
  } catch {
    return null;
  }
}

/**
 * A lock is stale when its process is gone (or is another process that got the same id since), or
 * when it cannot be read and is older than a few seconds (a build killed while writing it). A lock
 * of another host cannot be checked and is never stale.
 */
function isStale(info: LockInfo | null, file: string): boolean {
  if (!info) return ageMs(file) > 5000;
  if (info.host !== hostname()) return false;
  if (info.pid === process.pid) return !held.has(file);
  if (!alive(info.pid)) return true;
  const started = processStart(info.pid);
  return started !== null && started > Date.parse(info.started) + 2000;
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Removes a stale lock so that only one of several builds finding it takes over: the lock is first
 * renamed to a name of this process (atomic), and put back when it turns out not to be the stale
 * one read (another build took over in between).
 */
function breakStale(file: string, seen: LockInfo | null): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // gone already: another build broke it; try again
  }
  const moved = readLock(aside);
  if (seen && moved && moved.token !== seen.token && !isStale(moved, aside)) {
    // A fresh lock of another build: put it back, unless a third one holds the name by now.
    try {
      if (!existsSync(file)) renameSync(aside, file);
      else removeQuietly(aside);
    } catch {
      removeQuietly(aside);
    }
    return;
  }
  removeQuietly(aside);
}

function removeIfOurs(file: string, token: string): void {
  if (readLock(file)?.token === token) removeQuietly(file);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started (ms since the epoch), where /proc tells (Linux); else null. */
function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return null;
    return btime * 1000 + (ticks / 100) * 1000;
  } catch {
    return null;
  }
}
