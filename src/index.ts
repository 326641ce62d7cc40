/**
 * folkehelse as a library: read and validate exports, compute indicators, and the statistical
 * methods behind them. `import { wilson, readFile, computeIndicators } from 'folkehelse'`.
 */
export type * from './model/observation.js';

// Ingest and validation
export { readFile, scanFile, type FileScan, type ReadOptions } from './sources/read.js';
export { loadData, InvalidDataError, type LoadedData } from './sources/load.js';
export { inspectFile, type InspectReport } from './sources/inspect.js';
export { FORMATS, FORMAT_DESCRIPTIONS, type FormatId } from './sources/detect.js';
export { validatePaths, type FileReport, type ValidationReport } from './app/validate.js';
export { ERROR_CODES, WARNING_CODES, ISSUE_DESCRIPTIONS, type ValidationIssue, type IssueCode } from './validate/issues.js';
export { GeoRegister, defaultRegister } from './geo/register.js';
export { GeoResolver } from './geo/resolve.js';
export { parsePeriod } from './ingest/period.js';
export { parseNumber } from './ingest/numbers.js';

// Indicators
export { loadCatalogue, readCatalogueFile, CatalogueError, THEMES, type Indicator, type Text, type Theme } from './indicators/catalogue.js';
export { computeIndicators, resolveKommune, UnknownKommuneError, type ComputeOptions } from './indicators/engine.js';
export { ObservationIndex } from './indicators/select.js';
export type { IndicatorResult, AreaValue, Comparison, GradientResult, AbsentReason, NotTestedReason } from './indicators/result.js';

// Statistical methods (one per module; formulas and references in their doc comments)
export {
  wilson,
  poissonRate,
  poissonLimits,
  dsr,
  smr,
  meisInterval,
  mean,
  lifeExpectancy,
  lifeExpectancyTable,
  LIFE_TABLE_AGES,
  sii,
  compare,
  recentTrend,
  chiSquareTrend,
  weightedSlope,
  nonOverlapping,
  socialGradient,
  primarySuppression,
  applySecondarySuppression,
  seriesSuppressed,
  normalQuantile,
  normalCdf,
  chiSquareQuantile,
  chiSquareUpper,
  gammaQuantile,
  studentTQuantile,
  zFor,
  confidenceLevel,
  agreesWithPublished,
  decimalsOf,
  crudeValue,
  MethodInputError,
  DEFAULT_LIMITS,
  TREND_THRESHOLD,
  type Interval,
  type LevelOptions,
  type RateResult,
  type CountLimits,
  type DsrBand,
  type DsrResult,
  type SmrBand,
  type SmrResult,
  type MeanResult,
  type LifeTableBand,
  type LifeExpectancyRow,
  type LifeExpectancyOptions,
  type LifeExpectancyTable,
  type LifeExpectancySuppression,
  type SiiResult,
  type Polarity,
  type Verdict,
  type TrendPoint,
  type TrendResult,
  type TrendDirection,
  type TrendReason,
  type TrendOptions,
  type SocialGradient,
  type SuppressionLimits,
} from './indicators/methods/index.js';
export { meis, fayFeuer, spcLimits, spcDirection, judge, referenceTest, referenceVerdict, binomialTest, poissonTest, chiangTest } from './indicators/methods/index.js';
export type { DsrOptions, FayFeuerBand, FayFeuerResult, SmrOptions, MeisOptions, MeisResult, CompareOptions, SpcLimits, SpcMeasure, SpcOptions, ReferenceTest, BarometerTestType } from './indicators/methods/index.js';

export { formatPeriod } from './report/format.js';
export { formatNumber } from './language/intl.js';
export type { DocumentLang as Lang } from './language/tags.js';
export { FolkehelseError, UsageError, InputFileError } from './base/errors.js';
export { buildDocument, type DocumentInput } from './report/model.js';
export { buildRegion, type RegionInput } from './report/region.js';
export { FORMAT_RENDERERS, OUTPUT_OPTIONS, renderOutputs, renderFigures, type Renderer, type RenderContext } from './report/renderers.js';
export type { Document, Section, Block, Run, Inline, TableBlock, FigureBlock, AssessmentBlock } from './report/document.js';
export { runFetch, type FetchOptions, type FetchSummary, type TableOutcome } from './fetch/run.js';
export { areasFor, type AreaSet } from './fetch/plan.js';
export * from './results/index.js';

// The overview's summary chapters (utfordringsbilde, social inequality, wording, short version) and
// the municipality's assessment files (discovery, § 5 b–c, the final gate), as namespaces.
export * as overview from './overview/index.js';
// Composes those chapters' data for one municipality from its results and assessment files.
export { overviewData, type OverviewInput } from './app/document-data.js';
export * as assessments from './assessments/index.js';
