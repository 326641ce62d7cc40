import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TEMPLATE_DIR } from './language.js';
import { handlebars, MARKDOWN_COMPILE_OPTIONS, PRECOMPILED_FILE, templateDigest } from './precompiled.js';

/** The shipped Markdown templates by name relative to templates/: the documents' and the partials. */
export function shippedTemplateNames(): string[] {
  const top = readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.md.hbs'));
  const partials = readdirSync(join(TEMPLATE_DIR, 'partials')).filter((f) => f.endsWith('.md.hbs')).map((f) => `partials/${f}`);
  return [...top, ...partials].sort();
}

/**
 * The build's step after tsc (`npm run build`): the shipped Markdown templates precompiled into one
 * CommonJS module, so that a run loads Handlebars' runtime and code instead of parsing and
 * compiling the templates at every start. Each records the SHA-256 of its source: a template
 * changed after the build, or a user's own, is compiled at run time instead.
 */
export function precompiledModule(): string {
  const hb = handlebars(true);
  const entries = shippedTemplateNames().map((name) => {
    const source = readFileSync(join(TEMPLATE_DIR, name), 'utf8');
    return `  ${JSON.stringify(name)}: { sha256: ${JSON.stringify(templateDigest(source))}, spec: ${hb.precompile(source, MARKDOWN_COMPILE_OPTIONS) as unknown as string} },`;
  });
  return `'use strict';\n// Precompiled from templates/ by \`npm run build\` (src/report/precompile-templates.ts).\nmodule.exports = {\n handlebars: ${JSON.stringify(hb.VERSION)},\n templates: {\n${entries.join('\n')}\n }\n};\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  mkdirSync(dirname(PRECOMPILED_FILE), { recursive: true });
  writeFileSync(PRECOMPILED_FILE, precompiledModule());
  process.stdout.write(`precompiled ${shippedTemplateNames().length} templates into ${fileURLToPath(new URL('.', pathToFileURL(PRECOMPILED_FILE)))}\n`);
}
