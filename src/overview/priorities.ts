import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Priorities } from '../contracts/overview.js';
import { CatalogueError, type Indicator } from '../indicators/catalogue.js';
import { schemaProblems, validator } from '../validate/schemas.js';

/**
 * The utfordringsbilde data (`data/overview/utfordringsbilde.json`): challenge groups and
 * per-indicator data. The types are generated from `schemas/overview.schema.json`.
 */
export type { Priorities };

/** Per-indicator data: severity, influence, asset, population, the words of a rate ("46,6 {numerator} per 1000 {denominator}"), keywords. */
export type IndicatorPriority = Priorities['indicators'][string];

export type ChallengeGroupDef = Priorities['groups'][number];

export const DEFAULT_PRIORITIES = fileURLToPath(new URL('../../data/overview/utfordringsbilde.json', import.meta.url));

/**
 * Reads and checks the utfordringsbilde data; problems are reported like catalogue problems (file,
 * JSON path, message). An indicator may be in at most one group.
 */
export function loadPriorities(path: string = DEFAULT_PRIORITIES): Priorities {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CatalogueError([{ file: path, path: '(file)', message: code ? `cannot be read (${code})` : `is not valid JSON (${(e as Error).message})` }]);
  }
  return checkPriorities(doc, path);
}

/** Validates parsed utfordringsbilde data (`schemas/overview.schema.json`). */
export function checkPriorities(doc: unknown, file = '(data)'): Priorities {
  const validate = validator('overview');
  if (!validate(doc)) throw new CatalogueError(schemaProblems(validate.errors).map((p) => ({ file, path: p.path, message: p.message })));
  const p = doc as Priorities;
  const seen = new Map<string, string>();
  const problems: { file: string; path: string; message: string }[] = [];
  p.groups.forEach((g, i) =>
    g.indicators.forEach((id, j) => {
      if (seen.has(id)) problems.push({ file, path: `groups[${i}].indicators[${j}]`, message: `"${id}" is also in group "${seen.get(id)}"` });
      else seen.set(id, g.id);
    }),
  );
  if (problems.length) throw new CatalogueError(problems);
  return p;
}

export function priorityOf(p: Priorities, id: string): Required<Pick<IndicatorPriority, 'severity' | 'influence' | 'asset'>> & IndicatorPriority {
  const d = p.indicators[id] ?? {};
  return { ...d, severity: d.severity ?? 2, influence: d.influence ?? 2, asset: d.asset ?? false };
}

/** Whether an indicator describes young people: from the data, else its age band (upper age ≤ 19) or Ungdata. */
export function isYouth(ind: Pick<Indicator, 'id' | 'select'>, p?: Priorities): boolean {
  const set = p?.indicators[ind.id]?.population;
  if (set) return set === 'youth';
  if (ind.select.source === 'ungdata') return true;
  const m = /^(\d+)_(\d+)$/.exec(ind.select.age ?? '');
  return m !== null && Number(m[2]) <= 19;
}
