import type { KnowledgeSection } from '../assessments/chapters.js';
import type { ContradictionWarning } from '../assessments/contradictions.js';
import type { AssessmentCheck, MissingAssessment } from '../assessments/check.js';
import type { UnknownFile } from '../assessments/names.js';
import type { Ressurser, Utfordringsbilde } from './challenges.js';
import type { SosialUlikhet } from './inequality.js';
import type { Kortversjon } from './short-version.js';

/**
 * Everything issue 14's chapters need for one municipality: the data the report's summary,
 * inequality, § 5 b–c chapters and short version are built from. Composed by `overviewData`
 * (src/app/document-data.ts) from the results and the municipality's assessment files.
 */
export interface OverviewData {
  utfordringsbilde: Utfordringsbilde;
  ressurser: Ressurser;
  ulikhet: SosialUlikhet;
  services: KnowledgeSection[];
  community: KnowledgeSection[];
  /** What `--final` stops on and `--draft` marks. */
  missing: MissingAssessment[];
  unknown: UnknownFile[];
  /** Texts that contradict the numbers: refused by `--final` unless marked deliberate, marked in the draft. */
  contradictions: ContradictionWarning[];
  /** The gate's whole check (`checkAssessments`): per file its parts, findings and language, for the draft's markers. */
  check: AssessmentCheck;
  kortversjon: Kortversjon;
}
