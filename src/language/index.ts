// Language as data: the languages and their fallback, their files, typed text keys, and Intl.
export * from './tags.js';
export * from './intl.js';
export * from './files.js';
export * from './lookup.js';
export type * from './generated.js';
