import type { IndicatorResult } from '../indicators/result.js';
import type { DocumentLang, LangText } from '../language/tags.js';
import type { Priorities } from '../overview/priorities.js';
import { findContradictions, type ContradictionWarning } from './contradictions.js';
import { textIn, type AssessmentSet, type AssessmentText } from './discover.js';
import type { UnknownFile } from './names.js';
import { formOf, isRequired, type FormHeading, type SectionData, type SectionDef } from './sections.js';
import { beforeParts, countWords, isFilled, parseList, parseStructured, withoutComments, type StructuredPart } from './structured.js';

export type AssessmentStatus = 'present' | 'missing' | 'empty' | 'incomplete' | 'thin';

/** One part (## heading) of a structured assessment, as the gate sees it. */
export interface PartCheck {
  id: string;
  /** The heading in the document's language. */
  title: string;
  /** Required on the document's date. */
  required: boolean;
  /** A list part (the challenges): its items are the file's `items`, shown by the summary, not as a part. */
  list: boolean;
  /** The text under the heading, comments removed ('' when none). */
  body: string;
  words: number;
  minWords: number | null;
  /** absent: the file has no such heading; empty: the heading has no text; thin: fewer words than `minWords`. Only for required parts. */
  problem: 'absent' | 'empty' | 'thin' | null;
}

/** One assessment file (a section of sections.json, or an indicator's own file), checked. */
export interface FileCheck {
  name: string;
  /** The section it is, or null for an indicator's own file. */
  section: SectionDef | null;
  /** Required on the document's date. */
  required: boolean;
  /** A section required only from a later date than the document's (planbehov before 2026): that date. */
  requiredFrom: string | null;
  status: AssessmentStatus;
  /** The file read, or the file to write (`5037/c.md`; `5037/c.nn.md` for a nynorsk document). */
  file: string;
  text: AssessmentText | null;
  /** The language of the file read; not the document's when `fallback`. */
  textLang: DocumentLang | null;
  fallback: boolean;
  /** Text before the first heading of a structured file (comments removed); the whole text of any other. */
  preamble: string;
  /** The form's parts, in the form's order (none for a file without a form). */
  parts: PartCheck[];
  /** Headings the form does not know, kept after the known parts. */
  extra: StructuredPart[];
  /** A list's items (utfordringer, ressurser), or null. */
  items: string[] | null;
  /** The words of a file without a form, and the least it must have. */
  words: number;
  minWords: number | null;
  contradictions: ContradictionWarning[];
}

/** A required assessment that is not ready: what `--final` names. */
export interface MissingAssessment {
  name: string;
  /** The file to write or complete, relative to the assessments folder (`5037/c.md`). */
  file: string;
  title: LangText;
  law: LangText;
  status: Exclude<AssessmentStatus, 'present'>;
  /** Required parts without their heading or without text, in the document's language. */
  headings: string[];
  /** Required parts (or, for a file without parts, the whole text: title '') with too few words. */
  thin: { title: string; words: number; minWords: number }[];
}

/** An assessment read from a file in another language than the document's. */
export interface LanguageMismatch {
  name: string;
  file: string;
  fileLang: DocumentLang;
  documentLang: DocumentLang;
}

/** Everything the gate found for one municipality's assessments in one document. */
export interface AssessmentCheck {
  kommune: string;
  lang: DocumentLang;
  /** The document's date (ISO): the law as it stands on that day decides what is required. */
  date: string;
  /** Every section of sections.json in its order, then every indicator's own file that exists. */
  files: Map<string, FileCheck>;
  /** Required assessments that are missing, empty, incomplete or too thin, in the data's order. */
  missing: MissingAssessment[];
  /** Every text that contradicts the numbers; those with `deliberate` set are let through. */
  contradictions: ContradictionWarning[];
  /** Assessments read from a file that is not in the document's language (named, not refused). */
  language: LanguageMismatch[];
  unknown: UnknownFile[];
  /** Nothing that `--final` refuses: no missing assessment, no unmarked contradiction, no unknown file. */
  ready: boolean;
}

export interface CheckInput {
  assessments: AssessmentSet;
  sections: SectionData;
  lang: DocumentLang;
  /** The document's date (`documentDate`). */
  date: string;
  /** The computed results and the indicators' keywords: without them no contradiction is looked for. */
  results?: IndicatorResult[];
  priorities?: Priorities;
}

/**
 * The gate: every rule on the municipality's assessments, in one place, for `build --final` (which
 * refuses what is not `ready`), the draft's markers, `folkehelse vurderinger` and `preview`.
 *
 * - A required section (on the document's date: `requiredFrom`) must exist and have text of its own.
 * - A structured file must have text under every required heading (`## …`, in bokmål or nynorsk,
 *   or an accepted alias), each with at least `minWords` words; a file without a form has
 *   `minWords` for its whole text; a list part at least one item.
 * - A sentence that contradicts the computed trend or comparison is refused unless the coordinator
 *   marks it deliberate (`<!-- bevisst: reason -->` right after it).
 * - An unknown file name is refused (its text would be lost).
 * - A file in another language than the document's is named (`language`), not refused.
 */
export function checkAssessments(input: CheckInput): AssessmentCheck {
  const { assessments: set, sections: data, lang, date } = input;
  const files = new Map<string, FileCheck>();
  for (const s of data.sections) files.set(s.name, checkFile(input, s.name, s));
  for (const name of [...set.assessments.keys()].sort()) if (!files.has(name)) files.set(name, checkFile(input, name, null));
  const missing: MissingAssessment[] = [];
  for (const f of files.values()) {
    if (!f.section || !f.required || f.status === 'present') continue;
    const required = f.parts.filter((p) => p.problem === 'absent' || p.problem === 'empty');
    const thin = f.parts.filter((p) => p.problem === 'thin').map((p) => ({ title: p.title, words: p.words, minWords: p.minWords! }));
    if (f.status === 'thin' && f.parts.length === 0) thin.push({ title: '', words: f.words, minWords: f.minWords! });
    missing.push({ name: f.name, file: f.file, title: f.section.title, law: f.section.law, status: f.status, headings: required.map((p) => p.title), thin });
  }
  const contradictions = [...files.values()].flatMap((f) => f.contradictions);
  const language = [...files.values()].filter((f) => f.fallback && f.textLang).map((f) => ({ name: f.name, file: f.file, fileLang: f.textLang!, documentLang: lang }));
  const ready = missing.length === 0 && set.unknown.length === 0 && contradictions.every((c) => c.deliberate !== null);
  return { kommune: set.kommune, lang, date, files, missing, contradictions, language, unknown: set.unknown, ready };
}

function checkFile(input: CheckInput, name: string, section: SectionDef | null): FileCheck {
  const { assessments: set, sections: data, lang, date } = input;
  const chosen = textIn(set, name, lang);
  const required = section ? isRequired(section, date) : false;
  const requiredFrom = section && !required && section.requiredFrom ? section.requiredFrom : null;
  const form = section ? formOf(data, section) : null;
  const suffix = lang === 'nb' ? '' : `.${lang}`;
  const base: FileCheck = {
    name,
    section,
    required,
    requiredFrom,
    status: 'missing',
    file: chosen?.text.file ?? `${set.kommune}/${name}${suffix}.md`,
    text: chosen?.text ?? null,
    textLang: chosen?.lang ?? null,
    fallback: chosen?.fallback ?? false,
    preamble: '',
    parts: [],
    extra: [],
    items: null,
    words: 0,
    minWords: section?.minWords ?? null,
    contradictions: [],
  };
  if (!chosen) return base;
  const body = chosen.text.body;
  base.contradictions = contradictionsIn(input, name, chosen.text);
  if (!isFilled(body)) return { ...base, status: 'empty', preamble: '' };
  if (!form) {
    const words = countWords(body);
    const items = section?.kind === 'list' ? parseList(body) : null;
    const thin = base.minWords !== null && words < base.minWords;
    return { ...base, status: thin ? 'thin' : 'present', preamble: withoutComments(body), words, items };
  }
  const parsed = parseStructured(body, form, lang);
  const parts = form.map((h, i) => partCheck(h, parsed.parts[i]!, parsed.headed.has(h.id), date, h.list ? parsed.preamble : ''));
  const listPart = form.find((h) => h.list);
  const items = listPart ? parseList(parsed.headed.has(listPart.id) ? parsed.parts.find((p) => p.id === listPart.id)!.body : beforeParts(withoutComments(body))) : null;
  // A list read from before the first heading is not also the preamble.
  const preamble = listPart && !parsed.headed.has(listPart.id) ? '' : parsed.preamble;
  const problems = parts.map((p) => p.problem);
  const status: AssessmentStatus = problems.some((p) => p === 'absent' || p === 'empty') ? 'incomplete' : problems.includes('thin') ? 'thin' : 'present';
  return { ...base, status, preamble, parts, extra: parsed.extra.filter((e) => e.body !== ''), items };
}

function partCheck(h: FormHeading, part: StructuredPart, headed: boolean, date: string, preamble: string): PartCheck {
  const required = isRequired(h, date);
  // A list part without its heading is read from the text before the first heading.
  const body = h.list && !headed ? preamble : part.body;
  const words = countWords(body);
  const minWords = h.minWords ?? null;
  let problem: PartCheck['problem'] = null;
  if (required) {
    if (h.list) problem = parseList(body).length ? null : headed ? 'empty' : 'absent';
    else if (!isFilled(body)) problem = headed ? 'empty' : 'absent';
    else if (minWords !== null && words < minWords) problem = 'thin';
  }
  return { id: h.id, title: part.title, required, list: h.list === true, body: h.list ? withoutComments(body) : part.body, words, minWords, problem };
}

/** Theme files against their theme's indicators, an indicator's own file against it, the others against every indicator. */
function contradictionsIn(input: CheckInput, name: string, text: AssessmentText): ContradictionWarning[] {
  const { results, priorities } = input;
  if (!results || !priorities) return [];
  const options = /^[a-f]$/.test(name) ? { theme: name } : results.some((r) => r.id === name) ? { indicatorId: name } : {};
  return findContradictions(text.body, text.file, results, priorities, options);
}

/** The items of an own list (utfordringer, ressurser) as the document uses them, or null when there are none. */
export function ownList(check: AssessmentCheck, name: string): string[] | null {
  const items = check.files.get(name)?.items ?? null;
  return items && items.length ? items : null;
}
