// The follow-up of a build, per municipality: this edition's results file, the comparison with the
// previous edition and the goals, and how they enter the document (or make the løpende oversikt).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { say } from '../base/messages.js';
import type { IndicatorResult } from '../indicators/result.js';
import type { Geography } from '../model/observation.js';
import { buildAnnual } from '../report/annual.js';
import { changesSection } from '../report/changes.js';
import { walkSections, type Document, type Section } from '../report/document.js';
import { SlugSet } from '../report/escape.js';
import type { DocumentLang as Lang } from '../language/tags.js';
import { goalsSection } from '../report/goals.js';
import type { Texts } from '../report/language.js';
import { BlockFactory, numberBlocks } from '../report/blocks.js';
import type { SourceFileInfo } from '../report/model.js';
import { editionOrder, findEdition, findPrevious, latestBefore, listResultsFiles, resultsFileName, serializeResults, toResultsFile } from '../results/archive.js';
import { diffResults, type ResultsDiff } from '../results/diff.js';
import { evaluateGoals, goalsFor, type GoalsFile, type GoalStatus } from '../results/goals.js';
import type { DocumentKind, ResultsFile } from '../results/types.js';
import { hash } from './provenance.js';

export interface FollowUpInput {
  kind: DocumentKind;
  edition: number;
  generatedOn: string | null;
  tool: string;
  kommune: Geography;
  fylke: Geography;
  results: IndicatorResult[];
  sources: Map<string, SourceFileInfo>;
  /** This edition's full document, whose summary holds the challenges and resources. */
  document: Document;
  /**
   * The indicators behind the utfordringsbilde and the resources, when the caller computed them
   * (build does, from the overview data); else they are read from the summary's links.
   */
  listed?: { challenges: Set<string>; resources: Set<string> };
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

/** Indicator section id → indicator id (the key of the section's assessment). */
function indicatorIds(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of walkSections(doc.sections)) {
    if (s.role !== 'indicator') continue;
    const a = s.blocks.find((b) => b.kind === 'assessment');
    if (a?.kind === 'assessment') out.set(s.id, a.key);
  }
  return out;
}

/** The indicators the summary's list of the given role (`challenges`, `resources`) links to. */
function idsOfList(doc: Document, role: string): Set<string> {
  const bySection = indicatorIds(doc);
  const ids = new Set<string>();
  for (const s of walkSections(doc.sections)) {
    if (s.role !== role) continue;
    for (const b of s.blocks) {
      // A list item names one indicator (its first link); a ranked table's cells may link several
      // (a grouped challenge lists every indicator behind it).
      if (b.kind === 'list') {
        for (const item of b.items) {
          const id = bySection.get(item.find((r) => r.link !== undefined)?.link ?? '');
          if (id) ids.add(id);
        }
      } else if (b.kind === 'table') {
        for (const row of b.rows) {
          for (const cell of row) {
            for (const r of cell) {
              const id = r.link !== undefined ? bySection.get(r.link) : undefined;
              if (id) ids.add(id);
            }
          }
        }
      }
    }
  }
  return ids;
}

function archiveFiles(input: { previous: string | null; folder: string }): string[] {
  const files = listResultsFiles(input.folder);
  if (input.previous && existsSync(input.previous)) files.push(...(statSync(input.previous).isFile() ? [input.previous] : listResultsFiles(input.previous)));
  return [...new Set(files)];
}

/**
 * Writes nothing: computes this edition's results file (published numbers only), finds the
 * previous edition (from `--previous`, else in the document's folder), compares, and follows the goals.
 */
export function followUp(input: FollowUpInput): FollowUp {
  const warnings: string[] = [];
  const current = { edition: input.edition, kind: input.kind };
  let previous: ResultsFile | null;
  if (input.previous) {
    previous = findPrevious(input.previous, input.kommune.code, current);
    // A results file of another municipality is simply not this one's previous edition.
    if (!previous && !statSync(input.previous).isFile()) warnings.push(say('build.previousNone', { path: input.previous, name: input.kommune.name, code: input.kommune.code, edition: input.edition }));
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
    challenges: input.listed?.challenges ?? idsOfList(input.document, 'challenges'),
    resources: input.listed?.resources ?? idsOfList(input.document, 'resources'),
  });
  const diff = previous ? diffResults(previous, results) : null;
  let goals: GoalStatus[] = [];
  if (input.goals) {
    const files = archiveFiles(input);
    goals = evaluateGoals(goalsFor(input.goals, input.kommune.code), results, (edition) => findEdition(files, input.kommune.code, edition));
  }
  return { fileName: resultsFileName(input.edition, input.kind), content: serializeResults(results), results, previous, diff, goals, warnings };
}

/**
 * Puts the follow-up into the full document: "Endringer siden forrige utgave" before the first
 * chapter, "Mål og oppfølging" after the summary (or at the end), and a note under each indicator
 * that changed. The chapters keep their numbers; tables and figures are numbered again.
 */
export function attachFollowUp(doc: Document, f: FollowUp, texts: Texts, lang: Lang): Document {
  if (!f.diff && f.goals.length === 0) return doc;
  const taken = new Set([...walkSections(doc.sections)].map((s) => s.id));
  const slugs = new SlugSet();
  const ids = (title: string) => {
    let id = slugs.take(title);
    while (taken.has(id)) id = slugs.take(title);
    taken.add(id);
    return id;
  };
  const sections: Section[] = [...doc.sections];
  if (f.diff) {
    const { section, notes } = changesSection(f.diff, texts, lang, ids);
    sections.unshift(section);
    for (const s of walkSections(doc.sections)) {
      if (s.role !== 'indicator') continue;
      const a = s.blocks.find((b) => b.kind === 'assessment');
      const lines = a?.kind === 'assessment' ? notes.get(a.key) : undefined;
      if (!lines) continue;
      // One note after the indicator's opening sentences.
      const at = s.blocks.findIndex((b) => b.kind === 'paragraph');
      s.blocks.splice(at + 1, 0, { kind: 'note', runs: [{ text: lines.join(' ') }] });
    }
  }
  if (f.goals.length) {
    // tab-mal: indicator tables are named by indicator id, and no indicator is called "mal".
    const goals = goalsSection(f.goals, texts, lang, new BlockFactory(), ids);
    const at = sections.findIndex((s) => s.role === 'summary');
    sections.splice(at === -1 ? sections.length : at + 1, 0, goals);
  }
  return numberBlocks({ ...doc, sections });
}

/** The løpende oversikt of this edition. */
export function annualDocument(f: FollowUp, full: Document, texts: Texts, lang: Lang): Document {
  return buildAnnual({ current: f.results, diff: f.diff, goals: f.goals, full, texts, lang });
}

/**
 * What the follow-up reads, for incremental builds: the goals file, `--previous`, and the
 * earlier results in the document's folder (not this edition's own file, which the build writes).
 */
export function followUpInputs(opts: { kind: DocumentKind; edition: number; previous: string | null; goals: string | null; folder: string }): { file: string; sha256: string }[] {
  const out = [{ file: 'kind', sha256: hash(opts.kind) }];
  const read = (f: string) => (existsSync(f) && statSync(f).isFile() ? hash(readFileSync(f)) : 'missing');
  if (opts.goals) out.push({ file: `goals:${opts.goals}`, sha256: read(opts.goals) });
  const own = editionOrder({ edition: opts.edition, kind: opts.kind });
  const earlier = (files: string[]) =>
    files.filter((f) => {
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
