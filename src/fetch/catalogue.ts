import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped catalogue on the real FHI Statistikk and SSB tables (indicators with an `api` block). */
export const API_CATALOGUE_DIR = fileURLToPath(new URL('../../data/catalogue-api/', import.meta.url));

export function apiCatalogueFiles(dir = API_CATALOGUE_DIR): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : [];
}

/** Whether a data folder holds tables written by `folkehelse fetch` (their `.sidecar` files). */
export function hasFetchedTables(paths: string[]): boolean {
  const has = (dir: string) => existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).some((f) => f.endsWith('.sidecar'));
  return paths.some((p) => has(p) || ['fhi', 'ssb', 'kostra'].some((s) => has(join(p, s))));
}

/**
 * The catalogue files a build uses: with fetched tables in the data, the catalogue that fetched
 * them (data/catalogue-api/) comes first, then the configuration's own files (which win).
 */
export function withFetchedCatalogue<T extends { data: string[]; catalogue: string[] }>(config: T): T {
  if (!hasFetchedTables(config.data)) return config;
  const api = apiCatalogueFiles().filter((f) => !config.catalogue.includes(f));
  return { ...config, catalogue: [...api, ...config.catalogue] };
}
