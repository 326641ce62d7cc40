#!/usr/bin/env node
// Benchmark, not a test: builds documents for a synthetic national dataset (357 municipalities, the
// whole catalogue, 10 periods) and prints seconds per report for Markdown only, and for
// Markdown + PDF at concurrency 1 and 2, and the total for the whole country.
//   npm run bench:build                 (PDF on a sample of 24 municipalities, extrapolated)
//   node bench/build.mjs --pdf-all      (PDF for every municipality: takes a while)
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNationalDataset } from './national-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { build } = await import(join(root, 'dist/app/build.js'));
const { findBrowser } = await import(join(root, 'dist/output/pdf.js'));
const { defaultRegister } = await import(join(root, 'dist/geo/register.js'));

const work = join(root, 'bench', 'out', 'national');
rmSync(work, { recursive: true, force: true });
const dataDir = join(work, 'data');
let t = performance.now();
const files = writeNationalDataset(dataDir);
console.log(`synthetic national dataset: ${files.length} files in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const kommuner = defaultRegister().data.kommuner.map((k) => ({ code: k.code }));
const config = (out) => ({ file: null, kommuner, data: [dataDir], edition: 2027, lang: 'nb', formats: ['md'], out, catalogue: [], suppression: {}, generatedOn: '2026-11-22' });
const perReport = (o, kind = 'kommune') => {
  const docs = o.documents.filter((d) => d.kind === kind && d.status === 'built');
  return docs.reduce((s, d) => s + d.seconds, 0) / docs.length;
};

// Markdown only, the whole country (the data is read once).
t = performance.now();
let read = 0;
const md = await build({ config: config(join(work, 'md')), formats: ['md'], concurrency: 1, onEvent: (e) => { if (e.type === 'info') read = performance.now(); } });
const mdTotal = (performance.now() - t) / 1000;
const failed = md.documents.filter((d) => d.status === 'failed');
console.log(`reading and checking the national data once: ${((read - t) / 1000).toFixed(1)} s`);
console.log(`Markdown only, ${md.documents.length - 1} municipalities + the national side-by-side report: ${mdTotal.toFixed(1)} s in all, ${perReport(md).toFixed(3)} s per report${failed.length ? `; ${failed.length} failed: ${failed[0].error}` : ''}`);

if (!findBrowser().path) {
  console.log('no Chrome/Chromium: the PDF figures are skipped (install Debian chromium)');
  process.exit(0);
}
const all = process.argv.includes('--pdf-all');
const sample = all ? kommuner : kommuner.filter((_, i) => i % Math.ceil(kommuner.length / 24) === 0);
for (const concurrency of [1, 2]) {
  // Time from the moment the data is read (reading the national data once is counted above).
  let rendering = 0;
  const o = await build({ config: { ...config(join(work, `pdf-${concurrency}`)), kommuner: sample }, formats: ['md', 'pdf'], concurrency, onEvent: (e) => { if (e.type === 'info') rendering = performance.now(); } });
  const total = (performance.now() - rendering) / 1000;
  const reports = o.documents.filter((d) => d.kind === 'kommune' && d.status === 'built').length;
  const amortised = total / reports;
  console.log(`Markdown + PDF, concurrency ${concurrency}, ${reports} municipalities${all ? '' : ' (sample)'}: ${total.toFixed(1)} s after reading the data, ${amortised.toFixed(2)} s per municipality amortised → whole country ≈ ${((amortised * kommuner.length) / 60).toFixed(1)} min`);
}
