import type { IndicatorResult } from '../indicators/result.js';
import type { AssessmentCheck, AssessmentStatus, FileCheck } from './check.js';
import type { DocumentLang } from '../language/tags.js';
import type { SectionData, SectionDef } from './sections.js';
import type { StructuredPart } from './structured.js';

/** One § 5 b or § 5 c section as the document shows it. */
export interface KnowledgeSection {
  name: string;
  title: string;
  law: string;
  status: AssessmentStatus;
  /** The file the text comes from, or the file to write. */
  file: string;
  /** The form's parts with the municipality's text (empty parts left out), then unknown headings. */
  parts: StructuredPart[];
  preamble: string;
  /** Required headings without text (status 'incomplete'). */
  missingHeadings: string[];
  /** The section's catalogue figures that have a value for the municipality, in the data's order. */
  figures: IndicatorResult[];
  /** The gate's findings for the file (too thin parts, contradictions, language), for the draft's markers. */
  check: FileCheck;
}

/**
 * The chapters on knowledge from the municipal services (§ 5 b) and the local community (§ 5 c):
 * each section with its status, its text split by the form's headings in the document's language
 * (as the gate read it), and the catalogue figures the section data names (KOSTRA, service
 * figures) that have values.
 */
export function knowledgeChapters(check: AssessmentCheck, data: SectionData, results: IndicatorResult[], lang: DocumentLang): { services: KnowledgeSection[]; community: KnowledgeSection[] } {
  const byId = new Map(results.map((r) => [r.id, r]));
  const make = (s: SectionDef): KnowledgeSection => {
    const f = check.files.get(s.name)!;
    const written = f.status !== 'missing' && f.status !== 'empty';
    return {
      name: s.name,
      title: s.title[lang],
      law: s.law[lang],
      status: f.status,
      file: f.file,
      parts: written ? [...f.parts.filter((p) => p.body !== '').map(({ id, title, body }) => ({ id, title, body })), ...f.extra] : [],
      preamble: written ? f.preamble : '',
      missingHeadings: f.parts.filter((p) => p.problem === 'absent' || p.problem === 'empty').map((p) => p.title),
      figures: (s.indicators ?? []).map((id) => byId.get(id)).filter((r): r is IndicatorResult => r !== undefined && r.status === 'ok' && r.value?.value != null),
      check: f,
    };
  };
  return {
    services: data.sections.filter((s) => s.kind === 'service').map(make),
    community: data.sections.filter((s) => s.kind === 'community').map(make),
  };
}
