import { NOT_DATA } from './ingest/files.js';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FolkehelseError, EXIT_USAGE } from './errors.js';
import { isSystemPath, readUserText, SYSTEM_PATH_MESSAGE, UserFileError } from './user-file.js';
import { defaultRegister } from './geo/register.js';
import { TEMPLATE_DIR } from './report/language.js';
import type { SuppressionLimits } from './indicators/methods/suppression.js';
import type { DocumentLang as Lang } from './language/tags.js';
import { validator } from './validate/schemas.js';

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
    super(`${file}: the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((p) => `  ${p}`).join('\n')}`, EXIT_USAGE);
  }
}

interface RawConfig {
  region?: { name: string };
  kommuner: (string | { code: string; kostragruppe?: string; neighbours?: string[]; coatOfArms?: string })[];
  data: string[];
  edition?: number;
  lang?: Lang;
  formats?: OutputFormat[];
  out?: string;
  comparisons?: { kostragruppe?: string };
  assessments?: string;
  catalogue?: string[];
  suppression?: Partial<SuppressionLimits>;
  templates?: string;
  generatedOn?: string;
  allowPaths?: string[];
  goals?: string;
}

/** The year the next planstrategi is made (after the municipal elections: 2027, 2031 …). */
export function nextEdition(today = new Date()): number {
  const y = today.getFullYear();
  return y + ((2027 - y) % 4 + 4) % 4;
}

/** Reads and checks a configuration file (`schemas/config.schema.json`). */
export function loadConfig(path: string, cwd = process.cwd()): BuildConfig {
  const file = resolve(cwd, path);
  let raw: unknown;
  try {
    raw = JSON.parse(readUserText(file).replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(path, [e instanceof UserFileError ? e.message : code === 'ENOENT' ? 'no such file' : code ? `cannot be read (${code})` : `is not valid JSON: ${(e as Error).message}`]);
  }
  const validate = validator('config');
  if (!validate(raw)) {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const e of validate.errors ?? []) {
      if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
      const at = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || '(top level)';
      const what =
        e.keyword === 'required'
          ? `"${String((e.params as { missingProperty: string }).missingProperty)}" is missing`
          : e.keyword === 'additionalProperties'
            ? `unknown field "${String((e.params as { additionalProperty: string }).additionalProperty)}"`
            : e.keyword === 'enum'
              ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
              : ((e.parentSchema as { description?: string } | undefined)?.description ? `must be ${(e.parentSchema as { description: string }).description}` : (e.message ?? e.keyword));
      // One problem per field: a oneOf's other alternatives add only noise ("must be object").
      const key = e.keyword === 'required' || e.keyword === 'additionalProperties' ? `${at}|${what}` : at;
      if (!seen.has(key)) problems.push(`${at}: ${what}`);
      seen.add(key);
    }
    throw new ConfigError(path, problems);
  }
  const c = raw as RawConfig;
  const base = dirname(file);
  const abs = (p: string) => resolve(base, p);
  const problems: string[] = [];
  const roots = [realOrSelf(base), ...(c.allowPaths ?? []).map((p) => realOrSelf(abs(p)))];
  // Every file the configuration points to stays inside its folder (or an allowed path), symbolic
  // links resolved; never a device, /proc or /sys; a file where a file is expected.
  const guard = (field: string, p: string | undefined, kind: 'file' | 'folder', mustExist: boolean): void => {
    if (p === undefined) return;
    const problem = projectPathProblem(abs(p), roots, kind, mustExist);
    if (problem) problems.push(`${field}: ${problem}`);
  };
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
    if (isSystemPath(real, abs(d))) problems.push(`data[${i}]: ${abs(d)}: ${SYSTEM_PATH_MESSAGE}`);
  });
  guard('assessments', c.assessments, 'folder', false);
  guard('templates', c.templates, 'folder', true);
  guard('goals', c.goals, 'file', true);
  (c.catalogue ?? []).forEach((f, i) => guard(`catalogue[${i}]`, f, 'file', true));
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

// ---- files outside the project ----------------------------------------------------------------

/** Data files (.csv, .tsv, .txt, .json) in a folder, its manifests aside: folkehelse never writes others there. */
function dataFilesIn(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries.filter((e) => /\.(csv|tsv|txt|json)$/i.test(e) && !NOT_DATA.test(e.split(/[\\/]/).pop()!) && !e.split(/[\\/]/).some((part) => part.startsWith('.'))).sort();
}

/**
 * What in an SVG could run or fetch something when the published file is opened (it is copied next
 * to the document): scripts, event handlers, javascript: links, embedded HTML, entity declarations,
 * references to other files or addresses. Null for a plain picture (or a file that cannot be read:
 * the path check reports that).
 */
export function svgActiveContent(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  if (/<script\b/i.test(text)) return 'a script';
  if (/\son[a-z]+\s*=/i.test(text)) return 'an event handler (on…=)';
  if (/javascript:/i.test(text)) return 'a javascript: link';
  if (/<foreignObject\b/i.test(text)) return 'embedded HTML (foreignObject)';
  if (/<!ENTITY/i.test(text)) return 'an entity declaration';
  if (/(?:xlink:)?href\s*=\s*["'](?!#|data:image\/(?:png|jpeg|gif);)/i.test(text)) return 'a reference to another file or address';
  return null;
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function inside(child: string, root: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/**
 * Why a path the configuration names cannot be used, or null: it (or what a symbolic link in it
 * points to) is outside the allowed folders, is a device, FIFO or socket, is in /proc, /sys or
 * /dev, or is a folder where a file is expected (or the reverse). A folder is checked with
 * everything in it.
 */
export function projectPathProblem(path: string, roots: string[], kind: 'file' | 'folder', mustExist = true): string | null {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return mustExist ? `${path}: no such ${kind}` : null;
    return `${path}: cannot be read (${code ?? 'error'})`;
  }
  if (isSystemPath(real, path)) return `${path}: ${SYSTEM_PATH_MESSAGE}`;
  if (!roots.some((r) => inside(real, r))) {
    const via = real !== resolve(path) ? ` (it leads to ${real})` : '';
    return `${path}${via} is outside the configuration's folder; list it in "allowPaths" if it is meant to be read`;
  }
  const st = statSync(real);
  if (kind === 'file' && st.isDirectory()) return `${path}: is a folder; expected a file`;
  if (kind === 'folder' && !st.isDirectory()) return `${path}: is not a folder`;
  if (!st.isDirectory() && !st.isFile()) return `${path}: is not a regular file (a device, pipe or socket)`;
  if (kind === 'folder') {
    for (const entry of readdirSync(real)) {
      if (entry.startsWith('.')) continue;
      const child = join(path, entry);
      const lst = lstatSync(join(real, entry));
      const problem = projectPathProblem(child, roots, lst.isDirectory() || (lst.isSymbolicLink() && isDir(join(real, entry))) ? 'folder' : 'file', true);
      if (problem) return problem;
    }
  }
  return null;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Problems with a template folder's language files: each `lang/<lang>.json` must be JSON and have
 * every text the shipped one has, of the same kind (a text, a list, a group).
 */
export function templateProblems(dir: string): string[] {
  const problems: string[] = [];
  const shipped = join(TEMPLATE_DIR, 'lang');
  for (const lang of ['nb', 'nn']) {
    const file = join(dir, 'lang', `${lang}.json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    let user: unknown;
    try {
      user = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      problems.push(`${file}: is not valid JSON (${(e as Error).message})`);
      continue;
    }
    const reference = JSON.parse(readFileSync(join(shipped, `${lang}.json`), 'utf8')) as unknown;
    const missing: string[] = [];
    compareTexts(reference, user, '', missing);
    if (missing.length) problems.push(`${file}: ${missing.length === 1 ? 'a text is' : `${missing.length} texts are`} missing or of the wrong kind: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ' …' : ''}`);
  }
  return problems;
}

function compareTexts(ref: unknown, user: unknown, at: string, missing: string[]): void {
  const kind = (v: unknown) => (Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v);
  if (kind(ref) !== kind(user)) {
    missing.push(at || '(top level)');
    return;
  }
  if (kind(ref) === 'object') {
    for (const k of Object.keys(ref as object)) compareTexts((ref as Record<string, unknown>)[k], (user as Record<string, unknown>)[k], at ? `${at}.${k}` : k, missing);
  }
}
