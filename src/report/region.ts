import type { Geography } from '../model/observation.js';
import { THEMES, type Theme } from '../indicators/catalogue.js';
import type { AreaValue, IndicatorResult } from '../indicators/result.js';
import { escapeMarkdown as md } from './escape.js';
import { formatPeriod, VERDICT_MARK, type Lang } from './format.js';
import type { Verdict } from '../indicators/methods/compare.js';
import { fill, lookup, text as t, type Texts } from './language.js';
import { formatDate, type Table } from './model.js';
import { cell } from './values.js';

export interface RegionModel {
  title: string;
  subtitle: string;
  date: string | null;
  intro: string;
  overviewHeading: string;
  overviewIntro: string;
  overview: Table;
  themes: { heading: string; tables: Table[] }[];
  footer: string;
}

export interface RegionInput {
  lang: Lang;
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

/** The municipalities of a run side by side with county and land, theme by theme. */
export function buildRegion(input: RegionInput): RegionModel {
  const { lang, texts: T } = input;
  const tx = (path: string, vars: Record<string, string | number> = {}) => fill(t(T, path), vars);
  const names = input.kommuner.map((k) => md(k.geo.name));
  const first = input.kommuner[0]!.results;
  const columns: string[][] = [['better'], ['worse'], ['higher', 'lower'], ['similar'], ['not-tested']];
  const overview: Table = {
    header: lookup(T, 'region.overviewColumns') as string[],
    align: ['l', 'r', 'r', 'r', 'r', 'r'],
    rows: input.kommuner.map((k) => [md(k.geo.name), ...columns.map((vs) => String(k.results.filter((r) => vs.includes(r.comparisons.land.verdict)).length))]),
  };
  const themes: RegionModel['themes'] = [];
  for (const letter of ['a', 'b', 'c', 'd', 'e', 'f'] as Theme[]) {
    const ids = first.filter((r) => r.theme === letter).map((r) => r.id);
    if (ids.length === 0) continue;
    const tables: Table[] = [];
    for (let c = 0; c < input.kommuner.length; c += COLUMNS) {
      const group = input.kommuner.slice(c, c + COLUMNS);
      const last = c + COLUMNS >= input.kommuner.length;
      tables.push({
        header: [t(T, 'region.indicator'), t(T, 'region.period'), ...group.map((k) => md(k.geo.name)), ...(last && input.fylke ? [md(input.fylke.name)] : []), ...(last ? [t(T, 'table.land')] : []), t(T, 'region.unit')],
        align: ['l', 'l', ...group.map(() => 'r'), ...(last && input.fylke ? ['r'] : []), ...(last ? ['r'] : []), 'l'],
        rows: ids.map((id) => {
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
            md(ref.title[lang]),
            period ? formatPeriod(period) : '–',
            ...group.map((k) => valueOf(k.results.find((r) => r.id === id))),
            ...(last && input.fylke ? [bench(ref.comparisons.fylke.value)] : []),
            ...(last ? [bench(ref.comparisons.land.value)] : []),
            md(ref.unit[lang]),
          ];
        }),
      });
    }
    themes.push({ heading: tx('themeHeading', { title: THEMES[letter][lang], letter }), tables });
  }
  return {
    title: `${t(T, 'region.title')}: ${md(input.name)}`,
    subtitle: tx('region.subtitle', { region: md(input.name), kommuner: names.join(', '), edition: input.edition }),
    date: input.generatedOn ? tx('date', { date: formatDate(input.generatedOn, lang) }) : null,
    intro: tx('region.intro', { region: md(input.name) }),
    overviewHeading: t(T, 'region.overview'),
    overviewIntro: t(T, 'region.overviewIntro'),
    overview,
    themes,
    footer: tx('footer', { version: input.version }),
  };
}
