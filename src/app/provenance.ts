import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, sep } from 'node:path';
import { readProvenance, sidecarProblem, type SidecarProblem } from '../fetch/store.js';
import type { LoadedData } from '../sources/load.js';
import type { SourceFileInfo } from '../report/model.js';

/** SHA-256, hex: of the inputs (for incremental builds), the outputs (the manifest) and the data files (the document cites them). */
export function hash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Hashes of files, reused while a file's size and modification time stay the same. */
const fileHashes = new Map<string, { stamp: string; sha256: string }>();
export function hashFile(path: string): string {
  const st = statSync(path);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const cached = fileHashes.get(path);
  if (cached?.stamp === stamp) return cached.sha256;
  const sha256 = hash(readFileSync(path));
  fileHashes.set(path, { stamp, sha256 });
  return sha256;
}

export function toPosix(p: string): string {
  return p.split(sep).join('/');
}

/**
 * A data file as the document names it: its path inside the project folder, or only its name when
 * it lies outside (a `../../…` path says where the build machine keeps files, not what the source is).
 */
export function citedPath(base: string, path: string): string {
  const rel = relative(base, path);
  return rel.startsWith('..') || isAbsolute(rel) ? basename(path) : toPosix(rel);
}

/**
 * Per data file: SHA-256, source, tables (a download recognised by what it holds: the table it is) and periods, for the Kunnskapsgrunnlag. A sidecar that is
 * not trusted (edited by hand …) is ignored — the file is cited as a file — and told to `onProblem`.
 */
export function describeFiles(data: LoadedData, base: string, onProblem?: (file: string, problem: SidecarProblem) => void): Map<string, SourceFileInfo> {
  // Every row of the file, also those the run did not keep (loadData's summary).
  const byFile = data.summary.files;
  const out = new Map<string, SourceFileInfo>();
  for (const { file, recognised } of data.files) {
    const f = byFile.get(file.display);
    if (!f) continue;
    const sha256 = hashFile(file.path);
    // A table written by `folkehelse fetch` is cited by source, table and retrieval date, not by path:
    // all read from the data file itself (its SHA-256 covers them), never from the sidecar's fields.
    const hasSidecar = existsSync(`${file.path}.sidecar`);
    const p = hasSidecar ? readProvenance(file.path, sha256) : null;
    if (hasSidecar && !p && onProblem) {
      const problem = sidecarProblem(file.path);
      if (problem) onProblem(file.display, problem);
    }
    const fetched = p ? { api: p.api, collection: p.collection, table: p.tableId, title: p.title, retrievedAt: p.retrievedAt, url: p.url } : undefined;
    const retrieved = p && /^\d{4}-\d{2}-\d{2}/.test(p.retrievedAt) ? p.retrievedAt.slice(0, 10) : null;
    out.set(file.display, { file: citedPath(base, file.path), sha256, source: f.source, tables: recognised ? [recognised.table] : [...f.tables].sort(), periods: f.from === f.to ? String(f.from) : `${f.from}–${f.to}`, retrieved, ...(fetched ? { fetched } : {}) });
  }
  return out;
}
