import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';
import { escapeHtml, SlugSet } from './escape.js';
import { TEMPLATE_DIR } from './language.js';

export interface HtmlOptions {
  title: string;
  lang: 'nb' | 'nn';
  /** SVG figures by their path in the Markdown; they are inlined. */
  figures: Map<string, string>;
  /** Images (coat of arms) by their path, as data: URLs. */
  images?: Map<string, string>;
  templates?: string;
}

/**
 * Markdown → one self-contained, accessible HTML file (inline CSS and SVG). The renderer is locked
 * down: raw HTML in the Markdown is shown as text, links only to http(s), mailto and #anchors,
 * no bare-URL autolinks, and images only from the build's own figures.
 */
export function renderHtml(markdown: string, opts: HtmlOptions): string {
  const slugs = new SlugSet();
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    tokenizer: {
      // No autolinking of bare URLs from data.
      url() {
        return undefined;
      },
    },
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      heading({ tokens, depth, text }: Tokens.Heading) {
        const id = slugs.take(text);
        return `<h${depth} id="${escapeHtml(id)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        if (!/^(https?:|mailto:|#)/i.test(href)) return inner;
        return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${inner}</a>`;
      },
      tablecell(token: Tokens.TableCell) {
        const content = this.parser.parseInline(token.tokens);
        const tag = token.header ? 'th' : 'td';
        const align = token.align ? ` align="${token.align}"` : '';
        // A verdict marker at the start of a cell colours it (blue better, vermillion worse).
        const mark = /^(●|■)/.exec(token.text)?.[1];
        const cls = mark === '●' ? ' class="better"' : mark === '■' ? ' class="worse"' : '';
        return `<${tag}${align}${cls}>${content}</${tag}>\n`;
      },
      image({ href, text }: Tokens.Image) {
        const svg = opts.figures.get(href);
        if (svg) return `<figure>${svg.replace(/^<\?xml[^>]*>\s*/, '').trim()}</figure>`;
        const data = opts.images?.get(href);
        if (data) return `<img class="coat-of-arms" src="${escapeHtml(data)}" alt="${escapeHtml(text)}">`;
        return escapeHtml(text);
      },
    },
  });
  const body = marked.parse(markdown) as string;
  const cssFile = opts.templates && existsSync(join(opts.templates, 'style.css')) ? join(opts.templates, 'style.css') : join(TEMPLATE_DIR, 'style.css');
  const css = readFileSync(cssFile, 'utf8');
  return `<!DOCTYPE html>
<html lang="${opts.lang === 'nn' ? 'nn' : 'nb'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(opts.title)}</title>
<style>
${css}</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
}
