import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The slow end of the suite: browsers (PDF, axe-core), LibreOffice, the packed-and-installed tarball
 * and a checkout compiled on first use, every `--help` example in a fresh project. `npm test` (the developer's loop) leaves them out;
 * `npm run test:all` (vitest.all.config.ts), which CI runs, runs them too.
 */
export const SLOW = [
  'test/install/**',
  'test/commands/help-examples.test.ts',
  'test/output/browser-exit.test.ts',
  'test/output/accessibility.test.ts',
  'test/output/pdf-toc.test.ts',
  'test/output/docx.test.ts',
  'test/report/print-layout.test.ts',
  'test/app/batch.test.ts',
  'test/cli/cli.test.ts',
  'test/examples/**',
];

/**
 * Files that replace a module of Node's (vi.mock of node:fs): they run each in a fresh module graph.
 * Every other file shares its worker's modules with the files before it (isolate: false): importing
 * the program anew for each file was half of the suite's CPU time.
 */
export const MOCKS_MODULES = [
  'test/app/preview/watch-fallback.test.ts',
  'test/output/write-safety.test.ts',
  'test/ingest/files.test.ts',
];

const PER_TEST = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // FOLKEHELSE_TEST_CPU=<file>: each test file's CPU seconds (test/cpu-profile.ts).
  setupFiles: process.env.FOLKEHELSE_TEST_CPU ? ['test/cpu-profile.ts'] : [],
};

/**
 * `npm test` prints no PDF: it runs as on a machine without a browser (FOLKEHELSE_CHROME names none),
 * so the PDF parts of the fast files are skipped, the way they are where no browser is installed.
 * Starting Chromium and printing the whole document was a fifth of the fast suite's CPU time.
 * `npm run test:all` (CI) finds the installed browser and prints every PDF.
 */
export const WITHOUT_BROWSER = { FOLKEHELSE_CHROME: '/nonexistent/npm-test-prints-no-pdf' };

/** The suite as two projects, leaving out the files `exclude` names, with `env` for every test. */
export function projects(exclude: string[], env: Record<string, string> = {}): TestProjectInlineConfiguration[] {
  const never = ['**/node_modules/**', ...exclude];
  return [
    { test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...never, ...MOCKS_MODULES], isolate: false, env, ...PER_TEST } },
    { test: { name: 'isolated', include: MOCKS_MODULES, exclude: never, isolate: true, env, ...PER_TEST } },
  ];
}

export const base = {
  globalSetup: ['test/global-setup.ts'],
  // Files run in parallel on every core: vitest's default (cores − 1) is one file at a time on two
  // cores, while much of the suite waits on child processes and the disk.
  maxWorkers: Math.max(2, availableParallelism()),
};

export default defineConfig({
  test: { ...base, projects: projects(SLOW, WITHOUT_BROWSER) },
});
