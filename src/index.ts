/**
 * folkehelse as a library: read and validate exports, and the canonical observation model.
 * `import { readFile, validatePaths } from 'folkehelse'`.
 */
export type * from './model/observation.js';
export { readFile, scanFile, type FileScan, type ReadOptions } from './ingest/read.js';
export { inspectFile, type InspectReport } from './ingest/inspect.js';
export { FORMATS, FORMAT_DESCRIPTIONS, type FormatId } from './ingest/detect.js';
export { validatePaths, type FileReport, type ValidationReport } from './validate/validate.js';
export { ERROR_CODES, WARNING_CODES, ISSUE_DESCRIPTIONS, type ValidationIssue, type IssueCode } from './validate/issues.js';
export { GeoRegister, defaultRegister } from './geo/register.js';
export { GeoResolver } from './geo/resolve.js';
export { parsePeriod } from './ingest/period.js';
export { parseNumber } from './ingest/numbers.js';
export { FolkehelseError, UsageError, InputFileError } from './errors.js';
