import type { Indicator } from '../indicators/catalogue.js';
import type { TrendDirection } from '../indicators/methods/trend.js';
import type { SourceId } from '../model/observation.js';
import { formatList, formatNumberInText, formatSigned } from '../language/intl.js';
import type { LanguageData } from '../language/files.js';
import { fill } from '../language/lookup.js';
import { inLang, type DocumentLang } from '../language/tags.js';
import { sourceNames } from '../sources/registry.js';
import { isYouth, type Priorities } from './priorities.js';

/** The `overview` object of a language file (`templates/lang/<lang>.json`). */
export interface OverviewTexts {
  numbers: string[];
  numbersNeuter: string[];
  terms: { noSignificantChange: string; increasing: string; decreasing: string; cannotBeCalculated: string; proposal: string };
  recentPeriods: { pooled: string; years: string };
  sex: Record<'youth' | 'adult', { male: string; female: string }>;
  bySex: string;
  rate: string;
  populationChange: string;
  ratio: RatioTexts;
  statutes: Record<string, string>;
  [key: string]: unknown;
}

/**
 * How a ratio between two numbers is said (`overview.ratio`): "3,4 ganger så høy som" at 2 and
 * above, "40 prosent høyere enn" between 1 and 2, "30 prosent lavere enn" below 1 — never
 * "0,7 ganger så høy". `noun` and `high` agree with what is compared: a share ("andelen … høy")
 * or another number ("tallet … høyt").
 */
export interface RatioTexts {
  times: string;
  higher: string;
  lower: string;
  same: string;
  intervalTimes: string;
  intervalHigher: string;
  intervalLower: string;
  intervalAcross: string;
  noun: { share: string; other: string };
  high: { share: string; other: string };
}

/** The overview texts of a loaded language file. */
export function overviewTexts(texts: LanguageData): OverviewTexts {
  const o = texts['overview'];
  if (!o || typeof o !== 'object') throw new Error('language file: "overview" is missing');
  return o as OverviewTexts;
}

/**
 * Whole numbers up to twelve in words, as Norwegian style guides ask ("fire kommuner"); larger or
 * fractional numbers as digits. `neuter` gives "ett"/"eitt" for one.
 */
export function smallNumber(n: number, t: OverviewTexts, lang: DocumentLang, options: { neuter?: boolean } = {}): string {
  const words = options.neuter ? t.numbersNeuter : t.numbers;
  if (Number.isInteger(n) && n >= 0 && n < words.length) return words[n]!;
  return formatNumberInText(n, Number.isInteger(n) ? 0 : 1, lang);
}

/**
 * The sources of a list of numbers, each organisation once, in order of first appearance:
 * KOSTRA and Statistikkbanken are both SSB, so fhi, kostra, ssb, ungdata → "FHI, SSB (Statistikkbanken
 * og KOSTRA) og Ungdata"; a product is named only when it is not the organisation's default
 * ("SSB (KOSTRA)"), or when several are used.
 */
export function sourceList(sources: readonly (SourceId | string)[], t: OverviewTexts, lang: DocumentLang): string {
  const orgs = new Map<string, { products: string[]; onlyDefault: boolean }>();
  for (const s of sources) {
    const def = sourceNames(s, lang);
    let o = orgs.get(def.organisation);
    if (!o) orgs.set(def.organisation, (o = { products: [], onlyDefault: true }));
    if (def.product && !o.products.includes(def.product)) o.products.push(def.product);
    if (!def.default) o.onlyDefault = false;
  }
  const list = (xs: string[]) => formatList(xs, lang);
  return list([...orgs].map(([org, o]) => (o.products.length === 0 || (o.onlyDefault && o.products.length === 1) ? org : `${org} (${list(o.products)})`)));
}

/**
 * A rate with its words: "46,6 legemiddelbrukere per 1000 innbyggere 30–74 år". The words are data
 * (`rate` in data/overview/utfordringsbilde.json); without them the indicator's unit follows the number.
 */
export function ratePhrase(value: number, ind: Pick<Indicator, 'id' | 'decimals' | 'multiplier' | 'unit'>, priorities: Priorities, t: OverviewTexts, lang: DocumentLang): string {
  const v = formatNumberInText(value, ind.decimals ?? 1, lang);
  const words = priorities.indicators[ind.id]?.rate;
  if (!words || !ind.multiplier) return `${v} ${inLang(ind.unit, lang)}`;
  return fill(t.rate, { value: v, numerator: inLang(words.numerator, lang), per: formatNumberInText(ind.multiplier, 0, lang), denominator: inLang(words.denominator, lang) });
}

/** "gutter"/"jenter" for indicators about young people (Ungdata, sesjon at 17), else "menn"/"kvinner". */
export function sexTerms(ind: Pick<Indicator, 'id' | 'select'>, priorities: Priorities, t: OverviewTexts): { male: string; female: string } {
  return t.sex[isYouth(ind, priorities) ? 'youth' : 'adult'];
}

export function bySexSentence(ind: Pick<Indicator, 'id' | 'select'>, maleValue: string, femaleValue: string, priorities: Priorities, t: OverviewTexts): string {
  const s = sexTerms(ind, priorities, t);
  return fill(t.bySex, { male: s.male, female: s.female, maleValue, femaleValue });
}

/** One term per trend outcome; "no significant change" is always the same words. */
export function trendTerm(direction: TrendDirection, t: OverviewTexts): string {
  switch (direction) {
    case 'increasing':
      return t.terms.increasing;
    case 'decreasing':
      return t.terms.decreasing;
    case 'no-significant-change':
      return t.terms.noSignificantChange;
    default:
      return t.terms.cannotBeCalculated;
  }
}

/** "de fem siste periodene" for pooled periods (3-year averages …), "de fem siste årene" for single years. */
export function recentPeriods(points: number, pooled: boolean, t: OverviewTexts, lang: DocumentLang): string {
  return fill(pooled ? t.recentPeriods.pooled : t.recentPeriods.years, { n: smallNumber(points, t, lang) });
}

export interface PopulationChange {
  /** Change in % of the population at the start of the year, and per 1000 inhabitants. */
  percent: number;
  perThousand: number;
  landPercent: number;
  landPerThousand: number;
  text: string;
}

/**
 * Population change compared with land as a share of each population (% and per 1000 at 1 January),
 * never as absolute counts (130 persons against 27 474 says nothing).
 */
export function populationChange(change: number, population: number, landChange: number, landPopulation: number, t: OverviewTexts, lang: DocumentLang): PopulationChange {
  if (!(population > 0) || !(landPopulation > 0)) throw new RangeError('populationChange: the population must be above 0');
  const percent = (change / population) * 100;
  const perThousand = (change / population) * 1000;
  const landPercent = (landChange / landPopulation) * 100;
  const landPerThousand = (landChange / landPopulation) * 1000;
  const signed = (x: number, unit: string) => `${formatSigned(x, 1, lang)}${unit}`;
  return {
    percent,
    perThousand,
    landPercent,
    landPerThousand,
    text: fill(t.populationChange, { percent: signed(percent, '\u00a0%'), perThousand: signed(perThousand, ''), landPercent: signed(landPercent, '\u00a0%'), landPerThousand: signed(landPerThousand, '') }),
  };
}

export interface RatioPhrase {
  /** "3,4 ganger så høy som", "15 prosent lavere enn", "like høy som". */
  text: string;
  /** "95 % KI 2,5–4,8 ganger", "95 % KI fra 10 prosent lavere til 80 prosent høyere"; '' without bounds. */
  interval: string;
  noun: string;
}

/**
 * A ratio a ÷ b in words (Språkrådet's and FHI's convention: "13 prosent lavere", not "0,87 ganger
 * så høy"): 2 and above as "n ganger så høy", otherwise as whole per cent higher or lower. The
 * interval is said in the same form as the ratio, or from lower to higher when it spans 1.
 */
export function ratioPhrase(ratio: number, lower: number | null, upper: number | null, kind: 'share' | 'other', t: OverviewTexts, lang: DocumentLang, level = 95): RatioPhrase {
  const r = t.ratio;
  const high = r.high[kind];
  const pct = (x: number) => formatNumberInText(Math.round(Math.abs(x - 1) * 100), 0, lang);
  const times = (x: number) => formatNumberInText(x, 1, lang);
  let text: string;
  if (ratio >= 1.995) text = fill(r.times, { x: times(ratio), high });
  else if (Math.round(Math.abs(ratio - 1) * 100) === 0) text = fill(r.same, { high });
  else text = fill(ratio > 1 ? r.higher : r.lower, { p: pct(ratio) });
  let interval = '';
  if (lower !== null && upper !== null) {
    if (ratio >= 1.995 && lower >= 1) interval = fill(r.intervalTimes, { level, lo: times(lower), hi: times(upper) });
    else if (lower >= 1) interval = fill(r.intervalHigher, { level, lo: pct(lower), hi: pct(upper) });
    else if (upper <= 1) interval = fill(r.intervalLower, { level, lo: pct(upper), hi: pct(lower) });
    else interval = fill(r.intervalAcross, { level, lo: pct(lower), hi: pct(upper) });
  }
  return { text, interval, noun: r.noun[kind] };
}

/**
 * Statute short titles in the document's language (`overview.statutes`): the short title follows
 * the text's language (Språkrådet: "offentleglova i en nynorsktekst"), so nynorsk writes
 * "folkehelselova § 5 b"; full titles as enacted are left as they are.
 */
export function statuteNames(text: string, t: OverviewTexts): string {
  let out = text;
  for (const [from, to] of Object.entries(t.statutes)) out = out.split(from).join(to);
  return out;
}
