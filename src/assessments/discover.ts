import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFileNames, type UnknownFile } from './names.js';
import { BASE_LANG, DOCUMENT_LANGS, type DocumentLang } from '../language/tags.js';

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

/** The text an assessment is read from for a document, and the language that text is in. */
export interface ChosenText {
  text: AssessmentText;
  /** The file's language: `<name>.nn.md` is nynorsk, `<name>.nb.md` and `<name>.md` bokmål. */
  lang: DocumentLang;
  /** True when the file is not in the document's language (a nynorsk document reading `a.md`). */
  fallback: boolean;
}

/**
 * The text of an assessment for a document in `lang`: the file in that language (`a.nn.md` for
 * nynorsk; `a.nb.md` or `a.md` for bokmål), else a file in another language (marked `fallback`:
 * the build names it), else null.
 */
export function textIn(set: AssessmentSet, name: string, lang: DocumentLang): ChosenText | null {
  const a = set.assessments.get(name);
  if (!a) return null;
  const inLang = (l: DocumentLang): AssessmentText | null => a.byLang[l] ?? (l === BASE_LANG ? a.default : null) ?? null;
  const own = inLang(lang);
  if (own) return { text: own, lang, fallback: false };
  for (const l of [BASE_LANG, ...DOCUMENT_LANGS.filter((x) => x !== BASE_LANG)] as DocumentLang[]) {
    const t = inLang(l);
    if (t) return { text: t, lang: l, fallback: true };
  }
  return null;
}

/** The text of an assessment for a document in `lang` (`textIn`), or null. */
export function textFor(set: AssessmentSet, name: string, lang: DocumentLang): AssessmentText | null {
  return textIn(set, name, lang)?.text ?? null;
}
