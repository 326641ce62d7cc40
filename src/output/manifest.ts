import { existsSync, readdirSync } from 'node:fs';
import { readRegularFile } from '../base/user-file.js';
import { jsonSyntaxError } from '../base/json-text.js';
import { join } from 'node:path';
import { writeFileAtomic, STAGING } from './atomic.js';
import { releaseOutputLock } from './lock.js';

/** What one document in one language was built from, and what it wrote. */
export interface DocumentRecord {
  kind: 'kommune' | 'region';
  id: string;
  name: string;
  lang: string;
  formats: string[];
  /** SHA-256 over every input below: unchanged → the document is up to date. */
  inputs: string;
  inputFiles: { file: string; sha256: string }[];
  outputs: { file: string; sha256: string }[];
}

/** `<document folder>/folkehelse-manifest.json`: one per folder, so parallel shards never share one. */
export interface Manifest {
  tool: string;
  documents: Record<string, DocumentRecord>;
}

export const MANIFEST = 'folkehelse-manifest.json';

/** A folder's manifest, or null when there is none or it cannot be used (then everything is built again). */
export function readManifest(folder: string): Manifest | null {
  const path = join(folder, MANIFEST);
  if (!existsSync(path)) return null;
  try {
    // Never a pipe or a device, and never larger than any manifest is.
    return parseManifest(readRegularFile(path, 64 * 1024 ** 2).toString('utf8'));
  } catch {
    return null; // unreadable: build again
  }
}

/** A manifest's text, or null when it is not one (a broken or foreign file: build again). */
export function parseManifest(text: string | null): Manifest | null {
  if (text === null || jsonSyntaxError(text, 32)) return null;
  try {
    const m = JSON.parse(text) as Partial<Manifest>;
    if (typeof m !== 'object' || m === null || typeof m.documents !== 'object' || m.documents === null || Array.isArray(m.documents)) return null;
    return { tool: typeof m.tool === 'string' ? m.tool : '', documents: m.documents };
  } catch {
    return null;
  }
}

/**
 * Rewrites `<out>/folkehelse-manifest.json`, the index of every document in the output folder,
 * from the folders' own manifests (so it is right whichever shard writes it last). It is the last
 * thing a build writes: the build's hold of the output folder's lock ends with it.
 */
export async function writeIndex(out: string): Promise<string> {
  try {
    return await writeIndexFile(out);
  } finally {
    releaseOutputLock(out);
  }
}

async function writeIndexFile(out: string): Promise<string> {
  const documents: (Omit<DocumentRecord, 'inputFiles'> & { folder: string })[] = [];
  if (existsSync(out)) {
    for (const folder of readdirSync(out, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort()) {
      const m = readManifest(join(out, folder));
      if (!m) continue;
      for (const lang of Object.keys(m.documents).sort()) {
        const { inputFiles, ...rest } = m.documents[lang]!;
        void inputFiles;
        documents.push({ folder, ...rest });
      }
    }
  }
  const path = join(out, MANIFEST);
  await writeFileAtomic(path, JSON.stringify({ documents }, null, 2) + '\n', join(out, STAGING));
  return path;
}
