import { LAND } from '../model/observation.js';
import { THEMES } from '../indicators/catalogue.js';
import { formatNumber } from '../language/intl.js';
import { para, section } from './blocks.js';
import type { PyramidRow } from './charts/pyramid.js';
import type { DocumentContext } from './context.js';
import { runs, type Block, type FigureBlock, type Section } from './document.js';
import { indicatorBlocks } from './indicator.js';
import { fill } from '../language/lookup.js';
import { inLang } from '../language/tags.js';

/**
 * The theme chapters of forskrift § 3 a–f: each theme with the municipality's text, the
 * population pyramid (theme a) and a section per indicator with data. Indicators without data
 * are listed in the appendix instead of given empty sections; a theme without any data still gets
 * its chapter (the forskrift requires every theme), saying what is missing and where to get it.
 */
export function themeChapters(ctx: DocumentContext): Section[] {
  const { input, w, lang } = ctx;
  const kommune = input.kommune.name;
  const themes: Section[] = [];
  const withData = input.results.filter((r) => r.status !== 'no-data' && r.status !== 'invalid-selection');
  for (const letter of THEMES) {
    const results = withData.filter((r) => r.theme === letter);
    const pyramid = letter === 'a' ? pyramidOf(ctx) : null;
    const h = ctx.numbered(w.tx('themeHeading', { title: w.t(`themes.${letter}`), letter }));
    // The theme's assessment: its parts (status, causes, consequences, measures) before the indicators;
    // a theme without numbers says what is missing and where to get it.
    const missing = results.length === 0 && !pyramid ? missingData(ctx, letter) : [];
    const assessment = ctx.assessmentParts(letter, 2);
    const theme = section(h.id, h.number, h.title, 1, 'theme', [...assessment.blocks, ...missing], assessment.parts);
    let sub = 0;
    if (pyramid) {
      const number = `${h.number}.${++sub}`;
      const title = w.t('pyramid.title');
      theme.children.push(section(ctx.slugs.take(`${number} ${title}`), number, title, 2, 'population', [para(w.tx('pyramid.text', { kommune, year: pyramid.year })), pyramid.figure]));
    }
    for (const r of results) {
      const number = `${h.number}.${++sub}`;
      const title = inLang(r.title, lang);
      const id = ctx.slugs.take(`${number} ${title}`);
      // Each indicator's section, for the summary's links.
      ctx.anchors.set(r.id, id);
      theme.children.push(section(id, number, title, 2, 'indicator', indicatorBlocks(ctx, r, ctx.assessment(r.id))));
    }
    themes.push(theme);
  }
  return themes;
}

/** A theme without numbers: that it has none, the catalogue's indicators without data, and where the numbers are published. */
function missingData(ctx: DocumentContext, letter: (typeof THEMES)[number]): Block[] {
  const { input, w, lang } = ctx;
  const absent = input.results.filter((r) => r.theme === letter && (r.status === 'no-data' || r.status === 'invalid-selection'));
  const blocks: Block[] = [{ kind: 'note', runs: runs(w.t('themeMissing.none')) }];
  if (absent.length) blocks.push(para(w.t('themeMissing.indicators')), { kind: 'list', items: absent.map((r) => runs(`${inLang(r.title, lang)} – ${inLang(r.source, lang)}`)) });
  blocks.push(para([{ text: w.t('themeMissing.whereTitle'), strong: true }, { text: ` ${w.t(`themeMissing.where.${letter}`)}` }]));
  return blocks;
}

const AGE_GROUPS: [number, number][] = Array.from({ length: 18 }, (_, i) => [i * 5, i * 5 + 4] as [number, number]).concat([[90, 200]]);

function pyramidOf(ctx: DocumentContext): { figure: FigureBlock; year: number } | null {
  const { input, w, blocks, lang } = ctx;
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
  const land = shares(LAND);
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
