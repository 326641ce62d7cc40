import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type HandlebarsModule from 'handlebars';

export type Handlebars = typeof HandlebarsModule;

/** The compile options of every Markdown template, precompiled by the build or compiled at run time. */
export const MARKDOWN_COMPILE_OPTIONS: CompileOptions = { noEscape: true };

/** The shipped templates precompiled by the build: by name relative to templates/ ("partials/table.md.hbs"). */
export interface PrecompiledTemplates {
  /** The Handlebars version that precompiled them: another runtime compiles the sources instead. */
  handlebars: string;
  templates: Record<string, { sha256: string; spec: TemplateSpecification }>;
}

/** Where the build puts them (dist/templates/markdown.cjs); from src/ there is none, and templates compile at run time. */
export const PRECOMPILED_FILE = fileURLToPath(new URL('../templates/markdown.cjs', import.meta.url));

const requireHere = createRequire(import.meta.url);
let shipped: PrecompiledTemplates | null | undefined;

/** The build's precompiled templates, loaded once per process; null when there are none. */
export function shippedPrecompiled(): PrecompiledTemplates | null {
  if (shipped === undefined) shipped = existsSync(PRECOMPILED_FILE) ? (requireHere(PRECOMPILED_FILE) as PrecompiledTemplates) : null;
  return shipped;
}

/** The SHA-256 a precompiled template records of the source it was compiled from. */
export function templateDigest(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/**
 * Handlebars, loaded when first needed: only its runtime (a tenth of it, without the parser,
 * compiler and source maps) when every template is precompiled, else all of it.
 */
export function handlebars(compiler: boolean): Handlebars {
  return requireHere(compiler ? 'handlebars' : 'handlebars/runtime') as Handlebars;
}

/** A shipped template's precompiled form, when it was precompiled from this very source by this Handlebars. */
export function precompiledSpec(table: PrecompiledTemplates | null, name: string, source: string): TemplateSpecification | undefined {
  const entry = table?.templates[name];
  if (!entry || table!.handlebars !== handlebars(false).VERSION || entry.sha256 !== templateDigest(source)) return undefined;
  return entry.spec;
}
