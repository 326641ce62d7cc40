import type { ResultsIndicator } from '../contracts/results.js';

/**
 * `resultater-<edition>.json`: what one edition said about one municipality. The types are
 * generated from schemas/results.schema.json (src/contracts/results.ts), which is what a results
 * file is read back against.
 */
export type { DocumentKind, ResultsFile, ResultsIndicator, ResultsPeriod, ResultsValue } from '../contracts/results.js';

export type ResultsGradient = NonNullable<ResultsIndicator['gradient']>;
