import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/**
 * The types in src/contracts/ are generated from the JSON Schemas (the source of truth, which
 * users' editors read). A schema changed without its types fails here;
 * `UPDATE_GOLDEN=1 npx vitest run test/contracts` (or `node scripts/generate-contracts.mjs`) writes them.
 */
describe('the generated contract types', () => {
  it('are up to date with the schemas', () => {
    const args = [join(ROOT, 'scripts', 'generate-contracts.mjs'), ...(process.env.UPDATE_GOLDEN ? [] : ['--check'])];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
