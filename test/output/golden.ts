import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../helpers.js';

export const GOLDEN = join(ROOT, 'test', 'output', 'golden');

/**
 * Compares with a golden file. `UPDATE_GOLDEN=1` (never in CI) rewrites it after you have reviewed
 * the change; a missing golden file fails the test instead of being written.
 */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' && !process.env.CI) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`golden file ${file} is missing: build the example and run UPDATE_GOLDEN=1 npx vitest run test/output after reviewing the output`);
  expect(actual, `differs from ${file}`).toBe(readFileSync(file, 'utf8'));
}
