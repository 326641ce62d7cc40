import { describe, expect, it } from 'vitest';
import type { WritingAid } from '../../../src/app/preview/aid.js';
import { aidHtml, documentParts, pageContent, renderPage, type PreviewSnapshot } from '../../../src/app/preview/page.js';
import { loadMessages } from '../../../src/cli/messages.js';
import { renderFigures } from '../../../src/report/renderers.js';
import { renderHtml } from '../../../src/report/html.js';
import { smallDocument } from '../../report/small-document.js';

const EVIL = '<script>alert(1)</script>"\'&';

function aid(over: Partial<WritingAid> = {}): WritingAid {
  return {
    entries: [
      { name: 'b', title: 'Oppvekst', law: 'forskrift § 3 b', status: 'present', headings: [], file: 'vurderinger/5037/b.md', anchor: '5-oppvekst', questions: ['Hvordan er inntekt?'], contradictions: [] },
      { name: 'helsestasjon', title: 'Helsestasjonen', law: 'folkehelseloven § 5 b', status: 'incomplete', headings: ['Hva tjenesten ser'], file: 'vurderinger/5037/helsestasjon.md', anchor: 'helsestasjonen', questions: [], contradictions: [] },
    ],
    marked: [],
    unknown: [],
    required: 2,
    notReady: 1,
    contradictions: 0,
    ...over,
  };
}

function snapshot(over: Partial<PreviewSnapshot> = {}): PreviewSnapshot {
  return { version: 3, lang: 'nb', kommune: { code: '5037', name: 'Levanger' }, document: { title: 'Oversikt – Levanger kommune', css: 'p{}', body: '<p>Dokumentet</p>\n', lang: 'nb' }, aid: aid(), problem: null, ...over };
}

describe('the preview page', () => {
  it("takes the document's title, style sheet and body from the build's HTML renderer", () => {
    const doc = smallDocument('Levanger & <Verdal>');
    const html = renderHtml(doc, { figures: renderFigures(doc) });
    const parts = documentParts(html);
    expect(parts.title).toBe('Oversikt Levanger & <Verdal> – Levanger & <Verdal> kommune');
    expect(parts.lang).toBe('nb');
    expect(parts.css).toContain('@page');
    expect(parts.body.startsWith('<h1 id=')).toBe(true);
    expect(parts.body).not.toContain('<main');
    expect(parts.body).not.toContain('</main>');
    expect(html).toContain(parts.body);
    expect(() => documentParts('<p>no document</p>')).toThrow(/no <title>/);
  });

  it('the writing aid: states, the link to the place in the document, the file to write, the missing headings', () => {
    const m = loadMessages('nb');
    const html = aidHtml(aid(), m);
    expect(html).toContain('1 av 2 påkrevde vurderinger er ikke klare for endelig versjon.');
    expect(html).toContain('<span class="fh-badge">Skrevet</span> <a href="#5-oppvekst" title="Vis i dokumentet">Oppvekst</a>');
    expect(html).toContain('<span class="fh-badge">Ufullstendig</span>');
    expect(html).toContain('Mangler tekst under «Hva tjenesten ser»: for tynn for endelig versjon.');
    expect(html).toContain('<code>vurderinger/5037/helsestasjon.md</code>');
    expect(html).toContain('<li>Hvordan er inntekt?</li>');
    const marked = aidHtml(aid({ marked: [{ ...aid().entries[0]!, name: 'trangbodde', status: 'marked' }] }), m);
    expect(marked).toMatch(/<details class="fh-marked" id="fh-aid-marked">\n<summary>Også markert i utkastet \(1\)<\/summary>[\s\S]*<span class="fh-badge">Ikke skrevet<\/span>[\s\S]*den kreves ikke for endelig versjon/);
    const ready = aidHtml(aid({ notReady: 0 }), loadMessages('nn'));
    expect(ready).toContain('Alle påkravde vurderingar er skrivne');
  });

  it('a status the final gate may add later gets the general words, not a crash', () => {
    const html = aidHtml(aid({ entries: [{ ...aid().entries[0]!, status: 'too-short' }] }), loadMessages('nb'));
    expect(html).toContain('<span class="fh-badge">Ikke klar</span>');
    expect(html).toContain('Ikke klar for endelig versjon (too-short).');
  });

  it('escapes everything from the files: names, texts, contradictions, unknown files', () => {
    const entry = { name: EVIL, title: EVIL, law: EVIL, status: 'missing', headings: [EVIL], file: EVIL, anchor: EVIL, questions: [EVIL], contradictions: [EVIL] };
    const html = aidHtml(aid({ entries: [entry], marked: [entry], unknown: [EVIL] }), loadMessages('nb'));
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/"'/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    const page = renderPage(snapshot({ problem: { stage: 'data', message: EVIL, internal: false }, document: { ...snapshot().document!, title: EVIL } }), loadMessages('nb'));
    expect(page.match(/<script\b/g)).toHaveLength(1);
  });

  it('a problem: in words, with the last document kept and said to be from before', () => {
    const m = loadMessages('nb');
    const c = pageContent(snapshot({ problem: { stage: 'config', message: 'folkehelse.config.json: "edition" must be a year', internal: false } }), m);
    expect(c.problem).toContain('<h2>Konfigurasjonen kan ikke brukes</h2>');
    expect(c.problem).toContain('<pre>folkehelse.config.json: &quot;edition&quot; must be a year</pre>');
    expect(c.problem).toContain('Det som vises er fra før feilen.');
    expect(c.document).toBe('<p>Dokumentet</p>\n');
    const none = pageContent(snapshot({ document: null, aid: null, problem: { stage: 'data', message: 'x', internal: true } }), loadMessages('nn'));
    expect(none.problem).toContain('Intern feil i folkehelse');
    expect(none.problem).not.toContain('frå før feilen');
    expect(none.document).toContain('Dokumentet blir vist her når feilen over er retta.');
    expect(none.title).toBe('Førehandsvising – 5037 Levanger');
  });

  it('the page: the document and the aid, the version the script compares, the server’s own script and styles', () => {
    const page = renderPage(snapshot(), loadMessages('nb'));
    expect(page).toContain('<body class="fh-preview" data-version="3">');
    expect(page).toMatch(/<link rel="stylesheet" id="fh-document-css" href="\/document\.css\?v=[0-9a-f]{12}">/);
    expect(page).toContain('<script src="/preview.js" defer></script>');
    expect(page).toContain('<main id="fh-document">\n<p>Dokumentet</p>\n</main>');
    expect(page).toContain('data-offline="Mistet kontakten med forhåndsvisningen – prøver igjen …"');
    expect(page).toContain('<title>Forhåndsvisning – Levanger · Oversikt – Levanger kommune</title>');
  });
});
