import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { readAssessmentFolder, textFor, type AssessmentSet } from '../assessments/discover.js';
import { describeContradiction, describeLanguage, FinalGateError } from '../assessments/gate.js';
import { documentDate } from '../assessments/law.js';
import { describeUnknown } from '../assessments/names.js';
import { assessmentFileName } from '../assessments/template.js';
import { loadSections, validNames } from '../assessments/sections.js';
import { withoutComments } from '../assessments/structured.js';
import { FolkehelseError, msg } from '../base/errors.js';
import { VERSION } from '../base/version.js';
import type { KommuneConfig } from '../config/config.js';
import { projectPathProblem } from '../config/paths.js';
import { defaultRegister } from '../geo/register.js';
import type { IndicatorResult } from '../indicators/result.js';
import type { Geography } from '../model/observation.js';
import { LAND } from '../model/observation.js';
import { loadPriorities } from '../overview/priorities.js';
import type { CountyRange } from '../overview/short-version.js';
import type { Document } from '../report/document.js';
import { buildDocument, type DocumentInput } from '../report/model.js';
import { buildRegion } from '../report/region.js';
import { variantsFor } from '../report/renderers.js';
import { buildShortDocument } from '../report/short.js';
import { countyRangesFor, hasData, resultsFor, type BuildContext } from './compute.js';
import { overviewData, type OverviewData } from './document-data.js';
import { annualDocument, attachFollowUp, followUp, type FollowUp } from './follow-up.js';
import type { Item, KommuneTarget } from './plan.js';
import { toPosix } from './provenance.js';

/**
 * One document of the run, composed: a municipality's (with its follow-up: the results file, the
 * changes since the previous edition and the goals; or, for the annual kind, the løpende oversikt)
 * or the region report. Warnings go to the outcome's lists as they are found.
 */
export function composeDocument(ctx: BuildContext, item: Item, kommuner: KommuneTarget[], final: boolean, outcome: { warnings: string[]; assessmentWarnings: string[] }): { doc: Document; short: Document | null; follow: FollowUp | null } {
  const composed = item.kind === 'kommune' ? kommuneDocument(ctx, item, final, outcome.assessmentWarnings) : { doc: regionDocument(ctx, item, kommuner), short: null };
  let doc = composed.doc;
  // The results file (published numbers only), the changes since the previous edition and the goals.
  let follow: FollowUp | null = null;
  if (item.kind === 'kommune') {
    follow = kommuneFollowUp(ctx, item, doc);
    doc = ctx.kind === 'full' ? attachFollowUp(doc, follow, ctx.texts, ctx.lang) : annualDocument(follow, doc, ctx.texts, ctx.lang);
    outcome.warnings.push(...follow.warnings);
  }
  // A catalogue mistake is said, not only shown as "no data" in the appendix.
  if (item.kind === 'kommune') for (const r of ctx.results.get(item.id) ?? []) if (r.status === 'invalid-selection') outcome.warnings.push(r.message ?? `indicator ${r.id}: the catalogue selection is invalid`);
  return { doc, short: composed.short, follow };
}

/** The municipality's document and, when `kortversjon` is asked for, its short variant. */
function kommuneDocument(ctx: BuildContext, item: Item, final: boolean, warnings: string[]): { doc: Document; short: Document | null } {
  const { config, lang, texts } = ctx;
  const { k, geo } = item.kommune!;
  if (!hasData(ctx, geo.code)) throw new FolkehelseError(msg('errors.data.kommuneNoData', { name: geo.name, code: geo.code, data: config.data.map((d) => relative(ctx.base, d) || '.').join(', ') }), 1);
  const results = resultsFor(ctx, k, geo);
  const fylkeArea = defaultRegister().current('fylke', geo.fylke);
  const fylke: Geography = { code: geo.fylke, level: 'fylke', name: fylkeArea?.name ?? geo.fylke };
  const coatOfArms = readCoatOfArms(k);
  const population = [...(ctx.population.get(geo.code) ?? []), ...(ctx.population.get(LAND) ?? [])];
  const usedFiles = new Set(results.flatMap((r) => r.provenance.files));
  for (const o of ctx.population.get(geo.code) ?? []) usedFiles.add(o.origin.file);
  const { overview, assessments } = overviewFor(ctx, geo.code, results, final, warnings, variantsFor(ctx.formats).has('short') ? countyRangesFor(ctx, geo, results) : undefined);
  // The results file records the same challenges and resources the summary shows.
  ctx.listed.set(geo.code, {
    challenges: new Set(overview.utfordringsbilde.proposals.flatMap((c) => c.indicators.map((i) => i.id))),
    resources: new Set(overview.ressurser.proposals.map((p) => p.id)),
  });
  const input: DocumentInput = {
    lang,
    texts,
    kommune: { code: geo.code, level: 'kommune', name: geo.name },
    fylke,
    edition: config.edition,
    generatedOn: config.generatedOn ?? null,
    coatOfArms,
    results,
    sources: [...ctx.sources.entries()].filter(([file]) => usedFiles.has(file)).map(([, s]) => s),
    population,
    assessments,
    overview,
    priorities: ctx.priorities,
    final,
    assessmentPath: (key) => toPosix(relative(ctx.base, join(config.assessments ?? join(ctx.base, 'vurderinger'), geo.code, assessmentFileName(key, lang)))),
    suppression: ctx.suppression,
    version: VERSION,
    ...(ctx.leftOut.length ? { leftOut: ctx.leftOut } : {}),
  };
  const doc = buildDocument(input);
  const short = variantsFor(ctx.formats).has('short') ? buildShortDocument(input, overview, doc, `oversikt-${config.edition}.${lang}.pdf`) : null;
  return { doc, short };
}

/** The municipality's coat of arms (an .svg or .png inside the project), copied beside the document. */
function readCoatOfArms(k: KommuneConfig): DocumentInput['coatOfArms'] {
  if (!k.coatOfArms) return null;
  if (!existsSync(k.coatOfArms)) throw new FolkehelseError(msg('errors.build.coatOfArmsMissing', { file: k.coatOfArms }), 2);
  const problem = projectPathProblem(k.coatOfArms, [sep], 'file');
  if (problem) throw new FolkehelseError(msg('errors.build.coatOfArms', { problem }), 2);
  const ext = extname(k.coatOfArms).toLowerCase();
  if (ext !== '.svg' && ext !== '.png') throw new FolkehelseError(msg('errors.build.coatOfArmsType', { file: k.coatOfArms }), 2);
  if (!statSync(k.coatOfArms).isFile()) throw new FolkehelseError(msg('errors.build.coatOfArmsFolder', { file: k.coatOfArms }), 2);
  return { file: `figurer/kommunevapen${ext}`, mediaType: ext === '.svg' ? 'image/svg+xml' : 'image/png', bytes: new Uint8Array(readFileSync(k.coatOfArms)) };
}

/**
 * The municipality's assessment files (per language: `a.nn.md` before `a.md`) and the data of the
 * summary, inequality and § 5 b–c chapters. Unknown file names (with the nearest valid name) and
 * texts that contradict the numbers become warnings; with `final`, any required gap stops the
 * document (FinalGateError names every file).
 */
function overviewFor(ctx: BuildContext, code: string, results: IndicatorResult[], final: boolean, warnings: string[], ranges?: Map<string, CountyRange>): { overview: OverviewData; assessments: Map<string, string> } {
  const { lang } = ctx;
  const { set, overview } = readOverview(ctx, code, results, ranges);
  if (final && !overview.check.ready) throw new FinalGateError(overview.check);
  for (const u of overview.unknown) warnings.push(describeUnknown(u));
  for (const c of overview.contradictions) if (c.deliberate === null) warnings.push(describeContradiction(c));
  for (const l of overview.check.language) warnings.push(describeLanguage(l));
  const assessments = new Map<string, string>();
  for (const name of [...set.assessments.keys()].sort()) {
    const t = textFor(set, name, lang);
    // HTML comments (the guiding questions of the templates) are never published.
    const body = t ? withoutComments(t.body) : '';
    if (body) assessments.set(name, body);
  }
  return { overview, assessments };
}

/**
 * A municipality's assessment files, read, and the overview data composed from them: what the
 * draft marks and `--final` checks (`overview.missing`), unknown names and contradictions. The
 * build composes the document from it; `folkehelse preview` shows it beside the document.
 */
export function readOverview(ctx: BuildContext, code: string, results: IndicatorResult[], ranges?: Map<string, CountyRange>): { set: AssessmentSet; overview: OverviewData } {
  const { config, lang } = ctx;
  checkAssessmentPaths(config.assessments, code);
  const sections = (ctx.sections ??= loadSections());
  const priorities = (ctx.priorities ??= loadPriorities());
  const set: AssessmentSet = config.assessments ? readAssessmentFolder(config.assessments, code, validNames(sections, ctx.catalogue.map((i) => i.id))) : { kommune: code, assessments: new Map(), unknown: [] };
  return { set, overview: overviewData({ results, assessments: set, sections, priorities, lang, date: documentDate(config.generatedOn, config.edition), ranges }) };
}

/** This edition's results file, the comparison with the previous edition and the goals of one municipality. */
function kommuneFollowUp(ctx: BuildContext, item: Item, full: Document): FollowUp {
  const { k, geo } = item.kommune!;
  const results = resultsFor(ctx, k, geo);
  const fylke: Geography = { code: geo.fylke, level: 'fylke', name: defaultRegister().current('fylke', geo.fylke)?.name ?? geo.fylke };
  const used = new Set(results.flatMap((r) => r.provenance.files));
  return followUp({
    kind: ctx.kind,
    edition: ctx.config.edition,
    generatedOn: ctx.config.generatedOn ?? null,
    tool: `folkehelse ${VERSION}`,
    kommune: { code: geo.code, level: 'kommune', name: geo.name },
    fylke,
    results,
    sources: new Map([...ctx.sources].filter(([f]) => used.has(f))),
    document: full,
    listed: ctx.listed.get(geo.code),
    previous: ctx.previous,
    folder: item.folder,
    goals: ctx.goals,
  });
}

function regionDocument(ctx: BuildContext, item: Item, kommuner: KommuneTarget[]): Document {
  const { config, lang, texts } = ctx;
  const withData = kommuner.filter(({ geo }) => hasData(ctx, geo.code));
  if (withData.length < 2) throw new FolkehelseError(msg(withData.length === 1 ? 'errors.data.regionOne' : 'errors.data.regionNone'), 1);
  const fylker = new Set(withData.map(({ geo }) => geo.fylke));
  const fylkeCode = fylker.size === 1 ? [...fylker][0]! : null;
  return buildRegion({
    lang,
    texts,
    name: item.name,
    edition: config.edition,
    generatedOn: config.generatedOn ?? null,
    kommuner: withData.map(({ k, geo }) => ({ geo: { code: geo.code, level: 'kommune', name: geo.name }, results: resultsFor(ctx, k, geo) })),
    fylke: fylkeCode ? { code: fylkeCode, level: 'fylke', name: defaultRegister().current('fylke', fylkeCode)?.name ?? fylkeCode } : null,
    version: VERSION,
  });
}

/**
 * Refuses, before the assessments are read, a folder named like an assessment (`a.md/`), a device
 * or a link out of the project among `<folder>/<kommune>/*.md`. Reading is src/assessments' job.
 */
function checkAssessmentPaths(folder: string | undefined, kommune: string): void {
  if (!folder) return;
  const dir = join(folder, kommune);
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.md')) continue;
    const problem = projectPathProblem(join(dir, f), [sep], 'file');
    if (problem) throw new FolkehelseError(msg('errors.build.assessment', { problem }), 2);
  }
}
