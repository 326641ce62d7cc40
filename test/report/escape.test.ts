import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownCode, slug, SlugSet } from '../../src/report/escape.js';
import { formatNumber } from '../../src/language/intl.js';
import { formatPeriod } from '../../src/report/format.js';
import { markdownToHtml, styleContent } from '../../src/report/html.js';

const HOSTILE = ['<img src=x onerror=alert(1)>', '{{constructor}}', '[klikk](javascript:alert(1))', '**fet** og _kursiv_', 'a | b', '# overskrift', '- punkt', '1. liste', 'se http://evil.example og www.evil.no', '`kode`', '<script>alert(1)</script>'];

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('%s renders as the same text in HTML, never as markup', (value) => {
    const body = markdownToHtml(`Verdi: ${escapeMarkdown(value)}`);
    expect(body).not.toMatch(/<(img|script|a|strong|em|code|h1|ul|ol|li|table)\b/);
    const text = body.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#91;/g, '[').replace(/&#93;/g, ']').trim();
    expect(text).toBe(`Verdi: ${value}`);
  });
  it('keeps ordinary text readable', () => {
    expect(escapeMarkdown('Trøndelag (50), 10. trinn - Levanger')).toBe('Trøndelag (50), 10. trinn - Levanger');
  });
});

describe('Markdown code spans and table cells', () => {
  const cellOf = (markdown: string) => {
    const html = markdownToHtml(`| a | b |\n| :-- | :-- |\n| ${markdown} | x |\n`);
    return [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
  };
  it.each(['fil`med`backticks.csv', '``dobbel``', '`start', 'slutt`', 'rør|i|navnet.csv', 'linje\rskift\nher\r\n.csv', ' mellomrom '])('file name %j shows exactly, in a code span, in one table cell', (name) => {
    const cells = cellOf(markdownCode(name, true));
    expect(cells).toHaveLength(2);
    expect(cells[1]).toBe('x');
    const code = /^<code>([\s\S]*)<\/code>$/.exec(cells[0]!)?.[1];
    expect(code?.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")).toBe(name.replace(/\r\n?|\n/g, ' '));
  });
  it.each(['a|b', 'linje\rskift', 'linje\nskift', 'x\r\n# overskrift', 'a\r- punkt'])('text %j stays in its table cell and on its line', (value) => {
    const cells = cellOf(escapeMarkdown(value));
    expect(cells).toHaveLength(2);
    expect(cells[0]).not.toMatch(/<(h\d|ul|li|a)\b/);
  });
  it('a lone CR cannot start a new Markdown block', () => {
    const html = markdownToHtml(`Verdi: ${escapeMarkdown('x\r# overskrift\r[lenke](http://evil.example)')}`);
    expect(html).not.toMatch(/<(h1|a)\b/);
  });
  it('an e-mail address in data does not become a link', () => {
    expect(escapeMarkdown('skriv til post@evil.example')).toBe('skriv til post\\@evil.example');
  });
});

describe('the Markdown-to-HTML renderer for assessments', () => {
  it('shows raw HTML in Markdown as text and allows only safe links, no images', () => {
    const md = '<b>x</b>\n\n[ok](https://fhi.no) [anker](#a) [bad](javascript:alert(1)) [file](file:///etc/passwd)\n\n![ekstern](http://evil.example/x.png)\n\nhttp://bare.example';
    const html = markdownToHtml(md);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('<a href="https://fhi.no">ok</a>');
    expect(html).toContain('<a href="#a">anker</a>');
    expect(html).not.toMatch(/href="(javascript|file):/);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<a href="http:\/\/bare/);
  });
  it('gives headings the anchors GitHub gives them', () => {
    const s = new SlugSet();
    expect([s.take('Vurdering'), s.take('Vurdering')]).toEqual(['vurdering', 'vurdering-1']);
    expect(slug('3.1 Befolkningen etter alder og kjønn')).toBe('31-befolkningen-etter-alder-og-kjønn');
    expect(slug('4 Oppvekst- og levekårsforhold (forskrift § 3 b)')).toBe('4-oppvekst--og-levekårsforhold-forskrift--3-b');
  });
});

describe('a user style sheet', () => {
  it('cannot close the <style> element', () => {
    const css = 'p { color: red } </style><script>alert(1)</script><STYLE></Style ><!-- x';
    const out = styleContent(css);
    expect(out).not.toMatch(/<\/style/i);
    expect(out).not.toContain('<!--');
    expect(out).toContain('p { color: red }');
  });
});

describe('Norwegian numbers', () => {
  it('uses decimal comma and spaces between thousands', () => {
    expect(formatNumber(12.6, 1)).toBe('12,6');
    expect(formatNumber(20600, 0)).toBe('20\u00a0600');
    expect(formatNumber(5550000, 0, ' ')).toBe('5 550 000');
    expect(formatNumber(-3.25, 2)).toBe('−3,25');
    expect(formatNumber(999, 0)).toBe('999');
    expect(formatPeriod({ from: 2021, to: 2023, kind: 'pool', label: '' })).toBe('2021–2023');
    expect(formatPeriod({ from: 2020, to: 2021, kind: 'school-year', label: '' })).toBe('2020/21');
  });
});
