// The data and logic of the overview's summary chapters: pure functions over indicator results.
export * from './priorities.js';
export * from './challenges.js';
export * from './inequality.js';
export * from './wording.js';
export * from './short-version.js';
export * from './document-data.js';
