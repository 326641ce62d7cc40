import { dirname, resolve } from 'node:path';
import { FolkehelseError, EXIT_USAGE, msg, say } from '../base/errors.js';
import { isSystemPath, readUserText, systemPathMessage, UserFileError } from '../base/user-file.js';
import { defaultRegister } from '../geo/register.js';
import type { SuppressionLimits } from '../indicators/methods/suppression.js';
import type { DocumentLang as Lang } from '../language/tags.js';
import type { ConfigFile } from '../contracts/config.js';
import { schemaProblems, validator } from '../validate/schemas.js';
import { dataFilesIn, inside, projectPathProblem, realOrSelf, svgActiveContent } from './paths.js';
import { templateProblems } from './templates.js';

/** `kortversjon`: the 2–4 page short version, as Markdown, HTML and (with a browser) PDF. */
export type OutputFormat = 'md' | 'html' | 'pdf' | 'docx' | 'kortversjon';
/** Every output format (the renderers in src/report/renderers.ts). */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['md', 'html', 'pdf', 'docx', 'kortversjon'];

export interface KommuneConfig {
  code: string;
  kostragruppe?: string;
  neighbours?: string[];
  /** Absolute path. */
  coatOfArms?: string;
}

/** A build configuration with every path made absolute. */
export interface BuildConfig {
  file: string | null;
  kommuner: KommuneConfig[];
  /** Name of the side-by-side report built when a run has two or more municipalities. */
  region?: string;
  data: string[];
  edition: number;
  lang: Lang;
  formats: OutputFormat[];
  out: string;
  kostragruppe?: string;
  assessments?: string;
  catalogue: string[];
  suppression: Partial<SuppressionLimits>;
  templates?: string;
  generatedOn?: string;
  /**
   * Where the files the configuration names may be (real paths, symbolic links resolved): the
   * configuration's folder and the `allowPaths` it lists.
   */
  allowedRoots?: string[];
  /** Absolute path of the goals file (schemas/goals.schema.json). */
  goals?: string;
}

/** A configuration file that cannot be used: reported with the file, the field and what is wrong. */
export class ConfigError extends FolkehelseError {
  constructor(file: string, problems: string[]) {
    super(msg(problems.length === 1 ? 'errors.config.problem' : 'errors.config.problems', { count: problems.length, problems: problems.map((p) => `  ${p}`).join('\n') }), EXIT_USAGE, file);
  }
}


/** The year the next planstrategi is made (after the municipal elections: 2027, 2031 …). */
export function nextEdition(today = new Date()): number {
  const y = today.getFullYear();
  return y + ((2027 - y) % 4 + 4) % 4;
}

/** Reads and checks a configuration file (`schemas/config.schema.json`). */
export function loadConfig(path: string, cwd = process.cwd()): BuildConfig {
  const file = resolve(cwd, path);
  const c = readConfigFile(path, file);
  const base = dirname(file);
  const abs = (p: string) => resolve(base, p);
  const problems: string[] = [];
  const roots = [realOrSelf(base), ...(c.allowPaths ?? []).map((p) => realOrSelf(abs(p)))];
  // Every file the configuration points to stays inside its folder (or an allowed path), symbolic
  // links resolved; never a device, /proc or /sys; a file where a file is expected.
  const guard: Guard = (field, p, kind, mustExist) => {
    if (p === undefined) return;
    const problem = projectPathProblem(abs(p), roots, kind, mustExist);
    if (problem) problems.push(`${field}: ${problem}`);
  };
  kommunerProblems(c, abs, guard, problems);
  pathProblems(c, abs, guard, problems);
  if (c.templates && problems.length === 0) problems.push(...templateProblems(abs(c.templates)).map((p) => `templates: ${p}`));
  if (problems.length) throw new ConfigError(path, problems);
  return {
    file,
    region: c.region?.name,
    kommuner: c.kommuner.map((k) => (typeof k === 'string' ? { code: k.padStart(4, '0') } : { ...k, code: k.code.padStart(4, '0'), coatOfArms: k.coatOfArms ? abs(k.coatOfArms) : undefined })),
    data: c.data.map(abs),
    edition: c.edition ?? nextEdition(),
    lang: c.lang ?? 'nb',
    formats: c.formats ?? ['md', 'html', 'pdf'],
    out: c.out ? abs(c.out) : resolve(cwd, 'out'),
    kostragruppe: c.comparisons?.kostragruppe,
    assessments: c.assessments ? abs(c.assessments) : undefined,
    catalogue: (c.catalogue ?? []).map(abs),
    suppression: c.suppression ?? {},
    templates: c.templates ? abs(c.templates) : undefined,
    generatedOn: c.generatedOn,
    allowedRoots: roots,
    goals: c.goals ? abs(c.goals) : undefined,
  };
}

/** Checks that a path the configuration names (`field`) is inside the project, and of the right kind. */
type Guard = (field: string, p: string | undefined, kind: 'file' | 'folder', mustExist: boolean) => void;

/** The file as JSON, checked against the schema: a ConfigError with every problem, one per field. */
function readConfigFile(path: string, file: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readUserText(file).replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(path, [e instanceof UserFileError ? e.message : code === 'ENOENT' ? say('errors.config.notFound') : code ? say('errors.config.cannotRead', { code }) : say('errors.config.notJson', { reason: (e as Error).message })]);
  }
  const validate = validator('config');
  if (!validate(raw)) throw new ConfigError(path, schemaProblems(validate.errors).map((p) => `${p.path}: ${p.message}`));
  return raw as ConfigFile;
}

/** Municipality numbers the register does not know, coats of arms that are not plain pictures, a municipality listed twice. */
function kommunerProblems(c: ConfigFile, abs: (p: string) => string, guard: Guard, problems: string[]): void {
  const register = defaultRegister();
  const known = (code: string) => {
    const padded = code.padStart(4, '0');
    const historic = register.historic('kommune', padded)?.historic;
    return register.current('kommune', padded) !== undefined || historic?.kind === 'renumbered';
  };
  c.kommuner.forEach((k, i) => {
    const code = typeof k === 'string' ? k : k.code;
    if (!known(code)) problems.push(`kommuner[${i}]${typeof k === 'string' ? '' : '.code'}: "${code}" is not a municipality number in the register`);
    if (typeof k === 'string') return;
    k.neighbours?.forEach((n, j) => {
      if (!known(n)) problems.push(`kommuner[${i}].neighbours[${j}]: "${n}" is not a municipality number in the register`);
    });
    guard(`kommuner[${i}].coatOfArms`, k.coatOfArms, 'file', true);
    const active = k.coatOfArms && /\.svg$/i.test(k.coatOfArms) ? svgActiveContent(abs(k.coatOfArms)) : null;
    if (active) problems.push(`kommuner[${i}].coatOfArms: ${abs(k.coatOfArms!)} holds ${active}; a coat of arms published with the document must be a plain picture (save it again without scripts or links, or use a .png)`);
  });
  // One document per municipality: the same one twice (or under its old number) would be built
  // twice at once into the same files.
  const seenKommuner = new Map<string, number>();
  c.kommuner.forEach((k, i) => {
    const code = (typeof k === 'string' ? k : k.code).padStart(4, '0');
    const current = register.kommune(code)?.area.code;
    if (current === undefined) return;
    const first = seenKommuner.get(current);
    if (first !== undefined) problems.push(`kommuner[${i}]: "${typeof k === 'string' ? k : k.code}" is ${current}, already listed as kommuner[${first}]`);
    else seenKommuner.set(current, i);
  });
}

/** Windows paths, an output folder that is (or holds) a data folder, data in /proc, /sys or /dev, and the guarded files and folders. */
function pathProblems(c: ConfigFile, abs: (p: string) => string, guard: Guard, problems: string[]): void {
  // A Windows path (C:\…, \\server\…) on a Mac or Linux machine would become a folder named so.
  if (process.platform !== 'win32') {
    const fields: [string, string | undefined][] = [['out', c.out], ['assessments', c.assessments], ['templates', c.templates], ...c.data.map((d, i) => [`data[${i}]`, d] as [string, string]), ...(c.catalogue ?? []).map((f, i) => [`catalogue[${i}]`, f] as [string, string])];
    for (const [field, p] of fields) {
      if (p !== undefined && (/^[A-Za-z]:[\\/]/.test(p) || /^\\\\/.test(p) || p.includes('\\'))) problems.push(`${field}: "${p}" is a Windows path, which this machine cannot use; write it relative to the configuration's folder, with / between folders (e.g. "data/ssb")`);
    }
  }
  // The outputs get a folder of their own: a data folder as `out` (or inside it) would hide its
  // exports from the build (the output folder is never read as data).
  if (c.out !== undefined) {
    const out = realOrSelf(abs(c.out));
    const before = problems.length;
    c.data.forEach((d, i) => {
      if (inside(realOrSelf(abs(d)), out)) problems.push(`out: ${abs(c.out!)} is ${realOrSelf(abs(d)) === out ? 'the data folder' : 'a folder that holds the data folder'} data[${i}] (${d}); give the outputs a folder of their own, e.g. "out"`);
    });
    const exports = problems.length > before ? [] : dataFilesIn(out);
    if (exports.length > 0) problems.push(`out: ${abs(c.out)} holds exports (${exports.slice(0, 3).join(', ')}${exports.length > 3 ? ' …' : ''}), which would not be read as data there; give the outputs a folder of their own, e.g. "out"`);
  }
  // Data may live anywhere the user points (it is named explicitly), but never in /proc, /sys or /dev.
  c.data.forEach((d, i) => {
    const real = realOrSelf(abs(d));
    if (isSystemPath(real, abs(d))) problems.push(`data[${i}]: ${abs(d)}: ${systemPathMessage()}`);
  });
  guard('assessments', c.assessments, 'folder', false);
  guard('templates', c.templates, 'folder', true);
  guard('goals', c.goals, 'file', true);
  (c.catalogue ?? []).forEach((f, i) => guard(`catalogue[${i}]`, f, 'file', true));
}
