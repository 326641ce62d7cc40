import { Marked, type Token } from 'marked';
import type { AssessmentBlock, Inline } from './document.js';

/**
 * The municipality's own text, read once: the Markdown as written (the Markdown output shows it
 * as it is: it is theirs to format) and its blocks, which HTML and Word render without reading
 * Markdown again. One reading for every format: GitHub-flavoured Markdown without bare-URL
 * autolinks (an address is a link only when the text makes it one).
 */
export interface AssessmentContent {
  markdown: string;
  blocks: Token[];
}

const reader = new Marked({ gfm: true, breaks: false, async: false }).use({
  tokenizer: {
    // No autolinking of bare URLs.
    url() {
      return undefined;
    },
  },
});

export function parseAssessment(markdown: string): AssessmentContent {
  return { markdown, blocks: reader.lexer(markdown) };
}

/** The municipality's written text as a block. */
export function writtenAssessment(key: string, markdown: string): AssessmentBlock {
  return { kind: 'assessment', key, status: 'written', content: parseAssessment(markdown), note: [] };
}

/** The place where the municipality's text is still missing, with what to write and where. */
export function missingAssessment(key: string, note: Inline): AssessmentBlock {
  return { kind: 'assessment', key, status: 'missing', content: null, note };
}

/** A draft's marker in an assessment: what the gate found in the text, naming the file (never in a final document). */
export function checkMarker(key: string, note: Inline): AssessmentBlock {
  return { kind: 'assessment', key, status: 'check', content: null, note };
}
