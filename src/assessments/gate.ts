import { FolkehelseError, EXIT_INVALID_DATA } from '../base/errors.js';
import { plural } from '../language/intl.js';
import { BASE_LANG, type DocumentLang } from '../language/tags.js';
import { checkAssessments, type AssessmentCheck, type LanguageMismatch, type MissingAssessment } from './check.js';
import type { ContradictionWarning } from './contradictions.js';
import type { AssessmentSet } from './discover.js';
import { AMENDMENT_2025 } from './law.js';
import { describeUnknown } from './names.js';
import type { SectionData } from './sections.js';
import { assessmentFileName } from './template.js';

export { checkAssessments, ownList } from './check.js';
export type { AssessmentCheck, AssessmentStatus, CheckInput, FileCheck, LanguageMismatch, MissingAssessment, PartCheck } from './check.js';

/** What a required assessment lacks, in words (English, like the other messages of the program). */
export function describeMissing(m: MissingAssessment, lang: DocumentLang = BASE_LANG): string {
  const parts: string[] = [];
  if (m.status === 'missing') parts.push('missing');
  else if (m.status === 'empty') parts.push('empty (only the template)');
  if (m.headings.length) parts.push(`missing text under ${m.headings.map((h) => `"## ${h}"`).join(', ')}`);
  for (const t of m.thin) parts.push(`too thin: ${t.title ? `"## ${t.title}" has` : 'the text has'} ${t.words} ${t.words === 1 ? 'word' : 'words'} (at least ${t.minWords})`);
  return `${m.file}: ${parts.join('; ')} (${m.title[lang]}; ${m.law[lang]})`;
}

/** A contradiction and what to do about it (English). */
export function describeContradiction(c: ContradictionWarning): string {
  return `${c.message} — change the sentence, or mark it as deliberate with <!-- bevisst: reason --> right after it`;
}

const LANGUAGE_NAMES: Record<DocumentLang, string> = { nb: 'bokmål', nn: 'nynorsk' };

/** An assessment read in another language than the document's (English). */
export function describeLanguage(l: LanguageMismatch): string {
  const own = assessmentFileName(l.name, l.documentLang);
  return `${l.file}: the ${LANGUAGE_NAMES[l.documentLang]} document uses this ${LANGUAGE_NAMES[l.fileLang]} text; write ${l.file.replace(/[^/]+$/, own)} for a text in ${LANGUAGE_NAMES[l.documentLang]}`;
}

/** `build --final` on assessments that are not ready: exit 1, naming every file, part and sentence. */
export class FinalGateError extends FolkehelseError {
  constructor(readonly check: AssessmentCheck) {
    const { missing, unknown } = check;
    const contradictions = check.contradictions.filter((c) => c.deliberate === null);
    const what = [
      missing.length ? `${missing.length} required ${plural(missing.length, 'en', { one: 'assessment is', other: 'assessments are' })} missing, empty, incomplete or too thin` : null,
      contradictions.length ? `${contradictions.length} ${plural(contradictions.length, 'en', { one: 'sentence contradicts', other: 'sentences contradict' })} the numbers` : null,
      unknown.length ? `${unknown.length} ${plural(unknown.length, 'en', { one: 'file has', other: 'files have' })} an unknown name` : null,
    ].filter(Boolean);
    const lines = [
      ...missing.map((m) => `  ${describeMissing(m)}`),
      ...contradictions.map((c) => `  ${describeContradiction(c)}`),
      ...(unknown.length ? ['unknown files:', ...unknown.map((u) => `  ${describeUnknown(u)}`)] : []),
    ];
    super(
      `--final: the overview is not ready: ${what.join('; ')}:\n${lines.join('\n')}\nWrite them (templates: folkehelse vurderinger --templates) or build without --final to get a draft that marks them.`,
      EXIT_INVALID_DATA,
    );
  }
}

/** Throws FinalGateError when the check is not ready (for `build --final`). */
export function assertFinal(check: AssessmentCheck): void {
  if (!check.ready) throw new FinalGateError(check);
}

/**
 * The required assessments that are not ready (the files only: no numbers, so no contradiction),
 * for a document dated `date` (by default one the 2025 amendment applies to).
 */
export function checkFinal(set: AssessmentSet, data: SectionData, lang: DocumentLang, date: string = AMENDMENT_2025): MissingAssessment[] {
  return checkAssessments({ assessments: set, sections: data, lang, date }).missing;
}
