// The municipality's assessment files: names, discovery, structured files, the gate (one check for
// build --final, the draft's markers, `vurderinger` and `preview`), templates and the law's dates.
export * from './sections.js';
export * from './names.js';
export * from './discover.js';
export * from './structured.js';
export * from './check.js';
export { assertFinal, checkFinal, describeContradiction, describeLanguage, describeMissing, FinalGateError } from './gate.js';
export * from './template.js';
export * from './contradictions.js';
export * from './chapters.js';
export * from './law.js';
