import type { KnowledgeSection } from '../assessments/chapters.js';
import type { IndicatorResult } from '../indicators/result.js';
import type { OverviewData } from '../overview/document-data.js';
import type { Challenge } from '../overview/challenges.js';
import type { Estimate, GradientSummary } from '../overview/inequality.js';
import { formatNumber as sayNumber, trendTerm, overviewTexts } from '../overview/wording.js';
import type { Block, Inline, Section } from './document.js';
import { runs } from './document.js';
import type { SlugSet } from './escape.js';
import { formatNumber, formatPeriod, type Lang } from './format.js';
import { para, section, type BlockFactory, type Words } from './model.js';
import { cell } from './values.js';

/**
 * The chapters of issue 14 as document sections, from `overviewData()`: the summary with the
 * utfordringsbilde (the municipality's own lists first, the ranked proposals labelled as
 * proposals, with the numbers and criteria behind each), social inequality in health, and the
 * § 5 b and § 5 c chapters. Pure, like the rest of the model.
 */

export interface ChapterHeading {
  number: string;
  id: string;
  title: string;
}

export interface ChapterContext {
  lang: Lang;
  w: Words;
  blocks: BlockFactory;
  slugs: SlugSet;
  /** Indicator id → its section in the theme chapters, for links. */
  anchors: Map<string, string>;
  results: IndicatorResult[];
  /** The municipality's text as an assessment block, or the "missing" marker (none in --final). */
  assessment: (key: string) => Block[];
  /** Written text only (never a marker). */
  own: (key: string) => Block[];
}

const num = (x: number | null | undefined, decimals: number): string => (x === null || x === undefined ? '–' : formatNumber(x, decimals));
const interval = (e: Estimate | null, decimals: number): string => (e && e.lower !== null && e.upper !== null ? `${formatNumber(e.lower, decimals)}–${formatNumber(e.upper, decimals)}` : '–');

function linkTo(ctx: ChapterContext, id: string, text: string): Inline {
  const anchor = ctx.anchors.get(id);
  return anchor ? [{ text, link: anchor }] : runs(text);
}

/** "Sammendrag og utfordringsbilde": challenges, resources and the municipality's plans. */
export function summaryChapter(ctx: ChapterContext, h: ChapterHeading, data: OverviewData, draft: boolean): Section {
  const { w, lang, slugs } = ctx;
  const u = data.utfordringsbilde;
  const byId = new Map(ctx.results.map((r) => [r.id, r]));
  const ot = overviewTexts(w.T as unknown as Record<string, unknown>);
  const label = (key: string): Block => para([{ text: `${w.t(key)}:`, strong: true }]);

  // Challenges: the municipality's own list first; the proposals follow, labelled as proposals.
  const challengeBlocks: Block[] = [];
  if (u.own) challengeBlocks.push(label('overview.summary.ownChallenges'), { kind: 'list', items: u.own.map((t) => runs(t)) });
  else challengeBlocks.push(...ctx.assessment('utfordringer'));
  challengeBlocks.push(label('overview.summary.proposals'), para(w.t('overview.summary.proposalNote')));
  if (u.proposals.length) {
    const decimalsOf = (id: string) => byId.get(id)?.decimals ?? 1;
    const unitOf = (id: string) => byId.get(id)?.unit[lang] ?? '';
    challengeBlocks.push(
      ctx.blocks.table(
        'utfordringsbilde',
        w.t('overview.summary.challenges'),
        w.list('overview.summary.rankColumns'),
        ['r', 'l', 'l', 'r'],
        u.proposals.map((c: Challenge) => [
          String(c.rank),
          [{ text: c.title[lang], strong: true }, { text: ` (${ot.terms.proposal})` }],
          c.indicators.flatMap((i, n): Inline => [
            ...(n > 0 ? runs('; ') : []),
            ...linkTo(ctx, i.id, i.title[lang]),
            { text: `: ${num(i.value, decimalsOf(i.id))} ${unitOf(i.id)} (${w.t('table.land').toLowerCase()} ${num(i.land, decimalsOf(i.id))}${i.period ? `, ${i.period}` : ''}; ${trendTerm(i.trend, ot)})` },
          ]),
          formatNumber(c.score, 0),
        ]),
      ),
    );
    const criteria = w.map('overview.summary.criteria');
    challengeBlocks.push(
      para(w.t('overview.summary.criteriaIntro')),
      ctx.blocks.table(
        'utfordringsbilde-kriterier',
        w.t('overview.summary.criteriaTitle'),
        [w.t('overview.summary.indicator'), criteria.extent!, criteria.severity!, criteria.development!, criteria.skewness!, criteria.influence!, criteria.total!],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
        u.proposals.flatMap((c) => c.indicators.map((i) => [runs(`${c.rank}. ${i.title[lang]}`), String(i.score.extent), String(i.score.severity), String(i.score.development), String(i.score.skewness), String(i.score.influence), String(i.score.total)])),
      ),
    );
  }
  if (u.tooFew) challengeBlocks.push(para(w.t('overview.summary.tooFew')));

  const res = data.ressurser;
  const resourceBlocks: Block[] = [];
  if (res.own) resourceBlocks.push(label('overview.summary.ownResources'), { kind: 'list', items: res.own.map((t) => runs(t)) });
  else resourceBlocks.push(...ctx.assessment('ressurser'));
  resourceBlocks.push(label('overview.summary.resourceProposals'));
  resourceBlocks.push(
    res.proposals.length
      ? {
          kind: 'list',
          items: res.proposals.map((p) => {
            const r = byId.get(p.id);
            const d = r?.decimals ?? 1;
            return [...linkTo(ctx, p.id, p.title[lang]), { text: `: ${num(p.value, d)} ${r?.unit[lang] ?? ''} (${w.t('table.land').toLowerCase()} ${num(p.land, d)}${p.period ? `, ${p.period}` : ''})` }];
          }),
        }
      : para(w.t('summary.none')),
  );

  const challengesTitle = w.t('overview.summary.challenges');
  const resourcesTitle = w.t('overview.summary.resources');
  const children = [
    section(slugs.take(challengesTitle), null, challengesTitle, 2, 'challenges', challengeBlocks),
    section(slugs.take(resourcesTitle), null, resourcesTitle, 2, 'resources', resourceBlocks),
  ];
  const planning = ctx.own('planbehov');
  if (planning.length) {
    const title = w.t('summary.planning');
    children.push(section(slugs.take(title), null, title, 2, 'planning', planning));
  }
  const intro: Block[] = [];
  // A draft says up front which required texts are still to be written (files named as the gate names them).
  if (draft && data.missing.length > 0) {
    intro.push({ kind: 'note', runs: runs(w.tx('overview.assessment.draft', { count: countInWords(data.missing.length, w, lang) })) });
    intro.push({ kind: 'list', items: data.missing.map((m) => [{ text: m.file, code: true }, { text: ` – ${m.title[lang]}` }]) });
  }
  return section(h.id, h.number, h.title, 1, 'summary', intro, children);
}

/** "Sosial ulikhet i helse": every gradient with groups, counts, intervals, gaps and the trend test; then low income and inequality. */
export function inequalityChapter(ctx: ChapterContext, h: ChapterHeading, data: OverviewData): Section {
  const { w, lang, slugs } = ctx;
  const byId = new Map(ctx.results.map((r) => [r.id, r]));
  const children: Section[] = [];
  for (const g of data.ulikhet.gradients) children.push(gradientSection(ctx, g, byId.get(g.indicatorId)?.decimals ?? 1, slugs));
  const levels = data.ulikhet.levels;
  if (levels.length) {
    const title = w.t('overview.inequality.levels');
    children.push(
      section(slugs.take(title), null, title, 2, 'inequality-levels', [
        ctx.blocks.table(
          'ulikhet-nivaa',
          title,
          w.list('overview.inequality.levelColumns'),
          ['l', 'l', 'r', 'r', 'l', 'l'],
          levels.map((l) => {
            const r = byId.get(l.indicatorId);
            const d = r?.decimals ?? 1;
            return [linkTo(ctx, l.indicatorId, l.title[lang]), l.period ?? '–', num(l.value, d), num(l.land, d), l.unit[lang], w.t(`verdicts.${l.verdictLand}`)];
          }),
        ),
      ]),
    );
  }
  return section(h.id, h.number, h.title, 1, 'inequality', [para(w.t('overview.inequality.intro'))], children);
}

function gradientSection(ctx: ChapterContext, g: GradientSummary, decimals: number, slugs: SlugSet): Section {
  const { w, lang } = ctx;
  const title = `${g.indicatorTitle[lang]}: ${g.title[lang].toLowerCase()}`;
  const blocks: Block[] = [];
  blocks.push(
    ctx.blocks.table(
      `ulikhet-${g.indicatorId}`,
      `${title}, ${g.period}`,
      w.list('overview.inequality.columns'),
      ['l', 'r', 'r', 'r', 'r'],
      g.groups.map((x) =>
        x.absent
          ? [x.label[lang], x.absent, x.absent, x.absent, x.absent]
          : [x.label[lang], num(x.denominator, 0), num(x.numerator, 0), num(x.value, decimals), x.lower !== null && x.upper !== null ? `${formatNumber(x.lower, decimals)}–${formatNumber(x.upper, decimals)}` : '–'],
      ),
      null,
      g.unit[lang],
    ),
  );
  const sentences: string[] = [];
  if (g.total) sentences.push(w.tx('overview.inequality.totals', { N: formatNumber(g.total.denominator, 0), n: formatNumber(g.total.numerator, 0) }));
  if (g.absoluteGap && g.relativeGap && g.best && g.worst) {
    const labelOf = (key: string) => (g.groups.find((x) => x.key === key)?.label[lang] ?? key).toLowerCase();
    sentences.push(
      w.tx('overview.inequality.gap', {
        worst: labelOf(g.worst),
        best: labelOf(g.best),
        absolute: `${formatNumber(Math.abs(g.absoluteGap.value), decimals)} ${g.unit[lang] === 'prosent' ? w.t('percentagePoints') : g.unit[lang]}`,
        absoluteInterval: interval(g.absoluteGap, decimals),
        relative: formatNumber(g.relativeGap.value, 1),
        relativeInterval: interval(g.relativeGap, 1),
      }),
    );
  }
  if (g.trendTest) sentences.push(w.tx(g.trendTest.significant ? 'overview.inequality.trendSignificant' : 'overview.inequality.trendNotSignificant', { statistic: formatNumber(g.trendTest.statistic, 1) }));
  if (sentences.length) blocks.push(para(sentences.join(' ')));
  const anchor = ctx.anchors.get(g.indicatorId);
  if (anchor) blocks.push(para([{ text: w.t('overview.inequality.more') + ' ' }, { text: g.indicatorTitle[lang], link: anchor }, { text: '.' }]));
  return section(slugs.take(title), null, title, 2, 'inequality-gradient', blocks);
}

/** § 5 b (services) or § 5 c (community): each section with the municipality's text by heading and the catalogue's figures. */
export function knowledgeChapter(ctx: ChapterContext, h: ChapterHeading, sections: KnowledgeSection[], role: 'services' | 'community', draft: boolean): Section {
  const { w, lang, slugs } = ctx;
  const byId = new Map(ctx.results.map((r) => [r.id, r]));
  const children = sections.map((k): Section => {
    const blocks: Block[] = [];
    const parts: Section[] = [];
    if (k.status === 'present' || k.status === 'incomplete') {
      if (k.preamble.trim()) blocks.push({ kind: 'assessment', key: k.name, status: 'written', markdown: k.preamble.trim(), note: [] });
      for (const p of k.parts) parts.push(section(slugs.take(`${k.title} ${p.title}`), null, p.title, 3, 'knowledge-part', [{ kind: 'assessment', key: `${k.name}#${p.id}`, status: 'written', markdown: p.body, note: [] }]));
    }
    if (draft && k.status !== 'present') {
      const note = k.status === 'incomplete' ? w.tx('overview.assessment.incomplete', { headings: k.missingHeadings.join(', '), file: k.file }) : w.tx('overview.assessment.missing', { file: k.file });
      blocks.push({ kind: 'assessment', key: k.name, status: 'missing', markdown: null, note: runs(note) });
    }
    if (k.figures.length) {
      blocks.push(
        ctx.blocks.table(
          `${role}-${k.name}`,
          `${k.title}: ${w.t('overview.services.figures').toLowerCase()}`,
          w.list('overview.services.figureColumns'),
          ['l', 'l', 'r', 'r', 'l'],
          k.figures.map((r) => {
            const res = byId.get(r.id) ?? r;
            return [linkTo(ctx, r.id, res.title[lang]), res.period ? formatPeriod(res.period) : '–', cell(res.value, res.decimals), cell(res.comparisons.land.value, res.decimals), res.unit[lang]];
          }),
          w.t('overview.services.figures'),
        ),
      );
    }
    return section(slugs.take(k.title), null, k.title, 2, role === 'services' ? 'service' : 'community-section', [para([{ text: k.law, emphasis: true }]), ...blocks], parts);
  });
  return section(h.id, h.number, h.title, 1, role, [para(w.t(`overview.services.${role === 'services' ? 'servicesIntro' : 'communityIntro'}`))], children);
}

/** Small whole numbers in words ("fire"), as the language writes them; larger ones as digits. */
export function countInWords(n: number, w: Words, lang: Lang): string {
  const ot = overviewTexts(w.T as unknown as Record<string, unknown>);
  return n >= 0 && n < ot.numbers.length && Number.isInteger(n) ? ot.numbers[n]! : sayNumber(n, 0, lang);
}
