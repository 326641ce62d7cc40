import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FolkehelseError, EXIT_USAGE } from './errors.js';
import type { SuppressionLimits } from './indicators/methods/suppression.js';
import type { Lang } from './report/format.js';
import { validator } from './validate/schemas.js';

export type OutputFormat = 'md' | 'html' | 'pdf';

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
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(path, [code === 'ENOENT' ? 'no such file' : code ? `cannot be read (${code})` : `is not valid JSON: ${(e as Error).message}`]);
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
    goals: c.goals ? abs(c.goals) : undefined,
  };
}
