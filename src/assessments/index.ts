// The municipality's assessment files: names, discovery, structured § 5 b–c files, the final gate.
export * from './sections.js';
export * from './names.js';
export * from './discover.js';
export * from './structured.js';
export * from './gate.js';
export * from './template.js';
export * from './contradictions.js';
export * from './chapters.js';
