import { knowledgeChapters } from '../assessments/chapters.js';
import { checkAssessments, ownList } from '../assessments/check.js';
import type { AssessmentSet } from '../assessments/discover.js';
import { AMENDMENT_2025 } from '../assessments/law.js';
import type { SectionData } from '../assessments/sections.js';
import type { IndicatorResult } from '../indicators/result.js';
import type { DocumentLang } from '../language/tags.js';
import { proposeChallenges, proposeResources } from '../overview/challenges.js';
import type { OverviewData } from '../overview/document-data.js';
import { sosialUlikhet } from '../overview/inequality.js';
import type { Priorities } from '../overview/priorities.js';
import { kortversjon, type CountyRange } from '../overview/short-version.js';

export type { OverviewData };

/** What the overview data of one municipality is composed from. */
export interface OverviewInput {
  results: IndicatorResult[];
  assessments: AssessmentSet;
  sections: SectionData;
  priorities: Priorities;
  lang: DocumentLang;
  /** The document's date (`documentDate`): what the law requires on that day. Default: a date the 2025 amendment applies to. */
  date?: string;
  /** The county's range per indicator (`countyRanges`); empty when the county's data is not loaded. */
  ranges?: Map<string, CountyRange>;
}

/**
 * The data of the summary, inequality, § 5 b–c chapters and the short version, and the gate's
 * check (`checkAssessments`: what `--final` refuses and the draft marks, contradictions,
 * language). Own lists come from `utfordringer.md` and `ressurser.md` (in the document's language).
 */
export function overviewData(input: OverviewInput): OverviewData {
  const { results, assessments: set, sections, priorities, lang } = input;
  const check = checkAssessments({ assessments: set, sections, lang, date: input.date ?? AMENDMENT_2025, results, priorities });
  const utfordringsbilde = proposeChallenges(results, priorities, ownList(check, 'utfordringer'));
  const ressurser = proposeResources(results, priorities, ownList(check, 'ressurser'));
  const ulikhet = sosialUlikhet(results, priorities);
  const { services, community } = knowledgeChapters(check, sections, results, lang);
  return {
    utfordringsbilde,
    ressurser,
    ulikhet,
    services,
    community,
    missing: check.missing,
    unknown: set.unknown,
    contradictions: check.contradictions,
    check,
    kortversjon: kortversjon(results, utfordringsbilde, ressurser, ulikhet, input.ranges ?? new Map()),
  };
}
