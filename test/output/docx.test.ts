import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { build } from '../../src/app/build.js';
import { INNHERRED, tempDir } from '../helpers.js';
import { expectGolden } from './golden.js';
import { HAVE_PDFTOTEXT, pdfPages, pdfText } from './pdf-text.js';

const CONFIG = join(INNHERRED, 'folkehelse.config.json');
const SOFFICE = ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0) ?? null;
if (!SOFFICE) console.warn('[folkehelse tests] no LibreOffice (soffice): the DOCX-to-PDF conversion test is SKIPPED.');

/** The parts of a .docx, XML as text. */
function readDocx(file: string): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(readFileSync(file)))).filter(([k]) => /\.(xml|rels)$/.test(k)).map(([k, v]) => [k, strFromU8(v)]));
}

interface Para {
  style: string | null;
  text: string;
  xml: string;
}

/** Top-level and table paragraphs with their style and text. */
function paragraphs(xml: string): Para[] {
  return [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => {
    const body = m[1] ?? '';
    const text = [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]!).join('').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    return { style: /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? null, text, xml: body };
  });
}

/** document.xml with a line per paragraph, table and row: reviewable as a golden file. */
function lines(xml: string): string {
  return xml.replace(/(<w:p[ >]|<w:tbl>|<w:tr[ >]|<w:sectPr[ >])/g, '\n$1') + '\n';
}

describe('formats in the configuration', () => {
  it('accepts docx and refuses an unknown format', () => {
    const dir = tempDir();
    const write = (formats: string[]) => {
      const file = join(dir, `c-${formats.join('-')}.json`);
      writeFileSync(file, JSON.stringify({ kommuner: ['5037'], data: [INNHERRED], formats }));
      return file;
    };
    expect(loadConfig(write(['md', 'docx'])).formats).toEqual(['md', 'docx']);
    expect(() => loadConfig(write(['md', 'odt']))).toThrow(/formats/);
  });
});

describe('Word (DOCX): Levanger and Verdal and their region report', () => {
  const out = tempDir();
  let lev: Record<string, string>;
  let paras: Para[];
  beforeAll(async () => {
    const config = loadConfig(CONFIG);
    const o = await build({ config, out, lang: 'nb', formats: ['html', 'docx'], kommuner: ['5037', '5038'] });
    expect(o.documents.map((d) => [d.id, d.status])).toEqual([['5037', 'built'], ['5038', 'built'], ['region', 'built']]);
    lev = readDocx(join(out, '5037-levanger', 'oversikt-2027.nb.docx'));
    paras = paragraphs(lev['word/document.xml']!);
  }, 240_000);

  it('golden files: the HTML and the DOCX document.xml of the example', () => {
    expectGolden('5037.nb.html', readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.html'), 'utf8'));
    expectGolden('5037.nb.document.xml', lines(lev['word/document.xml']!));
  });
  it('real Word headings: Heading 1 for chapters, Heading 2 for sections, Title on the front page', () => {
    const h1 = paras.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(h1).toEqual([
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
    const h2 = paras.filter((p) => p.style === 'Heading2').map((p) => p.text);
    expect(h2).toContain('9.11 Plaget av ensomhet (ungdom)');
    expect(h2).toContain('Folkehelseutfordringer');
    expect(paras.find((p) => p.style === 'Title')?.text).toBe('Oversikt over helsetilstand og påvirkningsfaktorer');
    // Headings carry bookmarks; the summary links to them.
    expect(lev['word/document.xml']).toMatch(/<w:hyperlink [^>]*w:anchor="sec\d+"[^>]*>(?:(?!<\/w:hyperlink>).)*Uføretrygdede, 18–44 år/);
  });
  it('a table-of-contents field over Heading 1–3', () => {
    expect(lev['word/document.xml']).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-3&quot;/);
    expect(lev['word/settings.xml']).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
  });
  it('Word tables with a repeated header row and numbered captions', () => {
    const xml = lev['word/document.xml']!;
    const tables = xml.match(/<w:tbl>/g)!.length;
    expect(tables).toBeGreaterThan(40);
    // The first row of every table repeats on each page.
    for (const t of xml.split('<w:tbl>').slice(1)) expect(t.slice(0, t.indexOf('</w:tr>'))).toContain('<w:tblHeader/>');
    const tableCaptions = paras.filter((p) => p.style === 'Caption' && p.text.startsWith('Tabell '));
    const figureCaptions = paras.filter((p) => p.style === 'Caption' && p.text.startsWith('Figur '));
    expect(tableCaptions).toHaveLength(tables);
    expect(tableCaptions.map((p) => Number(/^Tabell (\d+)\./.exec(p.text)?.[1]))).toEqual(tableCaptions.map((_, i) => i + 1));
    expect(figureCaptions.map((p) => Number(/^Figur (\d+)\./.exec(p.text)?.[1]))).toEqual(figureCaptions.map((_, i) => i + 1));
    for (const p of [...tableCaptions, ...figureCaptions]) expect(p.xml).toMatch(/<w:fldSimple w:instr="SEQ (Tabell|Figur) \\\* ARABIC">/);
    expect(tableCaptions.map((p) => p.text)).toContain('Tabell 44. Tall (prosent)'.replace('44', /Tabell (\d+)\. Tall \(prosent\)/.exec(tableCaptions.map((p) => p.text).join('\n'))![1]!));
  });
  it('figures as SVG with a PNG fallback, each with its alt text', () => {
    const xml = lev['word/document.xml']!;
    const drawings = [...xml.matchAll(/<wp:docPr id="\d+" name="([^"]*)" descr="([^"]*)" title="([^"]*)"\/>/g)];
    const figures = paras.filter((p) => p.style === 'Caption' && p.text.startsWith('Figur ')).length;
    expect(drawings).toHaveLength(figures);
    for (const d of drawings) expect(d[2]!.length).toBeGreaterThan(30);
    const gradient = drawings.find((d) => d[1] === 'fig-ensomhet-gradient')!;
    expect(gradient[2]).toContain('God økonomi 12,6');
    expect(gradient[2]).toContain('Dårlig økonomi 43,5');
    expect(xml.match(/<asvg:svgBlip /g)).toHaveLength(figures);
    const media = Object.keys(unzipSync(new Uint8Array(readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.docx'))))).filter((f) => f.startsWith('word/media/'));
    expect(media.filter((f) => f.endsWith('.png'))).toHaveLength(figures);
    expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(figures);
  });
  it('the loneliness gradient: 12,6 / 31,0 / 43,5 with their intervals and group sizes', () => {
    const cells = paras.filter((p) => p.style === 'TableText').map((p) => p.text);
    const i = cells.lastIndexOf('God økonomi'); // theme f's table (the inequality chapter's comes first)
    expect(cells.slice(i, i + 12)).toEqual(['God økonomi', '12,6 (10,5–15,0)', '841', '106', 'Verken god eller dårlig', '31,0 (25,1–37,5)', '210', '65', 'Dårlig økonomi', '43,5 (32,4–55,2)', '69', '30']);
  });
  it('language, properties, page numbers and the running header', () => {
    expect(lev['word/styles.xml']).toMatch(/<w:rPrDefault><w:rPr>.*<w:lang w:val="nb-NO"/);
    expect(lev['docProps/core.xml']).toContain('<dc:title>Oversikt over helsetilstand og påvirkningsfaktorer – Levanger kommune</dc:title>');
    expect(lev['docProps/core.xml']).toContain('<dc:subject>Levanger kommune</dc:subject>');
    expect(lev['docProps/custom.xml']).toMatch(/name="Kommune"><vt:lpwstr>Levanger kommune<\/vt:lpwstr>/);
    expect(lev['docProps/custom.xml']).toMatch(/name="Utgave"><vt:lpwstr>2027<\/vt:lpwstr>/);
    const footers = Object.entries(lev).filter(([k]) => /^word\/footer\d+\.xml$/.test(k)).map(([, v]) => v).join('');
    expect(footers).toMatch(/PAGE[\s\S]*NUMPAGES/);
    expect(footers).toContain('Side ');
    const headers = Object.entries(lev).filter(([k]) => /^word\/header\d+\.xml$/.test(k)).map(([, v]) => v).join('');
    expect(headers).toContain('Levanger kommune – Oversikt over helsetilstand og påvirkningsfaktorer 2027');
    expect(lev['word/document.xml']).toContain('<w:titlePg/>');
  });
  it('assessments in styles of their own, with a note that the numbers come from the build', () => {
    const missing = paras.filter((p) => p.style === 'AssessmentMissing');
    expect(missing.length).toBeGreaterThan(30);
    // The draft's other markers (a part without text, a contradiction) share the style.
    expect(missing.find((p) => p.text.startsWith('Vurdering mangler'))!.text).toMatch(/^Vurdering mangler\. .*vurderinger\/5037\/[\w-]+\.md\.$/);
    expect(paras.filter((p) => p.style === 'Assessment').map((p) => p.text).join(' ')).toContain('Ensomhet blant ungdom har en tydelig sosial gradient i Levanger');
    expect(paras.find((p) => p.style === 'BuildNote')?.text).toMatch(/kommer fra byggingen/);
    expect(lev['word/styles.xml']).toMatch(/w:styleId="Assessment"><w:name w:val="Vurdering"\/>/);
  });
  it('the region report is a Word document too', () => {
    const region = readdirSync(out).find((f) => f.startsWith('region-'))!;
    const docx = readDocx(join(out, region, 'side-om-side-2027.nb.docx'));
    const ps = paragraphs(docx['word/document.xml']!);
    expect(ps.filter((p) => p.style === 'Heading1').map((p) => p.text)[0]).toBe('Oversikt');
    expect(ps.some((p) => p.style === 'TableText' && p.text === 'Levanger')).toBe(true);
    expect(docx['word/document.xml']!.match(/<w:tblHeader\/>/g)!.length).toBeGreaterThan(5);
  });
  it.skipIf(!SOFFICE || !HAVE_PDFTOTEXT)('LibreOffice opens it and converts it to PDF without errors', async () => {
    const dir = tempDir();
    const file = join(out, '5037-levanger', 'oversikt-2027.nb.docx');
    execFileSync(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 180_000 });
    const pdf = join(dir, 'oversikt-2027.nb.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(pdfPages(pdf).length).toBeGreaterThan(30);
    const text = pdfText(pdf);
    for (const v of ['12,6 (10,5–15,0)', '31,0 (25,1–37,5)', '43,5 (32,4–55,2)', '9.11 Plaget av ensomhet (ungdom)', 'Side 3 av']) expect(text.replace(/\s+/g, ' ')).toContain(v);
  }, 240_000);
});

describe('links in an assessment', () => {
  it('http(s) and mailto become Word hyperlinks to the address; other targets stay text', async () => {
    const { EXAMPLE } = await import('../helpers.js');
    const { mkdirSync } = await import('node:fs');
    const dir = tempDir();
    mkdirSync(join(dir, 'vurderinger', '5037'), { recursive: true });
    writeFileSync(join(dir, 'vurderinger', '5037', 'a.md'), 'Se [**FHIs** statistikk](https://statistikk.fhi.no/?a=1&b=2), skriv til [koordinatoren](mailto:folkehelse@levanger.kommune.no) eller les [planen](plan.pdf).\n');
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ kommuner: [{ code: '5037', kostragruppe: 'EKG11' }], data: [join(EXAMPLE, 'data')], assessments: 'vurderinger', edition: 2027, generatedOn: '2026-11-22', formats: ['docx'] }));
    const o = await build({ config: loadConfig(join(dir, 'folkehelse.config.json')), out: join(dir, 'out'), formats: ['docx'], kommuner: ['5037'] });
    expect(o.documents[0]!.status).toBe('built');
    const docx = readDocx(join(dir, 'out', '5037-levanger', 'oversikt-2027.nb.docx'));
    const rels = docx['word/_rels/document.xml.rels']!;
    const xml = docx['word/document.xml']!;
    for (const [target, text] of <[string, string][]>[['https://statistikk.fhi.no/?a=1&amp;b=2', 'FHIs</w:t>(?:(?!</w:hyperlink>).)* statistikk'], ['mailto:folkehelse@levanger.kommune.no', 'koordinatoren']]) {
      const id = new RegExp(`Id="([^"]+)"[^>]*Target="${target.replace(/[.?]/g, '\\$&')}"[^>]*TargetMode="External"`).exec(rels)?.[1];
      expect(id, target).toBeTruthy();
      expect(xml).toMatch(new RegExp(`<w:hyperlink [^>]*r:id="${id}"[^>]*>(?:(?!</w:hyperlink>).)*${text}`));
    }
    // The bold inside the link stays bold, in the hyperlink style.
    expect(xml).toMatch(/<w:hyperlink [^>]*>(?:(?!<\/w:hyperlink>).)*<w:rStyle w:val="Hyperlink"\/><w:b\/>(?:(?!<\/w:hyperlink>).)*FHIs/);
    expect(rels).not.toMatch(/plan\.pdf/);
    expect(paragraphs(xml).some((p) => p.text.includes('les planen.'))).toBe(true);
  });
});
