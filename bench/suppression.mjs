#!/usr/bin/env node
// Benchmark, not a test: the property-based suppression test run long. Random families of areas,
// sexes, gradient groups and periods with small counts are built into every output a run makes
// (Markdown documents, region report, --json, --csv) and checked by linear algebra: no suppressed
// cell may be determined by what is published. Prints runs, time and time per run.
//   npm run bench:suppression                     (300 runs)
//   FOLKEHELSE_PROPERTY_RUNS=2000 FOLKEHELSE_PROPERTY_SEED=42 npm run bench:suppression
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.FOLKEHELSE_PROPERTY_RUNS ?? 300);
const start = performance.now();
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/output/disclosure-property.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FOLKEHELSE_PROPERTY_RUNS: String(runs), FOLKEHELSE_PROPERTY_TIMEOUT: String(Math.max(120_000, runs * 2_000)) },
});
const seconds = (performance.now() - start) / 1000;
console.log(`suppression property: ${runs} random runs in ${seconds.toFixed(1)} s (${((seconds / runs) * 1000).toFixed(0)} ms per run), ${r.status === 0 ? 'no suppressed cell derivable' : 'FAILED (see the counterexample above)'}`);
process.exit(r.status ?? 1);
