import { readdirSync } from 'node:fs';
import { readUserText, UserFileError } from '../base/user-file.js';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogueFile, CatalogueIndicator, Text } from '../contracts/catalogue.js';
import { FolkehelseError, EXIT_USAGE, msg, say } from '../base/errors.js';
import { schemaProblems, validator } from '../validate/schemas.js';
import type { SuppressionLimits } from './methods/suppression.js';

/** Bokmål and nynorsk. */
export type { Text };

/** The themes of forskrift § 3 a–f, by letter; their names are language data (`themes` in templates/lang/<lang>.json). */
export const THEMES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

export type Theme = (typeof THEMES)[number];

export type IndicatorMeasureType = CatalogueIndicator['measureType'];

/** One indicator of the catalogue (its type generated from `schemas/catalogue.schema.json`). */
export interface Indicator extends CatalogueIndicator {
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
    super(msg(problems.length === 1 ? 'errors.catalogue.problem' : 'errors.catalogue.problems', { count: problems.length, problems: problems.map((p) => `  ${p.file}: ${p.path}: ${p.message}`).join('\n') }), EXIT_USAGE);
  }
}

export const DEFAULT_CATALOGUE_DIR = fileURLToPath(new URL('../../data/catalogue/', import.meta.url));

/** A catalogue file as loaded: each indicator knows its file. */
interface LoadedCatalogueFile extends CatalogueFile {
  indicators: Indicator[];
}

/** Reads and checks one catalogue file; throws CatalogueError with every problem found. */
export function readCatalogueFile(path: string): LoadedCatalogueFile {
  let doc: unknown;
  try {
    doc = JSON.parse(readUserText(path).replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = e instanceof UserFileError ? e.message : code === 'ENOENT' ? say('errors.config.notFound') : code ? say('errors.config.cannotRead', { code }) : say('errors.config.notJson', { reason: (e as Error).message });
    throw new CatalogueError([{ file: path, path: '(file)', message }]);
  }
  const validate = validator('catalogue');
  if (!validate(doc)) throw new CatalogueError(schemaProblems(validate.errors).map((p) => ({ file: path, path: p.path, message: p.message })));
  const file = doc as LoadedCatalogueFile;
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

export function limitsFor(ind: Indicator, defaults: SuppressionLimits): SuppressionLimits {
  return { ...defaults, ...(ind.suppression ?? {}) };
}

export function isTheme(x: string): x is Theme {
  return (THEMES as readonly string[]).includes(x);
}

