import { ExternalHyperlink, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { Token, Tokens } from 'marked';
import type { AssessmentContent } from './assessment.js';

export const MONO = 'DejaVu Sans Mono';

type RunStyle = { bold?: boolean; italics?: boolean; style?: string };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

function inline(tokens: Token[] | undefined, style: RunStyle = {}): ParagraphChild[] {
  return (tokens ?? []).flatMap((t): ParagraphChild[] => {
    switch (t.type) {
      case 'strong':
        return inline((t as Tokens.Strong).tokens, { ...style, bold: true });
      case 'em':
        return inline((t as Tokens.Em).tokens, { ...style, italics: true });
      case 'codespan':
        return [new TextRun({ text: decode((t as Tokens.Codespan).text), font: MONO, ...style })];
      case 'br':
        return [new TextRun({ break: 1 })];
      case 'link': {
        // http(s) and mailto addresses become Word hyperlinks (as the HTML allows them); others are their text.
        const l = t as Tokens.Link;
        if (!/^(https?:|mailto:)/i.test(l.href)) return inline(l.tokens, style);
        const runs = inline(l.tokens, { ...style, style: 'Hyperlink' });
        return [new ExternalHyperlink({ link: l.href, children: runs.length ? runs : [new TextRun({ text: l.href, ...style, style: 'Hyperlink' })] })];
      }
      case 'del':
        return inline((t as Tokens.Del).tokens, style);
      default:
        return 'tokens' in t && t.tokens ? inline(t.tokens, style) : [new TextRun({ text: decode((t as { text?: string }).text ?? t.raw), ...style })];
    }
  });
}

function blocks(tokens: Token[], out: Paragraph[], prefix = ''): void {
  for (const t of tokens) {
    if (t.type === 'paragraph' || t.type === 'text') out.push(new Paragraph({ style: 'Assessment', children: [...(prefix ? [new TextRun(prefix)] : []), ...inline((t as Tokens.Paragraph).tokens)] }));
    else if (t.type === 'heading') out.push(new Paragraph({ style: 'Assessment', keepNext: true, children: inline((t as Tokens.Heading).tokens, { bold: true }) }));
    else if (t.type === 'list') {
      const l = t as Tokens.List;
      l.items.forEach((item, i) => blocks(item.tokens, out, l.ordered ? `${(Number(l.start) || 1) + i}. ` : '• '));
    } else if (t.type === 'blockquote') blocks((t as Tokens.Blockquote).tokens, out);
    else if (t.type === 'code') out.push(new Paragraph({ style: 'Assessment', children: [new TextRun({ text: (t as Tokens.Code).text, font: MONO })] }));
    else if (t.type === 'table') {
      const tb = t as Tokens.Table;
      for (const row of [tb.header, ...tb.rows]) out.push(new Paragraph({ style: 'Assessment', children: row.flatMap((c, i) => [...(i ? [new TextRun(' | ')] : []), ...inline(c.tokens)]) }));
    } else if (t.type !== 'space' && t.type !== 'hr' && t.type !== 'def') out.push(new Paragraph({ style: 'Assessment', children: [new TextRun(t.raw.trim())] }));
  }
}

/** The municipality's text (its blocks, read once) as Word paragraphs in the assessment style. */
export function assessmentParagraphs(content: AssessmentContent): Paragraph[] {
  const out: Paragraph[] = [];
  blocks(content.blocks, out);
  return out;
}
