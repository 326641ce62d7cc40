import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { FolkehelseError, EXIT_USAGE } from '../errors.js';
import { TEMPLATE_DIR } from './language.js';
import type { DocumentModel } from './model.js';
import type { RegionModel } from './region.js';

/** A template that does not compile or fails to render: names the file. */
export class TemplateError extends FolkehelseError {
  constructor(file: string, message: string) {
    super(`template ${file}: ${message}`, EXIT_USAGE);
  }
}

function read(name: string, overrideDir?: string): { file: string; source: string } {
  const user = overrideDir ? join(overrideDir, name) : null;
  const file = user && existsSync(user) ? user : join(TEMPLATE_DIR, name);
  return { file, source: readFileSync(file, 'utf8') };
}

/** Compiles the document template and its partials, the user's files first. */
export function compileTemplates(overrideDir?: string, main = 'document.md.hbs'): (model: DocumentModel | RegionModel) => string {
  // noEscape: the context is escaped for Markdown already; Handlebars' HTML escaping would put
  // &amp; entities in a .md file.
  const hb = Handlebars.create();
  hb.registerHelper('row', (cells: string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`);
  hb.registerHelper('alignRow', (align: string[]) => `| ${align.map((a) => (a === 'r' ? '--:' : ':--')).join(' | ')} |`);
  const partialDir = join(TEMPLATE_DIR, 'partials');
  for (const f of readdirSync(partialDir).filter((x) => x.endsWith('.md.hbs')).sort()) {
    const { file, source } = read(join('partials', f), overrideDir);
    try {
      hb.parse(source); // compile() is lazy: find syntax errors now, before anything is built
      hb.registerPartial(f.replace(/\.md\.hbs$/, ''), hb.compile(source, { noEscape: true }));
    } catch (e) {
      throw new TemplateError(file, (e as Error).message);
    }
  }
  const { file, source } = read(main, overrideDir);
  let template: HandlebarsTemplateDelegate;
  try {
    hb.parse(source);
    template = hb.compile(source, { noEscape: true });
  } catch (e) {
    throw new TemplateError(file, (e as Error).message);
  }
  return (model: unknown) => {
    try {
      return tidy(template(model));
    } catch (e) {
      throw new TemplateError(file, (e as Error).message);
    }
  };
}

/** One blank line between blocks, no trailing spaces, one final newline. */
function tidy(markdown: string): string {
  return (
    markdown
      .split('\n')
      .map((l) => l.replace(/[ \t]+$/, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
