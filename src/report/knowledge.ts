import { sourceNames } from '../sources/registry.js';
import { formatDate } from '../language/intl.js';
import { para, section } from './blocks.js';
import type { DocumentContext, LeftOutSource, SourceFileInfo } from './context.js';
import type { Inline, Section } from './document.js';
import { fillRuns } from './language.js';

/**
 * The knowledge base of the document: the files the numbers come from (each with its SHA-256, a
 * fetched table by its source's table id and retrieval date) and how to read the numbers.
 */

/** A fetched table: the API's table id and title, when and where it was retrieved — never a local path. */
function fetchedRow(ctx: DocumentContext, s: SourceFileInfo, f: NonNullable<SourceFileInfo['fetched']>, sourceName: string): (string | Inline)[] {
  const { w } = ctx;
  const title = (f.title ?? '').replace(/^\d{5}:\s*/, '').trim();
  const table = `${f.api === 'fhi' ? `${f.collection} ` : ''}${f.table}${title ? ` ${title}` : ''}`;
  let host = '';
  try {
    host = f.url ? new URL(f.url).host : '';
  } catch {
    host = '';
  }
  const where = w.t('knowledge.retrieved').replace('{host}', host || (f.api === 'fhi' ? 'FHI Statistikk' : 'SSB')).trim();
  return [sourceName, table, s.periods, formatDate(s.retrieved ?? f.retrievedAt.slice(0, 10), w.t('locale')), where, [{ text: s.sha256, code: true }]];
}

/** "Kilder": every data file the document's numbers come from. */
export function sourcesSection(ctx: DocumentContext): Section {
  const { w, input } = ctx;
  const sourceName = (s: string) => sourceNames(s, ctx.lang).name;
  const title = w.t('knowledge.sources');
  const row = (s: SourceFileInfo): (string | Inline)[] =>
    s.fetched ? fetchedRow(ctx, s, s.fetched, sourceName(s.source)) : [sourceName(s.source), s.tables.join(', '), s.periods, s.retrieved ? formatDate(s.retrieved, w.t('locale')) : '–', [{ text: s.file, code: true }], [{ text: s.sha256, code: true }]];
  const blocks = [para(w.t('knowledge.sourcesIntro')), ctx.blocks.table('kilder', title, w.list('knowledge.sourceColumns'), ['l', 'l', 'l', 'l', 'l', 'l'], input.sources.map(row))];
  const children = input.leftOut?.length ? [leftOutSection(ctx, input.leftOut)] : [];
  return section(ctx.slugs.take(title), null, title, 2, 'sources', blocks, children);
}

/** "Filer som ble utelatt": the data files a draft was built without, each with its first problems. */
function leftOutSection(ctx: DocumentContext, files: LeftOutSource[]): Section {
  const title = ctx.w.t('knowledge.leftOut');
  const items: Inline[] = files.map((f) => [{ text: f.file, code: true }, { text: `: ${f.problems.join('; ')}` }]);
  return section(ctx.slugs.take(title), null, title, 3, 'left-out', [para(ctx.w.t('knowledge.leftOutIntro')), { kind: 'list', items }]);
}

/** "Slik leser du tallene". */
export function howToReadSection(ctx: DocumentContext): Section {
  const title = ctx.w.t('knowledge.howToRead');
  return section(ctx.slugs.take(title), null, title, 2, 'how-to-read', ctx.w.list('knowledge.howToReadText').map((p) => para(fillRuns(p, {}))));
}
