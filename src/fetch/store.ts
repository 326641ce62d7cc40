import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { cleanText } from '../http/text.js';
import type { Dataset } from '../jsonstat/dataset.js';
import { STAGING, writeFileAtomic } from '../output/atomic.js';
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

/** A sidecar as written: the record, by whom, the hash of the data file, and the seal over both. */
export interface Sidecar extends SidecarRecord {
  tool: 'folkehelse fetch';
  /** SHA-256 of the data file as written. */
  sha256: string;
  /**
   * SHA-256 over every other field of the sidecar (keys sorted) with the data file's hash: a
   * sidecar edited by hand no longer matches it and is ignored.
   */
  seal: string;
}

export const SIDECAR_SUFFIX = '.sidecar';

export function sidecarPath(dataDir: string, file: string): string {
  return join(dataDir, file + SIDECAR_SUFFIX);
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with every object's keys sorted: the same record gives the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v));
}

/** The seal of a sidecar: over its fields but the seal, which include the data file's SHA-256. */
export function sealOf(sidecar: Record<string, unknown>): string {
  const { seal: _seal, ...rest } = sidecar;
  void _seal;
  return sha256(`folkehelse sidecar 1\n${canonical(rest)}`);
}

/** A sidecar with its seal (after its fields have been set, e.g. by a test that moves the example's addresses). */
export function sealed<T extends Record<string, unknown>>(sidecar: T): T & { seal: string } {
  const { seal: _seal, ...rest } = sidecar;
  void _seal;
  return { ...(rest as T), seal: sealOf(rest) };
}

/** The provenance a data file carries in `extension.folkehelse` (covered by its SHA-256), or null. */
function embeddedProvenance(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const doc = JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '')) as { extension?: { folkehelse?: unknown } } | null;
    const p = doc?.extension?.folkehelse;
    return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Whether a sidecar says what its data file says of itself: API, table, id, title, address and dates. */
function agrees(s: Sidecar, p: Record<string, unknown> | null): boolean {
  if (!p) return false;
  const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
  return same(s.api, p.api) && same(s.table, p.table) && same(s.tableId, p.tableId) && same(s.title, p.title) && same(s.retrievedAt, p.retrievedAt) && same(s.modifiedAt, p.modifiedAt) && same(s.requests?.[0]?.url, p.url);
}

/** A date more than a day ahead of `now` is no retrieval or modification date. */
function inFuture(date: unknown, now: Date): boolean {
  return typeof date === 'string' && Date.parse(date) > now.getTime() + 86_400_000;
}

/** Why a sidecar is not trusted (the messages are in data/cli/<lang>.json, `fetch.sidecar`). */
export type SidecarProblem = 'unreadable' | 'notFetch' | 'noSeal' | 'changed' | 'disagrees' | 'futureDate';

/** The last fetch of a table, or why its sidecar is not trusted. */
export interface PreviousRead {
  previous: Sidecar | null;
  /** Set when the sidecar exists but is ignored (edited by hand, unreadable, dates in the future). */
  ignored?: SidecarProblem;
}

/**
 * The sidecar of a fetched table when it can decide whether the table is up to date: its data file
 * is the one it describes (same SHA-256), its seal matches its fields, and no date lies in the
 * future. A sidecar edited by hand is reported (`ignored`) and never trusted, so the table is
 * downloaded again rather than frozen; a data file changed since is downloaded again too.
 */
export function readPrevious(dataDir: string, file: string, now = new Date()): PreviousRead {
  const path = sidecarPath(dataDir, file);
  if (!existsSync(path) || !existsSync(join(dataDir, file))) return { previous: null };
  let s: Sidecar;
  try {
    s = JSON.parse(readFileSync(path, 'utf8')) as Sidecar;
  } catch {
    return { previous: null, ignored: 'unreadable' };
  }
  if (!s || typeof s !== 'object' || s.tool !== 'folkehelse fetch' || typeof s.sha256 !== 'string') return { previous: null, ignored: 'notFetch' };
  // A data file changed by hand since is not what the sidecar describes: downloaded again.
  const bytes = readFileSync(join(dataDir, file));
  if (sha256(bytes) !== s.sha256) return { previous: null };
  if (typeof s.seal !== 'string') return { previous: null, ignored: 'noSeal' };
  if (sealOf(s as unknown as Record<string, unknown>) !== s.seal) return { previous: null, ignored: 'changed' };
  // What decides "up to date" must be what the file itself says (its hash covers it).
  if (!agrees(s, embeddedProvenance(bytes))) return { previous: null, ignored: 'disagrees' };
  if (inFuture(s.retrievedAt, now) || inFuture(s.modifiedAt, now)) return { previous: null, ignored: 'futureDate' };
  return { previous: s };
}

/**
 * Why the sidecar beside a data file is not trusted although the file is the one it names (same
 * SHA-256): edited by hand, unsealed, or dated in the future; null when it is trusted, absent, or
 * describes another file (a data file changed by hand is simply cited as a file).
 */
export function sidecarProblem(dataFile: string, now = new Date()): SidecarProblem | null {
  return readPrevious(dirname(dataFile), basename(dataFile), now).ignored ?? null;
}

/** The sidecar of a fetched table, when it is trusted (see readPrevious). */
export function readSidecar(dataDir: string, file: string): Sidecar | null {
  return readPrevious(dataDir, file).previous;
}

/** The data file's text: the dataset with the provenance in `extension.folkehelse`. */
function dataText(dataset: Dataset, sidecar: SidecarRecord, extra: Record<string, unknown>): string {
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
  return JSON.stringify({ ...dataset, extension: { ...(dataset.extension ?? {}), folkehelse: provenance } }) + '\n';
}

/** A staged data file: checked before it replaces the previous one. */
export interface StagedTable {
  path: string;
  text: string;
}

/** Where fetch stages data files: the data folder's staging folder (skipped by every reader). */
export function stagingDir(dataDir: string): string {
  return join(dataDir, STAGING);
}

/** Writes the data file into the staging folder (named like the file, so that a reader takes it for the same table). */
export async function stageTable(dataDir: string, dataset: Dataset, sidecar: SidecarRecord, extra: Record<string, unknown> = {}): Promise<StagedTable> {
  const text = dataText(dataset, sidecar, extra);
  const dir = join(stagingDir(dataDir), `${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  const path = join(dir, basename(sidecar.file));
  await writeFile(path, text);
  return { path, text };
}

/** Removes a staged file (after it was refused, or moved into place). */
export async function unstage(staged: StagedTable): Promise<void> {
  await rm(dirname(staged.path), { recursive: true, force: true });
}

/**
 * Moves a checked data file into place and writes its sealed sidecar, each atomically: a reader
 * sees the old pair, or the new data file (whose old sidecar then no longer matches it).
 */
export async function commitTable(dataDir: string, staged: StagedTable, sidecar: SidecarRecord): Promise<Sidecar> {
  const full = sealed({ tool: 'folkehelse fetch' as const, ...sidecar, sha256: sha256(staged.text) }) as Sidecar;
  const target = join(dataDir, sidecar.file);
  await mkdir(dirname(target), { recursive: true });
  await rename(staged.path, target);
  await unstage(staged);
  await writeFileAtomic(sidecarPath(dataDir, sidecar.file), JSON.stringify(full, null, 2) + '\n');
  return full;
}

/**
 * Writes the dataset (with the provenance in `extension.folkehelse`, so that it travels with the
 * file, followed by what the adapter adds: a derived denominator, derived shares) and its sidecar,
 * without a check of the data (the run checks it between stageTable and commitTable).
 */
export async function writeTable(dataDir: string, dataset: Dataset, sidecar: SidecarRecord, extra: Record<string, unknown> = {}): Promise<Sidecar> {
  return commitTable(dataDir, await stageTable(dataDir, dataset, sidecar, extra), sidecar);
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

/** FHI's source (nokkel …) from a data request's address: `…/{source}/table/{id}/data`. */
function collectionOf(api: string, url: string | null, file: string): string {
  if (api !== 'fhi') return api;
  const m = url ? /\/([^/?#]+)\/[Tt]able\/\d+\/data(?:[?#]|$)/.exec(url) : null;
  if (m) return decodeURIComponent(m[1]!);
  return basename(file).replace(/-[^-]*\.json$/i, '');
}

const text = (v: unknown): string | null => (typeof v === 'string' ? cleanText(v) : null);

/**
 * The provenance of a fetched data file, read from the file itself (`extension.folkehelse`, which
 * its SHA-256 covers), when its sidecar is sealed and still describes it; null for any other file,
 * for a file changed since it was fetched (it is cited as a file), for a sidecar edited by hand,
 * and for dates in the future. Nothing a sidecar's free fields say reaches a document.
 */
export function readProvenance(dataFile: string, fileSha256?: string, now = new Date()): Provenance | null {
  try {
    const s = JSON.parse(readFileSync(dataFile + SIDECAR_SUFFIX, 'utf8')) as Sidecar;
    if (!s || s.tool !== 'folkehelse fetch' || typeof s.sha256 !== 'string' || typeof s.seal !== 'string' || sealOf(s as unknown as Record<string, unknown>) !== s.seal) return null;
    const bytes = fileSha256 === undefined ? readFileSync(dataFile) : null;
    if ((fileSha256 ?? sha256(bytes!)) !== s.sha256) return null;
    const p = embeddedProvenance(bytes ?? readFileSync(dataFile));
    if (!p) return null;
    const api = text(p.api);
    const table = text(p.table);
    const retrievedAt = text(p.retrievedAt);
    if (!api || !table || !retrievedAt || Number.isNaN(Date.parse(retrievedAt)) || inFuture(retrievedAt, now) || inFuture(p.modifiedAt, now)) return null;
    const url = text(p.url);
    return { api, collection: collectionOf(api, url, dataFile), table, tableId: text(p.tableId) ?? table, title: text(p.title), url, retrievedAt, modifiedAt: text(p.modifiedAt), sha256: s.sha256 };
  } catch {
    return null;
  }
}
