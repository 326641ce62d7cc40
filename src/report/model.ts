import type { Geography, Observation } from '../model/observation.js';
import type { Theme } from '../indicators/catalogue.js';
import type { AreaValue, IndicatorResult } from '../indicators/result.js';
import type { SuppressionLimits } from '../indicators/methods/suppression.js';
import type { PyramidRow } from './charts/pyramid.js';
import type { SpineRow } from './charts/spine.js';
import type { Block, CoatOfArms, Document, FigureBlock, Inline, Section, TableBlock } from './document.js';
import { runs } from './document.js';
import { SlugSet } from './escape.js';
import { formatDate, formatList, formatNumber, formatPeriod, VERDICT_MARK, type Lang } from './format.js';
import { fill, fillRuns, lookup, text as t, type Texts } from './language.js';
import { cell, cellWithInterval, valueWithUnit as withUnit } from './values.js';
import type { OverviewData } from '../overview/document-data.js';
import { bySexSentence, formatNumber as sayNumber, overviewTexts, populationChange, ratePhrase, recentPeriods, smallNumber, sourceList } from '../overview/wording.js';
import type { Priorities } from '../overview/priorities.js';
import { inequalityChapter, knowledgeChapter, summaryChapter, type ChapterContext } from './overview-chapters.js';
import { sourceNames } from '../sources/registry.js';

export { formatDate } from './format.js';

export interface SourceFileInfo {
  /** Path as shown (relative to the data folder). */
  file: string;
  sha256: string;
  source: string;
  tables: string[];
  periods: string;
  /** Set for a table written by `folkehelse fetch` (its sidecar): cited by table and retrieval date. */
  fetched?: { api: string; collection: string; table: string; title: string | null; retrievedAt: string; url: string | null };
  /** When `folkehelse fetch` retrieved the file (its sidecar, ISO date), or null for a file downloaded by hand. */
  retrieved?: string | null;
}

export interface DocumentInput {
  lang: Lang;
  texts: Texts;
  kommune: Geography;
  fylke: Geography;
  edition: number;
  generatedOn: string | null;
  coatOfArms: Omit<CoatOfArms, 'alt'> | null;
  results: IndicatorResult[];
  sources: SourceFileInfo[];
  /** Observations of SSB table 07459 (population by sex and age) for the pyramid, if any. */
  population: Observation[];
  /** Human-written Markdown by key: `a`…`f`, an indicator id, and the file names in the language file's `assessmentFiles`. */
  assessments: Map<string, string>;
  /** Where a missing assessment should be written, relative, for the "Vurdering mangler" box. */
  assessmentPath: (key: string) => string;
  /** The limits applied (strictest of default and configuration), and the Ungdata groups' denominator limit. */
  suppression: SuppressionLimits & { groupDenominator?: number };
  version: string;
  /**
   * The summary, inequality and § 5 b–c chapters' data (`overviewData`). With it the document has
   * the adoptable structure: summary first, inequality, themes, § 5 b–c, appendix with the sources.
   */
  overview?: OverviewData;
  /** Per-indicator words (rate phrases, youth) from data/overview/utfordringsbilde.json; without them units follow numbers. */
  priorities?: Priorities;
  /** `build --final`: no "missing" markers at all (the gate has refused a document with required gaps). */
  final?: boolean;
}

const THEME_LETTERS: Theme[] = ['a', 'b', 'c', 'd', 'e', 'f'];

/** Fixed words of the language file, with helpers; one per document build. */
export class Words {
  constructor(readonly T: Texts) {}
  t = (path: string): string => t(this.T, path);
  tx = (path: string, vars: Record<string, string | number> = {}): string => fill(t(this.T, path), vars);
  runs = (path: string, vars: Record<string, string | number> = {}): Inline => fillRuns(t(this.T, path), vars);
  list = (path: string): string[] => lookup(this.T, path) as string[];
  map = (path: string): Record<string, string> => (lookup(this.T, path) ?? {}) as Record<string, string>;
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

/**
 * Builds the overview of one municipality in one language as a format-neutral document: the
 * chapters the regulation asks for, every sentence, table and figure (described by its data),
 * and the municipality's assessments. Pure: the same input gives the same document.
 */
export function buildDocument(input: DocumentInput): Document {
  const { lang } = input;
  const w = new Words(input.texts);
  const blocks = new BlockFactory();
  const slugs = new SlugSet();
  const kommune = input.kommune.name;
  const files = w.map('assessmentFiles');
  const sourceName = (s: string) => sourceNames(s, lang).name;
  let chapter = 0;

  const own = (key: string): Block[] => {
    const text = input.assessments.get(key);
    return text ? [{ kind: 'assessment', key, status: 'written', markdown: text, note: [] }] : [];
  };
  const assessment = (key: string): Block[] => {
    const text = input.assessments.get(key);
    if (text) return [{ kind: 'assessment', key, status: 'written', markdown: text, note: [] }];
    // A final document never prints a placeholder.
    return input.final ? [] : [{ kind: 'assessment', key, status: 'missing', markdown: null, note: w.runs('assessmentMissing', { path: input.assessmentPath(key) }) }];
  };
  const numbered = (title: string) => {
    const number = String(++chapter);
    return { number, id: slugs.take(`${number} ${title}`), title };
  };

  const ov = input.overview;
  // With the overview's data the summary comes first (its content is built once the themes' anchors exist).
  const sum = ov ? numbered(w.t('overview.summary.heading')) : null;
  const intro = numbered(w.t('chapters.introduction'));
  const sourceIds = [...new Set(input.sources.map((s) => s.source))];
  const introduction = section(intro.id, intro.number, intro.title, 1, 'introduction', [
    para(w.tx('introduction.purpose', { kommune })),
    para(w.tx('introduction.law')),
    para(w.tx('introduction.method', { sources: sourceList(sourceIds, overviewTexts(w.T as unknown as Record<string, unknown>), lang) })),
    ...own(files.introduction!),
  ]);
  const ineq = ov ? numbered(w.t('overview.inequality.heading')) : null;

  // A fetched table: the API's table id and title, when and where it was retrieved — never a local path.
  const fetchedRow = (s: SourceFileInfo, f: NonNullable<SourceFileInfo['fetched']>) => {
    const title = (f.title ?? '').replace(/^\d{5}:\s*/, '').trim();
    const table = `${f.api === 'fhi' ? `${f.collection} ` : ''}${f.table}${title ? ` ${title}` : ''}`;
    let host = '';
    try {
      host = f.url ? new URL(f.url).host : '';
    } catch {
      host = '';
    }
    const where = w.t('knowledge.retrieved').replace('{host}', host || (f.api === 'fhi' ? 'FHI Statistikk' : 'SSB')).trim();
    return [sourceName(s.source), table, s.periods, formatDate(s.retrieved ?? f.retrievedAt.slice(0, 10), w.t('locale')), where, [{ text: s.sha256, code: true }]];
  };
  const sourcesTitle = w.t('knowledge.sources');
  const howTitle = w.t('knowledge.howToRead');
  const sourcesSection = (): Section =>
    section(slugs.take(sourcesTitle), null, sourcesTitle, 2, 'sources', [
      para(w.t('knowledge.sourcesIntro')),
      blocks.table(
        'kilder',
        sourcesTitle,
        w.list('knowledge.sourceColumns'),
        ['l', 'l', 'l', 'l', 'l', 'l'],
        input.sources.map((s) => (s.fetched ? fetchedRow(s, s.fetched) : [sourceName(s.source), s.tables.join(', '), s.periods, s.retrieved ? formatDate(s.retrieved, w.t('locale')) : '–', [{ text: s.file, code: true }], [{ text: s.sha256, code: true }]])),
      ),
    ]);
  const howSection = (): Section => section(slugs.take(howTitle), null, howTitle, 2, 'how-to-read', w.list('knowledge.howToReadText').map((p) => para(fillRuns(p, {}))));
  // Without the overview's data (the library's plain call): the sources stay in a chapter at the front.
  let knowledge: Section | null = null;
  if (!ov) {
    const know = numbered(w.t('chapters.knowledge'));
    knowledge = section(know.id, know.number, know.title, 1, 'knowledge', [], [sourcesSection(), howSection()]);
  }

  const themes: Section[] = [];
  // Each indicator's section, for the summary's links.
  const anchors = new Map<string, string>();
  // Indicators with no data at all are listed in the appendix, not given empty sections.
  const withData = input.results.filter((r) => r.status !== 'no-data' && r.status !== 'invalid-selection');
  for (const letter of THEME_LETTERS) {
    const results = withData.filter((r) => r.theme === letter);
    const pyramid = letter === 'a' ? pyramidOf(input, w, blocks) : null;
    // A theme with no indicators and no text of the municipality gets no empty page (the gate still asks for its text).
    if (ov && results.length === 0 && !pyramid && !input.assessments.has(letter)) continue;
    const h = numbered(w.tx('themeHeading', { title: w.t(`themes.${letter}`), letter }));
    const theme = section(h.id, h.number, h.title, 1, 'theme', assessment(letter));
    let sub = 0;
    if (pyramid) {
      const number = `${h.number}.${++sub}`;
      const title = w.t('pyramid.title');
      theme.children.push(section(slugs.take(`${number} ${title}`), number, title, 2, 'population', [para(w.tx('pyramid.text', { kommune, year: pyramid.year })), pyramid.figure]));
    }
    for (const r of results) {
      const number = `${h.number}.${++sub}`;
      const title = r.title[lang];
      const id = slugs.take(`${number} ${title}`);
      anchors.set(r.id, id);
      theme.children.push(section(id, number, title, 2, 'indicator', indicatorBlocks(input, w, blocks, r, assessment(r.id))));
    }
    themes.push(theme);
  }

  let chapters: Section[];
  if (ov) {
    const services = numbered(w.t('overview.services.heading'));
    const community = numbered(w.t('overview.services.community'));
    const app = numbered(w.t('chapters.appendix'));
    const cctx: ChapterContext = { lang, w, blocks, slugs, anchors, results: input.results, assessment, own };
    const summary = summaryChapter(cctx, sum!, ov, !input.final);
    const inequality = inequalityChapter(cctx, ineq!, ov);
    const servicesChapter = knowledgeChapter(cctx, services, ov.services, 'services', !input.final);
    const communityChapter = knowledgeChapter(cctx, community, ov.community, 'community', !input.final);
    const appendix = appendixOf(input, w, blocks, app, slugs, [sourcesSection(), howSection()]);
    // Chapters that follow the summary (changes since the last edition, goals) go right after `summary`.
    chapters = [summary, introduction, inequality, ...themes, servicesChapter, communityChapter, appendix];
  } else {
    const sumOld = numbered(w.t('chapters.summary'));
    const summary = summaryOf(input, w, sumOld, slugs, anchors, own);
    const app = numbered(w.t('chapters.appendix'));
    const appendix = appendixOf(input, w, blocks, app, slugs);
    chapters = [introduction, knowledge!, ...themes, summary, appendix];
  }

  return numberBlocks({
    kind: 'kommune',
    lang,
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

export function labelsOf(T: Texts, runningHeader: string): Document['labels'] {
  return {
    figure: t(T, 'captions.figure'),
    table: t(T, 'captions.table'),
    page: t(T, 'pdf.page'),
    of: t(T, 'pdf.of'),
    buildNote: t(T, 'word.buildNote'),
    runningHeader,
    wordStyles: { ...T.word.styles },
    wordProperties: { kommune: t(T, 'word.properties.kommune'), edition: t(T, 'word.properties.edition') },
  };
}

function indicatorBlocks(input: DocumentInput, w: Words, blocks: BlockFactory, r: IndicatorResult, assessment: Block[]): Block[] {
  const { lang } = input;
  const kommune = input.kommune.name;
  const unit = r.unit[lang];
  const symbols = w.map('unitSymbols');
  const valueWithUnit = (x: IndicatorResult, value: number, u: string) => withUnit(x, value, u, symbols);
  const ot = overviewTexts(w.T as unknown as Record<string, unknown>);
  const v = r.value;
  const sentences: string[] = [];
  if (r.status === 'no-data' || r.status === 'invalid-selection' || !v || !r.period) {
    sentences.push(w.tx('sentences.noData', { kommune }));
  } else if (v.absent) {
    const reason = (lookup(w.T, `sentences.absentReasons.${v.absent.reason}`) as string | undefined) ?? v.absent.reason;
    sentences.push(w.tx('sentences.absent', { kommune, period: formatPeriod(r.period), reason }));
  } else if (v.value !== null) {
    const land = r.comparisons.land;
    // A rate with its words: "46,6 legemiddelbrukere per 1000 innbyggere 30–74 år".
    const stated = input.priorities?.indicators[r.id]?.rate && r.multiplier ? ratePhrase(v.value, { id: r.id, decimals: r.decimals, multiplier: r.multiplier, unit: r.unit }, input.priorities, ot, lang) : valueWithUnit(r, v.value, unit);
    let status = w.tx('sentences.status', { subject: r.phrase[lang], kommune, value: stated, period: formatPeriod(r.period) });
    const landText = land.value && !land.value.absent && land.value.value !== null ? valueWithUnit(r, land.value.value, unit) : '';
    // Population change: as a share of each population, never 130 persons against the country's 27 474.
    const change = r.id === 'befolkningsendring' ? populationChangeOf(input, r, ot) : null;
    if (change) {
      sentences.push(`${status}.`, change);
    } else {
      if (land.verdict === 'not-tested') status += w.tx(`sentences.vsLand.${land.reason ?? 'no-counts'}`, { land: landText });
      else if (land.verdict === 'similar') status += w.tx('sentences.vsLand.similar', { land: landText });
      else status += w.tx(`sentences.vsLand.${land.value!.value! < v.value ? 'higher' : 'lower'}`, { land: landText });
      sentences.push(status);
      const f = r.comparisons.fylke.value;
      if (f && !f.absent && f.value !== null) sentences.push(w.tx('sentences.fylke', { fylke: input.fylke.name, value: valueWithUnit(r, f.value, unit) }));
      const near = r.comparisons.neighbours.filter((n) => !n.absent && n.value !== null);
      if (near.length > 0) sentences.push(w.tx('sentences.neighbours', { list: formatList(near.map((n) => `${n.geo.name} ${valueWithUnit(r, n.value!, unit)}`), lang) }));
    }
    if (v.numerator !== null && v.method !== 'as-published' && v.numerator < 20) sentences.push(w.tx('sentences.fewCases', { n: smallNumber(v.numerator, ot, lang) }));
    if (r.bySex?.male && r.bySex.female) {
      const show = (x: AreaValue) => (x.absent ? x.absent.symbol : x.value === null ? '–' : valueWithUnit(r, x.value, unit));
      // "gutter"/"jenter" for 17-year-olds and pupils, "menn"/"kvinner" for adults.
      const ind = { id: r.id, select: { source: r.provenance.source, age: r.id.includes('sesjon') ? '17_17' : undefined } } as unknown as Parameters<typeof bySexSentence>[0];
      sentences.push(bySexSentence(ind, show(r.bySex.male), show(r.bySex.female), input.priorities ?? { groups: [], indicators: {} } as unknown as Priorities, ot));
    }
  }
  const table = seriesTable(input, w, blocks, r);
  const out: Block[] = [para([{ text: r.howToRead[lang], emphasis: true }]), para(sentences.join(' '))];
  if (r.series.kommune.length + r.series.land.length > 1 && r.chart !== 'none') out.push(seriesFigure(input, w, blocks, r, table.id));
  out.push(table);
  let trend = '';
  if (r.status !== 'ok' && r.status !== 'absent') trend = '';
  else if (r.trend.direction === 'cannot-be-calculated') {
    const reason = w.tx(`sentences.trendReasons.${r.trend.reasonCode ?? 'no-counts'}`, { n: smallNumber(r.trend.reasonCode === 'few-independent-points' ? r.trend.independentPoints ?? 0 : r.trend.points, ot, lang) });
    trend = w.tx('sentences.trend.cannot-be-calculated', { reason });
  } else {
    // Pooled periods (3-year averages) are "de fem siste periodene", single years "de fem siste årene".
    const pooled = r.period ? r.period.to > r.period.from : false;
    trend = w.tx(`sentences.trend.${r.trend.direction}`, { judgement: r.trend.judgement ? w.t(`sentences.judgement.${r.trend.judgement}`) : '', periods: recentPeriods(5, pooled, ot, lang) });
  }
  if (trend) out.push(para(trend));
  if (r.gradient) out.push(...gradientBlocks(input, w, blocks, r, symbols));
  out.push(...assessment, { kind: 'reference', label: w.t('sourceLabel'), text: r.source[lang] });
  return out;
}

/**
 * "Folketallet endret seg med +0,6 % (+5,3 per 1000 innbyggere), mot +0,5 % (+4,9 per 1000) i
 * landet": the change against the population at 1 January of the same year (the folkemengde
 * indicator), or null without both.
 */
function populationChangeOf(input: DocumentInput, r: IndicatorResult, ot: ReturnType<typeof overviewTexts>): string | null {
  const pop = input.results.find((x) => x.id === 'folkemengde');
  if (!pop || !r.period) return null;
  const same = (vs: AreaValue[]) => vs.find((x) => x.period.to === r.period!.to && !x.absent && x.value !== null)?.value ?? null;
  const change = r.value?.value ?? null;
  const landChange = r.comparisons.land.value && !r.comparisons.land.value.absent ? r.comparisons.land.value.value : null;
  const population = same(pop.series.kommune);
  const landPopulation = same(pop.series.land);
  if (change === null || landChange === null || !population || !landPopulation) return null;
  return populationChange(change, population, landChange, landPopulation, ot, input.lang).text;
}

function seriesFigure(input: DocumentInput, w: Words, blocks: BlockFactory, r: IndicatorResult, tableId: string): FigureBlock {
  const { lang } = input;
  const kommuneName = input.kommune.name;
  const all = [...r.series.kommune, ...r.series.fylke, ...r.series.land];
  const periods = [...new Map(all.map((v) => [`${v.period.from}_${v.period.to}`, v.period])).values()].sort((a, b) => a.to - b.to || a.from - b.from);
  const last = r.series.kommune[r.series.kommune.length - 1];
  const altVars = { title: r.title[lang], kommune: kommuneName, fylke: input.fylke.name, first: formatPeriod(periods[0]!), last: formatPeriod(periods[periods.length - 1]!), value: last && !last.absent && last.value !== null ? withUnit(r, last.value, r.unit[lang], w.map('unitSymbols')) : '–' };
  const alt = w.tx(r.series.hidden ? 'charts.seriesAltAbsent' : 'charts.seriesAlt', altVars);
  const zero = !['years', 'value', 'count', 'mean'].includes(r.measureType);
  return blocks.figure({
    id: `fig-${r.id}`,
    file: `figurer/${r.id}.${lang}.svg`,
    caption: r.title[lang],
    alt,
    chart: {
      type: 'line',
      id: `fig-${r.id}`,
      alt,
      // Counts of people are not on one scale with the county's and the country's: the municipality alone.
      series:
        r.measureType === 'count'
          ? [{ label: kommuneName, values: r.series.kommune, role: 'kommune' }]
          : [
              { label: kommuneName, values: r.series.kommune, role: 'kommune' },
              { label: input.fylke.name, values: r.series.fylke, role: 'fylke' },
              { label: w.t('table.land'), values: r.series.land, role: 'land' },
            ],
      options: { decimals: r.decimals, zero, intervalLabel: w.t('charts.interval'), unit: r.unit[lang], periodLabel: w.t('table.period') },
    },
    data: null,
    dataCaption: w.t('chartData'),
    dataTable: tableId,
  });
}

/** The indicator's table: each period with the municipality (and its interval), county, land and KOSTRA group. */
function seriesTable(input: DocumentInput, w: Words, blocks: BlockFactory, r: IndicatorResult): TableBlock {
  const byKey = (values: AreaValue[]) => new Map(values.map((v) => [`${v.period.from}_${v.period.to}`, v]));
  const k = byKey(r.series.kommune);
  const f = byKey(r.series.fylke);
  const l = byKey(r.series.land);
  const kostra = r.comparisons.kostragruppe?.value ?? null;
  const neighbours = r.series.neighbours.map((n) => ({ name: n.geo.name, byKey: byKey(n.values) }));
  const periods = [...new Map([...r.series.kommune, ...r.series.fylke, ...r.series.land].map((v) => [`${v.period.from}_${v.period.to}`, v.period])).values()]
    .filter((p) => k.has(`${p.from}_${p.to}`) || !r.period || p.to <= r.period.to)
    .sort((a, b) => a.to - b.to || a.from - b.from);
  const shown = periods.length > 0 ? periods : r.period ? [r.period] : [];
  return blocks.table(
    r.id,
    `${r.title[input.lang]} (${r.unit[input.lang]})`,
    [w.t('table.period'), input.kommune.name, ...neighbours.map((n) => n.name), input.fylke.name, w.t('table.land'), ...(kostra ? [w.t('table.kostragruppe')] : [])],
    ['l', 'r', ...neighbours.map((): 'r' => 'r'), 'r', 'r', ...(kostra ? ['r' as const] : [])],
    shown.map((p) => {
      const key = `${p.from}_${p.to}`;
      const latest = r.period && p.from === r.period.from && p.to === r.period.to;
      return [formatPeriod(p), cellWithInterval(k.get(key), r.decimals), ...neighbours.map((n) => cell(n.byKey.get(key), r.decimals)), cell(f.get(key), r.decimals), cell(l.get(key), r.decimals), ...(kostra ? [latest ? cell(kostra, r.decimals) : '–'] : [])];
    }),
    w.t('table.numbers'),
    r.unit[input.lang],
  );
}

function gradientBlocks(input: DocumentInput, w: Words, blocks: BlockFactory, r: IndicatorResult, symbols: Record<string, string>): Block[] {
  const { lang } = input;
  const g = r.gradient!;
  const unit = r.unit[lang];
  const labelOf = (key: string | null) => (key ? (g.groups.find((x) => x.key === key)?.label[lang] ?? key) : '');
  const groupsText = g.groups.map((x) => `${x.label[lang]} ${x.value.absent ? x.value.absent.symbol : x.value.value === null ? '–' : withUnit(r, x.value.value, unit, symbols)}`).join(', ');
  const alt = w.tx('charts.gradientAlt', { title: r.title[lang], kommune: input.kommune.name, dimension: g.title[lang].toLowerCase(), period: formatPeriod(g.period), groups: groupsText });
  const total = r.series.kommune.find((v) => v.period.from === g.period.from && v.period.to === g.period.to);
  const counted = g.groups.some((x) => !x.value.absent && x.value.numerator !== null && x.value.denominator !== null);
  const columns = w.list('overview.inequality.columns');
  const sayCount = (n: number) => sayNumber(n, 0, lang);
  const sentences: string[] = [];
  if (g.absoluteRange !== null && g.best && g.worst) {
    const abs = formatNumber(Math.abs(g.absoluteRange), r.decimals);
    if (r.measureType === 'years') sentences.push(w.tx('sentences.gradientRangeYears', { best: labelOf(g.best).toLowerCase(), worst: labelOf(g.worst).toLowerCase(), abs }));
    else sentences.push(w.tx('sentences.gradientRange', { best: labelOf(g.best).toLowerCase(), worst: labelOf(g.worst).toLowerCase(), abs, unitShort: Object.hasOwn(symbols, unit) && symbols[unit] === '%' ? w.t('percentagePoints') : unit, rel: formatNumber(g.relativeRange ?? 0, 1) }));
  }
  if (g.trendTest) sentences.push(w.tx(g.trendTest.significant ? 'sentences.gradientSignificant' : 'sentences.gradientNotSignificant', { chi2: formatNumber(g.trendTest.statistic, 1) }));
  else sentences.push(w.t('sentences.gradientNotTested'));
  const table = blocks.table(
    `${r.id}-gradient`,
    `${r.title[lang]}: ${g.title[lang].toLowerCase()}, ${formatPeriod(g.period)}`,
    // Respondents and cases per group where they are published (106 of 841 …), as the municipality's own tables show them.
    counted ? [g.title[lang], input.kommune.name, columns[1]!, columns[2]!] : [g.title[lang], input.kommune.name, 'n'],
    counted ? ['l', 'r', 'r', 'r'] : ['l', 'r', 'r'],
    g.groups.map((x) => {
      const count = (n: number | null) => (x.value.absent ? x.value.absent.symbol : n === null ? '–' : sayCount(n));
      return counted ? [x.label[lang], cellWithInterval(x.value, r.decimals), count(x.value.denominator), count(x.value.numerator)] : [x.label[lang], cellWithInterval(x.value, r.decimals), count(x.value.denominator)];
    }),
  );
  const figure = blocks.figure({
    id: `fig-${r.id}-gradient`,
    file: `figurer/${r.id}-gradient.${lang}.svg`,
    caption: `${r.title[lang]}: ${g.title[lang].toLowerCase()}, ${formatPeriod(g.period)}`,
    alt,
    chart: {
      type: 'gradient',
      id: `fig-${r.id}-gradient`,
      alt,
      bars: g.groups.map((x) => ({ label: x.label[lang], value: x.value })),
      options: { decimals: r.decimals, zero: r.measureType !== 'years', unit, total: total && !total.absent && total.value !== null ? { label: input.kommune.name, value: total.value } : undefined },
    },
    data: null,
    dataCaption: w.t('chartData'),
    dataTable: table.id,
  });
  return [para([{ text: w.tx('sentences.gradientIntro', { title: g.title[lang], period: formatPeriod(g.period) }), strong: true }]), figure, table, para(sentences.join(' '))];
}

const AGE_GROUPS: [number, number][] = Array.from({ length: 18 }, (_, i) => [i * 5, i * 5 + 4] as [number, number]).concat([[90, 200]]);

function pyramidOf(input: DocumentInput, w: Words, blocks: BlockFactory): { figure: FigureBlock; year: number } | null {
  const { lang } = input;
  const pop = input.population.filter((o) => o.value !== null && o.age && o.age.from !== null && (o.sex === 'male' || o.sex === 'female'));
  const mine = pop.filter((o) => o.geo.code === input.kommune.code);
  if (mine.length === 0) return null;
  const year = Math.max(...mine.map((o) => o.period.to));
  const shares = (code: string): Map<string, number> | null => {
    const rows = pop.filter((o) => o.geo.code === code && o.period.to === year);
    const total = rows.reduce((s, o) => s + o.value!, 0);
    if (total <= 0) return null;
    const out = new Map<string, number>();
    for (const o of rows) {
      const gi = AGE_GROUPS.findIndex(([a, b]) => o.age!.from! >= a && o.age!.from! <= b);
      const key = `${o.sex}|${gi}`;
      out.set(key, (out.get(key) ?? 0) + (100 * o.value!) / total);
    }
    return out;
  };
  const k = shares(input.kommune.code)!;
  const land = shares('0');
  const label = ([a, b]: [number, number]) => (b > 120 ? `${a}+` : `${a}–${b}`);
  const rows: PyramidRow[] = AGE_GROUPS.map((g, i) => ({ label: label(g), men: k.get(`male|${i}`) ?? 0, women: k.get(`female|${i}`) ?? 0, landMen: land?.get(`male|${i}`) ?? null, landWomen: land?.get(`female|${i}`) ?? null }));
  const alt = w.tx('charts.pyramidAlt', { kommune: input.kommune.name, year });
  const cols = w.list('pyramid.columns').map((c) => fill(c, { kommune: input.kommune.name }));
  const pct = (x: number | null) => (x === null ? '–' : formatNumber(x, 1));
  return {
    year,
    figure: blocks.figure({
      id: 'fig-pyramid',
      file: `figurer/befolkningspyramide.${lang}.svg`,
      caption: `${w.t('pyramid.title')} (${year})`,
      alt,
      chart: { type: 'pyramid', id: 'fig-pyramid', alt, rows, labels: { men: w.t('charts.menShort'), women: w.t('charts.womenShort'), axis: w.t('charts.percentOfPopulation') } },
      data: blocks.table('befolkningspyramide', w.t('chartData'), cols, ['l', 'r', 'r', 'r', 'r'], rows.map((x) => [x.label, pct(x.men), pct(x.women), pct(x.landMen), pct(x.landWomen)])),
      dataCaption: w.t('chartData'),
      dataTable: null,
    }),
  };
}

function summaryOf(input: DocumentInput, w: Words, h: { number: string; id: string; title: string }, slugs: SlugSet, anchors: Map<string, string>, own: (key: string) => Block[]): Section {
  const { lang } = input;
  const files = w.map('assessmentFiles');
  const challenges: Inline[] = [];
  const resources: Inline[] = [];
  for (const r of input.results) {
    if (r.status !== 'ok') continue;
    const why: string[] = [];
    const good: string[] = [];
    if (r.comparisons.land.verdict === 'worse') why.push(w.t('summary.worseThanLand'));
    if (r.trend.judgement === 'worse') why.push(w.t('summary.worsening'));
    if (r.comparisons.land.verdict === 'better') good.push(w.t('summary.betterThanLand'));
    if (r.trend.judgement === 'better') good.push(w.t('summary.improving'));
    const link = (reasons: string[]): Inline => [{ text: r.title[lang], link: anchors.get(r.id) ?? '' }, { text: ` – ${reasons.join('; ')}` }];
    if (why.length) challenges.push(link(why));
    else if (good.length) resources.push(link(good));
  }
  const part = (title: string, role: string, key: string, items: Inline[]): Section => {
    const ownText = own(key);
    return section(slugs.take(title), null, title, 2, role, [
      ...(ownText.length ? [para([{ text: `${w.t('summary.own')}:`, strong: true }]), ...ownText] : []),
      para([{ text: `${w.t('summary.proposed')}:`, strong: true }]),
      items.length ? { kind: 'list', items } : para(w.t('summary.none')),
    ]);
  };
  const children = [part(w.t('summary.challenges'), 'challenges', files.challenges!, challenges), part(w.t('summary.resources'), 'resources', files.resources!, resources)];
  const planning = own(files.planning!);
  if (planning.length) {
    const title = w.t('summary.planning');
    children.push(section(slugs.take(title), null, title, 2, 'planning', planning));
  }
  return section(h.id, h.number, h.title, 1, 'summary', [para(w.t('summary.intro'))], children);
}

function appendixOf(input: DocumentInput, w: Words, blocks: BlockFactory, h: { number: string; id: string; title: string }, slugs: SlugSet, first: Section[] = []): Section {
  const { lang } = input;
  const cols = w.list('appendix.barometerColumns').map((c) => fill(c, { kommune: input.kommune.name, fylke: input.fylke.name }));
  const verdicts = w.map('verdicts');
  const trends = w.map('trendShort');
  const barometer = blocks.table(
    'barometer',
    w.t('appendix.barometer'),
    cols,
    ['l', 'l', 'l', 'r', 'r', 'r', 'l', 'l', 'l'],
    input.results
      .filter((r) => r.status !== 'no-data' && r.status !== 'invalid-selection')
      .map((r) => [r.theme, r.title[lang], r.period ? formatPeriod(r.period) : '–', cell(r.value, r.decimals), cell(r.comparisons.fylke.value, r.decimals), cell(r.comparisons.land.value, r.decimals), r.unit[lang], `${VERDICT_MARK[r.comparisons.land.verdict]} ${verdicts[r.comparisons.land.verdict]!}`, r.status === 'ok' ? trends[r.trend.direction]! : '–']),
  );
  const missing = input.results.filter((r) => r.status === 'no-data' || r.status === 'invalid-selection');
  const spineRows: SpineRow[] = input.results
    .filter((r) => r.comparisons.land.verdict !== 'not-tested' && r.value?.value && r.comparisons.land.value?.value)
    .map((r) => ({ label: r.title[lang], ratio: r.value!.value! / r.comparisons.land.value!.value!, verdict: r.comparisons.land.verdict }));
  const barometerTitle = w.t('appendix.barometer');
  const barometerBlocks: Block[] = [para(w.t('appendix.barometerIntro')), barometer];
  if (spineRows.length > 0) {
    const alt = w.tx('charts.spineAlt', { kommune: input.kommune.name, n: spineRows.length, better: spineRows.filter((r) => r.verdict === 'better').length, worse: spineRows.filter((r) => r.verdict === 'worse').length });
    barometerBlocks.push(
      para(w.t('appendix.spine')),
      blocks.figure({
        id: 'fig-barometer',
        file: `figurer/barometer.${lang}.svg`,
        caption: `${barometerTitle}: ${input.kommune.name} / ${w.t('table.land')}`,
        alt,
        chart: { type: 'spine', id: 'fig-barometer', alt, rows: spineRows, labels: { lower: w.t('charts.lowerThanLand'), higher: w.t('charts.higherThanLand'), land: w.t('table.land'), verdicts } },
        data: blocks.table('barometer-figur', w.t('chartData'), [cols[1]!, `${input.kommune.name} / ${w.t('table.land')}`, cols[7]!], ['l', 'r', 'l'], spineRows.map((r) => [r.label, formatNumber(r.ratio, 2), verdicts[r.verdict]!])),
        dataCaption: w.t('chartData'),
        dataTable: null,
      }),
    );
  }
  const children = [...first, section(slugs.take(barometerTitle), null, barometerTitle, 2, 'barometer', barometerBlocks)];
  const methodsTitle = w.t('appendix.methods');
  children.push(section(slugs.take(methodsTitle), null, methodsTitle, 2, 'methods', w.list('appendix.methodsText').map((p) => para(fillRuns(p, { numerator: input.suppression.numerator, denominator: input.suppression.denominator, fewCases: input.suppression.fewCases, groupDenominator: input.suppression.groupDenominator ?? Math.max(20, input.suppression.denominator) })))));
  const legendTitle = w.t('appendix.legend');
  children.push(section(slugs.take(legendTitle), null, legendTitle, 2, 'legend', [blocks.table('tegnforklaring', legendTitle, ['', ''], ['l', 'l'], (lookup(w.T, 'appendix.legendRows') as string[][]).map(([s, d]) => [[{ text: s!, code: true }], d!]))]));
  if (missing.length) {
    const title = w.t('appendix.noData');
    children.push(section(slugs.take(title), null, title, 2, 'no-data', [para(w.t('appendix.noDataIntro')), { kind: 'list', items: missing.map((r) => runs(`${r.title[lang]} (${r.theme}) – ${r.provenance.source}, ${r.provenance.table}`)) }]));
  }
  return section(h.id, h.number, h.title, 1, 'appendix', [], children);
}
