import type { IndicatorResult } from '../indicators/result.js';
import { textFor, type AssessmentSet } from './discover.js';
import { sectionStatus, structuredText, type AssessmentStatus } from './gate.js';
import type { DocumentLang } from '../language/tags.js';
import { formOf, type SectionData, type SectionDef } from './sections.js';
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
  /** Missing required headings (status 'incomplete'). */
  missingHeadings: string[];
  /** The section's catalogue figures that have a value for the municipality, in the data's order. */
  figures: IndicatorResult[];
}

/**
 * The chapters on knowledge from the municipal services (§ 5 b) and the local community (§ 5 c):
 * each section with its status, its text split by the form's headings in the document's language,
 * and the catalogue figures the section data names (KOSTRA, service figures) that have values.
 */
export function knowledgeChapters(set: AssessmentSet, data: SectionData, results: IndicatorResult[], lang: DocumentLang): { services: KnowledgeSection[]; community: KnowledgeSection[] } {
  const byId = new Map(results.map((r) => [r.id, r]));
  const make = (s: SectionDef): KnowledgeSection => {
    const { status, headings } = sectionStatus(set, data, s.name, lang);
    const t = textFor(set, s.name, lang);
    const parsed = t && status !== 'empty' ? structuredText(t, formOf(data, s)!, lang) : null;
    return {
      name: s.name,
      title: s.title[lang],
      law: s.law,
      status,
      file: t?.file ?? `${set.kommune}/${s.name}.md`,
      parts: parsed ? [...parsed.parts.filter((p) => p.body !== ''), ...parsed.extra.filter((p) => p.body !== '')] : [],
      preamble: parsed?.preamble ?? '',
      missingHeadings: headings,
      figures: (s.indicators ?? []).map((id) => byId.get(id)).filter((r): r is IndicatorResult => r !== undefined && r.status === 'ok' && r.value?.value != null),
    };
  };
  return {
    services: data.sections.filter((s) => s.kind === 'service').map(make),
    community: data.sections.filter((s) => s.kind === 'community').map(make),
  };
}
