import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { build } from '../../src/app/build.js';
import { PdfRenderer, findBrowser } from '../../src/output/pdf.js';
import { HAVE_REAL_EXPORTS, INNHERRED, REAL_EXPORTS, ROOT, tempDir } from '../helpers.js';
import { expectGolden } from '../output/golden.js';
import { HAVE_PDFTOTEXT, pdfText } from '../output/pdf-text.js';

const CONFIG = join(INNHERRED, 'folkehelse.config.json');
const HAVE_BROWSER = findBrowser().path !== null;
if (!HAVE_BROWSER) console.warn('[folkehelse tests] no Chrome/Chromium: the PDF tests are SKIPPED (CI installs Debian chromium).');

async function buildTo(out: string, opts: { lang?: 'nb' | 'nn'; formats?: ('md' | 'html' | 'pdf')[]; kommuner?: string[]; env?: NodeJS.ProcessEnv; catalogue?: string[]; templates?: string } = {}) {
  const config = loadConfig(CONFIG);
  if (opts.catalogue) config.catalogue = opts.catalogue;
  if (opts.templates) config.templates = opts.templates;
  return build({ config, out, lang: opts.lang, formats: opts.formats ?? ['md'], kommuner: opts.kommuner, env: opts.env ?? process.env });
}

describe('golden Markdown: Levanger and Verdal, bokmål and nynorsk', () => {
  const out = tempDir();
  beforeAll(async () => {
    await buildTo(out, { lang: 'nb' });
    await buildTo(out, { lang: 'nn' });
  });
  for (const [folder, code] of [['5037-levanger', '5037'], ['5038-verdal', '5038']] as const) {
    for (const lang of ['nb', 'nn'] as const) {
      it(`${code} ${lang}`, () => {
        expectGolden(`${code}.${lang}.md`, readFileSync(join(out, folder, `oversikt-2027.${lang}.md`), 'utf8'));
      });
    }
  }
  for (const lang of ['nb', 'nn'] as const) {
    it(`region report ${lang}`, () => {
      const region = readdirSync(out).find((f) => f.startsWith('region-'))!;
      expectGolden(`region.${lang}.md`, readFileSync(join(out, region, `side-om-side-2027.${lang}.md`), 'utf8'));
    });
  }
  it('the same input gives the same bytes: Markdown and SVG built again', async () => {
    // One build more, compared with the one above (its Levanger files in bokmål).
    const again = tempDir();
    await buildTo(again, { kommuner: ['5037'], lang: 'nb' });
    const files = (dir: string) => readdirSync(join(dir, '5037-levanger'), { recursive: true }).map(String).filter((f) => (f.endsWith('.md') || f.endsWith('.svg')) && !f.includes('.nn.')).sort();
    expect(files(again).length).toBeGreaterThan(10);
    expect(files(again)).toEqual(files(out));
    for (const f of files(again)) expect(readFileSync(join(again, '5037-levanger', f))).toEqual(readFileSync(join(out, '5037-levanger', f)));
  });
  it('writes the figures beside each document, one folder per municipality', () => {
    const lev = readdirSync(join(out, '5037-levanger', 'figurer'));
    expect(lev).toContain('ensomhet-gradient.nb.svg');
    expect(lev).toContain('befolkningspyramide.nn.svg');
    expect(lev).toContain('barometer.nb.svg');
    const md = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    for (const m of md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) expect(existsSync(join(out, '5037-levanger', m[1]!))).toBe(true);
  });
});

describe('the document', () => {
  let md: string;
  let html: string;
  const out = tempDir();
  beforeAll(async () => {
    await buildTo(out, { kommuner: ['5037'], formats: ['md', 'html'] });
    md = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    html = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.html'), 'utf8');
  });
  it('has the structure of an oversiktsdokument', () => {
    const chapters = [...md.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(chapters).toEqual([
      'Innhold',
      '1 Sammendrag og utfordringsbilde',
      '2 Innledning',
      '3 Sosial ulikhet i helse',
      '4 Befolkningssammensetning (forskrift § 3 a)',
      '5 Oppvekst- og levekårsforhold (forskrift § 3 b)',
      '6 Fysisk, biologisk, kjemisk og sosialt miljø (forskrift § 3 c)',
      '7 Skader og ulykker (forskrift § 3 d)',
      '8 Helserelatert atferd (forskrift § 3 e)',
      '9 Helsetilstand (forskrift § 3 f)',
      '10 Kunnskap fra de kommunale helse- og omsorgstjenestene (folkehelseloven § 5 b)',
      '11 Kunnskap om miljø og lokalsamfunn (folkehelseloven § 5 c)',
      '12 Vedlegg',
    ]);
    expect(md).toContain('folkehelseloven § 5');
    expect(md).toMatch(/\| FHI \| hoftebrudd \| 2015–2024 \| – \| `fhi\/kube\/hoftebrudd\.csv` \| `[0-9a-f]{64}` \|/);
    expect(md).toContain('Andelen ungdommer som er plaget av ensomhet i Levanger er 26,3\u00a0% (2024), signifikant høyere enn i landet (22,5\u00a0%).');
    expect(md).toContain('| God økonomi | 12,6 (10,5–15,0) | 841 | 106 |');
    expect(md).toContain('| Dårlig økonomi | 43,5 (32,4–55,2) | 69 | 30 |');
    expect(md).toContain('Forskjellen mellom god økonomi og dårlig økonomi er 30,9 prosentpoeng');
    expect(md).toContain('> **Vurdering mangler.**');
    expect(md).toContain('Ensomhet blant ungdom har en tydelig sosial gradient i Levanger'); // the municipality's own assessment
    expect(md).toMatch(/### Folkehelseutfordringer[\s\S]*\[Uføretrygdede, 18–44 år\]\(#55-uføretrygdede-1844-år\): 4,2\u00a0% \(landet 3,5\u00a0%, 2024; ingen signifikant endring\)/);
    expect(md).toContain('### Hvordan møte utfordringene – planbehov');
  });
  it('every TOC link has a heading with that anchor in the HTML', () => {
    const links = [...md.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(40);
    for (const a of new Set(links)) expect(html).toContain(`id="${a}"`);
  });
  it('HTML: one self-contained, accessible file', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="nb">/);
    expect(html).not.toMatch(/<(script|link|iframe)\b/);
    expect(html).not.toMatch(/(src|href)="(https?:|file:|\/\/)/);
    expect((html.match(/<h1 /g) ?? []).length).toBe(1);
    expect((html.match(/<figure id="fig-[^"]+"><svg /g) ?? []).length).toBeGreaterThan(40);
    expect((html.match(/<figcaption>Figur \d+\. /g) ?? []).length).toBeGreaterThan(40);
    expect(html).toMatch(/<caption>Tabell \d+\. Tall \(prosent\)<\/caption>/);
    expect(html).toContain('<th scope="col"');
    const svgs = [...html.matchAll(/<svg [^>]*aria-labelledby="([^"]+)"[^>]*>\s*<title id="([^"]+)">([^<]+)<\/title>/g)];
    expect(svgs.length).toBeGreaterThan(40);
    for (const s of svgs) expect(s[1]).toBe(s[2]);
    expect(html).toContain('<thead>');
    expect((html.match(/<th[ >]/g) ?? []).length).toBeGreaterThan(100);
  });
  it('marks every indicator without an assessment, and none with one', () => {
    // Themes and indicators (the § 5 b–c sections name their file: "Vurdering mangler: skriv filen …").
    const missing = (md.match(/\*\*Vurdering mangler\.\*\*/g) ?? []).length;
    const indicators = (md.match(/^### \d+\.\d+ /gm) ?? []).length;
    expect(missing).toBeGreaterThan(30);
    expect(missing).toBeLessThan(indicators + 6);
    expect(md).not.toMatch(/vurderinger\/5037\/ensomhet\.md/);
    expect(md).toContain('`vurderinger/5037/hoftebrudd.md`');
  });
});

describe('text from data is escaped everywhere', () => {
  it('a hostile indicator title and source show as text in Markdown, HTML and SVG', async () => {
    const dir = tempDir();
    const cat = join(dir, 'hostile.json');
    const base = JSON.parse(readFileSync(join(ROOT, 'data/catalogue/f-helsetilstand.json'), 'utf8')).indicators.find((i: { id: string }) => i.id === 'ensomhet');
    const evil = '<img src=x onerror=alert(1)> {{constructor}} [x](javascript:alert(1))';
    writeFileSync(cat, JSON.stringify({ indicators: [{ ...base, title: { nb: evil, nn: evil }, source: { nb: evil, nn: evil } }] }));
    const out = join(dir, 'out');
    await buildTo(out, { kommuner: ['5037'], formats: ['md', 'html'], catalogue: [cat] });
    const md = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    const html = readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.html'), 'utf8');
    const svg = readFileSync(join(out, '5037-levanger', 'figurer', 'ensomhet.nb.svg'), 'utf8');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt; \\{\\{constructor\\}\\} &#91;x&#93;(javascript:alert(1))');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; {{constructor}} [x](javascript:alert(1))');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('outputs are written atomically', () => {
  it('a failed build leaves the previous outputs as they were', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    await buildTo(out, { kommuner: ['5037'], formats: ['md', 'html'] });
    const file = join(out, '5037-levanger', 'oversikt-2027.nb.md');
    const before = readFileSync(file);
    const broken = join(dir, 'maler');
    mkdirSync(join(broken, 'partials'), { recursive: true });
    writeFileSync(join(broken, 'partials', 'section.md.hbs'), '{{#each blocks}} never closed');
    await expect(buildTo(out, { kommuner: ['5037'], formats: ['md', 'html'], templates: broken })).rejects.toThrow(/template .*section\.md\.hbs/);
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(join(out, '5037-levanger')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('an override of a partial of the old templates is refused with a pointer to the new ones', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'maler', 'partials'), { recursive: true });
    writeFileSync(join(dir, 'maler', 'partials', 'indicator.md.hbs'), '### {{heading}}');
    await expect(buildTo(join(dir, 'out'), { kommuner: ['5037'], templates: join(dir, 'maler') })).rejects.toThrow(/template .*indicator\.md\.hbs: this partial is no longer used.*section\.md\.hbs/);
  });
  it('a template override replaces the shipped file of the same name', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'maler'));
    cpSync(join(ROOT, 'templates', 'document.md.hbs'), join(dir, 'maler', 'document.md.hbs'));
    writeFileSync(join(dir, 'maler', 'document.md.hbs'), readFileSync(join(dir, 'maler', 'document.md.hbs'), 'utf8').replace('# {{title}}', '# {{title}} (utkast)'));
    await buildTo(join(dir, 'out'), { kommuner: ['5037'], templates: join(dir, 'maler') });
    expect(readFileSync(join(dir, 'out', '5037-levanger', 'oversikt-2027.nb.md'), 'utf8')).toMatch(/^# Oversikt over helsetilstand og påvirkningsfaktorer \(utkast\)/);
  });
});

describe('without a browser', () => {
  it('Markdown and HTML are written and the PDF step says how to fix it', async () => {
    const out = tempDir();
    const outcome = await buildTo(out, { kommuner: ['5037'], formats: ['md', 'html', 'pdf'], env: { ...process.env, FOLKEHELSE_CHROME: '/nonexistent/chrome' } });
    expect(outcome.documents[0]!.status).toBe('built');
    expect(outcome.documents[0]!.warnings[0]).toMatch(/no Chrome, Chromium or Edge found .*FOLKEHELSE_CHROME=\/nonexistent\/chrome.*folkehelse browser install/);
    expect(existsSync(join(out, '5037-levanger', 'oversikt-2027.nb.md'))).toBe(true);
    expect(existsSync(join(out, '5037-levanger', 'oversikt-2027.nb.html'))).toBe(true);
    expect(existsSync(join(out, '5037-levanger', 'oversikt-2027.nb.pdf'))).toBe(false);
  });
});

describe.skipIf(!HAVE_BROWSER || !HAVE_PDFTOTEXT)('PDF', () => {
  const out = tempDir();
  let outcome: Awaited<ReturnType<typeof build>>;
  let text: string;
  beforeAll(async () => {
    outcome = await buildTo(out, { kommuner: ['5037'], formats: ['pdf'] });
    text = pdfText(join(out, '5037-levanger', 'oversikt-2027.nb.pdf'));
  }, 120_000);
  it('contains every chapter heading and the loneliness gradient', () => {
    for (const h of ['1 Sammendrag og utfordringsbilde', '2 Innledning', '3 Sosial ulikhet i helse', '4 Befolkningssammensetning (forskrift § 3 a)', '5 Oppvekst- og levekårsforhold (forskrift § 3 b)', '6 Fysisk, biologisk, kjemisk og sosialt miljø (forskrift § 3 c)', '7 Skader og ulykker (forskrift § 3 d)', '8 Helserelatert atferd (forskrift § 3 e)', '9 Helsetilstand (forskrift § 3 f)', '10 Kunnskap fra de kommunale helse- og omsorgstjenestene (folkehelseloven § 5 b)', '11 Kunnskap om miljø og lokalsamfunn (folkehelseloven § 5 c)', '12 Vedlegg']) {
      expect(text).toContain(h);
    }
    for (const v of ['12,6 (10,5–15,0)', '31,0 (25,1–37,5)', '43,5 (32,4–55,2)']) expect(text).toContain(v);
    // The title page has no running header or page number.
    expect(text).not.toContain('Side 1 av');
    expect(text).toContain('Side 2 av');
    expect(text).toContain('Trøndelag');
  });
  it('the renderer made zero network requests', () => {
    expect(outcome.blockedRequests).toEqual([]);
  });
  it('blocks every request and cannot read files, with JavaScript off', async () => {
    const pdf = await PdfRenderer.launch();
    try {
      const bytes = await pdf.render('<p>start</p><img src="http://169.254.169.254/latest/meta-data/"><link rel="stylesheet" href="https://example.com/x.css"><iframe src="file:///etc/passwd"></iframe><script>document.write("JS RAN")</script><p>slutt</p>', { header: 'test', page: 'Side', of: 'av' });
      const dir = tempDir();
      writeFileSync(join(dir, 't.pdf'), bytes);
      const t = pdfText(join(dir, 't.pdf'));
      expect(t).toContain('start');
      expect(t).not.toContain('JS RAN');
      expect(t).not.toContain('root:');
      expect(pdf.blockedRequests.some((u) => u.startsWith('http://169.254.169.254'))).toBe(true);
    } finally {
      await pdf.close();
    }
  });
});

describe('configuration extras', () => {
  it('a coat of arms appears on the front page, inlined in HTML', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'vapen.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="12"><rect width="10" height="12" fill="#c00"/></svg>');
    const config = loadConfig(CONFIG);
    config.kommuner = [{ code: '5037', coatOfArms: join(dir, 'vapen.svg') }];
    await build({ config, out: join(dir, 'out'), formats: ['md', 'html'] });
    const md = readFileSync(join(dir, 'out', '5037-levanger', 'oversikt-2027.nb.md'), 'utf8');
    const html = readFileSync(join(dir, 'out', '5037-levanger', 'oversikt-2027.nb.html'), 'utf8');
    expect(md).toContain('![Kommunevåpenet til Levanger kommune](figurer/kommunevapen.svg)');
    expect(existsSync(join(dir, 'out', '5037-levanger', 'figurer', 'kommunevapen.svg'))).toBe(true);
    expect(html).toMatch(/<img class="coat-of-arms" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Kommunevåpenet til Levanger kommune">/);
    config.kommuner = [{ code: '5037', coatOfArms: join(dir, 'vapen.gif') }];
    const o = await build({ config, out: join(dir, 'out2'), formats: ['md'] });
    expect(o.documents[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/vapen\.gif: no such file/) });
  });
  it('a language file in the template folder replaces the shipped one', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'maler', 'lang'), { recursive: true });
    const nb = JSON.parse(readFileSync(join(ROOT, 'templates', 'lang', 'nb.json'), 'utf8'));
    nb.documentTitle = 'Folkehelseoversikt';
    writeFileSync(join(dir, 'maler', 'lang', 'nb.json'), JSON.stringify(nb));
    const config = loadConfig(CONFIG);
    config.templates = join(dir, 'maler');
    await build({ config, out: join(dir, 'out'), formats: ['md'], kommuner: ['5038'] });
    expect(readFileSync(join(dir, 'out', '5038-verdal', 'oversikt-2027.nb.md'), 'utf8')).toMatch(/^# Folkehelseoversikt\n/);
  });
});

describe.skipIf(!HAVE_REAL_EXPORTS)('a document from the real FHI exports with examples/katalog-fhi-statistikk.json', () => {
  it('Skien: the example indicators have values; indicators without data are listed, not given sections', async () => {
    const out = tempDir();
    // The real exports folder as it is: data files are read, queries, code lists and metadata skipped.
    const config = { file: null, kommuner: [{ code: '4003' }], data: [REAL_EXPORTS], edition: 2027, lang: 'nb' as const, formats: ['md' as const], out, catalogue: [join(ROOT, 'examples', 'katalog-fhi-statistikk.json')], suppression: {} };
    const o = await build({ config, out });
    expect(o.documents.map((d) => d.status)).toEqual(['built']);
    const md = readFileSync(join(out, '4003-skien', 'oversikt-2027.nb.md'), 'utf8');
    expect(md).toMatch(/Andelen ungdomsskoleelever med mange psykiske plager i Skien er \d+,\d\u00a0% \(2024\)/);
    expect(md).toMatch(/### \d+\.\d+ Forventet levealder ved 30 år etter utdanning \(FHI\)/);
    // FHI publishes the education groups only from age 30 (at birth they are "-").
    expect(md).toMatch(/Grunnskole[^\n]*\| 7\d,\d/);
    expect(md).toContain('**Etter utdanningsnivå, 2018–2024:**');
    expect(md).toContain('### Indikatorer uten tall');
    expect(md).toContain('- Plaget av ensomhet (ungdom) (f) – ungdata, ungdata');
    // The four example indicators, and the default catalogue's three on FHI tables 507 and 369, whose
    // label downloads are recognised by what they hold (issue 25); the default catalogue's others are listed.
    expect((md.match(/^### \d+\.\d+ /gm) ?? []).length).toBe(7);
    expect(md).toMatch(/### \d+\.\d+ Hjerte- og karsykdom i primærhelsetjenesten\n/);
  });
});
