// The candidates for the table of contents' first pass, side by side on one document of the shipped
// example (`node bench/pdf.mjs --candidates`): each is a print of the same HTML (the contents
// with placeholders) in the same locked-down page, timed from setContent to the PDF's bytes;
// rounds interleaved, medians. Each candidate's pages of the headings are compared with the
// real print's.
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export async function candidates({ root, config, work, rounds }) {
  const { PdfRenderer, htmlForPrint, printOptions, findBrowser } = await import(join(root, 'dist/output/pdf.js'));
  const { build } = await import(join(root, 'dist/output/build.js'));
  const { loadConfig } = await import(join(root, 'dist/config.js'));
  const { destinationPages } = await import(join(root, 'dist/output/pdf-outline.js'));

  // The HTML the renderer prints for Levanger: the contents with placeholders, then with pages.
  const printed = [];
  const render = PdfRenderer.prototype.render;
  PdfRenderer.prototype.render = async function (html, opts) {
    printed.push({ html, opts });
    return render.call(this, html, opts);
  };
  await build({ config: loadConfig(config), kommuner: ['5037'], formats: ['pdf'], out: join(work, 'candidates'), force: true });
  PdfRenderer.prototype.render = render;
  const placeholders = printed.find((p) => p.opts.layoutOnly);
  const real = printed.at(-1);

  // Starting the browser: once per run, after the data is read (it could start while the data is read).
  const launches = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const renderer = await PdfRenderer.launch(process.env, 1);
    launches.push((performance.now() - t) / 1000);
    await renderer.close();
  }
  console.log(`starting the browser with one locked-down page: ${median(launches).toFixed(2)} s (median of ${rounds})`);

  const browser = await puppeteer.launch({ executablePath: findBrowser().path, headless: true, pipe: true, args: ['--disable-gpu', '--disable-dev-shm-usage', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] });
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  const labels = { ...real.opts, layoutOnly: false };
  const hidden = htmlForPrint(placeholders.html, { ...labels, layoutOnly: true });
  const shown = htmlForPrint(placeholders.html, labels);
  const all = {
    'tagged + outline, painted (the old first pass)': [shown, printOptions({})],
    'untagged + outline (Chromium tags it anyway)': [shown, { ...printOptions({}), tagged: false }],
    'untagged, no outline, painted': [shown, printOptions({ layoutOnly: true })],
    'tagged + outline, nothing painted': [hidden, printOptions({})],
    'layout only: untagged, nothing painted (chosen)': [hidden, printOptions({ layoutOnly: true })],
    'the real print (tagged + outline, with pages)': [htmlForPrint(real.html, labels), printOptions({})],
  };
  const times = new Map();
  const results = new Map();
  for (let i = 0; i < rounds; i++) {
    for (const [name, [html, options]] of Object.entries(all)) {
      const t = performance.now();
      await page.setContent(html, { waitUntil: 'domcontentloaded' });
      const pdf = await page.pdf(options);
      times.set(name, [...(times.get(name) ?? []), (performance.now() - t) / 1000]);
      results.set(name, pdf);
    }
  }
  const reference = destinationPages(results.get('the real print (tagged + outline, with pages)'));
  const realTime = median(times.get('the real print (tagged + outline, with pages)'));
  console.log(`first-pass candidates on Levanger's document (${reference.size} contents entries, ${rounds} rounds, medians; × = of the real print):`);
  for (const [name, ts] of times) {
    const pdf = results.get(name);
    const pages = destinationPages(pdf);
    const same = [...reference].every(([id, p]) => pages.get(id) === p);
    const tagged = Buffer.from(pdf).includes('/StructTreeRoot');
    console.log(`  ${name.padEnd(50)} ${median(ts).toFixed(2)} s  ${(median(ts) / realTime).toFixed(2)}×  ${(pdf.length / 1e6).toFixed(2)} MB${tagged ? ', tagged' : ''}; headings' pages ${same ? 'the same' : 'DIFFERENT'}`);
  }

  // Page positions in the laid-out page, without printing: a screen layout with print media at the
  // page's width (through the DevTools protocol; the page's own JavaScript stays off). It does not
  // paginate: forced breaks, avoided breaks and repeated table headers are not there.
  await page.emulateMediaType('print');
  await page.setViewport({ width: Math.round((174 / 25.4) * 96), height: Math.round((251 / 25.4) * 96) });
  await page.setContent(shown, { waitUntil: 'domcontentloaded' });
  const t = performance.now();
  const tops = await page.evaluate((ids) => ids.map((id) => document.getElementById(id)?.getBoundingClientRect().top ?? -1), [...reference.keys()]);
  const measured = (performance.now() - t) / 1000;
  const pageHeight = (251 / 25.4) * 96;
  const estimated = tops.map((top) => Math.floor(top / pageHeight) + 1);
  const right = [...reference.values()].filter((p, i) => estimated[i] === p).length;
  const off = [...reference.values()].map((p, i) => estimated[i] - p);
  console.log(`  screen layout with print media, positions / page height: ${measured.toFixed(3)} s after loading; ${right} of ${reference.size} headings on the right page (off by ${Math.min(...off)} to ${Math.max(...off)} pages)`);

  // Reading the pages back: pdf.js's outline (as before, when pdf.js is still installed) and the named destinations (now).
  const real2 = results.get('the real print (tagged + outline, with pages)');
  let t0 = performance.now();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs').catch(() => null);
  let pdfjsTime = null;
  if (pdfjs) {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(real2), isEvalSupported: false, verbosity: 0 }).promise;
    const visit = async (items) => {
      for (const item of items) {
        const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
        if (Array.isArray(dest) && dest[0] && typeof dest[0] === 'object') await doc.getPageIndex(dest[0]);
        await visit(item.items ?? []);
      }
    };
    await visit((await doc.getOutline()) ?? []);
    await doc.destroy();
    pdfjsTime = (performance.now() - t0) / 1000;
  }
  t0 = performance.now();
  destinationPages(real2);
  const readerTime = (performance.now() - t0) / 1000;
  console.log(`  reading the pages: pdf.js (loading it, the outline) ${pdfjsTime === null ? 'not installed' : `${pdfjsTime.toFixed(3)} s`}; the destination reader ${readerTime.toFixed(3)} s`);
  await browser.close();
}
