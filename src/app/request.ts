import type { BuildConfig, OutputFormat } from '../config/config.js';
import type { DocumentLang as Lang } from '../language/tags.js';
import type { DocumentKind } from '../results/types.js';
import type { LeftOutFile } from '../sources/load.js';

export type { LeftOutFile };

/** What `folkehelse build` (or a library caller) asks for: the configuration and the command line's overrides. */
export interface BuildRequest {
  config: BuildConfig;
  /** Override the configuration's municipalities. */
  kommuner?: string[];
  /** Every municipality of this county that is in the data. */
  fylke?: string;
  formats?: OutputFormat[];
  lang?: Lang;
  out?: string;
  /** This run builds the documents i (1-based) of n, after sorting: for CI matrix jobs. */
  shard?: { index: number; count: number };
  /** Rebuild even when the inputs are unchanged. */
  force?: boolean;
  /**
   * `build --final`: a municipality whose required assessments or § 5 b–c sections are missing,
   * empty or incomplete fails with the list of files (FinalGateError), and no placeholder is
   * printed anywhere. The default (draft) marks every missing assessment.
   */
  final?: boolean;
  /** Documents rendered at once, and browser pages (default 2). */
  concurrency?: number;
  /** Where relative paths in the document are counted from (default: the config file's folder). */
  base?: string;
  onEvent?: (event: BuildEvent) => void;
  env?: NodeJS.ProcessEnv;
  /** full (the oversiktsdokument, default) or annual (the løpende oversikt). */
  kind?: DocumentKind;
  /** Overrides the configuration's edition (e.g. the year of an annual update). */
  edition?: number;
  /** A results file, or a folder of them, to compare with (default: earlier results in each document's folder). */
  previous?: string;
  /**
   * A run that writes nothing (the preview): it takes no lock on the output folder and leaves its
   * staging folder alone, so a build in another terminal is neither refused nor disturbed.
   */
  readOnly?: boolean;
}

export interface DocumentOutcome {
  /** The municipality's number, or `region`. */
  id: string;
  name: string;
  kind: 'kommune' | 'region';
  status: 'built' | 'skipped' | 'failed';
  /** Files written (or, when skipped, the files that are up to date). */
  outputs: string[];
  warnings: string[];
  /**
   * For the coordinator, not failures (the exit code ignores them): assessment files with unknown
   * names (with the nearest valid name) and texts that contradict the computed trend or verdict.
   */
  assessmentWarnings: string[];
  error: string | null;
  seconds: number;
}

export interface BuildOutcome {
  documents: DocumentOutcome[];
  /**
   * Data files left out of the run (a draft builds from everything else): each with why and its
   * first problems. The CLI names them and exits 1; `--final` refuses the data instead.
   */
  leftOut: LeftOutFile[];
  /** Requests the PDF renderer blocked (there should be none). */
  blockedRequests: string[];
  /** The index manifest of the output folder. */
  manifest: string;
  seconds: number;
}

export type BuildEvent = { type: 'plan'; total: number; skipped: number } | { type: 'document'; outcome: DocumentOutcome } | { type: 'info'; message: string };
