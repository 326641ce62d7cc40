#!/usr/bin/env node
// Benchmark, not a test: what the PDF costs next to Markdown (issue 22), printed as ratios and
// measured side by side in one run (rounds interleaved, medians: the machine may be shared).
//   npm run bench:pdf                        (5 rounds; the county batch once)
//   node bench/pdf.mjs --rounds 7 --county-rounds 2 --fylke 50
//   node bench/pdf.mjs --candidates          (also the first-pass candidates on one document)
//   node bench/pdf.mjs --skip-county         (without the county batch, which takes minutes)
//   node bench/pdf.mjs --baseline ../old     (the same, interleaved, for another built checkout)
// 1. One municipality cold, a new process each time (`folkehelse build --kommune 5037` on the
//    shipped example): Markdown, and Markdown + PDF. Target: Markdown + PDF ≤ 2 × Markdown.
// 2. Per PDF, amortised: (Markdown + PDF − Markdown) / PDFs, at concurrency 2, over the shipped
//    example's documents and over a county of the synthetic national dataset (bench/national-data.mjs).
//    Target: ≤ 1 s per PDF over a county.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNationalDataset } from './national-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const ROUNDS = Number(arg('--rounds', '5'));
const COUNTY_ROUNDS = Number(arg('--county-rounds', '1'));
const FYLKE = arg('--fylke', '50');
const baseline = arg('--baseline', null);
const CONFIG = join(root, 'fixtures/innherred/folkehelse.config.json');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const s = (x) => `${x.toFixed(2)} s`;
const work = mkdtempSync(join(tmpdir(), 'folkehelse-bench-pdf-'));

/** The checkouts measured: this one, and the baseline when given (each built, with node_modules). */
const checkouts = [];
for (const [label, dir] of [['this checkout', root], ...(baseline ? [['baseline', resolve(baseline)]] : [])]) {
  checkouts.push({
    label,
    dir,
    build: (await import(join(dir, 'dist/output/build.js'))).build,
    loadConfig: (await import(join(dir, 'dist/config.js'))).loadConfig,
  });
}
const { findBrowser } = await import(join(root, 'dist/output/pdf.js'));
if (!findBrowser().path) {
  console.log('no Chrome/Chromium: nothing to measure (install Debian chromium, or set FOLKEHELSE_CHROME)');
  process.exit(0);
}
const tag = (c) => (checkouts.length > 1 ? `[${c.label}] ` : '');

/** Wall seconds of one cold CLI run. */
function cold(dir, args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(dir, 'bin/folkehelse'), ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 2) throw new Error(`folkehelse ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return seconds;
}

// 1. One municipality, cold.
const coldTimes = new Map(checkouts.map((c) => [c, { version: [], md: [], pdf: [] }]));
for (let i = 0; i < ROUNDS; i++) {
  for (const c of checkouts) {
    const t = coldTimes.get(c);
    const out = join(work, `cold-${i}`);
    const common = ['build', '--config', CONFIG, '--kommune', '5037', '--force', '--quiet'];
    t.version.push(cold(c.dir, ['--version']));
    t.md.push(cold(c.dir, [...common, '--format', 'md', '--out', join(out, 'md')]));
    t.pdf.push(cold(c.dir, [...common, '--format', 'md,pdf', '--out', join(out, 'pdf')]));
  }
}
for (const [c, t] of coldTimes) {
  console.log(`${tag(c)}one municipality cold (${ROUNDS} rounds, medians): folkehelse --version ${s(median(t.version))}, Markdown ${s(median(t.md))}, Markdown + PDF ${s(median(t.pdf))}`);
  console.log(`  Markdown + PDF / Markdown = ${(median(t.pdf) / median(t.md)).toFixed(2)} (target ≤ 2); Markdown / --version = ${(median(t.md) / median(t.version)).toFixed(2)}`);
}

/** Markdown, and Markdown + PDF, of the same documents in this process at concurrency 2, interleaved. */
async function perPdf(label, config, rounds) {
  const times = new Map(checkouts.map((c) => [c, { md: [], pdf: [], pdfs: 0 }]));
  for (let i = 0; i < rounds; i++) {
    for (const c of checkouts) {
      const t = times.get(c);
      for (const formats of [['md'], ['md', 'pdf']]) {
        const start = performance.now();
        const o = await c.build({ config: config(c), formats, out: join(work, `${label}-${i}-${formats.join('')}`), force: true, concurrency: 2 });
        (formats.length === 1 ? t.md : t.pdf).push((performance.now() - start) / 1000);
        const failed = o.documents.filter((d) => d.status !== 'built');
        if (failed.length) throw new Error(`${label}: ${failed.length} documents not built: ${failed[0].error}`);
        if (formats.length === 2) t.pdfs = o.documents.length;
      }
    }
  }
  for (const [c, t] of times) {
    const extra = (median(t.pdf) - median(t.md)) / t.pdfs;
    console.log(`${tag(c)}${label} at concurrency 2 (${rounds} round${rounds > 1 ? 's' : ''}, medians): Markdown ${s(median(t.md))}, Markdown + PDF ${s(median(t.pdf))}, ${t.pdfs} PDFs`);
    console.log(`  per PDF amortised: ${s(extra)} more than Markdown (target ≤ 1 s over a county); Markdown + PDF ${s(median(t.pdf) / t.pdfs)} per document in all`);
  }
}

// 2. The shipped example: two municipalities and the region report.
await perPdf('the shipped example', (c) => c.loadConfig(CONFIG), ROUNDS);

// 3. A county of the synthetic national dataset.
if (!process.argv.includes('--skip-county')) {
  const { defaultRegister } = await import(join(root, 'dist/geo/register.js'));
  const kommuner = defaultRegister()
    .data.kommuner.filter((k) => k.fylke === FYLKE)
    .map((k) => ({ code: k.code }));
  const dataDir = join(work, 'national');
  writeNationalDataset(dataDir);
  const config = { file: null, kommuner, data: [dataDir], edition: 2027, lang: 'nb', formats: ['md'], out: work, catalogue: [], suppression: {}, generatedOn: '2026-11-22' };
  await perPdf(`county ${FYLKE} (${kommuner.length} municipalities, synthetic data)`, () => config, COUNTY_ROUNDS);
}

if (process.argv.includes('--candidates')) {
  const { candidates } = await import('./pdf-candidates.mjs');
  await candidates({ root, config: CONFIG, work, rounds: ROUNDS });
}
rmSync(work, { recursive: true, force: true });
