import { msg, say, type Message } from '../base/messages.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GeoLevel } from '../model/observation.js';
import { LAND } from '../model/observation.js';

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

/**
 * A city district, a city's total or its "Uoppgitt" district, as SSB writes it in
 * Statistikkbanken (`ssbCode`, with the series letters SSB adds when a number is reused) and in
 * Klass (`klassCode`, six digits).
 */
export interface BydelEntry {
  ssbCode: string;
  klassCode: string;
  /** The municipality number the code begins with (as it was then: 1201 for Bergen until 2019). */
  kommune: string;
  name: string;
  /** `total`: the city as a whole, i.e. the municipality; `uoppgitt`: district not known. */
  kind: 'bydel' | 'total' | 'uoppgitt';
  validFrom: number | null;
  validTo: number | null;
  /** folkehelse's code: the Klass code for a district valid now, `030101:1988-2003` for a discontinued one whose number was reused. Absent for totals. */
  code?: string;
  /** The current district it is the same as, when only the municipality number changed (120101 → 460101). */
  successor?: string;
}

/** An area SSB publishes that is no municipality, county or the country (level `other`). */
export interface OtherAreaEntry {
  code: string;
  /** Where the code sits in SSB's region lists: county-width (21, 99), municipality-width (2111, 9999) or a group (K-23). */
  width: 'fylke' | 'kommune' | 'aggregate';
  /** Null where SSB's tables name it differently (24–26, 88); the label's name is used then. */
  name: string | null;
  kind: 'svalbard-jan-mayen' | 'kontinentalsokkel' | 'uoppgitt' | 'rest' | 'special' | 'historic';
  validFrom: number | null;
  validTo: number | null;
  source: string;
}

export interface RegisterData {
  asOf: string;
  sources: string[];
  land: { code: string; name: string };
  fylker: RegisterEntry[];
  historicFylker: HistoricEntry[];
  kommuner: RegisterEntry[];
  historicKommuner: HistoricEntry[];
  bydeler?: BydelEntry[];
  otherAreas?: OtherAreaEntry[];
}

/** What a former municipality number became, for someone who asks for it. */
export interface KommuneLookup {
  area: Area;
  /** The number asked for, when it is a former one (1719, 0104). */
  formerCode: string | null;
  /** A sentence saying which current municipality the former number became. */
  note: string | null;
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
  private readonly bydelBySsb = new Map<string, BydelEntry>();
  private readonly bydelByKlass = new Map<string, BydelEntry[]>();
  private readonly others = new Map<string, OtherAreaEntry>();
  private readonly otherNames = new Map<string, OtherAreaEntry>();
  /** Former municipalities by the one they were merged into (made at the first `mergedInto`). */
  #merged: Map<string, HistoricEntry[]> | null = null;
  readonly land: Area;

  constructor(readonly data: RegisterData) {
    this.land = { code: LAND, level: 'land', name: data.land.name, validFrom: null, validTo: null, historic: null, fylke: null, kostragruppe: null };
    this.areas.set(key('land', LAND), this.land);
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
    for (const b of data.bydeler ?? []) {
      this.bydelBySsb.set(b.ssbCode, b);
      const list = this.bydelByKlass.get(b.klassCode);
      if (list) list.push(b);
      else this.bydelByKlass.set(b.klassCode, [b]);
      // FHI names districts "Bydel Gamle Oslo", "Arna bydel", "Hundvåg kommunedel", or bare
      // ("Eiganes og Våland"); a bare name that is also a municipality's (Finnøy) means the municipality.
      if (b.kind === 'bydel' && b.validTo === null && b.code) {
        const area: Area = { code: b.code, level: 'bydel', name: b.name, validFrom: b.validFrom, validTo: null, historic: null, fylke: this.current('kommune', b.kommune)?.fylke ?? null, kostragruppe: null };
        for (const n of [`bydel ${b.name}`, `${b.name} bydel`, `${b.name} kommunedel`]) addName(this.names, n, area);
        const bare = normaliseName(b.name);
        if (!this.names.has(bare) && !this.historicNames.has(bare)) addName(this.names, b.name, area);
      }
    }
    for (const o of data.otherAreas ?? []) {
      this.others.set(`${o.width}:${o.code}`, o);
      // By name too ("Svalbard", "Kontinentalsokkelen"): the county-wide area before a group or a part.
      if (!o.name || o.kind === 'historic') continue;
      const prev = this.otherNames.get(normaliseName(o.name));
      if (!prev || WIDTH_ORDER.indexOf(o.width) < WIDTH_ORDER.indexOf(prev.width)) this.otherNames.set(normaliseName(o.name), o);
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

  /**
   * A city district by SSB's or Klass's code. A reused number (030101 was Bygdøy-Frogner until
   * 2003, Gamle Oslo since 2004) is told apart by the series letters SSB writes (030101a), else by
   * the label's period, else by its name; without any of these, the district valid now.
   */
  bydel(code: string, label: { name?: string | null; validFrom?: number | null; validTo?: number | null } = {}): BydelEntry | undefined {
    if (/[a-z]$/.test(code)) return this.bydelBySsb.get(code);
    const candidates = this.bydelByKlass.get(code) ?? [];
    if (candidates.length <= 1) return candidates[0];
    const hasPeriod = (label.validFrom ?? null) !== null || (label.validTo ?? null) !== null;
    if (hasPeriod) {
      const same = candidates.find((c) => c.validFrom === (label.validFrom ?? null) && c.validTo === (label.validTo ?? null));
      if (same) return same;
      const overlapping = candidates.filter((c) => (label.validTo == null || c.validFrom === null || c.validFrom <= label.validTo) && (label.validFrom == null || c.validTo === null || c.validTo >= label.validFrom));
      if (overlapping.length === 1) return overlapping[0];
    }
    if (label.name) {
      // FHI writes "Bydel Gamle Oslo", SSB "Gamle Oslo".
      const wanted = normaliseName(label.name).replace(/^bydel\s+/, '');
      const named = candidates.filter((c) => normaliseName(c.name) === wanted);
      if (named.length === 1) return named[0];
      if (named.length > 1) return named.find((c) => c.validTo === null) ?? latest(named);
    }
    return candidates.find((c) => c.validTo === null) ?? latest(candidates);
  }

  /** Every district entry (for listings and tests). */
  bydeler(): BydelEntry[] {
    return this.data.bydeler ?? [];
  }

  /** One of SSB's areas outside the municipalities, by where its code sits in SSB's lists. */
  otherArea(width: OtherAreaEntry['width'], code: string): OtherAreaEntry | undefined {
    return this.others.get(`${width}:${code}`);
  }

  /** One of SSB's areas outside the municipalities by its name ("Svalbard", "Uoppgitt"). */
  otherByName(name: string): OtherAreaEntry | undefined {
    return this.otherNames.get(normaliseName(name));
  }

  /** Former municipalities merged into this current one (their rows stay under their old numbers). */
  mergedInto(code: string): HistoricEntry[] {
    // Asked for every area of every indicator: the register's history is grouped once, in its order.
    if (!this.#merged) {
      this.#merged = new Map();
      for (const h of this.data.historicKommuner) {
        if (h.kind !== 'merged' || h.successors.length !== 1) continue;
        const list = this.#merged.get(h.successors[0]!);
        if (list) list.push(h);
        else this.#merged.set(h.successors[0]!, [h]);
      }
    }
    return this.#merged.get(code)?.slice() ?? [];
  }

  /** The codes whose rows count for a current municipality: its own and those merged into it. */
  dataCodesFor(code: string): string[] {
    return [code, ...this.mergedInto(code).map((h) => h.code)];
  }

  /**
   * A municipality asked for by number: a current one, or a former one (renumbered or merged)
   * with the current municipality it became and a note saying so. Undefined when the number
   * was never a municipality or was divided (then `formerKommune` tells into what).
   */
  kommune(code: string): KommuneLookup | undefined {
    const padded = /^\d{1,4}$/.test(code.trim()) ? code.trim().padStart(4, '0') : code.trim();
    const now = this.current('kommune', padded);
    if (now) return { area: now, formerCode: null, note: null };
    const old = this.historic('kommune', padded);
    const h = old?.historic;
    if (!old || !h || h.successors.length !== 1) return undefined;
    const successor = this.current('kommune', h.successors[0]!);
    if (!successor) return undefined;
    const span = `${h.validFrom ?? ''}-${h.validTo ?? ''}`;
    const others = describeOthers(this.mergedInto(successor.code).filter((x) => x.code !== h.code && x.validTo === h.validTo));
    const how =
      h.kind === 'renumbered'
        ? msg('issue.geo.gotNumber', { code: successor.code, year: (h.validTo ?? 0) + 1 })
        : h.validTo !== null
          ? msg('issue.geo.mergedInYear', { year: h.validTo + 1, code: successor.code, name: successor.name, others })
          : msg('issue.geo.mergedIntoNow', { code: successor.code, name: successor.name, others });
    // Said in the run's language (the CLI shows it as it is).
    const note = say('issue.geo.kommuneShown', { old: padded, name: old.name, span, how, code: successor.code, newName: successor.name, history: h.kind === 'merged' ? msg('issue.geo.withHistory') : '' });
    return { area: successor, formerCode: padded, note };
  }

  /** The municipalities a former, divided one became (1507 Ålesund → 1508, 1580). */
  formerKommune(code: string): Area | undefined {
    return this.historic('kommune', /^\d{1,4}$/.test(code.trim()) ? code.trim().padStart(4, '0') : code.trim());
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

const WIDTH_ORDER: OtherAreaEntry['width'][] = ['fylke', 'aggregate', 'kommune'];

function latest(list: BydelEntry[]): BydelEntry | undefined {
  return [...list].sort((a, b) => (b.validTo ?? 9999) - (a.validTo ?? 9999))[0];
}

function describeOthers(others: HistoricEntry[]): string | Message {
  if (others.length === 0) return '';
  const names = others.map((o) => `${o.code} ${o.name}`);
  const list = names.length < 2 ? names[0]! : msg('issue.word.and', { first: names.slice(0, -1).join(', '), second: names[names.length - 1]! });
  return msg('issue.geo.togetherWith', { list });
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
