import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GeoLevel } from '../model/observation.js';

/** One entry of `data/geography/register.json` (see its README for sources). */
export interface RegisterEntry {
  code: string;
  name: string;
  officialName?: string;
  fylke?: string;
  validFrom: number | null;
  validTo: number | null;
  kostragruppe?: string | null;
}

export interface HistoricEntry {
  code: string;
  name: string;
  validFrom: number | null;
  validTo: number | null;
  successors: string[];
  kind: 'renumbered' | 'merged' | 'split';
}

export interface RegisterData {
  asOf: string;
  sources: string[];
  land: { code: string; name: string };
  fylker: RegisterEntry[];
  historicFylker: HistoricEntry[];
  kommuner: RegisterEntry[];
  historicKommuner: HistoricEntry[];
}

export interface Area {
  code: string;
  level: GeoLevel;
  name: string;
  validFrom: number | null;
  validTo: number | null;
  /** For a historic code: what became of it. */
  historic: HistoricEntry | null;
  fylke: string | null;
  kostragruppe: string | null;
}

const DEFAULT_REGISTER = fileURLToPath(new URL('../../data/geography/register.json', import.meta.url));

/** The municipality and county register: current and historic codes, names, validity. */
export class GeoRegister {
  private readonly areas = new Map<string, Area>();
  private readonly historicAreas = new Map<string, Area>();
  private readonly names = new Map<string, Area[]>();
  private readonly historicNames = new Map<string, Area[]>();
  readonly land: Area;

  constructor(readonly data: RegisterData) {
    this.land = { code: '0', level: 'land', name: data.land.name, validFrom: null, validTo: null, historic: null, fylke: null, kostragruppe: null };
    this.areas.set(key('land', '0'), this.land);
    for (const alias of ['hele landet', 'heile landet', 'landet', 'norge', 'noreg', 'landet i alt']) addName(this.names, alias, this.land);
    for (const f of data.fylker) {
      const area: Area = { code: f.code, level: 'fylke', name: f.name, validFrom: f.validFrom, validTo: f.validTo, historic: null, fylke: f.code, kostragruppe: null };
      this.areas.set(key('fylke', f.code), area);
      addName(this.names, f.name, area);
    }
    for (const k of data.kommuner) {
      const area: Area = { code: k.code, level: 'kommune', name: k.name, validFrom: k.validFrom, validTo: k.validTo, historic: null, fylke: k.fylke ?? null, kostragruppe: k.kostragruppe ?? null };
      this.areas.set(key('kommune', k.code), area);
      for (const n of nameVariants(k.name, k.officialName)) addName(this.names, n, area);
    }
    // Oslo is both a county and a municipality with the same borders; its name means the kommune.
    const oslo = this.names.get('oslo');
    if (oslo) this.names.set('oslo', oslo.filter((a) => a.level === 'kommune'));
    for (const h of data.historicFylker) {
      const area: Area = { code: h.code, level: 'fylke', name: h.name, validFrom: h.validFrom, validTo: h.validTo, historic: h, fylke: h.code, kostragruppe: null };
      this.historicAreas.set(key('fylke', h.code), area);
      addName(this.historicNames, h.name, area);
    }
    for (const h of data.historicKommuner) {
      const area: Area = { code: h.code, level: 'kommune', name: h.name, validFrom: h.validFrom, validTo: h.validTo, historic: h, fylke: null, kostragruppe: null };
      // A code reused over time (rare) keeps its latest meaning.
      const k = key('kommune', h.code);
      const prev = this.historicAreas.get(k);
      if (!prev || (prev.validTo ?? 0) < (h.validTo ?? 0)) this.historicAreas.set(k, area);
      for (const n of nameVariants(h.name)) addName(this.historicNames, n, area);
    }
  }

  static load(path: string = DEFAULT_REGISTER): GeoRegister {
    return new GeoRegister(JSON.parse(readFileSync(path, 'utf8')) as RegisterData);
  }

  current(level: GeoLevel, code: string): Area | undefined {
    return this.areas.get(key(level, code));
  }

  historic(level: GeoLevel, code: string): Area | undefined {
    return this.historicAreas.get(key(level, code));
  }

  /** Current areas with this name (short, official or Sami form); several means ambiguous. */
  byName(name: string): Area[] {
    return this.names.get(normaliseName(name)) ?? [];
  }

  historicByName(name: string): Area[] {
    return this.historicNames.get(normaliseName(name)) ?? [];
  }

  kommunerIn(fylke: string): Area[] {
    return [...this.areas.values()].filter((a) => a.level === 'kommune' && a.fylke === fylke);
  }
}

let shared: GeoRegister | undefined;
/** The register shipped with the package, loaded once. */
export function defaultRegister(): GeoRegister {
  shared ??= GeoRegister.load();
  return shared;
}

function key(level: GeoLevel, code: string): string {
  return `${level}:${code}`;
}

export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** "Våler (Østfold)" is also called "Våler"; "Levanger - Levangke" also "Levanger" and "Levangke". */
function nameVariants(name: string, official?: string): string[] {
  const out = new Set<string>([name]);
  if (official) {
    out.add(official);
    for (const part of official.split(' - ')) out.add(part);
  }
  for (const n of [...out]) {
    const bare = n.replace(/\s*\([^)]*\)\s*$/, '');
    if (bare && bare !== n) out.add(bare);
  }
  return [...out];
}

function addName(index: Map<string, Area[]>, name: string, area: Area): void {
  const k = normaliseName(name);
  const list = index.get(k);
  if (!list) index.set(k, [area]);
  else if (!list.includes(area)) list.push(area);
}
