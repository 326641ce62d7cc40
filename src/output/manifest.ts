import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, STAGING } from './atomic.js';

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

export function readManifest(folder: string): Manifest | null {
  const path = join(folder, MANIFEST);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return null; // unreadable: build again
  }
}

/**
 * Rewrites `<out>/folkehelse-manifest.json`, the index of every document in the output folder,
 * from the folders' own manifests (so it is right whichever shard writes it last).
 */
export async function writeIndex(out: string): Promise<string> {
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
