import type { Geography, Observation } from '../model/observation.js';
import type { IndicatorResult } from '../indicators/result.js';
import type { SuppressionLimits } from '../indicators/methods/suppression.js';
import type { DocumentLang } from '../language/tags.js';
import type { OverviewData } from '../overview/document-data.js';
import type { Priorities } from '../overview/priorities.js';
import { writtenAssessment } from './assessment.js';
import { assessmentView, type AssessmentView } from './assessment-blocks.js';
import { BlockFactory, Words } from './blocks.js';
import type { Block, CoatOfArms } from './document.js';
import { SlugSet } from './escape.js';
import type { Texts } from './language.js';

export interface SourceFileInfo {
  /** Path as shown (relative to the data folder). */
  file: string;
  sha256: string;
  source: string;
  tables: string[];
  periods: string;
  /** Set for a table written by `folkehelse fetch` (its sidecar): cited by table and retrieval date. */
  fetched?: { api: string; collection: string; table: string; title: string | null; retrievedAt: string; url: string | null };
  /** When `folkehelse fetch` retrieved the file (its sidecar, ISO date), or null for a file downloaded by hand. */
  retrieved?: string | null;
}

export interface DocumentInput {
  lang: DocumentLang;
  texts: Texts;
  kommune: Geography;
  fylke: Geography;
  edition: number;
  generatedOn: string | null;
  coatOfArms: Omit<CoatOfArms, 'alt'> | null;
  results: IndicatorResult[];
  sources: SourceFileInfo[];
  /** Observations of SSB table 07459 (population by sex and age) for the pyramid, if any. */
  population: Observation[];
  /** Human-written Markdown by key: `a`…`f`, an indicator id, and the file names in the language file's `assessmentFiles`. */
  assessments: Map<string, string>;
  /** Where a missing assessment should be written, relative, for the "Vurdering mangler" box. */
  assessmentPath: (key: string) => string;
  /** The limits applied (strictest of default and configuration), and the Ungdata groups' denominator limit. */
  suppression: SuppressionLimits & { groupDenominator?: number };
  version: string;
  /**
   * The summary, inequality and § 5 b–c chapters' data (`overviewData`). With it the document has
   * the adoptable structure: summary first, inequality, themes, § 5 b–c, appendix with the sources.
   */
  overview?: OverviewData;
  /** Per-indicator words (rate phrases, youth) from data/overview/utfordringsbilde.json; without them units follow numbers. */
  priorities?: Priorities;
  /** `build --final`: no "missing" markers at all (the gate has refused a document with required gaps). */
  final?: boolean;
  /** Data files the draft was built without (unreadable, or with errors): named with their first problems. */
  leftOut?: LeftOutSource[];
}

/** A data file left out of the build, as the document names it (its path in the project, or its name). */
export interface LeftOutSource {
  file: string;
  problems: string[];
  /** The tables it held, as far as it was read: the indicators it would have given. */
  tables: string[];
}

/** A chapter's number, anchor and title. */
export interface ChapterHeading {
  number: string;
  id: string;
  title: string;
}

/** One municipality's document while it is built: its words, ids and anchors, and the municipality's texts as blocks. */
export interface DocumentContext {
  input: DocumentInput;
  lang: DocumentLang;
  w: Words;
  blocks: BlockFactory;
  slugs: SlugSet;
  /** Indicator id → its section in the theme chapters, for links. */
  anchors: Map<string, string>;
  results: IndicatorResult[];
  /** The next chapter's number and anchor. */
  numbered: (title: string) => ChapterHeading;
  /** The municipality's text as an assessment block, or the "missing" marker (none in --final), with a draft's markers. */
  assessment: (key: string) => Block[];
  /** A structured assessment (a theme, the challenges, the planning): its blocks, and its parts as sections of `depth`. */
  assessmentParts: (key: string, depth: 2 | 3) => AssessmentView;
  /** Written text only (never a marker). */
  own: (key: string) => Block[];
}

export function documentContext(input: DocumentInput): DocumentContext {
  const w = new Words(input.texts);
  const slugs = new SlugSet();
  let chapter = 0;
  const written = (key: string): Block[] => {
    const text = input.assessments.get(key);
    return text ? [writtenAssessment(key, text)] : [];
  };
  const ctx: DocumentContext = {
    input,
    lang: input.lang,
    w,
    blocks: new BlockFactory(),
    slugs,
    anchors: new Map(),
    results: input.results,
    numbered: (title) => {
      const number = String(++chapter);
      return { number, id: slugs.take(`${number} ${title}`), title };
    },
    own: written,
    // A final document never prints a placeholder or a marker.
    assessment: (key) => assessmentView(ctx, key, 3).blocks,
    assessmentParts: (key, depth) => assessmentView(ctx, key, depth),
  };
  return ctx;
}
