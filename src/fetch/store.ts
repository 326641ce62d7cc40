import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../jsonstat/dataset.js';
import { writeFileAtomic } from '../output/atomic.js';
import type { DataRequest } from '../sources/fetch-adapter.js';

/**
 * What a fetched table's sidecar (`<file>.sidecar`, JSON) records: where, when, what; after these
 * common fields, what the API's adapter adds (FHI: flags, metadata, movedFrom, a derived
 * denominator; SSB: derived shares).
 */
export interface SidecarRecord {
  /** The API it was fetched from: fhi, ssb. */
  api: string;
  source: string;
  collection: string;
  table: string;
  /** FHI: the id the table had when fetched (differs from `table` when found by title). */
  tableId: string;
  title: string | null;
  file: string;
  /** Every data request made: method, URL and body. */
  requests: DataRequest[];
  retrievedAt: string;
  /** FHI `modifiedAt` (any change to data, metadata or labels); SSB `updated`. */
  modifiedAt: string | null;
  publishedAt: string | null;
  cells: number;
  /** What was asked, so that a changed configuration or catalogue re-downloads. */
  selectionKey: string;
  indicators: string[];
  /** The adapter's own records. */
  [extra: string]: unknown;
}

/** A sidecar as written: the record, by whom, and the hash of the data file. */
export interface Sidecar extends SidecarRecord {
  tool: 'folkehelse fetch';
  /** SHA-256 of the data file as written. */
  sha256: string;
}

export const SIDECAR_SUFFIX = '.sidecar';

export function sidecarPath(dataDir: string, file: string): string {
  return join(dataDir, file + SIDECAR_SUFFIX);
}

/** The sidecar of a fetched table, when both it and its data file exist and still match. */
export function readSidecar(dataDir: string, file: string): Sidecar | null {
  const path = sidecarPath(dataDir, file);
  if (!existsSync(path) || !existsSync(join(dataDir, file))) return null;
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as Sidecar;
    if (s.tool !== 'folkehelse fetch' || typeof s.sha256 !== 'string') return null;
    // A data file changed by hand since is not what the sidecar describes.
    if (sha256(readFileSync(join(dataDir, file))) !== s.sha256) return null;
    return s;
  } catch {
    return null;
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes the dataset (with the provenance in `extension.folkehelse`, so that it travels with the
 * file, followed by what the adapter adds: a derived denominator, derived shares) and then its
 * sidecar, each atomically: a reader sees the old pair or the new data file.
 */
export async function writeTable(dataDir: string, dataset: Dataset, sidecar: SidecarRecord, extra: Record<string, unknown> = {}): Promise<Sidecar> {
  const provenance = {
    api: sidecar.api,
    table: sidecar.table,
    tableId: sidecar.tableId,
    title: sidecar.title,
    url: sidecar.requests[0]?.url ?? null,
    retrievedAt: sidecar.retrievedAt,
    modifiedAt: sidecar.modifiedAt,
    ...extra,
  };
  const doc = { ...dataset, extension: { ...(dataset.extension ?? {}), folkehelse: provenance } };
  const text = JSON.stringify(doc) + '\n';
  const full: Sidecar = { tool: 'folkehelse fetch', ...sidecar, sha256: sha256(text) };
  await writeFileAtomic(join(dataDir, sidecar.file), text);
  await writeFileAtomic(sidecarPath(dataDir, sidecar.file), JSON.stringify(full, null, 2) + '\n');
  return full;
}

/** Where a data file came from, when `folkehelse fetch` wrote it (for citing: table, address, retrieval date). */
export interface Provenance {
  /** The API it was fetched from: fhi, ssb. */
  api: string;
  /** FHI source (nokkel …) or 'ssb'. */
  collection: string;
  table: string;
  tableId: string;
  title: string | null;
  url: string | null;
  retrievedAt: string;
  modifiedAt: string | null;
  /** SHA-256 of the data file as fetched. */
  sha256: string;
}

/**
 * The provenance of a fetched data file from its sidecar; null for any other file, and for a
 * file changed since it was fetched (its hash is no longer the sidecar's: it is cited as a file).
 */
export function readProvenance(dataFile: string, fileSha256?: string): Provenance | null {
  try {
    const s = JSON.parse(readFileSync(dataFile + SIDECAR_SUFFIX, 'utf8')) as Sidecar;
    if (s.tool !== 'folkehelse fetch' || typeof s.sha256 !== 'string') return null;
    if ((fileSha256 ?? sha256(readFileSync(dataFile))) !== s.sha256) return null;
    return { api: s.api, collection: s.collection, table: s.table, tableId: s.tableId, title: s.title, url: s.requests[0]?.url ?? null, retrievedAt: s.retrievedAt, modifiedAt: s.modifiedAt, sha256: s.sha256 };
  } catch {
    return null;
  }
}
