import { amendment2025InForce, documentDate } from '../assessments/law.js';
import { formatDate } from '../language/intl.js';
import { overviewTexts, sourceList } from '../overview/wording.js';
import { appendixOf, summaryOf } from './appendix.js';
import { labelsOf, numberBlocks, para, section } from './blocks.js';
import { documentContext, type DocumentContext, type DocumentInput } from './context.js';
import type { Document, Section } from './document.js';
import { howToReadSection, sourcesSection } from './knowledge.js';
import { inequalityChapter, knowledgeChapter, summaryChapter } from './overview-chapters.js';
import { themeChapters } from './themes.js';

export type { DocumentInput, LeftOutSource, SourceFileInfo } from './context.js';

/**
 * Builds the overview of one municipality in one language as a format-neutral document: the
 * chapters the regulation asks for, every sentence, table and figure (described by its data),
 * and the municipality's assessments. Pure: the same input gives the same document.
 */
export function buildDocument(input: DocumentInput): Document {
  const ctx = documentContext(input);
  const { w } = ctx;
  const kommune = input.kommune.name;
  // Chapters are numbered in reading order; with the overview's data the summary comes first
  // (its content is built once the themes' anchors exist).
  const sum = input.overview ? ctx.numbered(w.t('overview.summary.heading')) : null;
  const introduction = introductionChapter(ctx);
  const chapters = input.overview ? adoptableChapters(ctx, sum!, introduction) : plainChapters(ctx, introduction);
  return numberBlocks({
    kind: 'kommune',
    variant: 'full',
    lang: input.lang,
    locale: w.t('locale'),
    title: w.t('documentTitle'),
    subtitle: w.tx('subtitle', { kommune, edition: input.edition }),
    date: input.generatedOn ? w.tx('date', { date: formatDate(input.generatedOn, w.t('locale')) }) : null,
    subject: w.tx('municipality', { kommune }),
    edition: input.edition,
    coatOfArms: input.coatOfArms ? { ...input.coatOfArms, alt: w.tx('coatOfArms', { kommune }) } : null,
    front: [],
    tocHeading: w.t('toc'),
    sections: chapters,
    footer: w.tx('footer', { version: input.version }),
    labels: labelsOf(w.T, w.tx('runningHeader', { kommune, title: w.t('documentTitle'), edition: input.edition })),
  });
}

function introductionChapter(ctx: DocumentContext): Section {
  const { w, input } = ctx;
  const kommune = input.kommune.name;
  const h = ctx.numbered(w.t('chapters.introduction'));
  const sourceIds = [...new Set(input.sources.map((s) => s.source))];
  return section(h.id, h.number, h.title, 1, 'introduction', [
    para(w.tx('introduction.purpose', { kommune })),
    // The law as it stands on the document's date: from 2026 with the amendment (lov 20. juni 2025 nr. 69).
    para(w.tx(amendment2025InForce(documentDate(input.generatedOn, input.edition)) ? 'introduction.law' : 'introduction.lawBefore2026')),
    para(w.tx('introduction.method', { sources: sourceList(sourceIds, overviewTexts(w.T), input.lang) })),
    ...ctx.own(w.t('assessmentFiles.introduction')),
  ]);
}

/**
 * With the overview's data, the structure a municipality adopts: summary and utfordringsbilde,
 * introduction, social inequality, the themes, § 5 b and § 5 c, and the appendix with the sources.
 * Chapters that follow the summary (changes since the last edition, goals) go right after it.
 */
function adoptableChapters(ctx: DocumentContext, sum: ReturnType<DocumentContext['numbered']>, introduction: Section): Section[] {
  const { w, input } = ctx;
  const ov = input.overview!;
  const draft = !input.final;
  const ineq = ctx.numbered(w.t('overview.inequality.heading'));
  const themes = themeChapters(ctx);
  const services = ctx.numbered(w.t('overview.services.heading'));
  const community = ctx.numbered(w.t('overview.services.community'));
  const app = ctx.numbered(w.t('chapters.appendix'));
  const summary = summaryChapter(ctx, sum, ov, draft);
  const inequality = inequalityChapter(ctx, ineq, ov);
  const servicesChapter = knowledgeChapter(ctx, services, ov.services, 'services', draft);
  const communityChapter = knowledgeChapter(ctx, community, ov.community, 'community', draft);
  const appendix = appendixOf(ctx, app, [sourcesSection(ctx), howToReadSection(ctx)]);
  return [summary, introduction, inequality, ...themes, servicesChapter, communityChapter, appendix];
}

/** Without the overview's data (the library's plain call): the sources in a chapter at the front, the summary after the themes. */
function plainChapters(ctx: DocumentContext, introduction: Section): Section[] {
  const { w } = ctx;
  const know = ctx.numbered(w.t('chapters.knowledge'));
  const knowledge = section(know.id, know.number, know.title, 1, 'knowledge', [], [sourcesSection(ctx), howToReadSection(ctx)]);
  const themes = themeChapters(ctx);
  const summary = summaryOf(ctx, ctx.numbered(w.t('chapters.summary')));
  const appendix = appendixOf(ctx, ctx.numbered(w.t('chapters.appendix')));
  return [introduction, knowledge, ...themes, summary, appendix];
}
