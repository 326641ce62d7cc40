/** Over time: the results archive, the diff between editions, goals and the change tests. */
export { toResultsFile, readResultsFile, serializeResults, findPrevious, resultsFileName, publishedValue } from './archive.js';
export { diffResults, isEmptyDiff, type ResultsDiff, type VerdictChange, type Revision, type NewData } from './diff.js';
export { loadGoals, evaluateGoals, goalsFor, type Goal, type GoalsFile, type GoalStatus } from './goals.js';
export { testChange, testGapChange, type ChangeTest, type ChangeOutcome } from './change-test.js';
export { JsonFileError } from './json-file.js';
export type { ResultsFile, ResultsIndicator, ResultsValue, DocumentKind } from './types.js';
