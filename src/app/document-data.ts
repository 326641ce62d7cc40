import { knowledgeChapters } from '../assessments/chapters.js';
import { findContradictions, type ContradictionWarning } from '../assessments/contradictions.js';
import { textFor, type AssessmentSet } from '../assessments/discover.js';
import { checkFinal } from '../assessments/gate.js';
import type { SectionData } from '../assessments/sections.js';
import { parseList } from '../assessments/structured.js';
import { isTheme } from '../indicators/catalogue.js';
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
  /** The county's range per indicator (`countyRanges`); empty when the county's data is not loaded. */
  ranges?: Map<string, CountyRange>;
}

/**
 * The data of the summary, inequality, § 5 b–c chapters and the short version, the gate's list and
 * the contradiction warnings. Own lists come from `utfordringer.md` and `ressurser.md` (in the
 * document's language). Theme files are checked against their theme's indicators, an indicator's
 * own file against that indicator, the other files against every indicator.
 */
export function overviewData(input: OverviewInput): OverviewData {
  const { results, assessments: set, sections, priorities, lang } = input;
  const list = (name: string) => {
    const t = textFor(set, name, lang);
    const items = t ? parseList(t.body) : [];
    return items.length ? items : null;
  };
  const utfordringsbilde = proposeChallenges(results, priorities, list('utfordringer'));
  const ressurser = proposeResources(results, priorities, list('ressurser'));
  const ulikhet = sosialUlikhet(results, priorities);
  const { services, community } = knowledgeChapters(set, sections, results, lang);
  const ids = new Set(results.map((r) => r.id));
  const contradictions: ContradictionWarning[] = [];
  for (const name of [...set.assessments.keys()].sort()) {
    const t = textFor(set, name, lang);
    if (!t) continue;
    const options = isTheme(name) ? { theme: name } : ids.has(name) ? { indicatorId: name } : {};
    contradictions.push(...findContradictions(t.body, t.file, results, priorities, options));
  }
  return {
    utfordringsbilde,
    ressurser,
    ulikhet,
    services,
    community,
    missing: checkFinal(set, sections, lang),
    unknown: set.unknown,
    contradictions,
    kortversjon: kortversjon(results, utfordringsbilde, ressurser, ulikhet, input.ranges ?? new Map()),
  };
}
