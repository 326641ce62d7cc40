import { FolkehelseError, EXIT_INVALID_DATA, msg, say } from '../base/errors.js';
import { sayCount } from '../base/messages.js';
import { BASE_LANG, type DocumentLang, type LangText } from '../language/tags.js';
import { textFor, type AssessmentSet, type AssessmentText } from './discover.js';
import { describeUnknown } from './names.js';
import { formOf, type FormHeading, type SectionData } from './sections.js';
import { isFilled, parseStructured, type StructuredFile } from './structured.js';

export type AssessmentStatus = 'present' | 'missing' | 'empty' | 'incomplete';

export interface MissingAssessment {
  name: string;
  /** The file to write, relative to the assessments folder (`5037/c.md`). */
  file: string;
  title: LangText;
  law: string;
  status: Exclude<AssessmentStatus, 'present'>;
  /** For a structured file: the required headings without text, in the document's language. */
  headings: string[];
}

/** Each structured file split once by its headings, per language, however often it is asked about. */
const structured = new WeakMap<AssessmentText, Map<string, StructuredFile>>();

/** A § 5 b–c file split by the form's headings (read once per text and language). */
export function structuredText(t: AssessmentText, form: FormHeading[], lang: DocumentLang): StructuredFile {
  let byLang = structured.get(t);
  if (!byLang) structured.set(t, (byLang = new Map()));
  let parsed = byLang.get(lang);
  if (!parsed) byLang.set(lang, (parsed = parseStructured(t.body, form, lang)));
  return parsed;
}

/**
 * The status of one section: missing (no file), empty (only whitespace, comments or headings: a
 * template not filled in), incomplete (a structured file with a required heading empty), present.
 */
export function sectionStatus(set: AssessmentSet, data: SectionData, name: string, lang: DocumentLang): { status: AssessmentStatus; headings: string[] } {
  const def = data.sections.find((s) => s.name === name);
  const t = textFor(set, name, lang);
  if (!t) return { status: 'missing', headings: [] };
  if (!isFilled(t.body)) return { status: 'empty', headings: [] };
  const form = def ? formOf(data, def) : null;
  if (form) {
    const missing = structuredText(t, form, lang).missing;
    if (missing.length) return { status: 'incomplete', headings: missing.map((id) => form.find((h) => h.id === id)!.title[lang]) };
  }
  return { status: 'present', headings: [] };
}

/**
 * The gate of `build --final`: every required assessment and § 5 b–c section that is missing,
 * empty or incomplete, in the data's order. An empty list means the document may be final.
 * `build --draft` (the default) uses the same list to mark the gaps in the document.
 */
export function checkFinal(set: AssessmentSet, data: SectionData, lang: DocumentLang): MissingAssessment[] {
  const out: MissingAssessment[] = [];
  for (const s of data.sections) {
    if (!s.required) continue;
    const { status, headings } = sectionStatus(set, data, s.name, lang);
    if (status === 'present') continue;
    const existing = textFor(set, s.name, lang);
    out.push({ name: s.name, file: existing?.file ?? `${set.kommune}/${s.name}.md`, title: s.title, law: s.law, status, headings });
  }
  return out;
}

const STATUS_WORDS = { missing: 'errors.gate.missing', empty: 'errors.gate.empty', incomplete: 'errors.gate.incomplete' } as const satisfies Record<MissingAssessment['status'], string>;

/** `build --final` with gaps: exit 1, naming every file to write (and unknown files with their nearest name). */
export class FinalGateError extends FolkehelseError {
  constructor(
    readonly missing: MissingAssessment[],
    readonly unknown: AssessmentSet['unknown'] = [],
  ) {
    const lines = missing.map((m) => `  ${m.file}: ${say(STATUS_WORDS[m.status])}${m.headings.length ? ` ${m.headings.map((h) => `"## ${h}"`).join(', ')}` : ''} (${m.title[BASE_LANG]}; ${m.law})`);
    const unknownLines = unknown.map((u) => `  ${describeUnknown(u)}`);
    const count = sayCount('errors.gate.count', missing.length);
    super(msg('errors.gate.notReady', { count, lines: lines.join('\n'), unknown: unknownLines.length ? msg('errors.gate.unknownFiles', { lines: unknownLines.join('\n') }) : '' }), EXIT_INVALID_DATA);
  }
}

/** Throws FinalGateError when anything required is missing (for `build --final`). */
export function assertFinal(set: AssessmentSet, data: SectionData, lang: DocumentLang): void {
  const missing = checkFinal(set, data, lang);
  if (missing.length) throw new FinalGateError(missing, set.unknown);
}
