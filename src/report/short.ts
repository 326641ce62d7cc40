import type { IndicatorResult } from '../indicators/result.js';
import { formatNumber } from '../language/intl.js';
import { inLang } from '../language/tags.js';
import type { OverviewData } from '../overview/document-data.js';
import type { Kortversjon } from '../overview/short-version.js';
import { overviewTexts, trendTerm } from '../overview/wording.js';
import { BlockFactory, numberBlocks, para, section, Words } from './blocks.js';
import type { DocumentInput } from './context.js';
import type { Block, Document, Inline, Section } from './document.js';
import { runs } from './document.js';
import { SlugSet } from './escape.js';
import { formatPeriod } from './format.js';
import { noneText } from './tested.js';
import { valueWithUnit } from './values.js';

/**
 * The short version (kortversjon, 2–4 pages like FHI's folkehelseprofil) of one municipality's
 * overview: the `short` variant of the document, built from the same input as the full one — the
 * main findings, the utfordringsbilde (the municipality's own list first, then the labelled
 * proposals), a spine-chart barometer of the municipality against land with the range of the
 * county's municipalities, and where to read more. Rendered like any document, laid out compactly.
 */
export function buildShortDocument(input: DocumentInput, ov: OverviewData, full: Document, fullFile: string): Document {
  const s = shortContext(input);
  const { w } = s;
  const k = ov.kortversjon;
  const spine = spineBlocks(s, k);
  const title = (key: 'overview.shortVersion.mainFindings' | 'overview.summary.challenges' | 'overview.shortVersion.readMoreHeading') => {
    const t = w.t(key);
    return { id: s.slugs.take(t), title: t };
  };
  const findings = findingItems(s, k);
  const challenges = challengeBlocks(s, k);
  const sections: Section[] = [];
  const f = title('overview.shortVersion.mainFindings');
  sections.push(section(f.id, null, f.title, 1, 'short-findings', [findings.length ? { kind: 'list', items: findings } : para(noneText(w, input.results))]));
  const u = title('overview.summary.challenges');
  sections.push(section(u.id, null, u.title, 1, 'short-challenges', challenges.length ? challenges : [para(noneText(w, input.results))]));
  sections.push(section(s.slugs.take(spine.title), null, spine.title, 1, 'short-barometer', spine.blocks));
  const m = title('overview.shortVersion.readMoreHeading');
  sections.push(section(m.id, null, m.title, 1, 'short-read-more', [para(w.tx('overview.shortVersion.readMore', { document: `${full.title} – ${full.subject} (${fullFile})` })), para(w.t('overview.shortVersion.readMoreSources'))]));
  return numberBlocks({ ...full, variant: 'short', title: `${full.title}: ${w.t('overview.shortVersion.heading').toLowerCase()}`, front: [], tocHeading: null, sections });
}

interface ShortContext {
  input: DocumentInput;
  w: Words;
  blocks: BlockFactory;
  slugs: SlugSet;
  byId: Map<string, IndicatorResult>;
  ot: ReturnType<typeof overviewTexts>;
  /** A value with its indicator's unit ("26,3 %"), or a bare number without the indicator. */
  value: (r: IndicatorResult | undefined, x: number | null) => string;
}

function shortContext(input: DocumentInput): ShortContext {
  const w = new Words(input.texts);
  const symbols = w.map('unitSymbols');
  return {
    input,
    w,
    blocks: new BlockFactory(),
    slugs: new SlugSet(),
    byId: new Map(input.results.map((r) => [r.id, r])),
    ot: overviewTexts(w.T),
    value: (r, x) => (x === null ? '–' : r ? valueWithUnit(r, x, inLang(r.unit, input.lang), symbols) : formatNumber(x, 1)),
  };
}

function findingItems(s: ShortContext, k: Kortversjon): Inline[] {
  const { w, byId, ot, value } = s;
  const { lang } = s.input;
  const titleOf = (r: IndicatorResult | undefined, id: string) => (r ? inLang(r.title, lang) : id);
  return k.findings.map((f): Inline => {
    switch (f.kind) {
      case 'own-challenge':
        return runs(w.tx('overview.shortVersion.findingOwn', { text: f.text }));
      case 'challenge':
        return [{ text: inLang(f.title, lang), strong: true }, { text: ` (${ot.terms.proposal}): ${f.indicators.map((id) => titleOf(byId.get(id), id)).join(', ')}.` }];
      case 'inequality':
        return runs(w.tx('overview.shortVersion.findingInequality', { title: inLang(f.title, lang), relative: f.relativeGap === null ? '–' : formatNumber(f.relativeGap, 1) }));
      case 'trend':
        return runs(w.tx('overview.shortVersion.findingTrend', { title: inLang(f.title, lang), trend: trendTerm(f.direction as IndicatorResult['trend']['direction'], ot), judgement: w.t(`sentences.judgement.${f.judgement}`) }));
      case 'resource': {
        const r = byId.get(f.id);
        return runs(w.tx('overview.shortVersion.findingResource', { title: inLang(f.title, lang), value: value(r, f.value), land: value(r, f.land) }));
      }
      case 'own-resource':
        return runs(w.tx('overview.shortVersion.findingOwnResource', { text: f.text }));
    }
  });
}

function challengeBlocks(s: ShortContext, k: Kortversjon): Block[] {
  const { w, byId, ot, value } = s;
  const { lang } = s.input;
  const out: Block[] = [];
  if (k.challenges.own) out.push(para([{ text: `${w.t('overview.summary.ownChallenges')}:`, strong: true }]), { kind: 'list', items: k.challenges.own.map((t) => runs(t)) });
  if (k.challenges.proposals.length) {
    out.push(para([{ text: `${w.t('overview.summary.proposals')}:`, strong: true }]));
    out.push({
      kind: 'list',
      items: k.challenges.proposals.map((c): Inline => [
        { text: `${c.rank}. ${inLang(c.title, lang)}`, strong: true },
        { text: ` (${ot.terms.proposal}): ${c.indicators.map((i) => `${inLang(i.title, lang)} ${value(byId.get(i.id), i.value)} (${w.t('table.land').toLowerCase()} ${value(byId.get(i.id), i.land)})`).join('; ')}` },
      ]),
    });
  }
  return out;
}

/**
 * The spine chart: land in the middle, the municipality's marker, the county's range behind it.
 * Tested indicators only (the full barometer is in the appendix of the document): 2–4 pages.
 */
function spineBlocks(s: ShortContext, k: Kortversjon): { title: string; blocks: Block[] } {
  const { w, byId, input, blocks } = s;
  const { lang } = input;
  const kommune = input.kommune.name;
  const rows = k.spine.filter((x) => x.land !== 0 && x.verdict !== 'not-tested');
  const title = w.tx('overview.shortVersion.spine', { fylke: input.fylke.name });
  const alt = w.tx('charts.spineAlt', { kommune, n: rows.length, better: rows.filter((r) => r.verdict === 'better').length, worse: rows.filter((r) => r.verdict === 'worse').length });
  const verdicts = w.map('verdicts');
  const columns = w.list('overview.shortVersion.spineColumns').map((c) => c.replace('{kommune}', kommune).replace('{fylke}', input.fylke.name));
  // A range over fewer than all the county's municipalities says how many it spans; a county value
  // outside its range is marked and explained (issue 26: no comparison that misleads in silence).
  const partial = (x: (typeof rows)[number]) => !!x.range && x.range.total !== undefined && x.range.count < x.range.total;
  const spans = (x: (typeof rows)[number]) => (partial(x) ? ` (${w.tx('overview.shortVersion.rangeOf', { count: x.range!.count, total: x.range!.total! })})` : '');
  const table = blocks.table(
    'kortversjon-barometer',
    title,
    columns,
    ['l', 'l', 'r', 'r', 'r', 'r', 'l'],
    rows.map((x) => {
      const r = byId.get(x.id);
      const d = r?.decimals ?? 1;
      const range = x.range ? `${formatNumber(x.range.min, d)}–${formatNumber(x.range.max, d)}${spans(x)}${x.fylkeOutside ? ' †' : ''}` : '–';
      return [inLang(x.title, lang), r?.period ? formatPeriod(r.period) : (x.period ?? '–'), formatNumber(x.value, d), x.fylke === null ? '–' : formatNumber(x.fylke, d), formatNumber(x.land, d), range, verdicts[x.verdict] ?? x.verdict];
    }),
  );
  const counts = [...new Set(rows.filter(partial).map((x) => x.range!.count))].sort((a, b) => a - b);
  const total = rows.find(partial)?.range?.total;
  const rangeKey = w.tx('overview.shortVersion.range', { fylke: input.fylke.name }) + (counts.length && total !== undefined ? ` (${w.tx('overview.shortVersion.rangeOf', { count: counts.length > 1 ? `${counts[0]}–${counts[counts.length - 1]}` : counts[0]!, total })})` : '');
  const notes: Block[] = [];
  if (counts.length) notes.push(para(w.tx('overview.shortVersion.rangePartial', { fylke: input.fylke.name })));
  if (rows.some((x) => x.fylkeOutside)) notes.push(para(w.t('overview.shortVersion.fylkeOutside')));
  const figure = blocks.figure({
    id: 'fig-kortversjon-barometer',
    file: `figurer/kortversjon-barometer.${lang}.svg`,
    caption: title,
    alt,
    chart: {
      type: 'spine',
      id: 'fig-kortversjon-barometer',
      alt,
      rows: rows.map((x) => ({ label: inLang(x.title, lang), ratio: x.value / x.land, verdict: x.verdict, range: x.range ? { min: x.range.min / x.land, max: x.range.max / x.land } : undefined })),
      labels: { lower: w.t('charts.lowerThanLand'), higher: w.t('charts.higherThanLand'), land: w.t('table.land'), range: rangeKey, verdicts },
    },
    data: null,
    dataCaption: w.t('chartData'),
    dataTable: table.id,
  });
  return { title, blocks: [para(w.t('appendix.spine')), figure, table, ...notes] };
}
