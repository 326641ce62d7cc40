import type { Geography, Observation } from '../model/observation.js';
import { THEMES, type Theme } from '../indicators/catalogue.js';
import type { AreaValue, IndicatorResult } from '../indicators/result.js';
import type { SuppressionLimits } from '../indicators/methods/suppression.js';
import { lineChart } from './charts/line.js';
import { gradientChart } from './charts/gradient.js';
import { pyramidChart, type PyramidRow } from './charts/pyramid.js';
import { spineChart, type SpineRow } from './charts/spine.js';
import { escapeMarkdown as md, SlugSet } from './escape.js';
import { formatNumber, formatPeriod, VERDICT_MARK, type Lang } from './format.js';
import { fill, lookup, text as t, type Texts } from './language.js';
import { cell, cellWithInterval, valueWithUnit } from './values.js';
import type { ChangesSection, GoalsSection } from '../results/sections.js';

export interface Table {
  header: string[];
  /** 'l' or 'r' per column. */
  align: string[];
  rows: string[][];
}

export interface Figure {
  /** Path relative to the document, e.g. `figurer/ensomhet.nb.svg`. */
  file: string;
  alt: string;
  /** The figure's numbers; null when the table next to it already holds them. */
  data: Table | null;
  dataCaption: string;
}

export interface IndicatorSection {
  id: string;
  heading: string;
  anchor: string;
  howToRead: string;
  sentences: string[];
  /** Kommune | fylke | land (| KOSTRA group) per period, the latest last: also the figure's data. */
  table: Table;
  tableCaption: string;
  figure: Figure | null;
  gradient: { intro: string; table: Table; figure: Figure; sentences: string[] } | null;
  trend: string;
  source: string;
  sourceLabel: string;
  /** Markdown written by the municipality, included as it is. */
  assessment: string | null;
  missingAssessment: string | null;
  /** What changed since the previous edition (set by src/results). */
  changeNotes?: string[];
}

export interface ThemeSection {
  letter: Theme;
  heading: string;
  anchor: string;
  assessment: string | null;
  missingAssessment: string | null;
  pyramid: { heading: string; anchor: string; text: string; figure: Figure } | null;
  indicators: IndicatorSection[];
}

export interface DocumentModel {
  lang: Lang;
  title: string;
  subtitle: string;
  date: string | null;
  coatOfArms: { file: string; alt: string } | null;
  tocHeading: string;
  toc: { title: string; anchor: string; children: { title: string; anchor: string }[] }[];
  introduction: { heading: string; anchor: string; paragraphs: string[]; own: string | null };
  knowledge: { heading: string; anchor: string; sourcesHeading: string; sourcesIntro: string; sources: Table; howToReadHeading: string; howToRead: string[] };
  themes: ThemeSection[];
  summary: { heading: string; anchor: string; intro: string; challengesHeading: string; resourcesHeading: string; proposedHeading: string; ownHeading: string; challenges: string[]; resources: string[]; ownChallenges: string | null; ownResources: string | null; noneText: string; planningHeading: string; planning: string | null };
  appendix: { heading: string; anchor: string; barometerHeading: string; barometerAnchor: string; barometerIntro: string; barometer: Table; spine: Figure | null; spineText: string; methodsHeading: string; methods: string[]; legendHeading: string; legend: Table; noDataHeading: string; noDataIntro: string; noData: string[] };
  footer: string;
  /** Follow-up of earlier editions and of the goals (set by src/results; absent in a stand-alone build). */
  changes?: ChangesSection | null;
  goals?: GoalsSection | null;
}

export interface SourceFileInfo {
  /** Path as shown (relative to the data folder). */
  file: string;
  sha256: string;
  source: string;
  tables: string[];
  periods: string;
}

export interface DocumentInput {
  lang: Lang;
  texts: Texts;
  kommune: Geography;
  fylke: Geography;
  edition: number;
  generatedOn: string | null;
  coatOfArms: string | null;
  results: IndicatorResult[];
  sources: SourceFileInfo[];
  /** Observations of SSB table 07459 (population by sex and age) for the pyramid, if any. */
  population: Observation[];
  /** Human-written Markdown by key: `a`…`f`, an indicator id, `innledning`, `utfordringer`, `ressurser`, `planbehov`. */
  assessments: Map<string, string>;
  /** Where a missing assessment should be written, relative, for the "Vurdering mangler" box. */
  assessmentPath: (key: string) => string;
  suppression: SuppressionLimits;
  version: string;
}

const SOURCE_NAMES: Record<string, string> = { fhi: 'FHI', ssb: 'SSB', kostra: 'SSB (KOSTRA)', ungdata: 'Ungdata' };
const MONTHS: Record<Lang, string[]> = {
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  nn: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
};

/** "2026-11-22" → "22. november 2026". */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}. ${MONTHS[lang][m! - 1]} ${y}`;
}

/**
 * Builds everything the document shows for one municipality in one language: every string is
 * ready for Markdown (data escaped, numbers formatted the Norwegian way), and the figures as SVG.
 * Pure: the same input gives the same model and the same bytes.
 */
export function buildDocument(input: DocumentInput): { model: DocumentModel; figures: Map<string, string> } {
  const { lang, texts: T } = input;
  const figures = new Map<string, string>();
  const slugs = new SlugSet();
  const kommune = md(input.kommune.name);
  const fylke = md(input.fylke.name);
  const tx = (path: string, vars: Record<string, string | number> = {}) => fill(t(T, path), vars);
  const list = (path: string) => lookup(T, path) as string[];
  const ch = (key: string) => t(T, `chapters.${key}`);

  const title = t(T, 'documentTitle');
  let chapter = 0;
  const numbered = (name: string) => `${++chapter} ${name}`;

  const introHeading = numbered(ch('introduction'));
  const knowledgeHeading = numbered(ch('knowledge'));
  const sourceNames = [...new Set(input.sources.map((s) => s.source))].map((s) => SOURCE_NAMES[s] ?? s);
  const introduction = {
    heading: introHeading,
    anchor: slugs.take(introHeading),
    paragraphs: [tx('introduction.purpose', { kommune }), tx('introduction.law'), tx('introduction.method', { sources: joinList(sourceNames, lang) })],
    own: input.assessments.get('innledning') ?? null,
  };
  const knowledge = {
    heading: knowledgeHeading,
    anchor: slugs.take(knowledgeHeading),
    sourcesHeading: t(T, 'knowledge.sources'),
    sourcesIntro: t(T, 'knowledge.sourcesIntro'),
    sources: {
      header: list('knowledge.sourceColumns'),
      align: ['l', 'l', 'l', 'l', 'l'],
      rows: input.sources.map((s) => [SOURCE_NAMES[s.source] ?? md(s.source), md(s.tables.join(', ')), md(s.periods), `\`${s.file.replace(/`/g, "'")}\``, `\`${s.sha256}\``]),
    },
    howToReadHeading: t(T, 'knowledge.howToRead'),
    howToRead: list('knowledge.howToReadText'),
  };
  slugs.take(knowledge.sourcesHeading);
  slugs.take(knowledge.howToReadHeading);

  const themes: ThemeSection[] = [];
  // Indicators with no data at all are listed in the appendix, not given empty sections.
  const withData = input.results.filter((r) => r.status !== 'no-data' && r.status !== 'invalid-selection');
  for (const letter of ['a', 'b', 'c', 'd', 'e', 'f'] as Theme[]) {
    const results = withData.filter((r) => r.theme === letter);
    const heading = numbered(tx('themeHeading', { title: THEMES[letter][lang], letter }));
    const number = chapter;
    const section: ThemeSection = {
      letter,
      heading,
      anchor: slugs.take(heading),
      assessment: input.assessments.get(letter) ?? null,
      missingAssessment: input.assessments.has(letter) ? null : tx('assessmentMissing', { path: input.assessmentPath(letter) }),
      pyramid: null,
      indicators: [],
    };
    let sub = 0;
    if (letter === 'a') {
      const pyramid = pyramidOf(input, figures);
      if (pyramid) {
        const h = `${number}.${++sub} ${t(T, 'pyramid.title')}`;
        section.pyramid = { heading: h, anchor: slugs.take(h), text: tx('pyramid.text', { kommune, year: pyramid.year }), figure: pyramid.figure };
      }
    }
    for (const r of results) {
      const h = `${number}.${++sub} ${md(r.title[lang])}`;
      section.indicators.push(indicatorSection(input, r, h, slugs.take(h), figures));
    }
    themes.push(section);
  }

  const summaryHeading = numbered(ch('summary'));
  const anchorsById = new Map(themes.flatMap((x) => x.indicators.map((i) => [i.id, i.anchor] as const)));
  const summary = summaryOf(input, summaryHeading, slugs.take(summaryHeading), anchorsById);
  slugs.take(summary.challengesHeading);
  slugs.take(summary.resourcesHeading);
  const appendixHeading = numbered(ch('appendix'));
  const appendix = appendixOf(input, appendixHeading, slugs.take(appendixHeading), slugs, figures);

  const toc: DocumentModel['toc'] = [
    { title: introduction.heading, anchor: introduction.anchor, children: [] },
    { title: knowledge.heading, anchor: knowledge.anchor, children: [] },
    ...themes.map((s) => ({ title: s.heading, anchor: s.anchor, children: [...(s.pyramid ? [{ title: s.pyramid.heading, anchor: s.pyramid.anchor }] : []), ...s.indicators.map((i) => ({ title: i.heading, anchor: i.anchor }))] })),
    { title: summary.heading, anchor: summary.anchor, children: [] },
    { title: appendix.heading, anchor: appendix.anchor, children: [] },
  ];
  const model: DocumentModel = {
    lang,
    title,
    subtitle: tx('subtitle', { kommune, edition: input.edition }),
    date: input.generatedOn ? tx('date', { date: formatDate(input.generatedOn, lang) }) : null,
    coatOfArms: input.coatOfArms ? { file: input.coatOfArms, alt: tx('coatOfArms', { kommune }) } : null,
    tocHeading: t(T, 'toc'),
    toc,
    introduction,
    knowledge,
    themes,
    summary,
    appendix,
    footer: tx('footer', { version: input.version }),
  };
  return { model, figures };
}

function indicatorSection(input: DocumentInput, r: IndicatorResult, heading: string, anchor: string, figures: Map<string, string>): IndicatorSection {
  const { lang, texts: T } = input;
  const tx = (path: string, vars: Record<string, string | number> = {}) => fill(t(T, path), vars);
  const kommune = md(input.kommune.name);
  const unit = r.unit[lang];
  const v = r.value;
  const sentences: string[] = [];
  if (r.status === 'no-data' || r.status === 'invalid-selection' || !v || !r.period) {
    sentences.push(tx('sentences.noData', { kommune }));
  } else if (v.absent) {
    const reason = (lookup(T, `sentences.absentReasons.${v.absent.reason}`) as string | undefined) ?? v.absent.reason;
    sentences.push(tx('sentences.absent', { kommune, period: formatPeriod(r.period), reason }));
  } else if (v.value !== null) {
    const land = r.comparisons.land;
    let status = tx('sentences.status', { subject: md(r.phrase[lang]), kommune, value: valueWithUnit(r, v.value, unit), period: formatPeriod(r.period) });
    const landText = land.value && !land.value.absent && land.value.value !== null ? valueWithUnit(r, land.value.value, unit) : '';
    if (land.verdict === 'not-tested') status += tx(`sentences.vsLand.${land.reason ?? 'no-counts'}`, { land: landText });
    else if (land.verdict === 'similar') status += tx('sentences.vsLand.similar', { land: landText });
    else status += tx(`sentences.vsLand.${land.value!.value! < v.value ? 'higher' : 'lower'}`, { land: landText });
    sentences.push(status);
    const f = r.comparisons.fylke.value;
    if (f && !f.absent && f.value !== null) sentences.push(tx('sentences.fylke', { fylke: md(input.fylke.name), value: valueWithUnit(r, f.value, unit) }));
    const near = r.comparisons.neighbours.filter((n) => !n.absent && n.value !== null);
    if (near.length > 0) sentences.push(tx('sentences.neighbours', { list: joinList(near.map((n) => `${md(n.geo.name)} ${valueWithUnit(r, n.value!, unit)}`), lang) }));
    if (v.numerator !== null && v.method !== 'as-published' && v.numerator < 20) sentences.push(tx('sentences.fewCases', { n: formatNumber(v.numerator, 0) }));
    if (r.bySex?.male && r.bySex.female) {
      const show = (x: AreaValue) => (x.absent ? x.absent.symbol : x.value === null ? '–' : valueWithUnit(r, x.value, unit));
      sentences.push(tx('sentences.bySex', { men: show(r.bySex.male), women: show(r.bySex.female) }));
    }
  }
  let figure: Figure | null = null;
  if (r.series.kommune.length + r.series.land.length > 1 && r.chart !== 'none') figure = seriesFigure(input, r, figures);
  const table = seriesTable(input, r);
  let trend: string;
  if (r.status !== 'ok' && r.status !== 'absent') trend = '';
  else if (r.trend.direction === 'cannot-be-calculated') {
    const reason = r.trend.reason?.startsWith('needs 5 points') ? tx('sentences.trendReasons.few-points', { n: r.trend.points }) : r.trend.reason?.startsWith('no variation') ? t(T, 'sentences.trendReasons.no-variation') : t(T, 'sentences.trendReasons.no-counts');
    trend = tx('sentences.trend.cannot-be-calculated', { reason });
  } else {
    trend = tx(`sentences.trend.${r.trend.direction}`, { judgement: r.trend.judgement ? t(T, `sentences.judgement.${r.trend.judgement}`) : '' });
  }
  return {
    id: r.id,
    heading,
    anchor,
    howToRead: md(r.howToRead[lang]),
    sentences,
    table,
    tableCaption: `${t(T, 'table.numbers')} (${md(unit)})`,
    figure,
    gradient: r.gradient ? gradientSection(input, r, figures) : null,
    trend,
    source: md(r.source[lang]),
    sourceLabel: t(T, 'sourceLabel'),
    assessment: input.assessments.get(r.id) ?? null,
    missingAssessment: input.assessments.has(r.id) ? null : tx('assessmentMissing', { path: input.assessmentPath(r.id) }),
  };
}

function seriesFigure(input: DocumentInput, r: IndicatorResult, figures: Map<string, string>): Figure {
  const { lang, texts: T } = input;
  const file = `figurer/${r.id}.${lang}.svg`;
  const kommuneName = input.kommune.name;
  const all = [...r.series.kommune, ...r.series.fylke, ...r.series.land];
  const periods = [...new Map(all.map((v) => [`${v.period.from}_${v.period.to}`, v.period])).values()].sort((a, b) => a.to - b.to || a.from - b.from);
  const last = r.series.kommune[r.series.kommune.length - 1];
  const altVars = { title: r.title[lang], kommune: kommuneName, fylke: input.fylke.name, first: formatPeriod(periods[0]!), last: formatPeriod(periods[periods.length - 1]!), value: last && !last.absent && last.value !== null ? valueWithUnit(r, last.value, r.unit[lang]) : '–' };
  const alt = fill(t(T, r.series.hidden ? 'charts.seriesAltAbsent' : 'charts.seriesAlt'), altVars);
  const zero = !['years', 'value', 'count', 'mean'].includes(r.measureType);
  figures.set(
    file,
    lineChart(
      `fig-${r.id}`,
      alt,
      // Counts of people are not on one scale with the county's and the country's: the municipality alone.
      r.measureType === 'count'
        ? [{ label: kommuneName, values: r.series.kommune, role: 'kommune' }]
        : [
            { label: kommuneName, values: r.series.kommune, role: 'kommune' },
            { label: input.fylke.name, values: r.series.fylke, role: 'fylke' },
            { label: t(T, 'table.land'), values: r.series.land, role: 'land' },
          ],
      { decimals: r.decimals, zero, intervalLabel: t(T, 'charts.interval') },
    ),
  );
  return { file, alt: md(alt), dataCaption: t(T, 'chartData'), data: null };
}

/** The indicator's table: each period with the municipality (and its interval), county, land and KOSTRA group. */
function seriesTable(input: DocumentInput, r: IndicatorResult): Table {
  const { texts: T } = input;
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
  return {
    header: [t(T, 'table.period'), md(input.kommune.name), ...neighbours.map((n) => md(n.name)), md(input.fylke.name), t(T, 'table.land'), ...(kostra ? [t(T, 'table.kostragruppe')] : [])],
    align: ['l', 'r', ...neighbours.map(() => 'r'), 'r', 'r', ...(kostra ? ['r'] : [])],
    rows: shown.map((p) => {
      const key = `${p.from}_${p.to}`;
      const latest = r.period && p.from === r.period.from && p.to === r.period.to;
      return [formatPeriod(p), cellWithInterval(k.get(key), r.decimals), ...neighbours.map((n) => cell(n.byKey.get(key), r.decimals)), cell(f.get(key), r.decimals), cell(l.get(key), r.decimals), ...(kostra ? [latest ? cell(kostra, r.decimals) : '–'] : [])];
    }),
  };
}

function gradientSection(input: DocumentInput, r: IndicatorResult, figures: Map<string, string>): IndicatorSection['gradient'] {
  const { lang, texts: T } = input;
  const g = r.gradient!;
  const tx = (path: string, vars: Record<string, string | number> = {}) => fill(t(T, path), vars);
  const unit = r.unit[lang];
  const file = `figurer/${r.id}-gradient.${lang}.svg`;
  const labelOf = (key: string | null) => (key ? (g.groups.find((x) => x.key === key)?.label[lang] ?? key) : '');
  const groupsText = g.groups.map((x) => `${x.label[lang]} ${x.value.absent ? x.value.absent.symbol : x.value.value === null ? '–' : valueWithUnit(r, x.value.value, unit)}`).join(', ');
  const alt = tx('charts.gradientAlt', { title: r.title[lang], kommune: input.kommune.name, dimension: g.title[lang].toLowerCase(), period: formatPeriod(g.period), groups: groupsText });
  const total = r.series.kommune.find((v) => v.period.from === g.period.from && v.period.to === g.period.to);
  figures.set(
    file,
    gradientChart(
      `fig-${r.id}-gradient`,
      alt,
      g.groups.map((x) => ({ label: x.label[lang], value: x.value })),
      { decimals: r.decimals, zero: r.measureType !== 'years', unit, total: total && !total.absent && total.value !== null ? { label: input.kommune.name, value: total.value } : undefined },
    ),
  );
  const sentences: string[] = [];
  if (g.absoluteRange !== null && g.best && g.worst) {
    const abs = formatNumber(Math.abs(g.absoluteRange), r.decimals);
    if (r.measureType === 'years') sentences.push(tx('sentences.gradientRangeYears', { best: md(labelOf(g.best).toLowerCase()), worst: md(labelOf(g.worst).toLowerCase()), abs }));
    else sentences.push(tx('sentences.gradientRange', { best: md(labelOf(g.best).toLowerCase()), worst: md(labelOf(g.worst).toLowerCase()), abs, unitShort: unit === 'prosent' ? t(T, 'percentagePoints') : md(unit), rel: formatNumber(g.relativeRange ?? 0, 1) }));
  }
  if (g.trendTest) sentences.push(tx(g.trendTest.significant ? 'sentences.gradientSignificant' : 'sentences.gradientNotSignificant', { chi2: formatNumber(g.trendTest.statistic, 1) }));
  else sentences.push(t(T, 'sentences.gradientNotTested'));
  return {
    intro: tx('sentences.gradientIntro', { title: md(g.title[lang]), period: formatPeriod(g.period) }),
    table: {
      header: [md(g.title[lang]), md(input.kommune.name), 'n'],
      align: ['l', 'r', 'r'],
      rows: g.groups.map((x) => [md(x.label[lang]), cellWithInterval(x.value, r.decimals), x.value.absent || x.value.denominator === null ? (x.value.absent?.symbol ?? '–') : formatNumber(x.value.denominator, 0)]),
    },
    figure: { file, alt: md(alt), dataCaption: t(T, 'chartData'), data: null },
    sentences,
  };
}

const AGE_GROUPS: [number, number][] = Array.from({ length: 18 }, (_, i) => [i * 5, i * 5 + 4] as [number, number]).concat([[90, 200]]);

function pyramidOf(input: DocumentInput, figures: Map<string, string>): { figure: Figure; year: number } | null {
  const { lang, texts: T } = input;
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
  const file = `figurer/befolkningspyramide.${lang}.svg`;
  const alt = fill(t(T, 'charts.pyramidAlt'), { kommune: input.kommune.name, year });
  figures.set(file, pyramidChart('fig-pyramid', alt, rows, { men: t(T, 'charts.menShort'), women: t(T, 'charts.womenShort'), axis: t(T, 'charts.percentOfPopulation') }));
  const cols = (lookup(T, 'pyramid.columns') as string[]).map((c) => fill(c, { kommune: md(input.kommune.name) }));
  const pct = (x: number | null) => (x === null ? '–' : formatNumber(x, 1));
  return {
    year,
    figure: { file, alt: md(alt), dataCaption: t(T, 'chartData'), data: { header: cols, align: ['l', 'r', 'r', 'r', 'r'], rows: rows.map((r) => [r.label, pct(r.men), pct(r.women), pct(r.landMen), pct(r.landWomen)]) } },
  };
}

function summaryOf(input: DocumentInput, heading: string, anchor: string, anchorsById: Map<string, string>): DocumentModel['summary'] {
  const { lang, texts: T } = input;
  const challenges: string[] = [];
  const resources: string[] = [];
  for (const r of input.results) {
    if (r.status !== 'ok') continue;
    const why: string[] = [];
    const good: string[] = [];
    if (r.comparisons.land.verdict === 'worse') why.push(t(T, 'summary.worseThanLand'));
    if (r.trend.judgement === 'worse') why.push(t(T, 'summary.worsening'));
    if (r.comparisons.land.verdict === 'better') good.push(t(T, 'summary.betterThanLand'));
    if (r.trend.judgement === 'better') good.push(t(T, 'summary.improving'));
    const link = (reasons: string[]) => `[${md(r.title[lang])}](#${anchorsById.get(r.id) ?? ''}) – ${reasons.join('; ')}`;
    if (why.length) challenges.push(link(why));
    else if (good.length) resources.push(link(good));
  }
  return {
    heading,
    anchor,
    intro: t(T, 'summary.intro'),
    challengesHeading: t(T, 'summary.challenges'),
    resourcesHeading: t(T, 'summary.resources'),
    proposedHeading: t(T, 'summary.proposed'),
    ownHeading: t(T, 'summary.own'),
    challenges,
    resources,
    ownChallenges: input.assessments.get('utfordringer') ?? null,
    ownResources: input.assessments.get('ressurser') ?? null,
    noneText: t(T, 'summary.none'),
    planningHeading: t(T, 'summary.planning'),
    planning: input.assessments.get('planbehov') ?? null,
  };
}

function appendixOf(input: DocumentInput, heading: string, anchor: string, slugs: SlugSet, figures: Map<string, string>): DocumentModel['appendix'] {
  const { lang, texts: T } = input;
  const cols = (lookup(T, 'appendix.barometerColumns') as string[]).map((c) => fill(c, { kommune: md(input.kommune.name), fylke: md(input.fylke.name) }));
  const verdicts = lookup(T, 'verdicts') as Record<string, string>;
  const trends = lookup(T, 'trendShort') as Record<string, string>;
  const barometer: Table = {
    header: cols,
    align: ['l', 'l', 'l', 'r', 'r', 'r', 'l', 'l', 'l'],
    rows: input.results.filter((r) => r.status !== 'no-data' && r.status !== 'invalid-selection').map((r) => [r.theme, md(r.title[lang]), r.period ? formatPeriod(r.period) : '–', cell(r.value, r.decimals), cell(r.comparisons.fylke.value, r.decimals), cell(r.comparisons.land.value, r.decimals), md(r.unit[lang]), `${VERDICT_MARK[r.comparisons.land.verdict]} ${verdicts[r.comparisons.land.verdict]!}`, r.status === 'ok' ? trends[r.trend.direction]! : '–']),
  };
  const missing = input.results.filter((r) => r.status === 'no-data' || r.status === 'invalid-selection');
  const spineRows: SpineRow[] = input.results
    .filter((r) => r.comparisons.land.verdict !== 'not-tested' && r.value?.value && r.comparisons.land.value?.value)
    .map((r) => ({ label: r.title[lang], ratio: r.value!.value! / r.comparisons.land.value!.value!, verdict: r.comparisons.land.verdict }));
  let spine: Figure | null = null;
  if (spineRows.length > 0) {
    const file = `figurer/barometer.${lang}.svg`;
    const alt = fill(t(T, 'charts.spineAlt'), { kommune: input.kommune.name, n: spineRows.length, better: spineRows.filter((r) => r.verdict === 'better').length, worse: spineRows.filter((r) => r.verdict === 'worse').length });
    figures.set(file, spineChart('fig-barometer', alt, spineRows, { lower: t(T, 'charts.lowerThanLand'), higher: t(T, 'charts.higherThanLand'), land: t(T, 'table.land') }));
    spine = {
      file,
      alt: md(alt),
      dataCaption: t(T, 'chartData'),
      data: { header: [cols[1]!, `${md(input.kommune.name)} / ${t(T, 'table.land')}`, cols[7]!], align: ['l', 'r', 'l'], rows: spineRows.map((r) => [md(r.label), formatNumber(r.ratio, 2), verdicts[r.verdict]!]) },
    };
  }
  const barometerHeading = t(T, 'appendix.barometer');
  const methodsHeading = t(T, 'appendix.methods');
  const legendHeading = t(T, 'appendix.legend');
  const result = {
    heading,
    anchor,
    barometerHeading,
    barometerAnchor: slugs.take(barometerHeading),
    barometerIntro: t(T, 'appendix.barometerIntro'),
    barometer,
    spine,
    spineText: t(T, 'appendix.spine'),
    methodsHeading,
    methods: (lookup(T, 'appendix.methodsText') as string[]).map((p) => fill(p, { numerator: input.suppression.numerator, denominator: input.suppression.denominator, fewCases: input.suppression.fewCases })),
    legendHeading,
    legend: { header: ['', ''], align: ['l', 'l'], rows: (lookup(T, 'appendix.legendRows') as string[][]).map(([s, d]) => [`\`${s}\``, d!]) },
    noDataHeading: t(T, 'appendix.noData'),
    noDataIntro: t(T, 'appendix.noDataIntro'),
    noData: missing.map((r) => `${md(r.title[lang])} (${r.theme}) – ${md(r.provenance.source)}, ${md(r.provenance.table)}`),
  };
  slugs.take(methodsHeading);
  slugs.take(legendHeading);
  return result;
}

/** "FHI, SSB og Ungdata". */
function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'nb' ? 'og' : 'og'} ${items[items.length - 1]}`;
}

