import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IndicatorResult } from '../indicators/result.js';
import type { Geography } from '../model/observation.js';
import { slug } from '../report/escape.js';
import type { Lang } from '../report/format.js';
import type { Texts } from '../report/language.js';
import type { DocumentModel, SourceFileInfo } from '../report/model.js';
import { editionOrder, findEdition, findPrevious, latestBefore, listResultsFiles, resultsFileName, serializeResults, toResultsFile } from './archive.js';
import { diffResults, type ResultsDiff } from './diff.js';
import { evaluateGoals, goalsFor, type GoalsFile, type GoalStatus } from './goals.js';
import { annualModel, changesSection, goalsSection, type AnnualModel, type ChangesSection, type GoalsSection } from './sections.js';
import type { DocumentKind, ResultsFile } from './types.js';

/** The document's parts that follow up earlier editions; set on the document model by build. */
export interface FollowUpParts {
  changes: ChangesSection | null;
  goals: GoalsSection | null;
}

export interface FollowUpInput {
  kind: DocumentKind;
  edition: number;
  generatedOn: string | null;
  tool: string;
  kommune: Geography;
  fylke: Geography;
  results: IndicatorResult[];
  sources: Map<string, SourceFileInfo>;
  /** The document model, whose summary holds the list of challenges and resources. */
  model: DocumentModel;
  texts: Texts;
  lang: Lang;
  /** `--previous`: a results file or a folder of them; else the document's own folder is searched. */
  previous: string | null;
  folder: string;
  goals: GoalsFile | null;
}

export interface FollowUp {
  fileName: string;
  content: string;
  results: ResultsFile;
  previous: ResultsFile | null;
  diff: ResultsDiff | null;
  goals: GoalStatus[];
  warnings: string[];
}

/** `[Title](#anchor) – reasons` items of the summary → the indicators' ids, through the anchors. */
function idsOfList(model: DocumentModel, items: string[]): Set<string> {
  const byAnchor = new Map(model.themes.flatMap((th) => th.indicators.map((i) => [i.anchor, i.id] as const)));
  const ids = new Set<string>();
  for (const item of items) {
    const m = /^\[(?:\\.|[^\]\\])*\]\(#([^)]*)\)/.exec(item);
    const id = m ? byAnchor.get(m[1]!) : undefined;
    if (id) ids.add(id);
  }
  return ids;
}

/** The list items without their links (for documents that do not have the indicator sections). */
export function unlinked(items: string[]): string[] {
  return items.map((s) => s.replace(/^\[((?:\\.|[^\]\\])*)\]\(#[^)]*\)/, '$1'));
}

function archiveFiles(input: { previous: string | null; folder: string }): string[] {
  const files = listResultsFiles(input.folder);
  if (input.previous && existsSync(input.previous)) files.push(...(statSync(input.previous).isFile() ? [input.previous] : listResultsFiles(input.previous)));
  return [...new Set(files)];
}

/**
 * Writes nothing: computes this edition's results file, finds the previous edition (from
 * `--previous`, else in the document's folder), compares, and follows the goals.
 */
export function followUp(input: FollowUpInput): FollowUp {
  const warnings: string[] = [];
  const current = { edition: input.edition, kind: input.kind };
  let previous: ResultsFile | null;
  if (input.previous) {
    previous = findPrevious(input.previous, input.kommune.code, current);
    // A results file of another municipality is simply not this one's previous edition.
    if (!previous && !statSync(input.previous).isFile()) warnings.push(`--previous ${input.previous}: no results of ${input.kommune.name} (${input.kommune.code}) from before edition ${input.edition}; no changes shown`);
  } else previous = latestBefore(listResultsFiles(input.folder), input.kommune.code, current);
  const results = toResultsFile({
    tool: input.tool,
    edition: input.edition,
    kind: input.kind,
    generatedOn: input.generatedOn,
    kommune: { code: input.kommune.code, name: input.kommune.name },
    fylke: { code: input.fylke.code, name: input.fylke.name },
    previous: previous ? { edition: previous.edition, kind: previous.kind } : null,
    results: input.results,
    sources: input.sources,
    challenges: idsOfList(input.model, input.model.summary.challenges),
    resources: idsOfList(input.model, input.model.summary.resources),
  });
  const diff = previous ? diffResults(previous, results) : null;
  let goals: GoalStatus[] = [];
  if (input.goals) {
    const files = archiveFiles(input);
    goals = evaluateGoals(goalsFor(input.goals, input.kommune.code), results, (edition) => findEdition(files, input.kommune.code, edition));
  }
  return { fileName: resultsFileName(input.edition, input.kind), content: serializeResults(results), results, previous, diff, goals, warnings };
}

/** The sections of the full document: changes since the previous edition and the goals table. */
export function documentParts(f: FollowUp, texts: Texts, lang: Lang): { parts: FollowUpParts; notes: Map<string, string[]> } {
  const changes = f.diff ? changesSection(f.diff, texts, lang, 'endringer') : null;
  return {
    parts: { changes: changes?.section ?? null, goals: f.goals.length ? goalsSection(f.goals, texts, lang, 'mal') : null },
    notes: changes?.notes ?? new Map(),
  };
}

/**
 * Puts the follow-up parts into the document model: the sections (listed in the table of
 * contents) and a note under each indicator that changed.
 */
export function attachFollowUp(model: DocumentModel, f: FollowUp, texts: Texts, lang: Lang): void {
  const { parts, notes } = documentParts(f, texts, lang);
  const anchors = new Set(model.toc.flatMap((x) => [x.anchor, ...x.children.map((c) => c.anchor)]));
  const unique = (base: string) => {
    let a = base;
    for (let n = 1; anchors.has(a); n++) a = `${base}-${n}`;
    anchors.add(a);
    return a;
  };
  if (parts.changes) {
    parts.changes.anchor = unique(slug(parts.changes.heading));
    model.changes = parts.changes;
    model.toc.splice(0, 0, { title: parts.changes.heading, anchor: parts.changes.anchor, children: [] });
  }
  if (parts.goals) {
    parts.goals.anchor = unique(slug(parts.goals.heading));
    model.goals = parts.goals;
    const at = model.toc.findIndex((x) => x.anchor === model.summary.anchor);
    model.toc.splice(at + 1, 0, { title: parts.goals.heading, anchor: parts.goals.anchor, children: [] });
  }
  for (const theme of model.themes) for (const i of theme.indicators) if (notes.has(i.id)) i.changeNotes = notes.get(i.id);
}

/** The løpende oversikt's model. */
export function buildAnnual(f: FollowUp, model: DocumentModel, texts: Texts, lang: Lang): AnnualModel {
  const { parts } = documentParts(f, texts, lang);
  return annualModel({ current: f.results, diff: f.diff, changes: parts.changes, goals: parts.goals, texts, lang, date: model.date, footer: model.footer, challengeLines: unlinked(model.summary.challenges) });
}

/**
 * What the follow-up reads, for incremental builds: the goals file, `--previous`, and the
 * earlier results in the document's folder (not this edition's own file, which the build writes).
 */
export function followUpInputs(opts: { kind: DocumentKind; edition: number; previous: string | null; goals: string | null; folder: string }): { file: string; sha256: string }[] {
  const hash = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
  const out = [{ file: 'kind', sha256: hash(opts.kind) }];
  const read = (f: string) => (existsSync(f) && statSync(f).isFile() ? hash(readFileSync(f)) : 'missing');
  if (opts.goals) out.push({ file: `goals:${opts.goals}`, sha256: read(opts.goals) });
  const own = editionOrder({ edition: opts.edition, kind: opts.kind });
  const earlier = (files: string[]) => files.filter((f) => {
    const m = /resultater-(\d{4})(-lopende)?\.json$/.exec(f)!;
    return editionOrder({ edition: Number(m[1]), kind: m[2] ? 'annual' : 'full' }) < own;
  });
  if (opts.previous) {
    const files = existsSync(opts.previous) && statSync(opts.previous).isFile() ? [opts.previous] : earlier(listResultsFiles(opts.previous));
    out.push({ file: `previous:${opts.previous}`, sha256: hash(files.map((f) => `${f}=${read(f)}`).join('\n')) });
  }
  for (const f of earlier(listResultsFiles(opts.folder))) out.push({ file: `results:${f}`, sha256: read(f) });
  return out;
}

