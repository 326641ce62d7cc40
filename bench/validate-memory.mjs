#!/usr/bin/env node
// Benchmark, not a test: peak memory of `folkehelse validate` on generated national FHI cubes
// (valid, every row a distinct observation, so the duplicate-row table holds every key).
//   npm run build && node bench/validate-memory.mjs [rows …]     (default: 1000000 3000000)
// Files go to bench/out/ (not committed) and are reused when already there. Each validation
// runs in its own process; the peak (max RSS) comes from process.resourceUsage() of that process.
// Measured (issue 24, 2 shared cores): 1 M rows (61 MB) 174 → 171 MB; 3 M rows (183 MB) 278 → 226 MB;
// 8.3 M rows (512 MB) 312 MB after the change (the issue measured 694 MB for 500 MB before); at rest 68 MB.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench', 'out');

// 357 municipalities + 15 counties + land; periods, sexes and age groups until `rows` is reached.
const register = JSON.parse(readFileSync(join(root, 'data/geography/register.json'), 'utf8'));
const geos = ['0', ...register.fylker.map((f) => String(Number(f.code))), ...register.kommuner.map((k) => String(Number(k.code)))];
const ages = ['0_17', '18_44', '45_66', '67_79', '80_120', '0_120', '18_120', '30_74', '45_74', '65_120'];

/** The cube of `rows` rows under bench/out/ (made once, then reused); bench/indicators-memory.mjs reads it too. */
export async function cubeFile(rows) {
  mkdirSync(out, { recursive: true });
  const file = join(out, `validate-memory-${rows}.csv`);
  if (!existsSync(file)) await generate(rows, file);
  return file;
}

async function generate(rows, file) {
  const w = createWriteStream(file);
  const write = (s) => (w.write(s) ? Promise.resolve() : new Promise((r) => w.once('drain', r)));
  await write('GEO;AAR;KJONN;ALDER;UTDANN;INNVKAT;LANDBAK;TELLER;NEVNER;RATE;SMR;MEIS;sumTELLER;sumNEVNER;sumPREDTELLER;RATE.n;SPVFLAGG\n');
  let n = 0;
  let buf = '';
  // Years, then education levels when the years run out, so that any number of rows stays distinct.
  outer: for (let utd = 0; ; utd++) {
    for (let y = 0; y < 30; y++) {
      const aar = `${1990 + y}_${1992 + y}`;
      for (const g of geos) {
        for (const sex of [0, 1, 2]) {
          for (const age of ages) {
            if (n++ >= rows) break outer;
            const nevner = 1000 + ((n * 7919) % 90000);
            const teller = 3 + ((n * 104729) % Math.max(1, Math.floor(nevner / 10)));
            buf += `${g};${aar};${sex};${age};${utd};0;0;${teller};${nevner};${((teller / nevner) * 100).toFixed(4)};;;${teller};${nevner};;3;0\n`;
            if (buf.length > 1 << 20) {
              await write(buf);
              buf = '';
            }
          }
        }
      }
    }
  }
  await write(buf);
  await new Promise((r) => w.end(r));
}

function validateInChild(files) {
  const code = `const { validatePaths } = await import(${JSON.stringify(join(root, 'dist/app/validate.js'))});
const t = performance.now();
const r = await validatePaths(${JSON.stringify(files)});
console.log(JSON.stringify({ seconds: (performance.now() - t) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, totals: r.totals }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// Run as a script (not when bench/indicators-memory.mjs imports the generator).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const counts = process.argv.slice(2).map(Number);
  const rest = validateInChild([join(root, 'fixtures/invalid/type-error.csv')]);
  console.log(`at rest (one tiny file): peak ${rest.rssMB.toFixed(0)} MB`);
  for (const rows of counts.length ? counts : [1_000_000, 3_000_000]) {
    const file = await cubeFile(rows);
    const mb = statSync(file).size / 1024 ** 2;
    const v = validateInChild([file]);
    console.log(`${rows.toLocaleString('en')} rows, ${mb.toFixed(0)} MB: peak ${v.rssMB.toFixed(0)} MB, ${v.seconds.toFixed(1)} s, ${v.totals.observations.toLocaleString('en')} observations, ${v.totals.errors} errors`);
  }
}
