import fc from 'fast-check';
import { marked, type Token, type Tokens } from 'marked';
import { strFromU8, unzipSync, zipSync, strToU8 } from 'fflate';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAssessment } from '../../src/report/assessment.js';
import { renderDocx } from '../../src/report/docx.js';
import { renumberRelationships, withLanguage } from '../../src/report/docx-package.js';
import { renderHtml } from '../../src/report/html.js';
import { compileTemplates } from '../../src/report/markdown.js';
import { FORMAT_RENDERERS, OUTPUT_FORMATS, OUTPUT_OPTIONS, renderFigures, renderOutputs, variantStem, variantsFor } from '../../src/report/renderers.js';
import { OUTPUT_FORMATS as CONFIG_FORMATS } from '../../src/config/config.js';
import { ROOT, tempDir } from '../helpers.js';
import { smallDocument } from './small-document.js';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[klikk](javascript:alert(1))',
  '# overskrift',
  'a | b',
  'linje\rskift\n# overskrift\r\n- punkt',
  '`kode` og ``mer``',
  '<script>alert(1)</script>',
  'se http://evil.example, www.evil.no og post@evil.example',
  '![bilde](http://evil.example/x.png)',
  '**fet** _kursiv_ ~~x~~',
  '{{constructor}}',
  '1. liste',
  '<script>\\|#',
  '\t    # innrykk',
  '_www.evil.no',
];

/** Every token of the Markdown, nested ones too. */
function tokens(list: Token[]): Token[] {
  return list.flatMap((t) => [t, ...tokens(('tokens' in t && t.tokens) || []), ...('items' in t ? tokens((t.items as Token[]) ?? []) : []), ...('rows' in t ? (t.rows as { tokens: Token[] }[][]).flat().flatMap((c) => tokens(c.tokens)) : []), ...('header' in t && Array.isArray(t.header) ? (t.header as { tokens: Token[] }[]).flatMap((c) => tokens(c.tokens)) : [])]);
}

describe('the renderer registry', () => {
  it('has md, html, pdf and docx, each with its extension; kortversjon is the short variant, not a format', () => {
    expect([...FORMAT_RENDERERS.keys()]).toEqual(['md', 'html', 'pdf', 'docx']);
    for (const [id, r] of FORMAT_RENDERERS) expect(r.extension).toBe(id);
    expect(OUTPUT_FORMATS).toEqual(['md', 'html', 'pdf', 'docx', 'kortversjon']);
    // The configuration and the CLI accept exactly the options: the formats and the short version.
    expect([...CONFIG_FORMATS]).toEqual(OUTPUT_FORMATS);
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'config.schema.json'), 'utf8')) as { properties: { formats: { items: { enum: string[] } } } };
    expect(schema.properties.formats.items.enum).toEqual(OUTPUT_FORMATS);
    // The short version writes Markdown, HTML and (when a browser prints) PDF.
    expect(OUTPUT_OPTIONS.find((o) => o.id === 'kortversjon')).toEqual({ id: 'kortversjon', variant: 'short', formats: ['md', 'html', 'pdf'], optional: ['pdf'] });
    expect([...variantsFor(['md', 'kortversjon'])]).toEqual(['full', 'short']);
    expect(variantStem('oversikt-2027.nb', 'short')).toBe('kortversjon-2027.nb');
  });
  it('renders each variant asked for in its formats, beside the full document', async () => {
    const full = smallDocument();
    const short = { ...smallDocument(), variant: 'short' as const, tocHeading: null };
    const files = await renderOutputs({ full, short }, ['html', 'kortversjon'], { stem: 'oversikt-2027.nb' });
    expect([...files.keys()].filter((f) => !f.startsWith('figurer/'))).toEqual(['oversikt-2027.nb.html', 'kortversjon-2027.nb.md', 'kortversjon-2027.nb.html']);
    expect(files.get('kortversjon-2027.nb.html')).toContain('<main class="kortversjon">');
    // The region report has no short variant: nothing is written for it.
    expect([...(await renderOutputs({ full }, ['kortversjon'], { stem: 'side-om-side-2027.nb' })).keys()]).toEqual([]);
  });
});

describe('Markdown: no data string can create a link, heading, image or HTML', () => {
  const render = compileTemplates();
  const clean = render(smallDocument('Levanger'));
  const count = (md: string, type: string) => tokens(marked.lexer(md)).filter((t) => t.type === type).length;
  it.each(HOSTILE)('%j', (text) => {
    const md = render(smallDocument(text));
    for (const type of ['heading', 'html', 'table', 'list', 'list_item', 'blockquote', 'code', 'hr']) expect(count(md, type), type).toBe(count(clean, type));
    // Inline styles may be lost (whitespace at a run's edge, a backslash before a pipe in a table), never gained.
    for (const type of ['codespan', 'strong', 'em', 'del']) expect(count(md, type), type).toBeLessThanOrEqual(count(clean, type));
    // Links and images: none more than the document's own (a parser may fail to see one of ours), and only ours.
    const all = tokens(marked.lexer(md));
    expect(count(md, 'link')).toBeLessThanOrEqual(count(clean, 'link'));
    expect(count(md, 'image')).toBeLessThanOrEqual(count(clean, 'image'));
    for (const t of all) if (t.type === 'link') expect((t as Tokens.Link).href).toMatch(/^(#1|https:\/\/fhi\.no$)/);
    for (const t of all) if (t.type === 'image') expect((t as Tokens.Image).href).toMatch(/^figurer\//);
    // Every table keeps its number of cells per row.
    const tables = tokens(marked.lexer(md)).filter((t): t is Token & { rows: unknown[][] } => t.type === 'table');
    for (const t of tables) for (const row of t.rows) expect(row).toHaveLength(2);
  });
});

describe('Markdown escaping, property-based', () => {
  it('random strings of Markdown-significant characters never add structure', () => {
    const render = compileTemplates();
    const clean = tokens(marked.lexer(render(smallDocument('Levanger'))));
    const counts = (list: Token[]) => {
      const m = new Map<string, number>();
      for (const t of list) if (!['text', 'escape', 'space'].includes(t.type)) m.set(t.type, (m.get(t.type) ?? 0) + 1);
      return m;
    };
    const cleanCounts = counts(clean);
    const chars = fc.constantFrom(...'#*_`[]()!<>|\\-+=~^{}:/.@&;\r\n\t 1aw'.split(''), 'http://', 'www.', '<script>', '](', '![', '```', '---', '1. ', '> ');
    fc.assert(
      fc.property(fc.array(chars, { minLength: 1, maxLength: 24 }).map((a) => a.join('')), (text) => {
        const all = tokens(marked.lexer(render(smallDocument(text))));
        // Whitespace at the edge of a styled run can undo its style (a loss, not an injection): no kind
        // of element may appear more often than with a plain name, and the headings stay as they are.
        for (const [kind, n] of counts(all)) expect(n, `${kind} in ${JSON.stringify(text)}`).toBeLessThanOrEqual(cleanCounts.get(kind) ?? 0);
        expect(counts(all).get('heading')).toBe(cleanCounts.get('heading'));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('HTML: every text escaped, the style sheet closed', () => {
  it.each(HOSTILE)('%j', (text) => {
    const doc = smallDocument(text);
    const html = renderHtml(doc, { figures: renderFigures(doc) });
    expect(html).not.toMatch(/<(img|script)\b(?![^>]*class="coat-of-arms")/);
    expect(html).not.toContain('href="javascript');
    expect(html).not.toMatch(/href="http:\/\/evil/);
  });
  it('a user style.css cannot close the <style> element', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'style.css'), 'p { color: red }\n</style><script>alert(1)</script><style>');
    const doc = smallDocument();
    const html = renderHtml(doc, { figures: renderFigures(doc), templates: dir });
    // One <style> element, closed once, at the end of the style sheet: the script stays CSS text.
    expect(html.match(/<\/style/gi)).toHaveLength(1);
    expect(html.indexOf('</style>')).toBeGreaterThan(html.indexOf('<script>'));
    expect(html).toContain('p { color: red }');
  });
});

describe('DOCX', () => {
  const unzip = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, k.endsWith('.xml') || k.endsWith('.rels') ? strFromU8(v) : v])) as Record<string, string | Uint8Array>;
  it('the same document gives the same bytes, with fixed timestamps', async () => {
    const doc = smallDocument();
    const a = await renderDocx(doc, { figures: renderFigures(doc) });
    const b = await renderDocx(doc, { figures: renderFigures(doc) });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const files = unzip(a);
    expect(files['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>');
    // Every zip entry carries the fixed DOS time (2000-01-01 00:00): bytes 10–13 of each local header.
    const view = Buffer.from(a);
    for (let i = view.indexOf('PK\x03\x04'); i >= 0; i = view.indexOf('PK\x03\x04', i + 4)) expect(view.readUInt32LE(i + 10)).toBe(0x28210000);
  });
  it("names the municipality as the author and carries the configuration's date (issue 26)", async () => {
    const doc = smallDocument();
    const files = unzip(await renderDocx(doc, { figures: renderFigures(doc), date: '2026-11-22' }));
    const core = files['docProps/core.xml'] as string;
    expect(core).toContain(`<dc:creator>${doc.subject}</dc:creator>`);
    expect(core).toContain(`<cp:lastModifiedBy>${doc.subject}</cp:lastModifiedBy>`);
    expect(core).not.toMatch(/>folkehelse</);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-22T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-22T00:00:00Z</dcterms:modified>');
  });
  it('text from data is XML-escaped; nynorsk documents are nn-NO', async () => {
    const doc = smallDocument('<w:p>&"x"</w:p>', 'nn');
    const files = unzip(await renderDocx(doc, { figures: renderFigures(doc) }));
    const xml = files['word/document.xml'] as string;
    expect(xml).not.toContain('<w:p>&');
    expect(xml).toContain('&lt;w:p&gt;&amp;');
    expect(files['word/styles.xml']).toMatch(/<w:rPrDefault><w:rPr>.*<w:lang w:val="nn-NO"/);
  });
  it('a reference .docx gives the styles (its own win; ours are added where it has none)', async () => {
    const dir = tempDir();
    const doc = smallDocument();
    const plain = unzip(await renderDocx(doc, { figures: renderFigures(doc) }));
    const theirs = (plain['word/styles.xml'] as string).replace(/<w:style w:type="paragraph" w:styleId="Heading1">[\s\S]*?<\/w:style>/, '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:color w:val="C00000"/><w:sz w:val="48"/></w:rPr></w:style>').replace(/<w:style w:type="paragraph" w:styleId="Assessment">[\s\S]*?<\/w:style>/, '');
    const reference = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/styles.xml': strToU8(theirs) });
    mkdirSync(join(dir, 'maler'));
    writeFileSync(join(dir, 'maler', 'reference.docx'), reference);
    const styles = unzip(await renderDocx(doc, { figures: renderFigures(doc), templates: join(dir, 'maler') }))['word/styles.xml'] as string;
    expect(styles).toMatch(/w:styleId="Heading1"><w:name w:val="heading 1"\/><w:rPr><w:color w:val="C00000"\/>/);
    expect(styles).toContain('w:styleId="Assessment"');
    expect(styles).toContain('<w:lang w:val="nb-NO"');
    writeFileSync(join(dir, 'maler', 'reference.docx'), 'not a zip');
    await expect(renderDocx(doc, { figures: renderFigures(doc), templates: join(dir, 'maler') })).rejects.toThrow(/reference document .*reference\.docx: not a \.docx/);
  });
  it('the coat of arms on the front page, as SVG with a PNG fallback and its alt text', async () => {
    const doc = { ...smallDocument(), coatOfArms: { file: 'figurer/kommunevapen.svg', alt: 'Kommunevåpenet til Levanger kommune', mediaType: 'image/svg+xml' as const, bytes: strToU8('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="12"><rect width="10" height="12" fill="#c00"/></svg>') } };
    const files = unzip(await renderDocx(doc, { figures: renderFigures(doc) }));
    expect(files['word/document.xml']).toMatch(/<wp:docPr id="1" name="kommunevapen" descr="Kommunevåpenet til Levanger kommune"/);
    expect(Object.keys(files).filter((f) => f.startsWith('word/media/')).sort()).toEqual(['word/media/image1.png', 'word/media/image1.svg', 'word/media/image2.png', 'word/media/image2.svg']);
    const html = renderHtml(doc, { figures: renderFigures(doc) });
    expect(html).toMatch(/<img class="coat-of-arms" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Kommunevåpenet til Levanger kommune">/);
  });
  it('control characters and lone surrogates from data cannot make the XML invalid (DOCX, SVG)', async () => {
    const doc = smallDocument('a\u0001b\u001bc\u0000d\ud800e');
    const svgs = renderFigures(doc);
    for (const svg of svgs.values()) expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udfff]/);
    const files = unzip(await renderDocx(doc, { figures: svgs }));
    for (const [name, xml] of Object.entries(files)) if (typeof xml === 'string') expect(xml, name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udfff]/);
    expect(files['word/document.xml']).toContain('a\ufffdb\ufffdc\ufffdd\ufffde');
  });
  it("the municipality's Markdown: styles, http(s) addresses as hyperlinks, other links as their text", async () => {
    const doc = smallDocument();
    const block = doc.sections[0]!.children[0]!.blocks.find((b) => b.kind === 'assessment' && b.status === 'written')!;
    if (block.kind === 'assessment') block.content = parseAssessment('**Egen** tekst med [lenke](https://fhi.no) og [farlig](javascript:alert(1)).\n\n- punkt &amp; `kode`');
    const files = unzip(await renderDocx(doc, { figures: renderFigures(doc) }));
    const xml = files['word/document.xml'] as string;
    expect(xml).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"[^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><\/w:rPr><w:t xml:space="preserve">lenke<\/w:t><\/w:r><\/w:hyperlink>/);
    expect(files['word/_rels/document.xml.rels'] as string).toMatch(/Target="https:\/\/fhi\.no" TargetMode="External"/);
    expect(xml).not.toContain('javascript');
    expect(xml).toMatch(/<w:b\/>.*?Egen/);
    expect(xml).toContain('farlig');
    expect(xml).toContain('• ');
    expect(xml).toContain('punkt &amp; ');
  });
  it('the same document gives the same bytes: the random ids docx draws (hyperlinks) are numbered in order, Math.random is left alone', async () => {
    const doc = smallDocument();
    const random = Math.random;
    let draws = 0;
    Math.random = () => (draws++, random());
    let first: Uint8Array;
    try {
      first = await renderDocx(doc, { figures: renderFigures(doc) });
    } finally {
      Math.random = random;
    }
    // docx drew its ids from the real Math.random (nothing stood in for it) …
    expect(draws).toBeGreaterThan(0);
    // … and they are not in the document: the same bytes every time.
    expect(Buffer.from(await renderDocx(doc, { figures: renderFigures(doc) })).equals(Buffer.from(first))).toBe(true);
    const files = unzip(first);
    expect(files['word/_rels/document.xml.rels']).toMatch(/Id="link1"[^>]*Target="https:\/\/fhi\.no"/);
    expect(files['word/document.xml']).toMatch(/<w:hyperlink [^>]*r:id="link1"/);
  });
  it('renames only the random relationship ids, in the part and its relationships alike', () => {
    const rels = '<Relationship Id="rId1" Target="styles.xml"/><Relationship Id="x9_ab" Target="https://a"/><Relationship Id="q1" Target="https://b"/>';
    const part = '<w:hyperlink r:id="q1"/><w:hyperlink r:id="x9_ab"/><w:x r:id="rId1"/>';
    expect(renumberRelationships(rels, part)).toEqual({
      rels: '<Relationship Id="rId1" Target="styles.xml"/><Relationship Id="link1" Target="https://a"/><Relationship Id="link2" Target="https://b"/>',
      part: '<w:hyperlink r:id="link2"/><w:hyperlink r:id="link1"/><w:x r:id="rId1"/>',
    });
  });
  it('sets the language in style defaults whatever the reference had', () => {
    expect(withLanguage('<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>', 'nb-NO')).toBe('<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="nb-NO" w:eastAsia="nb-NO" w:bidi="ar-SA"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>');
    expect(withLanguage('<w:styles xmlns:w="x"></w:styles>', 'nn-NO')).toContain('<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="nn-NO"');
  });
});

describe("a user's template cannot reach outside formatting", () => {
  it('has no log helper (it wrote to the console, into --json output) and sees nothing of a prototype', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'partials'), { recursive: true });
    writeFileSync(join(dir, 'partials', 'paragraph.md.hbs'), '{{log "LEAK"}}{{text}}');
    const logged: unknown[] = [];
    const original = { info: console.info, log: console.log, error: console.error, warn: console.warn };
    console.info = console.log = console.error = console.warn = (...a: unknown[]) => void logged.push(...a);
    try {
      expect(() => compileTemplates(dir)(smallDocument('Levanger'))).toThrow(/log/);
    } finally {
      Object.assign(console, original);
    }
    expect(logged.join(' ')).not.toMatch(/LEAK/);
    // An error in a user's partial names it (Handlebars only knows the main template).
    writeFileSync(join(dir, 'partials', 'paragraph.md.hbs'), '{{> paragraph}}');
    expect(() => compileTemplates(dir)(smallDocument('Levanger'))).toThrow(/partials .*paragraph\.md\.hbs/);
    writeFileSync(join(dir, 'partials', 'paragraph.md.hbs'), '[{{constructor.name}}|{{lookup this "__proto__"}}|{{#with (lookup this "constructor")}}{{name}}{{/with}}]');
    const md = compileTemplates(dir)(smallDocument('Levanger'));
    expect(md).toContain('[||]');
    expect(md).not.toMatch(/Object|Function/);
  });
});
