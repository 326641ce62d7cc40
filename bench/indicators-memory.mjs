#!/usr/bin/env node
// Benchmark, not a test: peak memory (max RSS) of `folkehelse indicators` and `build` as the input grows.
//   npm run build && node bench/indicators-memory.mjs [rows …]     (default: 1000000 3000000 8300000)
// 1. The synthetic national dataset (bench/national-data.mjs: every indicator of the default
//    catalogue, 373 areas, 10 periods): `indicators --kommune 5037` and `build --kommune 5037 --format md`.
// 2. One large FHI cube per size (bench/validate-memory.mjs's generator: 373 areas, 30 periods,
//    3 sexes, 10 age bands, then education levels), given to `indicators --kommune 5037` with a
//    catalogue entry that selects one age band and one education level of it (33 570 rows).
// Each run is its own process, measured by /usr/bin/time (its max RSS). Files go to bench/out/
// (not committed) and are reused. Figures: see README "Benchmarks". Measured (issue 24, 2 shared cores),
// before → after keeping only the rows the catalogue selects: cube 1 M rows 667 → 197 MB, 3 M 276 MB,
// 8.3 M (512 MB) 3.9 GB at V8's heap limit, unfinished → 371 MB; national indicators 546 → 430–479 MB,
// build 550 → 471–489 MB (two runs).
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNationalDataset } from './national-data.mjs';
import { cubeFile } from './validate-memory.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench', 'out');
const bin = join(root, 'bin', 'folkehelse');
const counts = process.argv.slice(2).map(Number);

/** Runs the CLI in its own process; its peak memory in MB and seconds. */
function measured(args, cwd) {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, FOLKEHELSE_LANG: 'nb', NO_COLOR: '1' } });
  const seconds = (performance.now() - t) / 1000;
  const rss = /maxrss=(\d+)/.exec(r.stderr);
  if (r.status !== 0 || !rss) throw new Error(`folkehelse ${args.join(' ')}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  return { mb: Number(rss[1]) / 1024, seconds, stdout: r.stdout };
}

// The program at rest: one tiny file.
const rest = measured(['indicators', '--data', join(root, 'fixtures/innherred'), '--kommune', '5037', '--json']);
console.log(`at rest (the Innherred fixture): indicators peak ${rest.mb.toFixed(0)} MB`);

// 1. The national dataset.
const national = join(out, 'indicators-memory-national');
if (!existsSync(join(national, 'data'))) writeNationalDataset(join(national, 'data'));
const ind = measured(['indicators', '--data', join(national, 'data'), '--kommune', '5037', '--json'], national);
const results = JSON.parse(ind.stdout);
console.log(`national dataset (${results.reduce((s, r) => s + r.provenance.observations, 0).toLocaleString('en')} observations shown for 5037, ${results.length} indicators): indicators peak ${ind.mb.toFixed(0)} MB, ${ind.seconds.toFixed(1)} s`);
rmSync(join(national, 'out'), { recursive: true, force: true });
const built = measured(['build', '--data', join(national, 'data'), '--kommune', '5037', '--format', 'md', '--out', join(national, 'out'), '--quiet'], national);
console.log(`national dataset: build --kommune 5037 --format md peak ${built.mb.toFixed(0)} MB, ${built.seconds.toFixed(1)} s`);

// 2. One large cube, of which the catalogue selects 33 570 rows (one age band, one education level).
const catalogue = join(out, 'indicators-memory-catalogue.json');
writeFileSync(
  catalogue,
  JSON.stringify({
    indicators: [
      {
        id: 'stor-kube',
        theme: 'b',
        title: { nb: 'Stor kube', nn: 'Stor kube' },
        howToRead: { nb: 'Syntetisk.', nn: 'Syntetisk.' },
        source: { nb: 'Syntetisk', nn: 'Syntetisk' },
        select: { source: 'fhi', table: 'stor-kube', measure: 'RATE', age: '0_120', dimensions: { UTDANN: '0', INNVKAT: '0', LANDBAK: '0' } },
        measureType: 'proportion',
        multiplier: 100,
        unit: { nb: 'prosent', nn: 'prosent' },
        polarity: 'low-is-good',
      },
    ],
  }),
);
for (const rows of counts.length ? counts : [1_000_000, 3_000_000, 8_300_000]) {
  const data = join(out, `indicators-memory-cube-${rows}`);
  if (!existsSync(join(data, 'stor-kube.csv'))) {
    mkdirSync(data, { recursive: true });
    linkSync(await cubeFile(rows), join(data, 'stor-kube.csv'));
  }
  const mb = statSync(join(data, 'stor-kube.csv')).size / 1024 ** 2;
  const r = measured(['indicators', '--data', data, '--kommune', '5037', '--catalogue', catalogue, '--json'], out);
  const result = JSON.parse(r.stdout).find((x) => x.id === 'stor-kube');
  console.log(`cube of ${rows.toLocaleString('en')} rows (${mb.toFixed(0)} MB), ${result.status}, ${result.series.kommune.length} periods: indicators peak ${r.mb.toFixed(0)} MB, ${r.seconds.toFixed(1)} s`);
}
