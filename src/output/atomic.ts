import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Folder (inside the output folder) for files being written. */
export const STAGING = '.folkehelse-staging';

/**
 * Writes a file so that readers only ever see the old or the new whole file: the bytes go to a
 * staging folder first and are then renamed into place (atomic on one file system). A run that is
 * killed half-way leaves at most a file in the staging folder, never a partial output.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, stagingDir = join(dirname(path), STAGING)): Promise<void> {
  await ensureDir(dirname(path));
  await ensureDir(stagingDir);
  const tmp = join(stagingDir, `${process.pid}-${randomBytes(4).toString('hex')}-${basename(path)}`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

const made = new Set<string>();
/** mkdir -p, once per folder and process (a document writes dozens of files into one folder). */
async function ensureDir(dir: string): Promise<void> {
  if (made.has(dir) && existsSync(dir)) return;
  await mkdir(dir, { recursive: true });
  made.add(dir);
}

/** Removes what killed runs left in the staging folder (files of processes no longer running). */
export async function cleanStaging(stagingDir: string): Promise<number> {
  if (!existsSync(stagingDir)) return 0;
  let removed = 0;
  for (const f of await readdir(stagingDir)) {
    const pid = Number(f.split('-')[0]);
    // Files of this process or of another one still running are in flight.
    if (pid === process.pid || (Number.isInteger(pid) && alive(pid))) continue;
    await rm(join(stagingDir, f), { force: true });
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
