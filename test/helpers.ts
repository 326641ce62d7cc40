import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(ROOT, 'fixtures');
export const INNHERRED = join(FIXTURES, 'innherred');
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
