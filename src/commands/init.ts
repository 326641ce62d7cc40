import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { EXIT_OK, msg, say, UsageError } from '../base/errors.js';
import { messageLang, sayCount } from '../base/messages.js';
import { helpAfter } from '../cli/help.js';
import { escapeTerminal } from '../cli/terminal.js';
import { loadMessages, message } from '../cli/messages.js';
import { isDocumentLang } from '../language/tags.js';
import type { RegisterCommand } from './context.js';
import { langOption, parseKommuneList, type DocumentLang, type MessageLang } from './options.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface InitOptions {
  folder: string;
  kommuner: string[];
  lang: DocumentLang;
}

export interface InitResult {
  folder: string;
  created: string[];
  /** Files that already existed and were left as they were. */
  kept: string[];
}

/**
 * Scaffolds a project: configuration (with `$schema`), data folder with a README, one assessment
 * template per file the document asks for (the headings of its parts, with the guiding questions in
 * HTML comments, so an unedited template counts as not written), and an example catalogue override.
 * An existing file is never changed: each file is created only where there is none.
 */
export async function initProject(opts: InitOptions): Promise<InitResult> {
  const { resolveKommune } = await import('../indicators/engine.js');
  const { loadCatalogue } = await import('../indicators/catalogue.js');
  const { loadSections } = await import('../assessments/sections.js');
  const { assessmentFileName, indicatorTemplate, templateFor } = await import('../assessments/template.js');
  const texts = loadMessages(opts.lang);
  const sections = loadSections();
  const kommuner = [...new Map(opts.kommuner.map((k) => resolveKommune(k)).map((g) => [g.code, g])).values()];
  if (kommuner.length === 0) throw new UsageError(msg('errors.usage.kommuneNone'));
  const folder = resolve(opts.folder);
  if (existsSync(folder) && !isDirectory(folder)) throw new UsageError(`${opts.folder}: ${say('errors.usage.folderIsFile')}`);
  const overrideFile = 'mine-indikatorer.json';
  const catalogue = loadCatalogue();
  const files = new Map<string, string>();

  const config = {
    $schema: 'schemas/config.schema.json',
    kommuner: kommuner.map((k) => ({ code: k.code, neighbours: kommuner.filter((n) => n.code !== k.code).map((n) => n.code) })).map((k) => (k.neighbours.length ? k : { code: k.code })),
    data: ['data'],
    lang: opts.lang,
    formats: ['md', 'html', 'pdf'],
    out: 'out',
    assessments: 'vurderinger',
    catalogue: [overrideFile],
  };
  files.set('folkehelse.config.json', JSON.stringify(config, null, 2) + '\n');
  for (const schema of ['config', 'catalogue']) files.set(`schemas/${schema}.schema.json`, readFileSync(join(PACKAGE_ROOT, 'schemas', `${schema}.schema.json`), 'utf8'));
  files.set(overrideFile, JSON.stringify({ $schema: 'schemas/catalogue.schema.json', description: message(texts, 'init.overrideDescription'), exclude: [], indicators: [] }, null, 2) + '\n');
  files.set('katalog-eksempel.json', exampleCatalogue());
  files.set('.gitignore', 'out/\n');

  const tables = [...new Set(catalogue.map((i) => `- ${i.source[opts.lang]}: ${i.select.table}`))].sort();
  files.set('data/README.md', message(texts, 'init.dataReadme', { tables: tables.join('\n') }));
  files.set('vurderinger/README.md', message(texts, 'init.assessmentsReadme'));
  // The templates (src/assessments/template.ts): the headings of each assessment's parts, with the
  // guiding questions in comments; `a.md` in bokmål, `a.nn.md` in nynorsk.
  for (const k of kommuner) {
    const at = (name: string) => `vurderinger/${k.code}/${assessmentFileName(name, opts.lang)}`;
    for (const s of sections.sections) files.set(at(s.name), templateFor(sections, s.name, opts.lang, { kommune: k.name }));
    for (const ind of catalogue) files.set(at(ind.id), indicatorTemplate(sections, ind.title[opts.lang], opts.lang, { kommune: k.name }));
  }

  return writeMissing(folder, files);
}

/** The shipped example (fixtures/innherred in the package): Levanger and Verdal with data and assessments. */
const EXAMPLE = join(PACKAGE_ROOT, 'fixtures', 'innherred');

/**
 * `init --example`: the shipped example as a project of its own — its configuration (with
 * "$schema" pointing at the copied schemas), data as `folkehelse fetch` writes it, assessments,
 * and the example catalogue override — so that every `--help` example runs in it as written.
 */
export function initExample(folderName: string, lang?: DocumentLang): InitResult {
  const folder = resolve(folderName);
  if (existsSync(folder) && !isDirectory(folder)) throw new UsageError(`${folderName}: ${say('errors.usage.folderIsFile')}`);
  const files = new Map<string, string | Buffer>();
  const walk = (dir: string, prefix: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else files.set(`${prefix}${e.name}`, readFileSync(join(dir, e.name)));
    }
  };
  walk(EXAMPLE, '');
  const config = JSON.parse(readFileSync(join(EXAMPLE, 'folkehelse.config.json'), 'utf8')) as Record<string, unknown>;
  files.set('folkehelse.config.json', JSON.stringify({ ...config, $schema: 'schemas/config.schema.json', ...(lang ? { lang } : {}) }, null, 2) + '\n');
  for (const schema of ['config', 'catalogue']) files.set(`schemas/${schema}.schema.json`, readFileSync(join(PACKAGE_ROOT, 'schemas', `${schema}.schema.json`), 'utf8'));
  files.set('katalog-eksempel.json', exampleCatalogue());
  files.set('.gitignore', 'out/\n');
  return writeMissing(folder, files);
}

/** Writes each file that is not there yet; never changes one that is. */
function writeMissing(folder: string, files: Map<string, string | Buffer>): InitResult {
  const created: string[] = [];
  const kept: string[] = [];
  for (const [name, content] of files) {
    const path = join(folder, name);
    // A folder of the project that is a symbolic link out of it (data → /somewhere) is not written into.
    if (leadsOutside(folder, dirname(path))) {
      kept.push(name);
      continue;
    }
    mkdirSync(join(path, '..'), { recursive: true });
    (createOnly(path, content) ? created : kept).push(name);
  }
  return { folder, created, kept };
}

function exampleCatalogue(): string {
  const example = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'examples', 'katalog-fhi-statistikk.json'), 'utf8')) as { indicators: unknown[] };
  return JSON.stringify({ $schema: 'schemas/catalogue.schema.json', description: say('initExample.catalogueDescription'), exclude: ['folkemengde'], indicators: example.indicators.slice(0, 1) }, null, 2) + '\n';
}

/** True when the nearest existing folder of `dir` is, symbolic links resolved, outside `root`. */
function leadsOutside(root: string, dir: string): boolean {
  let at = dir;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(at);
    realRoot = existsSync(root) ? realpathSync(root) : root;
  } catch {
    return true;
  }
  if (!existsSync(root)) return false;
  const rel = relative(realRoot, real);
  return rel.startsWith('..') || isAbsolute(rel);
}

function isDirectory(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes the file whole (temporary file, then a hard link) only if there is none: true when created. */
function createOnly(path: string, content: string | Buffer): boolean {
  if (existsSync(path)) return false;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { flag: 'wx' });
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkSync(tmp);
  }
}

export const register: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('init')
    .description(say('help.initDescription'))
    .argument('[folder]', say('help.initFolder'), '.')
    .option('--kommune <numbers>', say('help.initKommune'))
    .option('--example', say('help.initExample'))
    .addOption(langOption(say('help.initLang'), true))
    .addHelpText('after', helpAfter(['folkehelse init levanger --kommune 5037', 'folkehelse init innherred --kommune 5037,5038 --lang nn', 'folkehelse init eksempel --example'], [say('help.initMore')]))
    .action(async (folder: string, opts: { kommune?: string; example?: boolean; lang?: MessageLang }) => {
      const lang: DocumentLang = opts.lang !== undefined && isDocumentLang(opts.lang) ? opts.lang : 'nb';
      if (opts.example && opts.kommune !== undefined) throw new UsageError(msg('errors.usage.exampleAndKommune'));
      if (!opts.example && opts.kommune === undefined) throw new UsageError(msg('errors.usage.initWhat'));
      const result = opts.example ? initExample(folder, opts.lang !== undefined && isDocumentLang(opts.lang) ? opts.lang : undefined) : await initProject({ folder, kommuner: parseKommuneList(opts.kommune!), lang });
      const m = loadMessages(messageLang());
      const rel = relative(process.cwd(), result.folder);
      const shown = escapeTerminal(rel === '' ? '.' : rel.startsWith('..') ? result.folder : rel);
      // The assessment templates are many: one line per municipality's folder.
      const list = (names: string[]) => {
        const lines = new Map<string, number>();
        for (const n of names) {
          const m = /^(vurderinger\/[^/]+\/)[^/]+$/.exec(n);
          const key = m ? m[1]! : n;
          lines.set(key, (lines.get(key) ?? 0) + 1);
        }
        return [...lines].map(([n, count]) => `  ${escapeTerminal(n)}${n.endsWith('/') ? ` (${sayCount('words.files', count)})` : ''}\n`).join('');
      };
      if (opts.example) {
        io.stdout.write(`${say('initExample.created', { folder: shown, count: result.created.length })}\n${say('initExample.next', { folder: shown })}\n`);
        setExitCode(EXIT_OK);
        return;
      }
      io.stdout.write(`${message(m, 'init.created', { count: result.created.length, folder: shown })}\n${list(result.created)}`);
      if (result.kept.length) io.stdout.write(`${message(m, 'init.kept', { count: result.kept.length })}\n${list(result.kept)}`);
      io.stdout.write(message(m, 'init.next', { data: join(shown, 'data'), assessments: join(shown, 'vurderinger'), folder: shown }) + '\n');
      setExitCode(EXIT_OK);
    });
};
