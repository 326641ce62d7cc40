import type { SpineRow } from './charts/spine.js';
import { formatNumber } from '../language/intl.js';
import { fill } from '../language/lookup.js';
import { inLang } from '../language/tags.js';
import { para, section } from './blocks.js';
import type { ChapterHeading, DocumentContext } from './context.js';
import type { Block, Inline, Section } from './document.js';
import { runs } from './document.js';
import { formatPeriod, VERDICT_MARK } from './format.js';
import { fillRuns } from './language.js';
import type { IndicatorResult } from '../indicators/result.js';
import { testedAgainstLand } from '../overview/challenges.js';
import { noneText, testedBlocks } from './tested.js';
import { cell } from './values.js';

/** The summary of a document without the overview's data (the library's plain call): challenges and resources proposed from the verdicts. */
export function summaryOf(ctx: DocumentContext, h: ChapterHeading): Section {
  const { input, w, lang, slugs, anchors, own } = ctx;
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
    const link = (reasons: string[]): Inline => [{ text: inLang(r.title, lang), link: anchors.get(r.id) ?? '' }, { text: ` – ${reasons.join('; ')}` }];
    if (why.length) challenges.push(link(why));
    else if (good.length) resources.push(link(good));
  }
  const part = (title: string, role: string, key: string, items: Inline[]): Section => {
    const ownText = own(key);
    return section(slugs.take(title), null, title, 2, role, [
      ...(ownText.length ? [para([{ text: `${w.t('summary.own')}:`, strong: true }]), ...ownText] : []),
      para([{ text: `${w.t('summary.proposed')}:`, strong: true }]),
      items.length ? { kind: 'list', items } : para(noneText(w, input.results)),
    ]);
  };
  const children = [part(w.t('summary.challenges'), 'challenges', w.t('assessmentFiles.challenges'), challenges), part(w.t('summary.resources'), 'resources', w.t('assessmentFiles.resources'), resources)];
  const planning = own(w.t('assessmentFiles.planning'));
  if (planning.length) {
    const title = w.t('summary.planning');
    children.push(section(slugs.take(title), null, title, 2, 'planning', planning));
  }
  return section(h.id, h.number, h.title, 1, 'summary', [para(w.t('summary.intro')), ...testedBlocks(w, testedAgainstLand(input.results))], children);
}

/** The barometer's development cell: the trend, and for a change test the two periods compared. */
function developmentCell(ctx: DocumentContext, r: IndicatorResult): string {
  if (r.status !== 'ok') return '–';
  const trend = ctx.w.map('trendShort')[r.trend.direction]!;
  const c = r.trend.change;
  return c ? ctx.w.tx('appendix.changeSpan', { trend, from: formatPeriod(c.from), to: formatPeriod(c.to) }) : trend;
}

/**
 * Which test each indicator got against land (FHI's barometer tests, the interval rule, or none),
 * one paragraph per test with its indicators.
 */
function testsBlocks(ctx: DocumentContext): Block[] {
  const { input, w, lang } = ctx;
  const byTest = new Map<string, string[]>();
  for (const r of input.results) {
    if (r.status !== 'ok' && r.status !== 'absent') continue;
    const key = r.comparisons.land.verdict === 'not-tested' ? 'not-tested' : (r.comparisons.land.method ?? 'interval');
    byTest.set(key, [...(byTest.get(key) ?? []), inLang(r.title, lang)]);
  }
  if (byTest.size === 0) return [];
  const names = w.map('appendix.tests');
  const order = ['binomial', 'poisson', 'chiang', 'interval', 'not-tested'].filter((k) => byTest.has(k));
  return [para(w.t('appendix.testsIntro')), { kind: 'list', items: order.map((k): Inline => [{ text: names[k]!, strong: true }, { text: `: ${byTest.get(k)!.join(', ')}.` }]) }];
}

/** The appendix: (the sources,) the barometer with its spine chart, the methods, the legend and the indicators without data. */
export function appendixOf(ctx: DocumentContext, h: ChapterHeading, first: Section[] = []): Section {
  const { input, w, blocks, lang, slugs } = ctx;
  const cols = w.list('appendix.barometerColumns').map((c) => fill(c, { kommune: input.kommune.name, fylke: input.fylke.name }));
  const verdicts = w.map('verdicts');
  const barometer = blocks.table(
    'barometer',
    w.t('appendix.barometer'),
    cols,
    ['l', 'l', 'l', 'r', 'r', 'r', 'l', 'l', 'l'],
    input.results
      .filter((r) => r.status !== 'no-data' && r.status !== 'invalid-selection')
      .map((r) => [r.theme, inLang(r.title, lang), r.period ? formatPeriod(r.period) : '–', cell(r.value, r.decimals), cell(r.comparisons.fylke.value, r.decimals), cell(r.comparisons.land.value, r.decimals), inLang(r.unit, lang), `${VERDICT_MARK[r.comparisons.land.verdict]} ${verdicts[r.comparisons.land.verdict]!}`, developmentCell(ctx, r)]),
  );
  const missing = input.results.filter((r) => r.status === 'no-data' || r.status === 'invalid-selection');
  const spineRows: SpineRow[] = input.results
    .filter((r) => r.comparisons.land.verdict !== 'not-tested' && r.value?.value && r.comparisons.land.value?.value)
    .map((r) => ({ label: inLang(r.title, lang), ratio: r.value!.value! / r.comparisons.land.value!.value!, verdict: r.comparisons.land.verdict }));
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
  const methods = w.list('appendix.methodsText').map((p) => para(fillRuns(p, { numerator: input.suppression.numerator, denominator: input.suppression.denominator, fewCases: input.suppression.fewCases, groupDenominator: input.suppression.groupDenominator ?? Math.max(20, input.suppression.denominator) })));
  // Which test each indicator got, after the paragraph on the comparisons.
  methods.splice(2, 0, ...testsBlocks(ctx));
  children.push(section(slugs.take(methodsTitle), null, methodsTitle, 2, 'methods', methods));
  const legendTitle = w.t('appendix.legend');
  children.push(section(slugs.take(legendTitle), null, legendTitle, 2, 'legend', [blocks.table('tegnforklaring', legendTitle, ['', ''], ['l', 'l'], w.table('appendix.legendRows').map(([s, d]) => [[{ text: s!, code: true }], d!]))]));
  const leftOut = input.leftOut ?? [];
  if (missing.length || leftOut.length) {
    const title = w.t('appendix.noData');
    // An indicator whose table was in a file left out says so; the files are named below.
    const leftOutOf = (table: string) => leftOut.find((f) => f.tables.includes(table));
    const item = (r: (typeof missing)[number]): Inline => {
      const f = leftOutOf(r.provenance.table);
      return runs(`${inLang(r.title, lang)} (${r.theme}) – ${r.provenance.source}, ${r.provenance.table}${f ? ` (${fill(w.t('appendix.leftOutTable'), { file: f.file })})` : ''}`);
    };
    const blocks: Block[] = [para(w.t('appendix.noDataIntro')), { kind: 'list', items: missing.map(item) }];
    if (leftOut.length) blocks.push(para(fill(w.t('appendix.noDataLeftOut'), { files: leftOut.map((f) => f.file).join(', ') })));
    children.push(section(slugs.take(title), null, title, 2, 'no-data', blocks));
  }
  return section(h.id, h.number, h.title, 1, 'appendix', [], children);
}
