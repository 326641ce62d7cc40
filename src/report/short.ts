import type { IndicatorResult } from '../indicators/result.js';
import type { OverviewData } from '../overview/document-data.js';
import { overviewTexts, trendTerm } from '../overview/wording.js';
import type { Block, Document, Inline, Section } from './document.js';
import { runs } from './document.js';
import { SlugSet } from './escape.js';
import { formatNumber, formatPeriod } from './format.js';
import { BlockFactory, numberBlocks, para, section, Words, type DocumentInput } from './model.js';
import { valueWithUnit } from './values.js';

/**
 * The short version (kortversjon, 2–4 pages like FHI's folkehelseprofil) of one municipality's
 * overview as its own document: the main findings, the utfordringsbilde (the municipality's own
 * list first, then the labelled proposals), a spine-chart barometer of the municipality against
 * land with the range of the county's municipalities, and where to read more. Rendered by the
 * `kortversjon` format to Markdown, HTML and (with a browser) PDF.
 */
export function buildShortDocument(input: DocumentInput, ov: OverviewData, full: Document, fullFile: string): Document {
  const { lang } = input;
  const w = new Words(input.texts);
  const ot = overviewTexts(w.T as unknown as Record<string, unknown>);
  const blocks = new BlockFactory();
  const slugs = new SlugSet();
  const byId = new Map(input.results.map((r) => [r.id, r]));
  const kommune = input.kommune.name;
  const value = (r: IndicatorResult | undefined, x: number | null) => (x === null ? '–' : r ? valueWithUnit(r, x, r.unit[lang], w.map('unitSymbols')) : formatNumber(x, 1));
  const k = ov.kortversjon;

  const findings: Inline[] = k.findings.map((f): Inline => {
    switch (f.kind) {
      case 'own-challenge':
        return runs(w.tx('overview.shortVersion.findingOwn', { text: f.text }));
      case 'challenge':
        return [{ text: f.title[lang], strong: true }, { text: ` (${ot.terms.proposal}): ${f.indicators.map((id) => byId.get(id)?.title[lang] ?? id).join(', ')}.` }];
      case 'inequality':
        return runs(w.tx('overview.shortVersion.findingInequality', { title: f.title[lang], relative: f.relativeGap === null ? '–' : formatNumber(f.relativeGap, 1) }));
      case 'trend':
        return runs(w.tx('overview.shortVersion.findingTrend', { title: f.title[lang], trend: trendTerm(f.direction as IndicatorResult['trend']['direction'], ot), judgement: w.t(`sentences.judgement.${f.judgement}`) }));
      case 'resource': {
        const r = byId.get(f.id);
        return runs(w.tx('overview.shortVersion.findingResource', { title: f.title[lang], value: value(r, f.value), land: value(r, f.land) }));
      }
      case 'own-resource':
        return runs(w.tx('overview.shortVersion.findingOwnResource', { text: f.text }));
    }
  });

  const challenges: Block[] = [];
  if (k.challenges.own) challenges.push(para([{ text: `${w.t('overview.summary.ownChallenges')}:`, strong: true }]), { kind: 'list', items: k.challenges.own.map((t) => runs(t)) });
  if (k.challenges.proposals.length) {
    challenges.push(para([{ text: `${w.t('overview.summary.proposals')}:`, strong: true }]));
    challenges.push({
      kind: 'list',
      items: k.challenges.proposals.map((c): Inline => [
        { text: `${c.rank}. ${c.title[lang]}`, strong: true },
        { text: ` (${ot.terms.proposal}): ${c.indicators.map((i) => `${i.title[lang]} ${value(byId.get(i.id), i.value)} (${w.t('table.land').toLowerCase()} ${value(byId.get(i.id), i.land)})`).join('; ')}` },
      ]),
    });
  }

  // The spine chart: land in the middle, the municipality's marker, the county's range behind it.
  // Tested indicators only (the full barometer is in the appendix of the document): 2–4 pages.
  const rows = k.spine.filter((s) => s.land !== 0 && s.verdict !== 'not-tested');
  const spineTitle = w.tx('overview.shortVersion.spine', { fylke: input.fylke.name });
  const alt = w.tx('charts.spineAlt', { kommune, n: rows.length, better: rows.filter((r) => r.verdict === 'better').length, worse: rows.filter((r) => r.verdict === 'worse').length });
  const verdicts = w.map('verdicts');
  const columns = w.list('overview.shortVersion.spineColumns').map((c) => c.replace('{kommune}', kommune).replace('{fylke}', input.fylke.name));
  const table = blocks.table(
    'kortversjon-barometer',
    spineTitle,
    columns,
    ['l', 'l', 'r', 'r', 'r', 'r', 'l'],
    rows.map((s) => {
      const r = byId.get(s.id);
      const d = r?.decimals ?? 1;
      return [s.title[lang], r?.period ? formatPeriod(r.period) : (s.period ?? '–'), formatNumber(s.value, d), s.fylke === null ? '–' : formatNumber(s.fylke, d), formatNumber(s.land, d), s.range ? `${formatNumber(s.range.min, d)}–${formatNumber(s.range.max, d)}` : '–', verdicts[s.verdict] ?? s.verdict];
    }),
  );
  const figure = blocks.figure({
    id: 'fig-kortversjon-barometer',
    file: `figurer/kortversjon-barometer.${lang}.svg`,
    caption: spineTitle,
    alt,
    chart: {
      type: 'spine',
      id: 'fig-kortversjon-barometer',
      alt,
      rows: rows.map((s) => ({ label: s.title[lang], ratio: s.value / s.land, verdict: s.verdict, range: s.range ? { min: s.range.min / s.land, max: s.range.max / s.land } : undefined })),
      labels: { lower: w.t('charts.lowerThanLand'), higher: w.t('charts.higherThanLand'), land: w.t('table.land'), range: w.tx('overview.shortVersion.range', { fylke: input.fylke.name }), verdicts },
    },
    data: null,
    dataCaption: w.t('chartData'),
    dataTable: table.id,
  });

  const title = (key: string) => {
    const t = w.t(key);
    return { id: slugs.take(t), title: t };
  };
  const sections: Section[] = [];
  const f = title('overview.shortVersion.mainFindings');
  sections.push(section(f.id, null, f.title, 1, 'short-findings', [findings.length ? { kind: 'list', items: findings } : para(w.t('summary.none'))]));
  const u = title('overview.summary.challenges');
  sections.push(section(u.id, null, u.title, 1, 'short-challenges', challenges.length ? challenges : [para(w.t('summary.none'))]));
  const spineId = slugs.take(spineTitle);
  sections.push(section(spineId, null, spineTitle, 1, 'short-barometer', [para(w.t('appendix.spine')), figure, table]));
  const m = title('overview.shortVersion.readMoreHeading');
  sections.push(section(m.id, null, m.title, 1, 'short-read-more', [para(w.tx('overview.shortVersion.readMore', { document: `${full.title} – ${full.subject} (${fullFile})` })), para(w.t('overview.shortVersion.readMoreSources'))]));

  return numberBlocks({
    ...full,
    title: `${full.title}: ${w.t('overview.shortVersion.heading').toLowerCase()}`,
    front: [],
    tocHeading: null,
    sections,
    short: undefined,
    variant: 'short',
  });
}
