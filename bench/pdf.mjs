#!/usr/bin/env node
// Benchmark, not a test: what the PDF costs next to Markdown (issue 22), printed as ratios and
// measured side by side in one run — every figure a cold `folkehelse build` process, rounds
// interleaved, medians (the machine may be shared). Wall time, and on Linux the CPU time of the
// process and all its descendants (the browser's processes included), which a busy machine
// disturbs far less than wall time.
//   npm run bench:pdf                        (5 rounds; the county batch once)
//   node bench/pdf.mjs --rounds 7 --county-rounds 3 --fylke 50
//   node bench/pdf.mjs --candidates          (also the first-pass candidates on one document)
//   node bench/pdf.mjs --skip-county         (without the county batch, which takes minutes)
//   node bench/pdf.mjs --baseline ../old     (another built checkout, interleaved with this one; repeatable)
//   node bench/pdf.mjs --cold-only           (only `folkehelse --version` and the cold Markdown build)
//   node bench/pdf.mjs --county-only         (only the county batch)
// 1. One municipality cold (`--kommune 5037` on the shipped example): `folkehelse --version`,
//    Markdown, and Markdown + PDF. Targets: Markdown ≤ 3 × `--version` in CPU time (the CLI's
//    start-up cost), Markdown + PDF ≤ 2 × Markdown in wall time.
// 2. Per PDF, amortised: (Markdown + PDF − Markdown) / PDFs at concurrency 2, over the shipped
//    example's documents and over a county of the synthetic national dataset (bench/national-data.mjs).
//    Target: ≤ 1 s per PDF over a county.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
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
const COLD_ONLY = process.argv.includes('--cold-only');
const COUNTY_ONLY = process.argv.includes('--county-only');
const CONFIG = join(root, 'fixtures/innherred/folkehelse.config.json');
const baselines = process.argv.flatMap((a, i) => (a === '--baseline' && process.argv[i + 1] ? [resolve(process.argv[i + 1])] : []));
const checkouts = [{ label: 'this checkout', dir: root }, ...baselines.map((dir) => ({ label: `baseline ${basename(dir)}`, dir }))];
const tag = (c) => (checkouts.length > 1 ? `[${c.label}] ` : '');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const f2 = (x) => (x === null ? '–' : x.toFixed(2));
const work = mkdtempSync(join(tmpdir(), 'folkehelse-bench-pdf-'));

const { findBrowser } = await import(join(root, 'dist/output/pdf.js'));
if (!findBrowser().path) {
  console.log('no Chrome/Chromium: nothing to measure (install Debian chromium, or set FOLKEHELSE_CHROME)');
  process.exit(0);
}

/** The processes' parent and own CPU seconds (Linux /proc), or null elsewhere. */
function processes() {
  if (!existsSync('/proc/self/stat')) return null;
  const out = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / 100 }); // utime + stime, USER_HZ 100
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * One cold CLI run: wall seconds, and CPU seconds of the process and all its descendants. The
 * process's own CPU time is exact: it runs under bash, whose `times` reports it once the process
 * has been reaped (a poll would miss up to 0.1 s of it, a third of `--version`). The browser's
 * processes are not reaped through the process (Chromium's renderers are re-parented), so theirs
 * are polled every 100 ms from /proc: a lower bound by up to 0.1 s a process.
 */
async function cold(dir, args) {
  const t = performance.now();
  const script = '"$@" 2>&3; s=$?; times; exit $s';
  const child = spawn('bash', ['-c', script, 'bash', process.execPath, join(dir, 'bin/folkehelse'), ...args], { stdio: ['ignore', 'pipe', 'ignore', 'pipe'] });
  let times = '';
  let stderr = '';
  child.stdout.on('data', (d) => (times += d));
  child.stdio[3].on('data', (d) => (stderr += d));
  const tracked = new Set([child.pid]);
  const cpu = new Map();
  let known = true;
  const poll = () => {
    const ps = processes();
    if (!ps) return void (known = false);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, p] of ps) {
        if (tracked.has(pid) || !tracked.has(p.ppid)) continue;
        tracked.add(pid);
        grew = true;
      }
    }
    // The shell and its child (the CLI) are counted by `times`; the rest, the browser's, here.
    for (const pid of tracked) if (ps.has(pid) && pid !== child.pid && ps.get(pid).ppid !== child.pid) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, ps.get(pid).cpu));
  };
  const timer = setInterval(poll, 100);
  const status = await new Promise((done) => child.on('close', (code) => done(code)));
  clearInterval(timer);
  const wall = (performance.now() - t) / 1000;
  if (status !== 0 && status !== 2) throw new Error(`folkehelse ${args.join(' ')}: exit ${status}\n${stderr}`);
  // `times`: the shell's user and system time, then its children's (the CLI's), as 0m1.234s.
  const own = [...(times.trim().split('\n').at(-1) ?? '').matchAll(/(\d+)m([\d.]+)s/g)].reduce((a, m) => a + Number(m[1]) * 60 + Number(m[2]), 0);
  return { wall, cpu: known ? own + [...cpu.values()].reduce((a, b) => a + b, 0) : null };
}

const pdfsIn = (dir) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.pdf')).length;

/** Median wall and CPU of each kind of run, per checkout: runs(c, round) gives { kind: args }. */
async function measure(rounds, runs) {
  const out = new Map(checkouts.map((c) => [c, new Map()]));
  for (let i = 0; i < rounds; i++) {
    for (const c of checkouts) {
      for (const [kind, args] of Object.entries(runs(c, i))) {
        const r = await cold(c.dir, args);
        const m = out.get(c);
        if (!m.has(kind)) m.set(kind, { wall: [], cpu: [] });
        m.get(kind).wall.push(r.wall);
        m.get(kind).cpu.push(r.cpu);
      }
    }
  }
  const med = (xs) => (xs.includes(null) ? null : median(xs));
  return new Map([...out].map(([c, m]) => [c, Object.fromEntries([...m].map(([k, v]) => [k, { wall: median(v.wall), cpu: med(v.cpu) }]))]));
}

// 1. One municipality, cold.
const one = COUNTY_ONLY ? new Map() : await measure(ROUNDS, (c, i) => {
  const common = ['build', '--config', CONFIG, '--kommune', '5037', '--force', '--quiet'];
  const runs = { version: ['--version'], md: [...common, '--format', 'md', '--out', join(work, `one-${i}-md`)] };
  return COLD_ONLY ? runs : { ...runs, pdf: [...common, '--format', 'md,pdf', '--out', join(work, `one-${i}-pdf`)] };
});
for (const [c, t] of one) {
  console.log(`${tag(c)}one municipality cold (${ROUNDS} rounds, medians, wall / CPU): folkehelse --version ${f2(t.version.wall)} / ${f2(t.version.cpu)} s, Markdown ${f2(t.md.wall)} / ${f2(t.md.cpu)} s${t.pdf ? `, Markdown + PDF ${f2(t.pdf.wall)} / ${f2(t.pdf.cpu)} s` : ''}`);
  console.log(`  Markdown / folkehelse --version: CPU ${t.version.cpu ? f2(t.md.cpu / t.version.cpu) : '–'} (target ≤ 3), wall ${f2(t.md.wall / t.version.wall)}`);
  // The ratio's yardstick moves when start-up gets cheaper (every command loads less): the build's own work, apart.
  if (t.version.cpu !== null && t.md.cpu !== null) console.log(`  Markdown − folkehelse --version (the build's own work): CPU ${f2(t.md.cpu - t.version.cpu)} s`);
  if (t.pdf) console.log(`  Markdown + PDF / Markdown: wall ${f2(t.pdf.wall / t.md.wall)} (target ≤ 2), CPU ${t.md.cpu ? f2(t.pdf.cpu / t.md.cpu) : '–'}`);
}
if (COLD_ONLY) {
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

/** Per PDF at concurrency 2: Markdown, and Markdown + PDF, of the documents of a configuration. */
async function perPdf(label, config, rounds) {
  const times = await measure(rounds, (c, i) => {
    const common = ['build', '--config', config, '--concurrency', '2', '--force', '--quiet'];
    return { md: [...common, '--format', 'md', '--out', join(work, `${label}-${i}-md`)], pdf: [...common, '--format', 'md,pdf', '--out', join(work, `${label}-${i}-pdf`)] };
  });
  const pdfs = pdfsIn(join(work, `${label}-0-pdf`));
  for (const [c, t] of times) {
    const per = (k) => (t.pdf[k] === null ? null : (t.pdf[k] - t.md[k]) / pdfs);
    console.log(`${tag(c)}${label} at concurrency 2 (${rounds} round${rounds > 1 ? 's' : ''}, medians, wall / CPU): Markdown ${f2(t.md.wall)} / ${f2(t.md.cpu)} s, Markdown + PDF ${f2(t.pdf.wall)} / ${f2(t.pdf.cpu)} s, ${pdfs} PDFs`);
    console.log(`  per PDF amortised, more than Markdown: wall ${f2(per('wall'))} s (target ≤ 1 s over a county), CPU ${f2(per('cpu'))} s`);
  }
}

// 2. The shipped example: two municipalities and the region report.
if (!COUNTY_ONLY) await perPdf('the shipped example', CONFIG, ROUNDS);

// 3. A county of the synthetic national dataset.
if (!process.argv.includes('--skip-county')) {
  const { defaultRegister } = await import(join(root, 'dist/geo/register.js'));
  const kommuner = defaultRegister()
    .data.kommuner.filter((k) => k.fylke === FYLKE)
    .map((k) => ({ code: k.code }));
  const dir = join(work, 'county');
  writeNationalDataset(join(dir, 'data'));
  writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ kommuner, data: ['data'], edition: 2027, lang: 'nb', generatedOn: '2026-11-22' }));
  await perPdf(`county ${FYLKE} (${kommuner.length} municipalities, synthetic data)`, join(dir, 'folkehelse.config.json'), COUNTY_ROUNDS);
}

if (process.argv.includes('--candidates')) {
  const { candidates } = await import('./pdf-candidates.mjs');
  await candidates({ root, config: CONFIG, work, rounds: ROUNDS });
}
rmSync(work, { recursive: true, force: true });
