import { describe, expect, it } from 'vitest';
import { escapeMarkdown, slug, SlugSet } from '../../src/report/escape.js';
import { formatNumber, formatPeriod } from '../../src/report/format.js';
import { renderHtml } from '../../src/report/html.js';

const HOSTILE = ['<img src=x onerror=alert(1)>', '{{constructor}}', '[klikk](javascript:alert(1))', '**fet** og _kursiv_', 'a | b', '# overskrift', '- punkt', '1. liste', 'se http://evil.example og www.evil.no', '`kode`', '<script>alert(1)</script>'];

describe('escapeMarkdown', () => {
  it.each(HOSTILE)('%s renders as the same text in HTML, never as markup', (value) => {
    const html = renderHtml(`Verdi: ${escapeMarkdown(value)}`, { title: 't', lang: 'nb', figures: new Map() });
    const body = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
    expect(body).not.toMatch(/<(img|script|a|strong|em|code|h1|ul|ol|li|table)\b/);
    const text = body.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();
    expect(text).toBe(`Verdi: ${value}`);
  });
  it('keeps ordinary text readable', () => {
    expect(escapeMarkdown('Trøndelag (50), 10. trinn - Levanger')).toBe('Trøndelag (50), 10. trinn - Levanger');
  });
});

describe('the HTML renderer', () => {
  it('shows raw HTML in Markdown as text and allows only safe links and own figures', () => {
    const md = '<b>x</b>\n\n[ok](https://fhi.no) [anker](#a) [bad](javascript:alert(1)) [file](file:///etc/passwd)\n\n![figur](figurer/a.svg) ![ekstern](http://evil.example/x.png)\n\nhttp://bare.example';
    const html = renderHtml(md, { title: 't', lang: 'nb', figures: new Map([['figurer/a.svg', '<svg xmlns="http://www.w3.org/2000/svg"><title>A</title></svg>']]) });
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('<a href="https://fhi.no">ok</a>');
    expect(html).toContain('<a href="#a">anker</a>');
    expect(html).not.toMatch(/href="(javascript|file):/);
    expect(html).toContain('<figure><svg');
    expect(html).not.toContain('evil.example/x.png"');
    expect(html).not.toMatch(/<a href="http:\/\/bare/);
    expect(html).toContain("Content-Security-Policy");
  });
  it('gives headings the anchors GitHub gives them', () => {
    const html = renderHtml('## 4 Oppvekst- og levekårsforhold (forskrift § 3 b)\n\n### 4.1 Vedvarende lavinntekt, alle aldre', { title: 't', lang: 'nb', figures: new Map() });
    expect(html).toContain('id="4-oppvekst--og-levekårsforhold-forskrift--3-b"');
    expect(html).toContain('id="41-vedvarende-lavinntekt-alle-aldre"');
    const s = new SlugSet();
    expect([s.take('Vurdering'), s.take('Vurdering')]).toEqual(['vurdering', 'vurdering-1']);
    expect(slug('3.1 Befolkningen etter alder og kjønn')).toBe('31-befolkningen-etter-alder-og-kjønn');
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
