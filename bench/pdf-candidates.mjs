// What one PDF costs and where, side by side on one document of the shipped example (Levanger's;
// `node bench/pdf.mjs --candidates`): CPU seconds of the browser's processes and of this one
// (polled from /proc, Linux only), rounds interleaved, medians. For each browser found (Debian's
// chromium-headless-shell, Chromium's new headless mode, FOLKEHELSE_CHROME): starting it with one
// page, then the document printed with its contents' page numbers
//   - "layout-only + real": a layout-only print (untagged, nothing painted) for the headings'
//     pages, then the real print with the numbers (as before);
//   - "one print": the real print, the numbers then written into it (`fillContentsPages`; now);
// and, for where the real print's time goes, the real print alone: as printed, untagged, and
// without the tables or the figures (these change the document: measurements, not candidates).
// Every variant's headings must land on the pages the contents name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The layout-only pass of before: hides everything (`visibility` does not take part in layout). */
const LAYOUT_ONLY = '<style>html, body, body * { visibility: hidden !important; }</style>';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** CPU seconds of a process and its descendants (Linux /proc). */
function treeCpu(root) {
  const ps = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ps.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / 100 });
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of ps) if (!tree.has(pid) && tree.has(p.ppid)) grew = tree.add(pid) !== null;
  }
  return [...tree].reduce((a, pid) => a + (ps.get(pid)?.cpu ?? 0), 0);
}
const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export async function candidates({ root, config, work, rounds }) {
  if (!existsSync('/proc/self/stat')) return console.log('candidates: Linux only (CPU time from /proc)');
  const { PdfRenderer, htmlForPrint, printOptions, findBrowser, CONTENTS_PLACEHOLDER } = await import(join(root, 'dist/output/pdf.js'));
  const { build } = await import(join(root, 'dist/app/build.js'));
  const { loadConfig } = await import(join(root, 'dist/config/config.js'));
  const { destinationPages } = await import(join(root, 'dist/output/pdf-outline.js'));

  // The HTML the renderer prints for Levanger (the contents with placeholders), and its real print.
  let captured;
  const render = PdfRenderer.prototype.render;
  PdfRenderer.prototype.render = async function (html, opts) {
    const pdf = await render.call(this, html, opts);
    if (opts.contents) captured = { html, opts, pages: destinationPages(pdf) };
    return pdf;
  };
  await build({ config: loadConfig(config), kommuner: ['5037'], formats: ['pdf'], out: join(work, 'candidates'), force: true });
  PdfRenderer.prototype.render = render;
  const { html, opts, pages: reference } = captured;
  const filled = Object.entries(Object.fromEntries(reference)).reduce((h, [id, p]) => h.replace(new RegExp(`(href="#${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"><span class="toc-title">[^<]*</span><span class="toc-page">)${CONTENTS_PLACEHOLDER}<`), `$1${p}<`), html);

  const browsers = [...new Set([findBrowser().path, '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium', process.env.FOLKEHELSE_CHROME].filter((p) => p && existsSync(p)))];
  const real = (h) => htmlForPrint(h, { ...opts, contents: undefined });
  const variants = {
    // As before issue 22's third round: a layout-only first pass (untagged, nothing painted), then the real print.
    'layout-only + real (before)': async (page) => {
      await page.setContent(real(html).replace('</head>', `${LAYOUT_ONLY}</head>`), { waitUntil: 'domcontentloaded' });
      destinationPages(await page.pdf({ ...printOptions(), tagged: false, outline: false }));
      await page.setContent(real(filled), { waitUntil: 'domcontentloaded' });
      return page.pdf(printOptions());
    },
    'one print (now)': null, // PdfRenderer.render itself, below
    'real print alone': async (page) => {
      await page.setContent(real(filled), { waitUntil: 'domcontentloaded' });
      return page.pdf(printOptions());
    },
    '  untagged, no outline': async (page) => {
      await page.setContent(real(filled), { waitUntil: 'domcontentloaded' });
      return page.pdf({ ...printOptions(), tagged: false, outline: false });
    },
    '  without the tables': async (page) => {
      await page.setContent(real(filled).replace(/<table[\s\S]*?<\/table>/g, ''), { waitUntil: 'domcontentloaded' });
      return page.pdf(printOptions());
    },
    '  without the figures': async (page) => {
      await page.setContent(real(filled).replace(/<svg[\s\S]*?<\/svg>/g, ''), { waitUntil: 'domcontentloaded' });
      return page.pdf(printOptions());
    },
  };
  const times = new Map();
  const add = (key, x) => times.set(key, [...(times.get(key) ?? []), x]);
  const same = new Map();
  for (let i = 0; i < rounds; i++) {
    for (const exe of browsers) {
      const env = { ...process.env, FOLKEHELSE_CHROME: exe };
      const c0 = ownCpu();
      const renderer = await PdfRenderer.launch(env, 1);
      const proc = renderer.browser.process();
      const cpu = () => treeCpu(proc.pid) + ownCpu();
      add(`${exe}\0starting it, one page`, cpu() - c0);
      const page = await renderer.acquire();
      renderer.release(page);
      const warm = cpu();
      await variants['real print alone'](page);
      add(`${exe}\0the first print in the page`, cpu() - warm);
      for (const [name, run] of Object.entries(variants)) {
        const before = cpu();
        const pdf = run ? await run(page) : await renderer.render(html, opts);
        add(`${exe}\0${name}`, cpu() - before);
        if (!name.startsWith('  ')) same.set(`${exe}\0${name}`, [...reference].every(([id, p]) => destinationPages(pdf).get(id) === p));
      }
      await renderer.close();
    }
  }
  console.log(`Levanger's document, CPU seconds (browser and this process), ${rounds} rounds, medians:`);
  for (const exe of browsers) {
    console.log(`  ${exe}`);
    for (const [key, xs] of times) if (key.startsWith(`${exe}\0`)) console.log(`    ${key.slice(exe.length + 1).padEnd(30)} ${median(xs).toFixed(2)}${same.has(key) ? (same.get(key) ? '' : "  headings' pages DIFFERENT") : ''}`);
  }
}
