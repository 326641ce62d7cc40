import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The slow end of the suite: browsers (PDF), LibreOffice, the packed-and-installed tarball, every
 * `--help` example in a fresh project. `npm test` (the developer's loop) leaves them out;
 * `npm run test:all` (vitest.all.config.ts), which CI runs, runs them too.
 */
export const SLOW = [
  'test/install/**',
  'test/commands/help-examples.test.ts',
  'test/output/browser-exit.test.ts',
  'test/output/pdf-toc.test.ts',
  'test/output/docx.test.ts',
  'test/report/print-layout.test.ts',
  'test/app/batch.test.ts',
  'test/cli/cli.test.ts',
  'test/examples/**',
];

export const base = {
  include: ['test/**/*.test.ts'],
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Files run in parallel on every core: vitest's default (cores − 1) is one file at a time on two
  // cores, while much of the suite waits on child processes and the disk.
  maxWorkers: Math.max(2, availableParallelism()),
};

export default defineConfig({
  test: { ...base, exclude: ['**/node_modules/**', ...SLOW] },
});
