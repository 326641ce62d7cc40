import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(ROOT, 'fixtures');
/** Synthetic test data (FHI cube files and other hand-written formats) for Levanger and Verdal. */
export const INNHERRED = join(FIXTURES, 'innherred-syntetisk');
export const INNHERRED_CONFIG = join(INNHERRED, 'folkehelse.config.json');
/** The synthetic data's own catalogue (standalone: it replaces the default catalogue on the real tables). */
export const SYNTHETIC_CATALOGUE = readdirSync(join(INNHERRED, 'katalog')).filter((f) => f.endsWith('.json')).sort().map((f) => join(INNHERRED, 'katalog', f));
/** The shipped example: tables fetched through `folkehelse fetch` in the APIs' shapes (test/examples/example-world.ts), Ungdata CSVs and assessments. */
export const EXAMPLE = join(FIXTURES, 'innherred');
export const EXAMPLE_CONFIG = join(EXAMPLE, 'folkehelse.config.json');
export const INVALID = join(FIXTURES, 'invalid');
/** The real FHI and SSB exports beside the repository (CI always has them). */
export const REAL_EXPORTS = join(ROOT, '..', 'shared', 'real-exports');
export const HAVE_REAL_EXPORTS = existsSync(REAL_EXPORTS);
if (!HAVE_REAL_EXPORTS) {
  console.warn(`[folkehelse tests] ${REAL_EXPORTS} not found: the tests on real exports are SKIPPED.`);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'folkehelse-test-'));
}
