import { FolkehelseError, EXIT_INVALID_DATA, msg, say } from '../base/errors.js';
import { sayCount } from '../base/messages.js';
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

/**
 * What a required assessment lacks, in words of the run's language (the CLI's --lang; English in
 * the library); the section's title and law in the document's language.
 */
export function describeMissing(m: MissingAssessment, lang: DocumentLang = BASE_LANG): string {
  const parts: string[] = [];
  if (m.status === 'missing') parts.push(say('gate.missing'));
  else if (m.status === 'empty') parts.push(say('gate.empty'));
  if (m.headings.length) parts.push(say('gate.noText', { headings: m.headings.map((h) => say('gate.heading', { title: h })).join(', ') }));
  for (const t of m.thin) {
    const words = sayCount('gate.words', t.words);
    parts.push(t.title ? say('gate.thinPart', { heading: say('gate.heading', { title: t.title }), words, min: t.minWords }) : say('gate.thinText', { words, min: t.minWords }));
  }
  return `${m.file}: ${parts.join('; ')} (${m.title[lang]}; ${m.law[lang]})`;
}

/** A contradiction and what to do about it (the run's language). */
export function describeContradiction(c: ContradictionWarning): string {
  return say('gate.contradiction', { message: c.message });
}

const LANGUAGE_NAMES: Record<DocumentLang, string> = { nb: 'bokmål', nn: 'nynorsk' };

/** An assessment read in another language than the document's (the run's language). */
export function describeLanguage(l: LanguageMismatch): string {
  const own = assessmentFileName(l.name, l.documentLang);
  return say('gate.language', { file: l.file, documentLang: LANGUAGE_NAMES[l.documentLang], fileLang: LANGUAGE_NAMES[l.fileLang], own: l.file.replace(/[^/]+$/, own) });
}

/** `build --final` on assessments that are not ready: exit 1, naming every file, part and sentence (in the run's language). */
export class FinalGateError extends FolkehelseError {
  constructor(readonly check: AssessmentCheck) {
    const { missing, unknown } = check;
    const contradictions = check.contradictions.filter((c) => c.deliberate === null);
    const what = [
      missing.length ? sayCount('gate.finalMissing', missing.length) : null,
      contradictions.length ? sayCount('gate.finalContradictions', contradictions.length) : null,
      unknown.length ? sayCount('gate.finalUnknown', unknown.length) : null,
    ].filter(Boolean);
    const lines = [
      ...missing.map((m) => `  ${describeMissing(m, check.lang)}`),
      ...contradictions.map((c) => `  ${describeContradiction(c)}`),
      ...(unknown.length ? [say('gate.unknownFiles'), ...unknown.map((u) => `  ${describeUnknown(u)}`)] : []),
    ];
    // The parts are rendered already (in the run's language); the frame is a message of the vocabulary.
    super(msg('gate.final', { what: what.join('; '), lines: lines.join('\n') }), EXIT_INVALID_DATA);
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
