import { readdirSync, readFileSync } from 'node:fs';
import { readUserText, UserFileError } from '../user-file.js';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { FolkehelseError, EXIT_USAGE } from '../errors.js';
import type { SourceId } from '../model/observation.js';
import { cellProblems, validator } from '../validate/schemas.js';
import type { Polarity } from './methods/compare.js';
import type { SuppressionLimits } from './methods/suppression.js';

/** Bokmål and nynorsk. */
export interface Text {
  nb: string;
  nn: string;
}

/** The themes of forskrift § 3 a–f, by letter; their names are language data (`themes` in templates/lang/<lang>.json). */
export const THEMES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

export type Theme = (typeof THEMES)[number];

export type IndicatorMeasureType = 'proportion' | 'rate' | 'indirectly-standardised-rate' | 'directly-standardised-rate' | 'life-expectancy' | 'mean' | 'years' | 'ratio' | 'count' | 'value';

/** One indicator of the catalogue (`schemas/catalogue.schema.json`). */
export interface Indicator {
  id: string;
  theme: Theme;
  title: Text;
  /** Subject of the status sentence ("Andelen som bor alene …"); default the title. */
  phrase?: Text;
  howToRead: Text;
  source: Text;
  select: { source: SourceId; table: string; /** The measure, or alternatives (the first the data has): an SSB ContentsCode and its label. */ measure: string | string[]; sex?: 'total' | 'male' | 'female'; age?: string; dimensions?: Record<string, string> };
  measureType: IndicatorMeasureType;
  multiplier?: number;
  unit: Text;
  decimals?: number;
  polarity: Polarity;
  periods?: { pooled?: number; note?: Text };
  suppression?: Partial<SuppressionLimits>;
  gradient?: { dimension: string; title: Text; groups: { value: string; label: Text }[]; select?: { age?: string; sex?: 'total' | 'male' | 'female' } };
  standard?: { name: string; bands: { age: string; weight: number }[] };
  /**
   * For life expectancy computed from deaths and population by age (Chiang II, PHE): the
   * observation age codes of PHE's 20 bands 0, 1–4, …, 85–89, 90+ in order, and the start age
   * whose life expectancy the indicator shows (default 0).
   */
  lifeTable?: { bands: string[]; at?: number };
  /**
   * 'units' when the share is of a few units (waterworks, schools), not a sample of persons: no
   * Wilson interval, no significance test, no trend test — "not tested" with that reason.
   * Default 'persons'.
   */
  sampling?: 'persons' | 'units' | 'projection';
  chart?: 'line' | 'gradient-bars' | 'bars' | 'pyramid' | 'none';
  /** The file the indicator came from (set when loaded). */
  definedIn?: string;
}

export interface CatalogueProblem {
  file: string;
  /** JSON path of the problem, e.g. `indicators[3].select.measure`. */
  path: string;
  message: string;
}

/** A catalogue file that does not follow the schema; reported like data errors. */
export class CatalogueError extends FolkehelseError {
  constructor(readonly problems: CatalogueProblem[]) {
    super(`the indicator catalogue has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}:\n${problems.map((p) => `  ${p.file}: ${p.path}: ${p.message}`).join('\n')}`, EXIT_USAGE);
  }
}

export const DEFAULT_CATALOGUE_DIR = fileURLToPath(new URL('../../data/catalogue/', import.meta.url));

interface CatalogueFile {
  indicators: Indicator[];
  exclude?: string[];
  /** The file stands alone: the default catalogue is not loaded with it. */
  standalone?: boolean;
}

/** Reads and checks one catalogue file; throws CatalogueError with every problem found. */
export function readCatalogueFile(path: string): CatalogueFile {
  let doc: unknown;
  try {
    doc = JSON.parse(readUserText(path).replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = e instanceof UserFileError ? e.message : code === 'ENOENT' ? 'no such file' : code ? `cannot be read (${code})` : `is not valid JSON (${(e as Error).message})`;
    throw new CatalogueError([{ file: path, path: '(file)', message }]);
  }
  const validate = validator('catalogue');
  if (!validate(doc)) {
    const problems = (validate.errors ?? [])
      .filter((e) => e.keyword !== 'if')
      .map((e) => ({ file: path, path: jsonPath(e.instancePath, e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : null), message: describe(e) }));
    const seen = new Set<string>();
    throw new CatalogueError(problems.filter((p) => (seen.has(p.path + p.message) ? false : (seen.add(p.path + p.message), true))));
  }
  const file = doc as CatalogueFile;
  const problems: CatalogueProblem[] = [];
  const ids = new Map<string, number>();
  file.indicators.forEach((ind, i) => {
    if (ids.has(ind.id)) problems.push({ file: path, path: `indicators[${i}].id`, message: `"${ind.id}" is also the id of indicators[${ids.get(ind.id)}]` });
    ids.set(ind.id, i);
    if (ind.gradient && ind.select.dimensions?.[ind.gradient.dimension] !== undefined && ind.gradient.groups.some((g) => g.value === ind.select.dimensions![ind.gradient!.dimension])) {
      problems.push({ file: path, path: `indicators[${i}].gradient.groups`, message: 'a group has the same value as the total in select.dimensions' });
    }
    ind.definedIn = basename(path);
  });
  if (problems.length) throw new CatalogueError(problems);
  return file;
}

/**
 * The catalogue: the default files in `data/catalogue/` (in name order), then the user's files in
 * order; a later indicator with the same id replaces the earlier one, `exclude` removes ids. A user
 * file with `"standalone": true` replaces the default files.
 */
export function loadCatalogue(extraFiles: string[] = [], defaultDir: string | null = DEFAULT_CATALOGUE_DIR): Indicator[] {
  const extra = extraFiles.map(readCatalogueFile);
  // A standalone catalogue (e.g. for data that is not from the real tables) replaces the default.
  const useDefault = defaultDir && !extra.some((cat) => cat.standalone);
  const files = useDefault ? readdirSync(defaultDir).filter((f) => f.endsWith('.json')).sort().map((f) => join(defaultDir, f)) : [];
  const byId = new Map<string, Indicator>();
  for (const cat of [...files.map(readCatalogueFile), ...extra]) {
    for (const id of cat.exclude ?? []) byId.delete(id);
    for (const ind of cat.indicators) {
      byId.delete(ind.id); // keep the order of the last definition's file
      byId.set(ind.id, ind);
    }
  }
  const themeOrder = 'abcdef';
  return [...byId.values()].sort((a, b) => themeOrder.indexOf(a.theme) - themeOrder.indexOf(b.theme));
}

function jsonPath(pointer: string, child: string | null): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child) parts.push(child);
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || '(top level)';
}

function describe(e: ErrorObject): string {
  const parent = e.parentSchema as { description?: string } | undefined;
  switch (e.keyword) {
    case 'required':
      return 'is missing';
    case 'additionalProperties':
      return `has an unknown field "${String(e.params.additionalProperty)}"`;
    case 'enum':
      return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return parent?.description ? `must be ${parent.description}` : `must match ${String(e.params.pattern)}`;
    default:
      return e.message ?? e.keyword;
  }
}

export function limitsFor(ind: Indicator, defaults: SuppressionLimits): SuppressionLimits {
  return { ...defaults, ...(ind.suppression ?? {}) };
}

export function isTheme(x: string): x is Theme {
  return (THEMES as readonly string[]).includes(x);
}

export { cellProblems };
