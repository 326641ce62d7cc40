import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CatalogueError, type Indicator, type Text } from '../indicators/catalogue.js';

/** Per-indicator data of the utfordringsbilde (`data/overview/utfordringsbilde.json`). */
export interface IndicatorPriority {
  /** How serious the health consequences are, 1–3 (default 2). */
  severity?: number;
  /** How much the municipality can influence it, 1–3 (default 2). */
  influence?: number;
  /** Whether being significantly better than land makes it a resource (default false). */
  asset?: boolean;
  population?: 'youth' | 'adult';
  /** The words of a rate: "46,6 {numerator} per 1000 {denominator}". */
  rate?: { numerator: Text; denominator: Text };
  keywords?: string[];
}

export interface ChallengeGroupDef {
  id: string;
  title: Text;
  indicators: string[];
}

export interface Priorities {
  groups: ChallengeGroupDef[];
  indicators: Record<string, IndicatorPriority>;
  inequality?: string[];
}

export const DEFAULT_PRIORITIES = fileURLToPath(new URL('../../data/overview/utfordringsbilde.json', import.meta.url));
const SCHEMA = fileURLToPath(new URL('../../schemas/overview.schema.json', import.meta.url));

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

let compiled: ReturnType<Ajv2020['compile']> | undefined;

/** Validates parsed utfordringsbilde data (`schemas/overview.schema.json`). */
export function checkPriorities(doc: unknown, file = '(data)'): Priorities {
  compiled ??= new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  if (!compiled(doc)) {
    throw new CatalogueError((compiled.errors ?? []).map((e) => ({ file, path: e.instancePath.split('/').slice(1).join('.') || '(top level)', message: e.message ?? e.keyword })));
  }
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
