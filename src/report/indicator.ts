import type { AreaValue, IndicatorResult } from '../indicators/result.js';
import { formatList, formatNumber, formatNumberInText } from '../language/intl.js';
import { inLang } from '../language/tags.js';
import type { Priorities } from '../overview/priorities.js';
import { bySexSentence, overviewTexts, populationChange, ratePhrase, ratioPhrase, recentPeriods, smallNumber } from '../overview/wording.js';
import { para } from './blocks.js';
import type { DocumentContext, DocumentInput } from './context.js';
import type { Block, FigureBlock, TableBlock } from './document.js';
import { formatPeriod } from './format.js';
import { cell, cellWithInterval, isPercent, unitParts, valueWithUnit as withUnit } from './values.js';

/** An indicator's section: how to read it, what the numbers say, its figure and table, the trend, the social gradient, the municipality's text, the source. */
export function indicatorBlocks(ctx: DocumentContext, r: IndicatorResult, assessment: Block[]): Block[] {
  const { input, w, lang } = ctx;
  const kommune = input.kommune.name;
  const unit = inLang(r.unit, lang);
  const symbols = w.map('unitSymbols');
  const valueWithUnit = (x: IndicatorResult, value: number, u: string) => withUnit(x, value, u, symbols);
  const ot = overviewTexts(w.T);
  const v = r.value;
  const sentences: string[] = [];
  if (r.status === 'no-data' || r.status === 'invalid-selection' || !v || !r.period) {
    sentences.push(w.tx('sentences.noData', { kommune }));
  } else if (v.absent) {
    const reason = w.t(`sentences.absentReasons.${v.absent.reason}`);
    sentences.push(w.tx('sentences.absent', { kommune, period: formatPeriod(r.period), reason }));
  } else if (v.value !== null) {
    const land = r.comparisons.land;
    // A rate with its words: "46,6 legemiddelbrukere per 1000 innbyggere 30–74 år". Per 100 is a
    // share: "21,9 %", as the county's and the country's numbers beside it ("personer … per 100 personer" never).
    const stated = input.priorities?.indicators[r.id]?.rate && r.multiplier && r.multiplier !== 100 ? ratePhrase(v.value, { id: r.id, decimals: r.decimals, multiplier: r.multiplier, unit: r.unit }, input.priorities, ot, lang) : valueWithUnit(r, v.value, unit);
    let status = w.tx('sentences.status', { subject: subjectOf(r, unit, symbols, (subject, measure) => w.tx('sentences.measuredAs', { subject, measure }), lang), kommune, value: stated, period: periodWithQualifier(unit, formatPeriod(r.period)) });
    const landText = land.value && !land.value.absent && land.value.value !== null ? valueWithUnit(r, land.value.value, unit) : '';
    // Population change: as a share of each population, never 130 persons against the country's 27 474.
    const change = r.role === 'population-change' ? populationChangeOf(input, r, ot) : null;
    if (change) {
      sentences.push(`${status}.`, change);
    } else {
      // (A municipality's withheld value is said above: its comparison is never 'kommune-absent' here.)
      if (land.verdict === 'not-tested') status += w.tx(`sentences.vsLand.${!land.reason || land.reason === 'kommune-absent' ? 'no-counts' : land.reason}`, { land: landText });
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
      sentences.push(bySexSentence(ind, show(r.bySex.male), show(r.bySex.female), input.priorities ?? ({ groups: [], indicators: {} } as unknown as Priorities), ot));
    }
  }
  const table = seriesTable(ctx, r);
  const out: Block[] = [para([{ text: inLang(r.howToRead, lang), emphasis: true }]), para(sentences.join(' '))];
  if (r.series.kommune.length + r.series.land.length > 1 && r.chart !== 'none') out.push(seriesFigure(ctx, r, table.id));
  out.push(table);
  let trend = '';
  if (r.status !== 'ok' && r.status !== 'absent') trend = '';
  else if (r.trend.direction === 'cannot-be-calculated') {
    const reason = w.tx(`sentences.trendReasons.${r.trend.reasonCode ?? 'no-counts'}`, { n: smallNumber(r.trend.reasonCode === 'few-independent-points' ? r.trend.independentPoints ?? 0 : r.trend.points, ot, lang) });
    trend = w.tx('sentences.trend.cannot-be-calculated', { reason });
  } else if (r.trend.change) {
    // Too few independent periods for the 5-point rule: the change from the first to the last period, both named.
    const c = r.trend.change;
    const direction = r.trend.direction as 'increasing' | 'decreasing' | 'no-significant-change';
    trend = w.tx(`sentences.change.${direction}`, { from: formatPeriod(c.from), to: formatPeriod(c.to), judgement: r.trend.judgement ? w.t(`sentences.judgement.${r.trend.judgement}`) : '', test: w.t(`sentences.changeTests.${c.method}`) });
  } else {
    // Pooled periods (3-year averages) are "de fem siste periodene", single years "de fem siste årene".
    const pooled = r.period ? r.period.to > r.period.from : false;
    trend = w.tx(`sentences.trend.${r.trend.direction}`, { judgement: r.trend.judgement ? w.t(`sentences.judgement.${r.trend.judgement}`) : '', periods: recentPeriods(5, pooled, ot, lang) });
  }
  if (trend) out.push(para(trend));
  if (r.gradient) out.push(...gradientBlocks(ctx, r));
  out.push(...assessment, { kind: 'reference', label: w.t('sourceLabel'), text: inLang(r.source, lang) });
  return out;
}

/**
 * "Folketallet endret seg med +0,6 % (+5,3 per 1000 innbyggere), mot +0,5 % (+4,9 per 1000) i
 * landet": the change against the population at 1 January of the same year (the indicator
 * whose role is `population`), or null without both.
 */
function populationChangeOf(input: DocumentInput, r: IndicatorResult, ot: ReturnType<typeof overviewTexts>): string | null {
  const pop = input.results.find((x) => x.role === 'population');
  if (!pop || !r.period) return null;
  const same = (vs: AreaValue[]) => vs.find((x) => x.period.to === r.period!.to && !x.absent && x.value !== null)?.value ?? null;
  const change = r.value?.value ?? null;
  const landChange = r.comparisons.land.value && !r.comparisons.land.value.absent ? r.comparisons.land.value.value : null;
  const population = same(pop.series.kommune);
  const landPopulation = same(pop.series.land);
  if (change === null || landChange === null || !population || !landPopulation) return null;
  return populationChange(change, population, landChange, landPopulation, ot, input.lang).text;
}

function seriesFigure(ctx: DocumentContext, r: IndicatorResult, tableId: string): FigureBlock {
  const { input, w, blocks, lang } = ctx;
  const kommuneName = input.kommune.name;
  const all = [...r.series.kommune, ...r.series.fylke, ...r.series.land];
  const periods = [...new Map(all.map((v) => [`${v.period.from}_${v.period.to}`, v.period])).values()].sort((a, b) => a.to - b.to || a.from - b.from);
  const last = r.series.kommune[r.series.kommune.length - 1];
  const altVars = { title: inLang(r.title, lang), kommune: kommuneName, fylke: input.fylke.name, first: formatPeriod(periods[0]!), last: formatPeriod(periods[periods.length - 1]!), value: last && !last.absent && last.value !== null ? withUnit(r, last.value, inLang(r.unit, lang), w.map('unitSymbols')) : '–' };
  const alt = w.tx(r.series.hidden ? 'charts.seriesAltAbsent' : 'charts.seriesAlt', altVars);
  const zero = !['years', 'value', 'count', 'mean'].includes(r.measureType);
  return blocks.figure({
    id: `fig-${r.id}`,
    file: `figurer/${r.id}.${lang}.svg`,
    caption: inLang(r.title, lang),
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
      options: { decimals: r.decimals, zero, intervalLabel: w.t('charts.interval'), unit: inLang(r.unit, lang), periodLabel: w.t('table.period'), signed: r.id === 'befolkningsendring', notFromZero: w.t('charts.notFromZero') },
    },
    data: null,
    dataCaption: w.t('chartData'),
    dataTable: tableId,
  });
}

/** The indicator's table: each period with the municipality (and its interval), county, land and KOSTRA group. */
function seriesTable(ctx: DocumentContext, r: IndicatorResult): TableBlock {
  const { input, w, blocks } = ctx;
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
    `${inLang(r.title, input.lang)} (${inLang(r.unit, input.lang)})`,
    [w.t('table.period'), input.kommune.name, ...neighbours.map((n) => n.name), input.fylke.name, w.t('table.land'), ...(kostra ? [w.t('table.kostragruppe')] : [])],
    ['l', 'r', ...neighbours.map((): 'r' => 'r'), 'r', 'r', ...(kostra ? ['r' as const] : [])],
    shown.map((p) => {
      const key = `${p.from}_${p.to}`;
      const latest = r.period && p.from === r.period.from && p.to === r.period.to;
      return [formatPeriod(p), cellWithInterval(k.get(key), r.decimals), ...neighbours.map((n) => cell(n.byKey.get(key), r.decimals)), cell(f.get(key), r.decimals), cell(l.get(key), r.decimals), ...(kostra ? [latest ? cell(kostra, r.decimals) : '–'] : [])];
    }),
    w.t('table.numbers'),
    inLang(r.unit, input.lang),
  );
}

function gradientBlocks(ctx: DocumentContext, r: IndicatorResult): Block[] {
  const { input, w, blocks, lang } = ctx;
  const g = r.gradient!;
  const ot = overviewTexts(w.T);
  const unit = inLang(r.unit, lang);
  const labelOf = (key: string | null) => {
    const group = key ? g.groups.find((x) => x.key === key) : undefined;
    return group ? inLang(group.label, lang) : (key ?? '');
  };
  const counted = g.groups.some((x) => !x.value.absent && x.value.numerator !== null && x.value.denominator !== null);
  const columns = w.list('overview.inequality.columns');
  const sayCount = (n: number) => formatNumberInText(n, 0, lang);
  const sentences: string[] = [];
  if (g.absoluteRange !== null && g.best && g.worst) {
    const abs = formatNumber(Math.abs(g.absoluteRange), r.decimals);
    if (r.measureType === 'years') sentences.push(w.tx('sentences.gradientRangeYears', { best: labelOf(g.best).toLowerCase(), worst: labelOf(g.worst).toLowerCase(), abs }));
    else {
      // The ratio worst ÷ best in words: "3,4 ganger så høy som", "15 prosent lavere enn" (never "0,7 ganger så høy").
      const best = g.groups.find((x) => x.key === g.best)?.value.value ?? null;
      const worst = g.groups.find((x) => x.key === g.worst)?.value.value ?? null;
      const ratio = best && worst !== null ? ratioPhrase(worst / best, null, null, r.measureType === 'proportion' || isPercent(unit) ? 'share' : 'other', ot, lang) : null;
      const unitShort = isPercent(unit) ? w.t('percentagePoints') : unitParts(unit).base;
      if (ratio) sentences.push(w.tx('sentences.gradientRange', { best: labelOf(g.best).toLowerCase(), worst: labelOf(g.worst).toLowerCase(), abs, unitShort, noun: ratio.noun, relative: ratio.text }));
      else sentences.push(w.tx('overview.inequality.gapAbsolute', { worst: labelOf(g.worst).toLowerCase(), best: labelOf(g.best).toLowerCase(), absolute: `${abs} ${unitShort}` }));
    }
  }
  if (g.trendTest) sentences.push(w.tx(g.trendTest.significant ? 'sentences.gradientSignificant' : 'sentences.gradientNotSignificant', { chi2: formatNumber(g.trendTest.statistic, 1) }));
  else sentences.push(w.t('sentences.gradientNotTested'));
  const table = blocks.table(
    `${r.id}-gradient`,
    `${inLang(r.title, lang)}: ${inLang(g.title, lang).toLowerCase()}, ${formatPeriod(g.period)}`,
    // Respondents and cases per group where they are published (106 of 841 …), as the municipality's own tables show them.
    counted ? [inLang(g.title, lang), input.kommune.name, columns[1]!, columns[2]!] : [inLang(g.title, lang), input.kommune.name, 'n'],
    counted ? ['l', 'r', 'r', 'r'] : ['l', 'r', 'r'],
    g.groups.map((x) => {
      const count = (n: number | null) => (x.value.absent ? x.value.absent.symbol : n === null ? '–' : sayCount(n));
      return counted ? [inLang(x.label, lang), cellWithInterval(x.value, r.decimals), count(x.value.denominator), count(x.value.numerator)] : [inLang(x.label, lang), cellWithInterval(x.value, r.decimals), count(x.value.denominator)];
    }),
  );
  // The bar chart of the groups stands in the chapter on social inequality (one figure per gradient).
  return [para([{ text: w.tx('sentences.gradientIntro', { title: inLang(g.title, lang), period: formatPeriod(g.period) }), strong: true }]), table, para(sentences.join(' '))];
}

/**
 * The subject of the status sentence: the catalogue's phrase, and for a bare ratio (a unit the
 * document writes without words, e.g. forholdstall) the measure the title names in brackets:
 * "Inntektsulikheten målt som P90/P10", never "… er 2,4 forholdstall".
 */
function subjectOf(r: IndicatorResult, unit: string, symbols: Record<string, string>, measuredAs: (subject: string, measure: string) => string, lang: DocumentInput['lang']): string {
  const subject = inLang(r.phrase, lang);
  const base = unitParts(unit).base;
  const bare = Object.hasOwn(symbols, base) && symbols[base] === '';
  const measure = /\(([^()]+)\)\s*$/.exec(inLang(r.title, lang))?.[1];
  return bare && measure && !subject.includes(measure) ? measuredAs(subject, measure) : subject;
}

/** "standardisert, 2023–2025": a unit's qualifier is said once, beside the period, not after each number. */
function periodWithQualifier(unit: string, period: string): string {
  const { qualifier } = unitParts(unit);
  return qualifier ? `${qualifier}, ${period}` : period;
}
