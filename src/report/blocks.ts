import type { DocumentGroup, DocumentList, DocumentTable, DocumentText } from '../language/generated.js';
import { fill } from '../language/lookup.js';
import type { Block, Document, DocumentLabels, FigureBlock, Inline, Section, TableBlock } from './document.js';
import { runs } from './document.js';
import { fillRuns, group, list, table, text, type Texts } from './language.js';

/**
 * What every builder of the document model uses (model.ts, overview-chapters.ts, short.ts,
 * region.ts, annual.ts …): the language file's words, tables and figures with ids, sections.
 */

/** Fixed words of the language file, with helpers; one per document build. */
export class Words {
  constructor(readonly T: Texts) {}
  t = (path: DocumentText): string => text(this.T, path);
  tx = (path: DocumentText, vars: Record<string, string | number> = {}): string => fill(text(this.T, path), vars);
  runs = (path: DocumentText, vars: Record<string, string | number> = {}): Inline => fillRuns(text(this.T, path), vars);
  list = (path: DocumentList): string[] => list(this.T, path);
  map = (path: DocumentGroup): Record<string, string> => group(this.T, path);
  table = (path: DocumentTable): string[][] => table(this.T, path);
}

/** Builds tables and figures with ids; numbers are given in document order at the end. */
export class BlockFactory {
  private readonly ids = new Set<string>();
  private unique(base: string): string {
    let id = base;
    for (let i = 1; this.ids.has(id); i++) id = `${base}-${i}`;
    this.ids.add(id);
    return id;
  }
  table(id: string, title: string, header: string[], align: ('l' | 'r')[], rows: (string | Inline)[][], caption: string | null = null, unit: string | null = null): TableBlock {
    const toInline = (c: string | Inline): Inline => (typeof c === 'string' ? runs(c) : c);
    return { kind: 'table', id: this.unique(`tab-${id}`), number: 0, caption, unit, title, header: [header.map(toInline)], align, rows: rows.map((r) => r.map(toInline)) };
  }
  figure(f: Omit<FigureBlock, 'kind' | 'number' | 'id'> & { id: string }): FigureBlock {
    return { kind: 'figure', ...f, id: this.unique(f.id), number: 0 };
  }
}

/** Numbers tables and figures 1, 2, 3 … in reading order (a figure's own data table counts as a table). */
export function numberBlocks(doc: Document): Document {
  let tables = 0;
  let figures = 0;
  const visit = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.kind === 'table') b.number = ++tables;
      if (b.kind === 'figure') {
        b.number = ++figures;
        if (b.data) b.data.number = ++tables;
      }
    }
  };
  visit(doc.front);
  const walk = (sections: Section[]) => {
    for (const s of sections) {
      visit(s.blocks);
      walk(s.children);
    }
  };
  walk(doc.sections);
  return doc;
}

export function section(id: string, number: string | null, title: string, depth: 1 | 2 | 3, role: string, blocks: Block[] = [], children: Section[] = []): Section {
  return { kind: 'section', id, number, title, depth, role, blocks, children };
}

export const para = (r: Inline | string): Block => ({ kind: 'paragraph', runs: typeof r === 'string' ? runs(r) : r });

/** The words every format shows around the content: captions, and the printed page's header and numbers. */
export function labelsOf(T: Texts, runningHeader: string): DocumentLabels {
  return { figure: text(T, 'captions.figure'), table: text(T, 'captions.table'), page: text(T, 'pdf.page'), of: text(T, 'pdf.of'), runningHeader };
}
