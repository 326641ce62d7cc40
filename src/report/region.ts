import type { Geography } from '../model/observation.js';
import { THEMES } from '../indicators/catalogue.js';
import type { AreaValue, IndicatorResult } from '../indicators/result.js';
import type { Verdict } from '../indicators/methods/compare.js';
import type { DocumentText } from '../language/generated.js';
import { formatDate } from '../language/intl.js';
import { fill } from '../language/lookup.js';
import { inLang, type DocumentLang } from '../language/tags.js';
import { BlockFactory, labelsOf, numberBlocks } from './blocks.js';
import type { Document, Section, TableBlock } from './document.js';
import { runs } from './document.js';
import { SlugSet } from './escape.js';
import { formatPeriod, VERDICT_MARK } from './format.js';
import { list, text as t, type Texts } from './language.js';
import { cell } from './values.js';

export interface RegionInput {
  lang: DocumentLang;
  texts: Texts;
  name: string;
  edition: number;
  generatedOn: string | null;
  /** Results per municipality, in the order to show them. */
  kommuner: { geo: Geography; results: IndicatorResult[] }[];
  fylke: Geography | null;
  version: string;
}

/** Only significant differences get a marker here; "not different" and "not tested" stay blank. */
const mark = (v: Verdict): string => (v === 'similar' || v === 'not-tested' ? '' : ` ${VERDICT_MARK[v]}`);
/** More municipalities than this are split over several tables per theme. */
const COLUMNS = 8;

/** The municipalities of a run side by side with county and land, theme by theme: the same document model as one municipality's. */
export function buildRegion(input: RegionInput): Document {
  const { lang, texts: T } = input;
  const tx = (path: DocumentText, vars: Record<string, string | number> = {}) => fill(t(T, path), vars);
  const blocks = new BlockFactory();
  const slugs = new SlugSet();
  const first = input.kommuner[0]!.results;
  const columns: string[][] = [['better'], ['worse'], ['higher', 'lower'], ['similar'], ['not-tested']];
  const overviewTitle = t(T, 'region.overview');
  const sections: Section[] = [
    {
      kind: 'section',
      id: slugs.take(overviewTitle),
      number: null,
      title: overviewTitle,
      depth: 1,
      role: 'overview',
      blocks: [
        { kind: 'paragraph', runs: runs(t(T, 'region.overviewIntro')) },
        blocks.table(
          'oversikt',
          overviewTitle,
          list(T, 'region.overviewColumns'),
          ['l', 'r', 'r', 'r', 'r', 'r'],
          input.kommuner.map((k) => [k.geo.name, ...columns.map((vs) => String(k.results.filter((r) => vs.includes(r.comparisons.land.verdict)).length))]),
        ),
      ],
      children: [],
    },
  ];
  for (const letter of THEMES) {
    const ids = first.filter((r) => r.theme === letter).map((r) => r.id);
    if (ids.length === 0) continue;
    const tables: TableBlock[] = [];
    const title = tx('themeHeading', { title: t(T, `themes.${letter}`), letter });
    for (let c = 0; c < input.kommuner.length; c += COLUMNS) {
      const group = input.kommuner.slice(c, c + COLUMNS);
      const last = c + COLUMNS >= input.kommuner.length;
      tables.push(
        blocks.table(
          `tema-${letter}`,
          title,
          [t(T, 'region.indicator'), t(T, 'region.period'), ...group.map((k) => k.geo.name), ...(last && input.fylke ? [input.fylke.name] : []), ...(last ? [t(T, 'table.land')] : []), t(T, 'region.unit')],
          ['l', 'l', ...group.map((): 'r' => 'r'), ...(last && input.fylke ? ['r' as const] : []), ...(last ? ['r' as const] : []), 'l'],
          ids.map((id) => {
            const ref = first.find((r) => r.id === id)!;
            const period = ref.period;
            const valueOf = (r: IndicatorResult | undefined): string => {
              if (!r || !r.value) return '–';
              let s = cell(r.value, r.decimals) + (r.value.absent ? '' : mark(r.comparisons.land.verdict));
              if (period && r.period && (r.period.from !== period.from || r.period.to !== period.to)) s += ` ${tx('region.otherPeriod', { period: formatPeriod(r.period) })}`;
              return s;
            };
            const bench = (v: AreaValue | null) => cell(v, ref.decimals);
            return [
              inLang(ref.title, lang),
              period ? formatPeriod(period) : '–',
              ...group.map((k) => valueOf(k.results.find((r) => r.id === id))),
              ...(last && input.fylke ? [bench(ref.comparisons.fylke.value)] : []),
              ...(last ? [bench(ref.comparisons.land.value)] : []),
              inLang(ref.unit, lang),
            ];
          }),
        ),
      );
    }
    sections.push({ kind: 'section', id: slugs.take(title), number: null, title, depth: 1, role: 'theme', blocks: tables, children: [] });
  }
  const title = `${t(T, 'region.title')}: ${input.name}`;
  return numberBlocks({
    kind: 'region',
    variant: 'full',
    lang,
    locale: t(T, 'locale'),
    title,
    subtitle: tx('region.subtitle', { region: input.name, kommuner: input.kommuner.map((k) => k.geo.name).join(', '), edition: input.edition }),
    date: input.generatedOn ? tx('date', { date: formatDate(input.generatedOn, t(T, 'locale')) }) : null,
    subject: input.name,
    edition: input.edition,
    coatOfArms: null,
    front: [{ kind: 'paragraph', runs: runs(tx('region.intro', { region: input.name })) }],
    tocHeading: null,
    sections,
    footer: tx('footer', { version: input.version }),
    labels: labelsOf(T, `${title} ${input.edition}`),
  });
}
