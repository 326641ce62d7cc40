import { relative } from 'node:path';
import type { SectionData } from '../assessments/sections.js';
import type { BuildConfig, KommuneConfig, OutputFormat } from '../config/config.js';
import { defaultRegister } from '../geo/register.js';
import { leftOutProblems, type LoadedData } from '../sources/load.js';
import { loadCatalogue, type Indicator } from '../indicators/catalogue.js';
import { strictestLimits } from '../indicators/disclosure.js';
import { computeIndicators } from '../indicators/engine.js';
import { catalogueKeeps } from '../indicators/gather.js';
import type { SuppressionLimits } from '../indicators/methods/suppression.js';
import type { IndicatorResult } from '../indicators/result.js';
import { ObservationIndex } from '../indicators/select.js';
import type { Geography, Observation } from '../model/observation.js';
import type { Priorities } from '../overview/priorities.js';
import { countyRanges, type CountyRange } from '../overview/short-version.js';
import type { DocumentLang as Lang } from '../language/tags.js';
import { loadTexts, type Texts } from '../report/language.js';
import { compileTemplates } from '../report/markdown.js';
import type { LeftOutSource, SourceFileInfo } from '../report/model.js';
import { loadGoals, type GoalsFile } from '../results/goals.js';
import type { DocumentKind } from '../results/types.js';
import type { Run } from './plan.js';
import { citedPath, describeFiles } from './provenance.js';

/** What every document of a run is computed and composed from: read and prepared once. */
export interface BuildContext {
  /** Per municipality: the indicators behind its utfordringsbilde and resources (for the results file). */
  listed: Map<string, { challenges: Set<string>; resources: Set<string> }>;
  config: BuildConfig;
  catalogue: Indicator[];
  index: ObservationIndex;
  sources: Map<string, SourceFileInfo>;
  /** SSB 07459 observations by area, for the population pyramid. */
  population: Map<string, Observation[]>;
  /** The limits applied (the strictest of the defaults and the configuration's), as the appendix states them. */
  suppression: SuppressionLimits & { groupDenominator: number };
  lang: Lang;
  formats: OutputFormat[];
  base: string;
  /** The Markdown templates, compiled once (a broken template stops the run before anything is written). */
  markdown: { document: ReturnType<typeof compileTemplates>; region: ReturnType<typeof compileTemplates> } | null;
  texts: Texts;
  /** Results per municipality, kept for the region report. */
  results: Map<string, IndicatorResult[]>;
  kind: DocumentKind;
  previous: string | null;
  goals: GoalsFile | null;
  /** Data files left out of the run (unreadable, or with errors), as the documents name them. */
  leftOut: LeftOutSource[];
  /** The assessment sections and the utfordringsbilde's priorities, read when first needed. */
  sections?: SectionData;
  priorities?: Priorities;
}

/** Indexes the data, reads the catalogue, language files, templates and goals, and describes the data files. */
export function prepareContext(run: Run, data: LoadedData): BuildContext {
  const { config, base, lang, formats } = run;
  const population = new Map<string, Observation[]>();
  for (const o of data.observations) {
    if (o.source !== 'ssb' || o.table !== '07459') continue;
    let list = population.get(o.geo.code);
    if (!list) population.set(o.geo.code, (list = []));
    list.push(o);
  }
  const catalogue = catalogueOf(config);
  const ctx: BuildContext = {
    listed: new Map(),
    config,
    catalogue,
    index: new ObservationIndex(data.observations, data.summary),
    sources: describeFiles(data, base),
    population,
    suppression: appliedLimits(config, catalogue),
    lang,
    formats,
    base,
    markdown: formats.includes('md') ? { document: compileTemplates(config.templates), region: compileTemplates(config.templates, 'region.md.hbs') } : null,
    texts: loadTexts(lang, config.templates),
    results: new Map(),
    kind: run.kind,
    previous: run.previous,
    goals: null,
    // The problems in the document's language, which may differ from the run's (`--lang en`).
    leftOut: data.leftOut.map((f) => ({ file: citedPath(base, f.path), problems: leftOutProblems(f, lang), tables: f.tables })),
  };
  ctx.goals = config.goals ? loadGoals(config.goals, new Set(catalogue.map((i) => i.id)), relative(base, config.goals) || config.goals) : null;
  return ctx;
}

/**
 * What a run keeps of the data it reads (loadData's `keep`): the rows the configuration's
 * catalogue selects, of every area, and SSB 07459 for the population pyramid
 * (src/indicators/gather.ts). The catalogue is read when reading starts.
 */
export function keptForBuild(config: Pick<BuildConfig, 'catalogue'>): () => (o: Observation) => boolean {
  return () => catalogueKeeps(catalogueOf(config), [{ source: 'ssb', table: '07459' }]);
}

/** Each configuration's catalogue, read and checked once: reading the data starts with it, computing the documents goes on with it. */
const catalogues = new WeakMap<Pick<BuildConfig, 'catalogue'>, Indicator[]>();

function catalogueOf(config: Pick<BuildConfig, 'catalogue'>): Indicator[] {
  let catalogue = catalogues.get(config);
  if (!catalogue) catalogues.set(config, (catalogue = loadCatalogue(config.catalogue)));
  return catalogue;
}

/**
 * The limits the appendix states: the strictest of the defaults and the configuration's, and for
 * Ungdata's groups the strictest denominator limit any Ungdata indicator gets (20 by default).
 */
function appliedLimits(config: BuildConfig, catalogue: Indicator[]): SuppressionLimits & { groupDenominator: number } {
  const run = strictestLimits(config.suppression);
  const ungdata = catalogue.filter((i) => i.select.source === 'ungdata').map((i) => strictestLimits(config.suppression, i.suppression).denominator);
  return { ...run, groupDenominator: Math.max(run.denominator, ...ungdata) };
}

/** A municipality's indicators, computed once per run (the region report and the county ranges reuse them). */
export function resultsFor(ctx: BuildContext, k: KommuneConfig, geo: Geography): IndicatorResult[] {
  let results = ctx.results.get(geo.code);
  if (!results) {
    results = computeIndicators(ctx.index, ctx.catalogue, {
      kommune: geo.code,
      comparisons: { kostragruppe: k.kostragruppe ?? ctx.config.kostragruppe, neighbours: k.neighbours },
      suppression: ctx.config.suppression,
    });
    ctx.results.set(geo.code, results);
  }
  return results;
}

/** Data under the municipality's number or under the former ones merged into it. */
export function hasData(ctx: BuildContext, code: string): boolean {
  return defaultRegister().dataCodesFor(code).some((c) => ctx.index.countFor(c) > 0);
}

/**
 * The range of the county's municipalities in the data, per indicator and the municipality's own
 * period, for the short version's spine chart: over all the county's municipalities when the data
 * has them (`fetch` asks for them), else over those it has, with the county's number of
 * municipalities (the register) so that the document says how many the range spans.
 */
export function countyRangesFor(ctx: BuildContext, geo: Geography & { fylke: string }, results: IndicatorResult[]): Map<string, CountyRange> {
  const register = defaultRegister();
  const all = register.kommunerIn(geo.fylke);
  const members = all.filter((k) => hasData(ctx, k.code));
  const perKommune = members.map((k) => (k.code === geo.code ? results : resultsFor(ctx, ctx.config.kommuner.find((c) => c.code === k.code) ?? { code: k.code }, { code: k.code, level: 'kommune', name: k.name })));
  return countyRanges(perKommune, new Map(results.filter((r) => r.period).map((r) => [r.id, r.period!.label])), all.length);
}
