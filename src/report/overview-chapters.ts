import { isPercent } from './values.js';
import type { KnowledgeSection } from '../assessments/chapters.js';
import { amendment2025InForce, documentDate } from '../assessments/law.js';
import type { IndicatorResult } from '../indicators/result.js';
import { formatList, formatNumber, formatNumberInText as sayNumber, formatSigned } from '../language/intl.js';
import type { DocumentText } from '../language/generated.js';
import { inLang, type DocumentLang } from '../language/tags.js';
import type { OverviewData } from '../overview/document-data.js';
import type { Challenge, UntestedIndicator } from '../overview/challenges.js';
import type { Estimate, GapArea, GradientSummary } from '../overview/inequality.js';
import { ratioPhrase, statuteNames, trendTerm, overviewTexts } from '../overview/wording.js';
import { checkMarker, missingAssessment, writtenAssessment } from './assessment.js';
import { assessmentView, draftItems, type AssessmentContext } from './assessment-blocks.js';
import { para, section, type Words } from './blocks.js';
import type { ChapterHeading, DocumentContext } from './context.js';
import type { Block, Inline, Section } from './document.js';
import { runs } from './document.js';
import type { SlugSet } from './escape.js';
import { formatPeriod } from './format.js';
import { testedBlocks } from './tested.js';
import { cell, unitParts, valueWithUnit } from './values.js';

/**
 * The chapters of issue 14 as document sections, from `overviewData()`: the summary with the
 * utfordringsbilde (the municipality's own lists first, the ranked proposals labelled as
 * proposals, with the numbers and criteria behind each), social inequality in health, and the
 * § 5 b and § 5 c chapters. Pure, like the rest of the model.
 */

export type { ChapterHeading } from './context.js';

/** What the chapters need of the document being built (model.ts's context). */
export type ChapterContext = Pick<DocumentContext, 'lang' | 'w' | 'blocks' | 'slugs' | 'anchors' | 'results' | 'assessment' | 'own'> & Partial<Pick<DocumentContext, 'input' | 'assessmentParts'>>;

const num = (x: number | null | undefined, decimals: number): string => (x === null || x === undefined ? '–' : formatNumber(x, decimals));
const interval = (e: Estimate | null, decimals: number): string => (e && e.lower !== null && e.upper !== null ? `${formatNumber(e.lower, decimals)}–${formatNumber(e.upper, decimals)}` : '–');

/** "26,3 %" or "175,4 per 1000": the value with its unit, as the theme chapters write it. */
function withUnit(ctx: ChapterContext, r: IndicatorResult | undefined, value: number | null): string {
  if (value === null) return '–';
  if (!r) return formatNumber(value, 1);
  return valueWithUnit(r, value, inLang(r.unit, ctx.lang), ctx.w.map('unitSymbols'));
}

/** The period as the document writes it ("2022–2024"), from the result when there is one. */
function periodOf(r: IndicatorResult | undefined, label: string | null): string {
  return r?.period ? formatPeriod(r.period) : (label ?? '–');
}

function linkTo(ctx: ChapterContext, id: string, text: string): Inline {
  const anchor = ctx.anchors.get(id);
  return anchor ? [{ text, link: anchor }] : runs(text);
}

/** "Sammendrag og utfordringsbilde": challenges, resources and the municipality's plans. */
export function summaryChapter(ctx: ChapterContext, h: ChapterHeading, data: OverviewData, draft: boolean): Section {
  const { w, lang, slugs } = ctx;
  const u = data.utfordringsbilde;
  const byId = new Map(ctx.results.map((r) => [r.id, r]));
  const ot = overviewTexts(w.T);
  const label = (key: DocumentText): Block => para([{ text: `${w.t(key)}:`, strong: true }]);

  // Challenges: the municipality's own list first; the proposals follow, labelled as proposals.
  const challengeBlocks: Block[] = [];
  // The municipality's assessment of its challenges (status, causes, consequences), as parts after the proposals.
  const challengeText = ctx.assessmentParts?.('utfordringer', 3) ?? { blocks: ctx.assessment('utfordringer'), parts: [] };
  if (u.own) challengeBlocks.push(label('overview.summary.ownChallenges'), { kind: 'list', items: u.own.map((t) => runs(t)) }, ...challengeText.blocks.filter((b) => b.kind === 'assessment' && b.status === 'check'));
  else challengeBlocks.push(...challengeText.blocks);
  challengeBlocks.push(label('overview.summary.proposals'), para(w.t('overview.summary.proposalNote')));
  // How many indicators could be tested against land, and why the others could not.
  challengeBlocks.push(...testedBlocks(w, u.tested));
  // Nothing tested: said as such (the reasons are listed just above), never as a good picture.
  const nothingTested = u.tested.total > 0 && u.tested.tested === 0;
  if (!u.proposals.length) challengeBlocks.push(para(nothingTested ? w.t('summary.noneTestedShort') : w.t('summary.none')));
  if (u.proposals.length) {
    challengeBlocks.push(
      ctx.blocks.table(
        'utfordringsbilde',
        w.t('overview.summary.challenges'),
        w.list('overview.summary.rankColumns'),
        ['r', 'l', 'l', 'r'],
        u.proposals.map((c: Challenge) => [
          String(c.rank),
          [{ text: inLang(c.title, lang), strong: true }, { text: ` (${ot.terms.proposal})` }],
          c.indicators.flatMap((i, n): Inline => [
            ...(n > 0 ? runs('; ') : []),
            ...linkTo(ctx, i.id, inLang(i.title, lang)),
            { text: `: ${withUnit(ctx, byId.get(i.id), i.value)} (${w.t('table.land').toLowerCase()} ${withUnit(ctx, byId.get(i.id), i.land)}, ${periodOf(byId.get(i.id), i.period)}; ${trendTerm(i.trend, ot)})` },
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
        u.proposals.flatMap((c) => c.indicators.map((i) => [runs(`${c.rank}. ${inLang(i.title, lang)}`), String(i.score.extent), String(i.score.severity), String(i.score.development), String(i.score.skewness), String(i.score.influence), String(i.score.total)])),
      ),
    );
  }
  if (u.tooFew && !nothingTested) challengeBlocks.push(para(w.t('overview.summary.tooFew')));
  if (u.untested.length) challengeBlocks.push(...untestedBlocks(ctx, u.untested, byId));

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
            return [...linkTo(ctx, p.id, inLang(p.title, lang)), { text: `: ${withUnit(ctx, r, p.value)} (${w.t('table.land').toLowerCase()} ${withUnit(ctx, r, p.land)}, ${periodOf(r, p.period)})` }];
          }),
        }
      : para(nothingTested ? w.t('summary.noneTestedShort') : w.t('summary.none')),
  );

  const challengesTitle = w.t('overview.summary.challenges');
  const resourcesTitle = w.t('overview.summary.resources');
  const children = [
    section(slugs.take(challengesTitle), null, challengesTitle, 2, 'challenges', challengeBlocks, challengeText.parts),
    section(slugs.take(resourcesTitle), null, resourcesTitle, 2, 'resources', resourceBlocks),
  ];
  // How the municipality can meet the challenges, and planbehov (required from 2026: folkehelseloven § 5 annet ledd).
  const planning = ctx.assessmentParts?.('planbehov', 3) ?? { blocks: ctx.own('planbehov'), parts: [] };
  if (planning.blocks.length || planning.parts.length) {
    const title = w.t('summary.planning');
    children.push(section(slugs.take(title), null, title, 2, 'planning', planning.blocks, planning.parts));
  }
  const intro: Block[] = [];
  // A draft says up front what --final would refuse: each file and what it lacks, each sentence that contradicts the numbers.
  const items = draft && ctx.input ? draftItems(ctx as AssessmentContext) : draft ? data.missing.map((m): Inline => [{ text: m.file, code: true }, { text: ` – ${inLang(m.title, lang)}` }]) : [];
  if (items.length) intro.push({ kind: 'note', runs: runs(w.t('overview.assessment.draft')) }, { kind: 'list', items });
  return section(h.id, h.number, h.title, 1, 'summary', intro, children);
}

/**
 * The indicators that could not be tested but lie on the unfavourable side of land, ranked by their
 * distance to land and marked as not tested: never scored as challenges, never left out.
 */
function untestedBlocks(ctx: ChapterContext, untested: UntestedIndicator[], byId: Map<string, IndicatorResult>): Block[] {
  const { w, lang } = ctx;
  const verdict = w.t('verdicts.not-tested');
  return [
    label(ctx, 'overview.summary.untested'),
    para(w.t('overview.summary.untestedNote')),
    ctx.blocks.table(
      'utfordringsbilde-ikke-testet',
      w.t('overview.summary.untested'),
      w.list('overview.summary.untestedColumns'),
      ['l', 'r', 'r', 'r', 'l', 'l'],
      untested.map((i) => [
        [...linkTo(ctx, i.id, inLang(i.title, lang)), { text: ` (${verdict}, ${periodOf(byId.get(i.id), i.period)})` }],
        withUnit(ctx, byId.get(i.id), i.value),
        withUnit(ctx, byId.get(i.id), i.land),
        `${formatSigned(i.relativeGap * 100, 0, lang)} %`,
        w.t(i.unfavourable ? 'overview.summary.unfavourable' : 'overview.summary.favourable'),
        w.t(`notTested.${i.reason}`),
      ]),
    ),
  ];
}

function label(ctx: ChapterContext, key: DocumentText): Block {
  return para([{ text: `${ctx.w.t(key)}:`, strong: true }]);
}

/** "Sosial ulikhet i helse": every gradient with groups, counts, intervals, gaps and the trend test; then low income and inequality. */
export function inequalityChapter(ctx: ChapterContext, h: ChapterHeading, data: OverviewData): Section {
  const { w, lang, slugs } = ctx;
  const byId = new Map(ctx.results.map((r) => [r.id, r]));
  const children: Section[] = [];
  for (const g of data.ulikhet.gradients) children.push(gradientSection(ctx, g, byId.get(g.indicatorId), slugs));
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
            return [linkTo(ctx, l.indicatorId, inLang(l.title, lang)), periodOf(r, l.period), num(l.value, d), num(l.land, d), inLang(l.unit, lang), w.t(`verdicts.${l.verdictLand}`)];
          }),
        ),
      ]),
    );
  }
  // The municipality's own assessment of its social inequality in health (sosiale-helseforskjeller.md).
  return section(h.id, h.number, h.title, 1, 'inequality', [para(w.t('overview.inequality.intro')), ...ctx.assessment('sosiale-helseforskjeller')], children);
}

function gradientSection(ctx: ChapterContext, g: GradientSummary, r: IndicatorResult | undefined, slugs: SlugSet): Section {
  const { w, lang } = ctx;
  const decimals = r?.decimals ?? 1;
  const title = `${inLang(g.indicatorTitle, lang)}: ${inLang(g.title, lang).toLowerCase()}`;
  const period = r?.gradient ? formatPeriod(r.gradient.period) : g.period;
  // Counts (respondents, cases) only where the groups are counts: not for life expectancy or means.
  const counted = g.groups.some((x) => x.denominator !== null);
  const count = (x: number | null) => (x === null ? '–' : sayNumber(x, 0, lang));
  const ci = (lower: number | null, upper: number | null) => (lower !== null && upper !== null ? `${formatNumber(lower, decimals)}–${formatNumber(upper, decimals)}` : '–');
  const columns = w.list(counted ? 'overview.inequality.columns' : 'overview.inequality.valueColumns');
  const table = ctx.blocks.table(
    `ulikhet-${g.indicatorId}`,
    `${title}, ${period}`,
    columns,
    counted ? ['l', 'r', 'r', 'r', 'r'] : ['l', 'r', 'r'],
    g.groups.map((x) => {
      if (x.absent) return counted ? [inLang(x.label, lang), x.absent, x.absent, x.absent, x.absent] : [inLang(x.label, lang), x.absent, x.absent];
      return counted ? [inLang(x.label, lang), count(x.denominator), count(x.numerator), num(x.value, decimals), ci(x.lower, x.upper)] : [inLang(x.label, lang), num(x.value, decimals), ci(x.lower, x.upper)];
    }),
    null,
    inLang(g.unit, lang),
  );
  const blocks: Block[] = [];
  if (r?.gradient) blocks.push(gradientFigure(ctx, r, title, period, table.id));
  blocks.push(table);
  const sentences: string[] = [];
  if (g.total) sentences.push(w.tx('overview.inequality.totals', { N: count(g.total.denominator), n: count(g.total.numerator) }));
  const labelOf = (key: string) => {
    const group = g.groups.find((x) => x.key === key);
    return (group ? inLang(group.label, lang) : key).toLowerCase();
  };
  const unit = inLang(g.unit, lang);
  const gapText = (e: Estimate) => `${formatNumber(Math.abs(e.value), decimals)} ${isPercent(g.unit) ? w.t('percentagePoints') : unitParts(unit).base}`;
  const withInterval = (text: string, e: Estimate | null, d: number) => (e && e.lower !== null && e.upper !== null ? `${text} (${interval(e, d)})` : text);
  if (g.absoluteGap && g.best && g.worst) {
    const absolute = gapText(g.absoluteGap);
    // A ratio of life expectancies says nothing: the relative gap only for rates and shares.
    const ratio = counted && g.relativeGap ? ratioPhrase(g.relativeGap.value, g.relativeGap.lower, g.relativeGap.upper, 'share', overviewTexts(w.T), lang) : null;
    sentences.push(
      ratio
        ? w.tx('overview.inequality.gap', { worst: labelOf(g.worst), best: labelOf(g.best), absolute: withInterval(absolute, g.absoluteGap, decimals), noun: ratio.noun, relative: ratio.text, interval: ratio.interval ? ` (${ratio.interval})` : '' })
        : w.tx('overview.inequality.gapAbsolute', { worst: labelOf(g.worst), best: labelOf(g.best), absolute: withInterval(absolute, g.absoluteGap, decimals) }),
    );
    // Intervals wherever the counts allow; where they do not, the reader is told why.
    if (g.absoluteGap.lower === null) sentences.push(w.t('overview.inequality.noIntervals'));
  }
  if (g.trendTest) sentences.push(w.tx(g.trendTest.significant ? 'overview.inequality.trendSignificant' : 'overview.inequality.trendNotSignificant', { statistic: formatNumber(g.trendTest.statistic, 1) }));
  if (sentences.length) blocks.push(para(sentences.join(' ')));
  blocks.push(...gapHistoryBlocks(ctx, g, r, gapText));
  const anchor = ctx.anchors.get(g.indicatorId);
  if (anchor) blocks.push(para([{ text: w.t('overview.inequality.more') + ' ' }, { text: inLang(g.indicatorTitle, lang), link: anchor }, { text: '.' }]));
  return section(slugs.take(title), null, title, 2, 'inequality-gradient', blocks);
}

/** The groups of the latest period as bars with their intervals, the municipality's total as a line. */
function gradientFigure(ctx: ChapterContext, r: IndicatorResult, title: string, period: string, tableId: string): Block {
  const { w, lang } = ctx;
  const g = r.gradient!;
  const unit = inLang(r.unit, lang);
  const symbols = w.map('unitSymbols');
  const groups = g.groups.map((x) => `${inLang(x.label, lang)} ${x.value.absent ? x.value.absent.symbol : x.value.value === null ? '–' : valueWithUnit(r, x.value.value, unit, symbols)}`).join(', ');
  const alt = w.tx('charts.gradientAlt', { title: inLang(r.title, lang), kommune: r.kommune.name, dimension: inLang(g.title, lang).toLowerCase(), period, groups });
  const total = r.series.kommune.find((v) => v.period.from === g.period.from && v.period.to === g.period.to);
  // The gradient's one figure (the indicator's own section links here rather than repeating it).
  const id = `fig-${r.id}-gradient`;
  return ctx.blocks.figure({
    id,
    file: `figurer/${r.id}-gradient.${lang}.svg`,
    caption: `${title}, ${period}`,
    alt,
    chart: {
      type: 'gradient',
      id,
      alt,
      bars: g.groups.map((x) => ({ label: inLang(x.label, lang), value: x.value })),
      options: { decimals: r.decimals, zero: r.measureType !== 'years', unit, total: total && !total.absent && total.value !== null ? { label: r.kommune.name, value: total.value } : undefined },
    },
    data: null,
    dataCaption: w.t('chartData'),
    dataTable: tableId,
  });
}

/**
 * The gap over time and beside the county's and the country's (where the data has them), and its
 * development with a test; where there is one period or no county and country, a sentence says so.
 */
function gapHistoryBlocks(ctx: ChapterContext, g: GradientSummary, r: IndicatorResult | undefined, gapText: (e: Estimate) => string): Block[] {
  const { w, lang } = ctx;
  const decimals = r?.decimals ?? 1;
  const kommune = r?.kommune.name ?? '';
  const fylke = r?.series.fylke[0]?.geo.name ?? r?.comparisons.fylke.value?.geo.name ?? '';
  const areaName = (a: GapArea) => (a === 'kommune' ? kommune : a === 'fylke' ? fylke : w.t('overview.inequality.land'));
  const out: Block[] = [];
  const mine = g.gaps.filter((x) => x.area === 'kommune' && x.absolute !== null);
  if (g.gaps.length > 1) out.push(gapHistoryTable(ctx, g, decimals, areaName, mine[mine.length - 1]?.absolute?.value ?? 0));
  const sentences: string[] = [];
  const c = g.change;
  if (c) {
    const key = c.z === null ? 'overview.inequality.changeUntested' : c.significant ? 'overview.inequality.changeSignificant' : 'overview.inequality.changeNotSignificant';
    sentences.push(w.tx(key, { kommune, first: gapText(c.first), last: gapText(c.last), from: formatPeriod(c.from), to: formatPeriod(c.to), z: c.z === null ? '' : formatNumber(c.z, 1) }));
  } else sentences.push(w.tx('overview.inequality.onePeriod', { period: mine.length ? formatPeriod(mine[mine.length - 1]!.period) : g.period }));
  const latest = mine[mine.length - 1];
  const same = latest ? g.gaps.filter((x) => x.area !== 'kommune' && x.absolute !== null && x.period.from === latest.period.from && x.period.to === latest.period.to) : [];
  if (same.length) sentences.push(w.tx('overview.inequality.areas', { period: formatPeriod(latest!.period), list: formatList(same.map((x) => w.tx('overview.inequality.inArea', { gap: gapText(x.absolute!), area: areaName(x.area) })), lang) }));
  else sentences.push(w.tx('overview.inequality.noAreas', { fylke: fylke || w.t('overview.inequality.county') }));
  out.push(para(sentences.join(' ')));
  return out;
}

/**
 * The gap per period (rows) in the municipality, the county and the country (columns), each with
 * its interval. Shown as the sentences say it: a gap that is negative because the worst group is
 * the lower one (grunnskolepoeng) is shown as its size, its interval turned with it.
 */
function gapHistoryTable(ctx: ChapterContext, g: GradientSummary, decimals: number, areaName: (a: GapArea) => string, latest: number): Block {
  const { w, lang } = ctx;
  const sign = latest < 0 ? -1 : 1;
  const turned = (e: Estimate | null): Estimate | null =>
    e === null || sign === 1 ? e : { ...e, value: -e.value, lower: e.upper === null ? null : -e.upper, upper: e.lower === null ? null : -e.lower };
  const areas = (['kommune', 'fylke', 'land'] as const).filter((a) => g.gaps.some((x) => x.area === a && x.absolute !== null));
  const periods = [...new Map(g.gaps.map((x) => [formatPeriod(x.period), x.period])).entries()].sort(([, a], [, b]) => a.to - b.to || a.from - b.from);
  const at = (a: GapArea, label: string) => turned(g.gaps.find((x) => x.area === a && formatPeriod(x.period) === label)?.absolute ?? null);
  const cols = w.list('overview.inequality.historyColumns');
  const header = (a: GapArea) => { const n = areaName(a); return n.charAt(0).toUpperCase() + n.slice(1); };
  return ctx.blocks.table(
    `ulikhet-${g.indicatorId}-utvikling`,
    `${inLang(g.indicatorTitle, lang)}: ${w.t('overview.inequality.historyTitle').toLowerCase()}`,
    [cols[0]!, ...areas.flatMap((a) => [header(a), cols[3]!])],
    ['l', ...areas.flatMap(() => ['r', 'r'] as const)],
    periods.map(([label]) => [label, ...areas.flatMap((a) => { const e = at(a, label); return [e ? formatNumber(e.value, decimals) : '–', interval(e, decimals)]; })]),
    null,
    isPercent(g.unit) ? w.t('percentagePoints') : inLang(g.unit, lang),
  );
}

/** § 5 b (services) or § 5 c (community): each section with the municipality's text by heading and the catalogue's figures. */
export function knowledgeChapter(ctx: ChapterContext, h: ChapterHeading, sections: KnowledgeSection[], role: 'services' | 'community', draft: boolean): Section {
  const { w, lang, slugs } = ctx;
  const byId = new Map(ctx.results.map((r) => [r.id, r]));
  const children = sections.map((k): Section => {
    const blocks: Block[] = [];
    const parts: Section[] = [];
    if (k.status !== 'missing' && k.status !== 'empty' && ctx.input) {
      // The gate's view of the file: its parts, and in a draft the markers where they are.
      const view = assessmentView(ctx as AssessmentContext, k.name, 3);
      blocks.push(...view.blocks);
      parts.push(...view.parts.map((p) => ({ ...p, role: 'knowledge-part' })));
    } else if (k.status !== 'missing' && k.status !== 'empty') {
      if (k.preamble.trim()) blocks.push(writtenAssessment(k.name, k.preamble.trim()));
      for (const p of k.parts) parts.push(section(slugs.take(`${k.title} ${p.title}`), null, p.title, 3, 'knowledge-part', [writtenAssessment(`${k.name}#${p.id}`, p.body)]));
    }
    if (draft && (k.status === 'missing' || k.status === 'empty')) blocks.push(missingAssessment(k.name, runs(w.tx('overview.assessment.missing', { file: k.file }))));
    else if (draft && k.status === 'incomplete' && !ctx.input) blocks.push(checkMarker(k.name, runs(w.tx('overview.assessment.incomplete', { headings: k.missingHeadings.join(', '), file: k.file }))));
    if (k.figures.length) {
      blocks.push(
        ctx.blocks.table(
          `${role}-${k.name}`,
          `${k.title}: ${w.t('overview.services.figures').toLowerCase()}`,
          w.list('overview.services.figureColumns'),
          ['l', 'l', 'r', 'r', 'l'],
          k.figures.map((r) => {
            const res = byId.get(r.id) ?? r;
            return [linkTo(ctx, r.id, inLang(res.title, lang)), res.period ? formatPeriod(res.period) : '–', cell(res.value, res.decimals), cell(res.comparisons.land.value, res.decimals), inLang(res.unit, lang)];
          }),
          w.t('overview.services.figures'),
        ),
      );
    }
    // The statute's short title in the document's language ("folkehelselova § 5 b" in nynorsk).
    return section(slugs.take(k.title), null, k.title, 2, role === 'services' ? 'service' : 'community-section', [para([{ text: statuteNames(k.law, overviewTexts(w.T)), emphasis: true }]), ...blocks], parts);
  });
  // § 5 c as it stands on the document's date (amended from 2026: positive and negative factors, risikoforhold).
  const amended = !ctx.input || amendment2025InForce(documentDate(ctx.input.generatedOn, ctx.input.edition));
  const intro = role === 'services' ? 'servicesIntro' : amended ? 'communityIntro' : 'communityIntroBefore2026';
  return section(h.id, h.number, h.title, 1, role, [para(w.t(`overview.services.${intro}`))], children);
}

/** Small whole numbers in words ("fire"), as the language writes them; larger ones as digits. */
export function countInWords(n: number, w: Words, lang: DocumentLang): string {
  const ot = overviewTexts(w.T);
  return n >= 0 && n < ot.numbers.length && Number.isInteger(n) ? ot.numbers[n]! : sayNumber(n, 0, lang);
}
