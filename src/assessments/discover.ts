import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFileNames, type UnknownFile } from './names.js';
import type { DocumentLang } from '../language/tags.js';

export interface AssessmentText {
  /** Path relative to the assessments folder, e.g. `5037/a.nn.md` (for messages). */
  file: string;
  body: string;
}

/** One assessment: its default text (`a.md`) and texts per language (`a.nb.md`, `a.nn.md`). */
export interface Assessment {
  name: string;
  default: AssessmentText | null;
  byLang: Partial<Record<DocumentLang, AssessmentText>>;
}

export interface AssessmentSet {
  kommune: string;
  assessments: Map<string, Assessment>;
  unknown: UnknownFile[];
}

/**
 * Collects a municipality's assessment files from already-listed names and contents (pure): the
 * I/O is in `readAssessmentFolder`.
 */
export function collectAssessments(kommune: string, files: { name: string; body: string }[], valid: readonly string[]): AssessmentSet {
  const bodies = new Map(files.map((f) => [f.name, f.body.replace(/^\uFEFF/, '').trim()]));
  const { known, unknown } = classifyFileNames([...bodies.keys()], valid);
  const assessments = new Map<string, Assessment>();
  for (const k of known) {
    let a = assessments.get(k.name);
    if (!a) assessments.set(k.name, (a = { name: k.name, default: null, byLang: {} }));
    const t = { file: `${kommune}/${k.file}`, body: bodies.get(k.file)! };
    if (k.lang) a.byLang[k.lang] = t;
    else a.default = t;
  }
  return { kommune, assessments, unknown: unknown.map((u) => ({ ...u, file: `${kommune}/${u.file}` })) };
}

/** Reads `<folder>/<kommune>/*.md` (a missing folder is an empty set). */
export function readAssessmentFolder(folder: string, kommune: string, valid: readonly string[]): AssessmentSet {
  const dir = join(folder, kommune);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { kommune, assessments: new Map(), unknown: [] };
  // Other files are listed (a `c.docx` is reported), only Markdown is read.
  const files = readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((name) => ({ name, body: name.toLowerCase().endsWith('.md') ? readFileSync(join(dir, name), 'utf8') : '' }));
  return collectAssessments(kommune, files, valid);
}

/**
 * The text of an assessment in a language: `<name>.<lang>.md` when it exists, else `<name>.md`
 * (written in the document's main language), else null. A text that is only a template's
 * guidance counts as absent for `isFilled` but is still returned.
 */
export function textFor(set: AssessmentSet, name: string, lang: DocumentLang): AssessmentText | null {
  const a = set.assessments.get(name);
  if (!a) return null;
  return a.byLang[lang] ?? a.default;
}
