import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FolkehelseError, msg } from '../base/errors.js';
import { HttpError } from '../http/errors.js';
import { scanFile } from '../sources/read.js';
import { stagingDir, type StagedTable } from './store.js';

/**
 * A fetched table is stored only when `folkehelse validate` would accept it: the staged file is
 * read by the same readers, from the same format detection, and one error fails the table (with
 * the first errors as the reason) while the previous file stays where it is. This is what keeps
 * an answer that cannot be read — counts above their denominators, codes no register knows,
 * symbols no source uses — from blocking every later build.
 */
export async function validateStaged(staged: StagedTable, display: string, url: string): Promise<void> {
  let scan: Awaited<ReturnType<typeof scanFile>>;
  try {
    scan = await scanFile(staged.path, { display });
  } catch (e) {
    if (e instanceof FolkehelseError) throw new HttpError(url, 200, msg('http.answerUnreadable', { reason: e.message }), msg('http.adviceUnexpected'), 'invalid-answer');
    throw e;
  }
  if (scan.issues.errorCount === 0) return;
  const first = scan.issues.issues.filter((i) => i.severity === 'error').slice(0, 3);
  const more = scan.issues.errorCount - first.length;
  const what = first.map((i) => `${i.message}${i.column ? ` (${i.column})` : ''}`).join('; ');
  throw new HttpError(url, 200, msg('http.answerNotValid', { what, more: more > 0 ? msg('http.answerNotValidMore', { count: more }) : '' }), msg('http.adviceNotStored'), 'invalid-answer');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Clears what earlier runs that were stopped half-way left in the data folder's staging folders
 * (fetch's own, and the per-source ones of files written atomically): entries of processes no
 * longer running. Returns how many were removed.
 */
export async function clearStaging(dataDir: string): Promise<number> {
  const folders = [stagingDir(dataDir)];
  if (existsSync(dataDir)) {
    for (const e of await readdir(dataDir, { withFileTypes: true })) if (e.isDirectory() && !e.name.startsWith('.')) folders.push(stagingDir(join(dataDir, e.name)));
  }
  let removed = 0;
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const f of await readdir(folder)) {
      const pid = Number(f.split('-')[0]);
      if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && alive(pid))) continue;
      await rm(join(folder, f), { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
