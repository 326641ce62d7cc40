import { describe, expect, it } from 'vitest';
import type { WritingAid } from '../../../src/app/preview/aid.js';
import { aidHtml, documentParts, pageContent, renderPage, type PreviewSnapshot } from '../../../src/app/preview/page.js';
import { PREVIEW_CSS } from '../../../src/app/preview/assets.js';
import { loadMessages } from '../../../src/cli/messages.js';
import { renderFigures } from '../../../src/report/renderers.js';
import { renderHtml } from '../../../src/report/html.js';
import { smallDocument } from '../../report/small-document.js';

const EVIL = '<script>alert(1)</script>"\'&';

function aid(over: Partial<WritingAid> = {}): WritingAid {
  return {
    entries: [
      { name: 'b', title: 'Oppvekst', law: 'forskrift om oversikt over folkehelsen § 3 b', status: 'present', headings: [], thin: [], file: 'vurderinger/5037/b.md', anchor: '5-oppvekst', questions: ['Hvordan er inntekt?'], contradictions: [] },
      { name: 'helsestasjon', title: 'Helsestasjonen', law: 'folkehelseloven § 5 b', status: 'incomplete', headings: ['Hva tjenesten ser'], thin: [], file: 'vurderinger/5037/helsestasjon.md', anchor: 'helsestasjonen', questions: [], contradictions: [] },
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

/** WCAG 2's contrast ratio of two colours (#rrggbb). */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe('the preview page', () => {
  it('text in colour has a contrast of at least 4.5:1 (WCAG AA) against its background', () => {
    for (const rule of PREVIEW_CSS.match(/[^{}]+\{[^}]*\}/g) ?? []) {
      const color = /(?:^|[\s;{])color:\s*(#[0-9a-f]{6})/i.exec(rule)?.[1];
      const background = /background:\s*(#[0-9a-f]{6})/i.exec(rule)?.[1];
      if (color && background) expect(contrast(color, background), rule.trim()).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast('#ffffff', /\.fh-badge-contradiction \{ background: (#[0-9A-F]{6})/i.exec(PREVIEW_CSS)![1]!)).toBeGreaterThanOrEqual(4.5);
  });


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

  it('too thin: the parts with too few words in the help, where the language file has words for it', () => {
    const m = loadMessages('nb');
    const preview = m['preview'] as Record<string, Record<string, unknown>>;
    const own = { ...m, preview: { ...preview, status: { ...preview['status'], thin: 'For tynn' }, statusHelp: { ...preview['statusHelp'], thin: 'For få ord under {parts}: minst {minWords} ord.' } } };
    const entry = { ...aid().entries[0]!, status: 'thin', thin: [{ title: 'Årsaksforhold', words: 9, minWords: 25 }, { title: 'Konsekvenser', words: 4, minWords: 25 }] };
    const html = aidHtml(aid({ entries: [entry] }), own);
    expect(html).toContain('<span class="fh-badge">For tynn</span>');
    expect(html).toContain('For få ord under «Årsaksforhold», «Konsekvenser»: minst 25 ord.');
    expect(html).toContain('forskrift om oversikt over folkehelsen § 3 b');
  });

  it('a data file left out of the draft: said beside a document that is current', () => {
    const c = pageContent(snapshot({ problem: { stage: 'data', message: 'data/ungdata.csv er utelatt (1 feil); dokumentene er laget uten filen:', internal: false, partial: true } }), loadMessages('nb'));
    expect(c.problem).toContain('<h2>Dataene kan ikke leses</h2>');
    expect(c.problem).toContain('data/ungdata.csv er utelatt');
    expect(c.problem).not.toContain('fra før feilen');
  });

  it('escapes everything from the files: names, texts, contradictions, unknown files', () => {
    const entry = { name: EVIL, title: EVIL, law: EVIL, status: 'missing', headings: [EVIL], thin: [{ title: EVIL, words: 3, minWords: 25 }], file: EVIL, anchor: EVIL, questions: [EVIL], contradictions: [EVIL] };
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
