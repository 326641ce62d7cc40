#!/usr/bin/env node
// Benchmark, not a test: generates a national FHI cube of about a million rows and prints
// rows/s for bare csv-parse and for `folkehelse validate` on the same file, and peak memory.
//   npm run bench:ingest            (or: node bench/ingest.mjs [rows])
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, statSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.argv[2] ?? 1_000_000);
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const file = join(out, `national-cube-${rows}.csv`);

// 357 municipalities + 15 counties + land; periods, sexes and age groups until `rows` is reached.
const register = JSON.parse(readFileSync(join(root, 'data/geography/register.json'), 'utf8'));
const geos = ['0', ...register.fylker.map((f) => String(Number(f.code))), ...register.kommuner.map((k) => String(Number(k.code)))];
const ages = ['0_17', '18_44', '45_66', '67_79', '80_120', '0_120', '18_120', '30_74', '45_74', '65_120'];
const perGeoYear = 3 * ages.length;
const years = Math.ceil(rows / (geos.length * perGeoYear));
async function generate() {
  const w = createWriteStream(file);
  const write = (s) => (w.write(s) ? Promise.resolve() : new Promise((r) => w.once('drain', r)));
  await write('GEO;AAR;KJONN;ALDER;UTDANN;INNVKAT;LANDBAK;TELLER;NEVNER;RATE;SMR;MEIS;sumTELLER;sumNEVNER;sumPREDTELLER;RATE.n;SPVFLAGG\n');
  let n = 0;
  let buf = '';
  outer: for (let y = 0; y < years; y++) {
    const aar = `${1990 + y}_${1992 + y}`;
    for (const g of geos) {
      for (const sex of [0, 1, 2]) {
        for (const age of ages) {
          if (n++ >= rows) break outer;
          const nevner = 1000 + ((n * 7919) % 90000);
          const teller = (n * 104729) % Math.max(1, Math.floor(nevner / 10));
          const flag = teller < 3 ? 3 : 0;
          buf += flag ? `${g};${aar};${sex};${age};0;0;0;;;;;;;;;;3\n` : `${g};${aar};${sex};${age};0;0;0;${teller / 3};${nevner / 3};${((teller / nevner) * 100).toFixed(6)};;;${teller};${nevner};;3;0\n`;
          if (buf.length > 1 << 20) {
            await write(buf);
            buf = '';
          }
        }
      }
    }
  }
  await write(buf);
  await new Promise((r) => w.end(r));
}

const t0 = performance.now();
await generate();
const size = statSync(file).size;
console.log(`generated ${file}: ${rows.toLocaleString('en')} rows, ${(size / 1024 ** 2).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Bare csv-parse with the very options the readers use (line endings, relaxed quotes and column
// counts, `info` for line numbers), on the same file: the ceiling for any reader built on it.
const { csvParseOptions } = await import(join(root, 'dist/ingest/csv-records.js'));
let bareRowsPerSecond;
{
  const start = performance.now();
  let n = 0;
  for await (const _ of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 }).pipe(parse(csvParseOptions(';')))) n++;
  const s = (performance.now() - start) / 1000;
  bareRowsPerSecond = n / s;
  console.log(`csv-parse (same options, no checks): ${s.toFixed(2)} s, ${Math.round(bareRowsPerSecond).toLocaleString('en')} rows/s`);
}

// folkehelse's validation in its own process, so its peak memory (max RSS) is its own; the child
// reports process.resourceUsage() (no /usr/bin/time needed).
const child = (files) => {
  const code = `const { validatePaths } = await import(${JSON.stringify(join(root, 'dist/app/validate.js'))});
const t = performance.now();
const r = await validatePaths(${JSON.stringify(files)});
console.log(JSON.stringify({ seconds: (performance.now() - t) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, totals: r.totals }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
};
const rest = child([join(root, 'fixtures/invalid/type-error.csv')]);
console.log(`folkehelse at rest (one tiny file): peak memory ${rest.rssMB.toFixed(0)} MB`);
const v = child([file]);
const validateRowsPerSecond = rows / v.seconds;
console.log(`folkehelse validate: ${v.seconds.toFixed(2)} s, ${Math.round(validateRowsPerSecond).toLocaleString('en')} rows/s, peak memory ${v.rssMB.toFixed(0)} MB for a ${(size / 1024 ** 2).toFixed(0)} MB file; ${v.totals.observations.toLocaleString('en')} observations, ${v.totals.errors} errors`);
const ratio = validateRowsPerSecond / bareRowsPerSecond;
console.log(`ratio validate / bare csv-parse: ${(ratio * 100).toFixed(0)} % (target ≥ 50 %): ${ratio >= 0.5 ? 'met' : 'NOT met'}; peak RSS ${v.rssMB.toFixed(0)} MB (target ≤ 400 MB): ${v.rssMB <= 400 ? 'met' : 'NOT met'}`);
