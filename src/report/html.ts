import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';
import { parseAssessment, type AssessmentContent } from './assessment.js';
import type { Block, Document, FigureBlock, Inline, Section, TableBlock } from './document.js';
import { inToc } from './document.js';
import { escapeHtml, slug } from './escape.js';
import { TEMPLATE_DIR } from './language.js';

export interface HtmlOptions {
  /** SVG of each figure by its file (as in FigureBlock.file); inlined. */
  figures: Map<string, string>;
  /** The template folder whose style.css replaces the shipped one. */
  templates?: string;
  /**
   * For print: the page of each numbered section by its id, shown in the table of contents (the
   * printer's placeholders, which it writes the pages over: `fillContentsPages`). Absent on screen.
   */
  tocPages?: Map<string, string>;
}

/** The HTML of the municipality's text: raw HTML shown as text, links only to http(s), mailto and #anchors, no images. */
const writer = new Marked({ gfm: true, breaks: false, async: false }).use({
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      if (!/^(https?:|mailto:|#)/i.test(href)) return inner;
      return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${inner}</a>`;
    },
    image({ text }: Tokens.Image) {
      return escapeHtml(text);
    },
  },
});

/** An assessment's blocks (read once, `parseAssessment`) as HTML, locked down. */
export function assessmentHtml(content: AssessmentContent): string {
  return writer.parser(content.blocks);
}

/**
 * Markdown the municipality wrote as HTML, locked down: raw HTML is shown as text, links only to
 * http(s), mailto and #anchors, no bare-URL autolinks, no images.
 */
export function markdownToHtml(markdown: string): string {
  return assessmentHtml(parseAssessment(markdown));
}

/** CSS put inside <style>: nothing in it can end the element (`</style` → `<\/style`, the same CSS). */
export function styleContent(css: string): string {
  return css.replace(/<\/(?=style)/gi, '<\\/').replace(/<!--/g, '<\\!--');
}

function inline(runs: Inline): string {
  return runs
    .map((r) => {
      let s = escapeHtml(r.text);
      if (r.code) s = `<code>${s}</code>`;
      if (r.link !== undefined) s = `<a href="#${escapeHtml(r.link)}">${s}</a>`;
      if (r.strong) s = `<strong>${s}</strong>`;
      if (r.emphasis) s = `<em>${s}</em>`;
      return s;
    })
    .join('');
}

function table(t: TableBlock, label: string, caption: string | null = t.caption): string {
  const align = (i: number) => (t.align[i] === 'r' ? ' align="right"' : '');
  const cls = (c: Inline) => {
    // A verdict marker at the start of a cell colours it (blue better, vermillion worse).
    const first = c[0]?.text ?? '';
    return first.startsWith('●') ? ' class="better"' : first.startsWith('■') ? ' class="worse"' : '';
  };
  const cap = `<caption>${escapeHtml(`${label} ${t.number}. ${caption === null ? t.title : `${caption}${t.unit ? ` (${t.unit})` : ''}`}`)}</caption>\n`;
  const head = t.header.map((row) => `<tr>\n${row.map((c, i) => `<th scope="col"${align(i)}>${inline(c)}</th>\n`).join('')}</tr>\n`).join('');
  const body = t.rows.map((row) => `<tr>\n${row.map((c, i) => `<td${align(i)}${cls(c)}>${inline(c)}</td>\n`).join('')}</tr>\n`).join('');
  return `<table id="${escapeHtml(t.id)}">\n${cap}<thead>\n${head}</thead>\n<tbody>\n${body}</tbody>\n</table>\n`;
}

function figure(f: FigureBlock, doc: Document, svgs: Map<string, string>): string {
  const svg = (svgs.get(f.file) ?? '').replace(/^<\?xml[^>]*>\s*/, '').trim();
  let out = `<figure id="${escapeHtml(f.id)}">${svg}<figcaption>${escapeHtml(`${doc.labels.figure} ${f.number}. ${f.caption}`)}</figcaption></figure>\n`;
  if (f.data) out += table(f.data, doc.labels.table, f.dataCaption);
  return out;
}

function block(b: Block, doc: Document, svgs: Map<string, string>): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${inline(b.runs)}</p>\n`;
    case 'table':
      return table(b, doc.labels.table);
    case 'figure':
      return figure(b, doc, svgs);
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${inline(i)}</li>\n`).join('')}</ul>\n`;
    case 'assessment':
      return b.status === 'written' && b.content ? `<div class="assessment">\n${assessmentHtml(b.content)}</div>\n` : `<blockquote class="assessment ${b.status === 'check' ? 'check' : 'missing'}">\n<p>${inline(b.note)}</p>\n</blockquote>\n`;
    case 'reference':
      return `<p class="source"><em>${escapeHtml(`${b.label}: ${b.text}`)}</em></p>\n`;
    case 'note':
      return `<aside class="note"><p>${inline(b.runs)}</p></aside>\n`;
  }
}

function headingText(s: Section): string {
  return s.number ? `${s.number} ${s.title}` : s.title;
}

function section(s: Section, doc: Document, svgs: Map<string, string>): string {
  const h = Math.min(6, s.depth + 1);
  // A theme with nothing but its text is marked so print CSS does not give it a page of its own.
  const bare = s.role === 'theme' && s.children.every((c) => c.role === 'assessment-part') && !s.blocks.some((b) => b.kind === 'table' || b.kind === 'figure');
  return `<h${h} id="${escapeHtml(s.id)}"${bare ? ' class="without-indicators"' : ''}>${escapeHtml(headingText(s))}</h${h}>\n${s.blocks.map((b) => block(b, doc, svgs)).join('')}${s.children.map((c) => section(c, doc, svgs)).join('')}`;
}

/**
 * The document as one self-contained, accessible HTML file: inline CSS and SVG, a strict
 * Content-Security-Policy, every text escaped, <caption>, <th scope>, <figure>/<figcaption>.
 */
export function renderHtml(doc: Document, opts: HtmlOptions): string {
  const parts: string[] = [];
  parts.push(`<h1 id="${escapeHtml(slug(doc.title))}">${escapeHtml(doc.title)}</h1>\n<p><strong>${escapeHtml(doc.subtitle)}</strong></p>\n`);
  if (doc.date) parts.push(`<p>${escapeHtml(doc.date)}</p>\n`);
  if (doc.coatOfArms) parts.push(`<p><img class="coat-of-arms" src="data:${doc.coatOfArms.mediaType};base64,${Buffer.from(doc.coatOfArms.bytes).toString('base64')}" alt="${escapeHtml(doc.coatOfArms.alt)}"></p>\n`);
  parts.push(...doc.front.map((b) => block(b, doc, opts.figures)));
  if (doc.tocHeading !== null) {
    const pages = opts.tocPages;
    const entry = (s: Section) =>
      pages ? `<li><a class="toc-entry" href="#${escapeHtml(s.id)}"><span class="toc-title">${escapeHtml(headingText(s))}</span><span class="toc-page">${escapeHtml(pages.get(s.id) ?? '')}</span></a>` : `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(headingText(s))}</a>`;
    const items = doc.sections
      .filter(inToc)
      .map((s) => {
        const kids = s.children.filter((c) => c.number);
        return `${entry(s)}${kids.length ? `\n<ul>\n${kids.map((c) => `${entry(c)}</li>\n`).join('')}</ul>\n` : ''}</li>\n`;
      });
    parts.push(`<h2 id="${escapeHtml(slug(doc.tocHeading))}">${escapeHtml(doc.tocHeading)}</h2>\n<ul>\n${items.join('')}</ul>\n`);
  }
  parts.push(...doc.sections.map((s) => section(s, doc, opts.figures)));
  parts.push(`<hr>\n<p>${escapeHtml(doc.footer)}</p>\n`);
  const cssFile = opts.templates && existsSync(join(opts.templates, 'style.css')) ? join(opts.templates, 'style.css') : join(TEMPLATE_DIR, 'style.css');
  const css = styleContent(readFileSync(cssFile, 'utf8'));
  return `<!DOCTYPE html>
<html lang="${escapeHtml(doc.locale.slice(0, 2))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.kind === 'kommune' ? `${doc.title} – ${doc.subject}` : doc.title)}</title>
<style>
${css}</style>
</head>
<body>
<main${doc.variant === 'short' ? ' class="kortversjon"' : ''}>
${parts.join('')}</main>
</body>
</html>
`;
}
