/**
 * The world behind the shipped example (fixtures/innherred): every table of the default catalogue
 * served by the local API server in the APIs' shapes, with plausible numbers for Levanger (5037),
 * Verdal (5038), Trøndelag (50) and Norway (0) — levels near the real national ones, counts that
 * add up (TELLER ≤ population, RATE = TELLER / NEVNER), trends, a population pyramid and FHI's
 * anonymisation flag for small counts. `folkehelse fetch` downloads it (test/examples/shipped-example.test.ts)
 * and what it writes is the example's data. The numbers are made up; the shapes and codes are the APIs'.
 */
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { planTables, type ApiIndicator, type TablePlan } from '../../src/fetch/plan.js';
import { hash, type ApiServer, type Category, type DimDef } from '../fetch/server.js';
import { GEO, KOSTRA_REGIONS } from '../fetch/world.js';

/** The year the example was fetched (projections are relative to it). */
export const EXAMPLE_YEAR = 2026;
export const EXAMPLE_MODIFIED = '2026-06-15T05:00:00Z';
const LAST = 2025;

/** Deterministic noise in [-1, 1). */
const noise = (s: string) => hash(s) * 2 - 1;
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

// The areas of the project's test world (only the configured ones are asked for).
const AREAS = GEO;
const KOSTRA_AREAS = KOSTRA_REGIONS;
const KOSTRA_GEO: Record<string, string> = { EKA50: '50', EAK: '0', EAKUO: '0', EKG11: '0' };

/** Population 1 January of the last year, and yearly growth. */
const POPULATION: Record<string, [number, number]> = { '0': [5_550_000, 0.008], '50': [478_000, 0.007], '5035': [24_700, 0.011], '5037': [20_600, 0.006], '5038': [15_300, 0.003] };
function population(geo: string, year: number): number {
  const [p, g] = POPULATION[geo] ?? POPULATION['0']!;
  return p * (1 + g) ** (year - LAST);
}

/** Share of the population at each single year of age (0–105); older in the smaller municipalities. */
function ageShares(geo: string, year = LAST): number[] {
  const older = geo === '5038' ? 0.035 : geo === '5037' ? 0.025 : geo === '50' ? 0.01 : geo === '5035' ? 0 : 0;
  const ageing = (year - LAST) * 0.012;
  const w = Array.from({ length: 106 }, (_, a) => {
    const base = a < 20 ? 1.02 : a < 60 ? 1.1 - (a - 20) * 0.001 : 1.06 * Math.exp(-(((a - 60) / 24) ** 2.4));
    return a >= 55 ? base * (1 + older * 4 + ageing * Math.min(1, (a - 55) / 20)) : base * (1 - older);
  });
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

/** One FHI indicator's world: land level, area factors, yearly trend, denominator share, measures. */
interface Profile {
  level: number;
  /** Area → value relative to land (1 = as land), or absolute for `abs`. */
  areas: Record<string, number>;
  /** Relative change per year. */
  trend?: number;
  /** Share of the population in the denominator (crude measures). */
  base?: number;
  multiplier?: number;
  /** Noise, relative. */
  jitter?: number;
  decimals?: number;
  /** Ratio of crude to standardised rate per area (age structure). */
  crude?: Record<string, number>;
  /** Extra factor per category (e.g. KJONN, UTDANN). */
  by?: Record<string, Record<string, number>>;
  /** Additive offset per category (e.g. life expectancy by education). */
  plus?: Record<string, Record<string, number>>;
}

const OLDER = { '50': 1.01, '5035': 0.97, '5037': 1.04, '5038': 1.06 };
const SEX = { KJONN: { '0': 1, '1': 1.04, '2': 0.96 } };

/** By indicator id (the catalogue's); a table's cell takes the profile of the indicator it serves. */
const PROFILES: Record<string, Profile> = {
  'aleneboende-45': { level: 24.3, areas: { '50': 1.01, '5035': 0.9, '5037': 0.93, '5038': 0.97 }, trend: 0.004, base: 0.5 },
  innvandrere: { level: 20.8, areas: { '50': 0.63, '5035': 0.5, '5037': 0.46, '5038': 0.43 }, trend: 0.025, base: 1 },
  'vedvarende-lavinntekt': { level: 10.6, areas: { '50': 0.87, '5035': 0.78, '5037': 0.86, '5038': 0.99 }, trend: 0.01, base: 1 },
  'vedvarende-lavinntekt-barn': { level: 11.9, areas: { '50': 0.85, '5035': 0.72, '5037': 0.87, '5038': 1.12 }, trend: 0.015, base: 0.21 },
  'vedvarende-lavinntekt-innvandrere': { level: 25.5, areas: { '50': 0.95, '5035': 0.9, '5037': 0.98, '5038': 1.12 }, trend: 0.01, base: 0.11, by: { INNVKAT: { '2': 1, '20': 0.28 } } },
  trangbodde: { level: 20.6, areas: { '50': 0.83, '5035': 0.76, '5037': 0.72, '5038': 0.8 }, trend: -0.005, base: 0.21 },
  'gjeld-over-tre-ganger-inntekt': { level: 16.9, areas: { '50': 1.06, '5035': 1.22, '5037': 1.15, '5038': 1.02 }, trend: -0.01, base: 1 },
  inntektsulikhet: { level: 2.75, areas: { '50': 0.93, '5035': 0.88, '5037': 0.87, '5038': 0.85 }, trend: 0.003, decimals: 2 },
  grunnskolepoeng: { level: 41.6, areas: { '50': 0.995, '5035': 1.0, '5037': 0.985, '5038': 0.965 }, trend: 0.002, plus: { UTDANN: { '0': 0, '1': -8.4, '2': -2.6, '3': 4.6 } } },
  'leseferdighet-5-trinn': { level: 23.5, areas: { '50': 1.02, '5035': 1.0, '5037': 1.08, '5038': 1.2 }, trend: 0.01, jitter: 0.06 },
  'regneferdighet-5-trinn': { level: 23.0, areas: { '50': 1.03, '5035': 0.95, '5037': 1.04, '5038': 1.22 }, trend: 0.008, jitter: 0.06 },
  'trivsel-skolen': { level: 85.6, areas: { '50': 1.0, '5035': 1.01, '5037': 1.005, '5038': 0.985 }, trend: -0.002, jitter: 0.01 },
  'mobbing-7-trinn': { level: 8.6, areas: { '50': 1.02, '5035': 0.95, '5037': 1.12, '5038': 1.3 }, trend: 0.02, jitter: 0.07 },
  barnevernstiltak: { level: 3.6, areas: { '50': 0.95, '5035': 0.9, '5037': 1.22, '5038': 1.08 }, trend: -0.02, base: 0.21 },
  neet: { level: 9.7, areas: { '50': 0.93, '5035': 0.85, '5037': 1.08, '5038': 1.16 }, trend: 0.005, base: 0.13 },
  drikkevann: { level: 91, areas: { '50': 1.02, '5035': 1.05, '5037': 1.09, '5038': 0.93 }, trend: 0.003, base: 0.9, jitter: 0.005 },
  'vaksinasjon-mmr': { level: 96.6, areas: { '50': 1.002, '5035': 1.01, '5037': 1.008, '5038': 0.988 }, trend: 0.0005, base: 0.011, jitter: 0.004 },
  'influensavaksine-65': { level: 62, areas: { '50': 1.03, '5035': 1.04, '5037': 1.07, '5038': 0.96 }, trend: 0.02 },
  luftforurensning: { level: 6.0, areas: { '50': 0.8, '5035': 0.78, '5037': 0.74, '5038': 0.7 }, trend: -0.03 },
  'skader-sykehus': { level: 12.4, areas: { '50': 1.03, '5035': 1.0, '5037': 1.12, '5038': 1.18 }, trend: -0.005, base: 1, multiplier: 1000, crude: OLDER },
  hoftebrudd: { level: 8.4, areas: { '50': 1.02, '5035': 0.95, '5037': 1.07, '5038': 0.98 }, trend: -0.015, base: 0.065, multiplier: 1000, crude: OLDER },
  'smertestillende-ungdom': { level: 36.5, areas: { '50': 1.02, '5035': 0.98, '5037': 1.1, '5038': 1.08 }, trend: 0.01, jitter: 0.04 },
  'overvekt-sesjon': { level: 24.2, areas: { '50': 1.08, '5035': 1.05, '5037': 1.16, '5038': 1.24 }, trend: 0.004, jitter: 0.03, by: SEX },
  'forventet-levealder': { level: 83.2, areas: { '50': 1.002, '5035': 1.004, '5037': 0.997, '5038': 0.988 }, trend: 0.0015, jitter: 0.001, by: { KJONN: { '0': 1, '1': 0.98, '2': 1.02 } } },
  'levealder-utdanning': { level: 82.9, areas: { '50': 1.003, '5035': 1.004, '5037': 0.996, '5038': 0.985 }, trend: 0.002, jitter: 0.002, plus: { UTDANN: { '0': 0, '1': -4.6, '2': -0.7, '3': 2.9 }, KJONN: { '0': 0, '1': -1.7, '2': 1.6 } } },
  'psykiske-symptomer-primaer': { level: 166, areas: { '50': 1.02, '5035': 0.96, '5037': 1.09, '5038': 1.06 }, trend: 0.02, base: 0.9, multiplier: 1000, crude: OLDER, by: { KJONN: { '0': 1, '1': 0.8, '2': 1.2 } } },
  'hjerte-kar-primaer': { level: 74, areas: { '50': 1.03, '5035': 0.98, '5037': 1.06, '5038': 1.17 }, trend: -0.01, base: 0.9, multiplier: 1000, crude: OLDER, by: { KJONN: { '0': 1, '1': 1.12, '2': 0.88 } } },
  'hjerte-kar-sykehus': { level: 11.6, areas: { '50': 1.02, '5035': 0.96, '5037': 1.05, '5038': 1.15 }, trend: -0.012, base: 0.9, multiplier: 1000, crude: OLDER, by: { KJONN: { '0': 1, '1': 1.3, '2': 0.7 } } },
  'dodelighet-alle-arsaker': { level: 765, areas: { '50': 0.98, '5035': 0.95, '5037': 1.0, '5038': 1.05 }, trend: -0.012, base: 1, multiplier: 100000, crude: OLDER, jitter: 0.01 },
  'kreft-nye-tilfeller': { level: 690, areas: { '50': 0.99, '5035': 1.0, '5037': 1.02, '5038': 1.03 }, trend: 0.004, base: 1, multiplier: 100000, crude: OLDER, jitter: 0.015 },
};

/** SSB and KOSTRA contents, by ContentsCode: land level, area factors, trend. */
const SSB_PROFILES: Record<string, Profile> = {
  Befolkningsendring: { level: 0, areas: {} },
  DeltaProsent: { level: 63.5, areas: { '50': 1.0, '5035': 1.01, '5037': 0.97, '5038': 0.92 }, trend: 0.003, jitter: 0.01 },
  Sysselsatte2: { level: 69.6, areas: { '50': 1.015, '5035': 1.03, '5037': 1.005, '5038': 0.985 }, trend: 0.002, jitter: 0.005 },
  KOSsosantkliente0000: { level: 37, areas: { '50': 0.9, '5035': 0.8, '5037': 1.05, '5038': 0.85, EKG11: 0.92, EAKUO: 0.93 }, trend: -0.01, jitter: 0.05 },
  /** Per inhabitant 0–20 (kr); the table has the amount in 1000 kr. */
  KOSbelop0000: { level: 3350, areas: { '50': 1.05, '5035': 0.95, '5037': 0.88, '5038': 1.1, EKG11: 1.02, EAKUO: 1.01 }, trend: 0.045, jitter: 0.04, decimals: 0 },
  KOSlegeaarsverk0000: { level: 11.2, areas: { '50': 1.04, '5035': 0.9, '5037': 0.93, '5038': 1.08, EKG11: 1.05, EAKUO: 1.02 }, trend: 0.015, jitter: 0.03 },
};

/** The period a code covers: `2022_2024` → [2022, 2024]. */
function span(code: string): [number, number] {
  const m = /^(\d{4})(?:_(\d{4}))?$/.exec(code);
  if (!m) return [LAST, LAST];
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

/** The land-relative level of a profile in an area and year (with trend, categories and noise). */
function level(p: Profile, geo: string, year: number, coords: Record<string, string>, key: string): number {
  let v = p.level * (p.areas[geo] ?? 1) * (1 + (p.trend ?? 0)) ** (year - LAST);
  for (const [dim, f] of Object.entries(p.by ?? {})) v *= f[coords[dim] ?? ''] ?? 1;
  for (const [dim, f] of Object.entries(p.plus ?? {})) v += f[coords[dim] ?? ''] ?? 0;
  const small = geo.length === 4 ? 1 : 0.15; // noise shrinks with the population
  return v * (1 + noise(`${key}|${geo}|${year}`) * (p.jitter ?? 0.02) * small);
}

function fhiPeriods(pooled: number, count = 10): Category[] {
  return Array.from({ length: count }, (_, i) => {
    const to = LAST - (count - 1 - i);
    const from = to - pooled + 1;
    return { value: `${from}_${to}`, label: pooled === 1 ? String(to) : `${from}-${to}` };
  });
}

const FHI_LABELS: Record<string, Record<string, string>> = {
  KJONN: { '0': 'Kjønn samlet', '1': 'Menn', '2': 'Kvinner' },
  UTDANN: { '0': 'Alle utdanningsnivåer', '1': 'Grunnskole', '2': 'Videregående skole', '3': 'Universitet og høyskole' },
  INNVKAT: { '0': 'Alle', '2': 'Innvandrere', '3': 'Norskfødte med innvandrerforeldre', '20': 'Befolkningen unntatt innvandrere' },
  TRINN: { '5': '5. trinn', '7': '7. trinn', '8': '8. trinn', '10': '10. trinn' },
  MEASURE_TYPE: { TELLER: 'Antall', RATE: 'Andel (prosent)', MEIS: 'Standardiserte tall', MALTALL: 'Måltall', SMR: 'Standardisert rate, indeksert mot landet' },
};
function fhiLabel(dim: string, code: string): string {
  const fixed = FHI_LABELS[dim]?.[code];
  if (fixed) return fixed;
  if (dim === 'ALDER') {
    const m = /^(\d+)_(\d+)$/.exec(code);
    if (m) return m[1] === m[2] ? `${m[1]} år` : m[2] === '120' ? `${m[1]} år +` : `${m[1]}-${m[2]} år`;
    return /^\d+$/.test(code) ? `${code} år` : code;
  }
  return code.replace(/_/g, ' ');
}

/** Which measures FHI publishes for a table: counts with crude shares; standardised rates with counts; life expectancy and survey means alone. */
function fhiMeasures(inds: ApiIndicator[]): string[] {
  const wants = new Set(inds.map((i) => i.select.measure));
  if (wants.has('MALTALL')) return ['MALTALL'];
  if (inds.some((i) => i.measureType === 'indirectly-standardised-rate')) return ['TELLER', 'RATE', 'MEIS'];
  if (wants.has('MEIS')) return ['MEIS'];
  if (inds.every((i) => i.api?.denominator === 'derived')) return ['TELLER', 'RATE'];
  return ['RATE'];
}

/** The indicator a cell of the table belongs to (by the categories its select names). */
function indicatorFor(inds: ApiIndicator[], coords: Record<string, string>): ApiIndicator {
  const fits = (i: ApiIndicator) => {
    if (i.select.age && coords.ALDER && coords.ALDER !== i.select.age && `${coords.ALDER}_${coords.ALDER}` !== i.select.age) return false;
    for (const [d, v] of Object.entries(i.select.dimensions ?? {})) if (coords[d] !== undefined && coords[d] !== v && !i.gradient) return false;
    return true;
  };
  return inds.find(fits) ?? inds[0]!;
}

function fhiTable(server: ApiServer, plan: TablePlan, inds: ApiIndicator[]): void {
  const pooled = Math.max(...inds.map((i) => i.periods?.pooled ?? 1));
  const dims: DimDef[] = [
    { code: 'GEO', label: 'Geografi', categories: AREAS },
    { code: 'AAR', label: 'År', categories: fhiPeriods(pooled) },
  ];
  for (const [code, values] of Object.entries(plan.dimensions)) {
    const all = [...values];
    if (code === 'KJONN') for (const k of ['0', '1', '2']) if (!all.includes(k)) all.push(k);
    dims.push({ code, label: code === 'KJONN' ? 'Kjønn' : code === 'ALDER' ? 'Alder' : code.charAt(0) + code.slice(1).toLowerCase(), categories: all.map((v) => ({ value: v, label: fhiLabel(code, v) })) });
  }
  const measures = fhiMeasures(inds);
  dims.push({ code: 'MEASURE_TYPE', label: 'Måltall', categories: measures.map((m) => ({ value: m, label: fhiLabel('MEASURE_TYPE', m) })) });
  const value = (c: Record<string, string>): number | string | null => {
    const ind = indicatorFor(inds, c);
    const p = PROFILES[ind.id];
    if (!p) throw new Error(`example world: no profile for ${ind.id}`);
    const geo = c.GEO!;
    const [from, to] = span(c.AAR!);
    const key = `${plan.table}|${Object.entries(c).filter(([k]) => !['GEO', 'AAR', 'MEASURE_TYPE'].includes(k)).map(([k, v]) => `${k}=${v}`).join('|')}`;
    const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const mid = (from + to) / 2;
    const target = level(p, geo, mid, c, key);
    const decimals = p.decimals ?? 1;
    if (c.MEASURE_TYPE === 'MALTALL' || (c.MEASURE_TYPE === 'MEIS' && !measures.includes('TELLER')) || (c.MEASURE_TYPE === 'RATE' && !measures.includes('TELLER'))) return round(target, decimals);
    // Counts: a yearly average over the pooled years (as FHI publishes them).
    const mult = p.multiplier ?? 100;
    const sexShare = c.KJONN && c.KJONN !== '0' ? 0.5 : 1;
    const nevner = (years.reduce((a, y) => a + population(geo, y), 0) / years.length) * (p.base ?? 1) * sexShare;
    const crude = target * (p.crude?.[geo] ?? 1);
    const teller = Math.round((nevner * crude) / mult);
    // FHI anonymises small counts (":") in municipalities.
    if (geo.length === 4 && teller < 5) return ':';
    if (c.MEASURE_TYPE === 'TELLER') return teller;
    if (c.MEASURE_TYPE === 'RATE') return round((teller / nevner) * mult, decimals);
    return round(target, decimals);
  };
  server.addFhi({ source: plan.collection, tableId: Number(plan.table), title: plan.title ?? `Tabell ${plan.table}`, publishedAt: '2025-11-10T05:00:00Z', modifiedAt: EXAMPLE_MODIFIED, dims, value });
}

const SSB_AGES: Category[] = Array.from({ length: 106 }, (_, a) => ({ value: a === 105 ? '105+' : String(a).padStart(3, '0'), label: a === 105 ? '105 år eller eldre' : `${a} år` }));

function ssbTable(server: ApiServer, plan: TablePlan, inds: ApiIndicator[]): void {
  const kostra = plan.source === 'kostra';
  const region: DimDef = { code: kostra ? 'KOKkommuneregion0000' : 'Region', label: 'region', categories: kostra ? KOSTRA_AREAS : AREAS };
  const dims: DimDef[] = [region];
  let years: number[] = Array.from({ length: 10 }, (_, i) => LAST - 9 + i);
  let contents: Category[];
  let value: (c: Record<string, string>) => number | null;
  const geoOf = (c: Record<string, string>) => {
    const r = c.Region ?? c.KOKkommuneregion0000 ?? '0';
    return KOSTRA_GEO[r] ?? r;
  };
  const byAge = (c: Record<string, string>, year: number) => {
    const a = c.Alder === '105+' ? 105 : Number(c.Alder);
    const sex = c.Kjonn === '1' ? 0.505 - (a > 75 ? (a - 75) * 0.006 : 0) : 0.495 + (a > 75 ? (a - 75) * 0.006 : 0);
    return Math.round(population(geoOf(c), year) * ageShares(geoOf(c), year)[a]! * sex);
  };
  if (plan.table === '07459') {
    dims.push({ code: 'Kjonn', label: 'kjønn', categories: [{ value: '1', label: 'Menn' }, { value: '2', label: 'Kvinner' }], elimination: true });
    dims.push({ code: 'Alder', label: 'alder', categories: SSB_AGES, elimination: true });
    contents = [{ value: 'Personer1', label: 'Personer' }];
    years = Array.from({ length: 11 }, (_, i) => LAST - 9 + i);
    value = (c) => byAge(c, Number(c.Tid));
  } else if (plan.shares?.some((x) => x.dimension === 'Alder')) {
    // The population projection (14746): persons by sex and age, the main alternative.
    dims.push({ code: 'Kjonn', label: 'kjønn', categories: [{ value: '1', label: 'Menn' }, { value: '2', label: 'Kvinner' }], elimination: true });
    dims.push({ code: 'Alder', label: 'alder', categories: SSB_AGES, elimination: true });
    contents = [{ value: 'Personer', label: 'Hovedalternativet (MMMM)' }, { value: 'Personer1', label: 'Lav nasjonal vekst (LLML)' }, { value: 'Personer2', label: 'Høy nasjonal vekst (HHMH)' }];
    years = Array.from({ length: 2050 - EXAMPLE_YEAR + 1 }, (_, i) => EXAMPLE_YEAR + i);
    value = (c) => byAge(c, Number(c.Tid));
  } else if (plan.table === '09429') {
    const levels: [string, string, number][] = [['01', 'Grunnskolenivå', 0.24], ['02a', 'Videregående skolenivå', 0.36], ['11', 'Fagskolenivå', 0.03], ['03a', 'Universitets- og høgskolenivå, kort', 0.25], ['04a', 'Universitets- og høgskolenivå, lang', 0.1], ['09a', 'Uoppgitt eller ingen fullført utdanning', 0.02]];
    dims.push({ code: 'Nivaa', label: 'nivå', categories: levels.map(([v, l]) => ({ value: v, label: l })), elimination: true });
    dims.push({ code: 'Kjonn', label: 'kjønn', categories: [{ value: '1', label: 'Menn' }, { value: '2', label: 'Kvinner' }], elimination: true });
    contents = [{ value: 'Personer', label: 'Personer' }];
    const uh: Record<string, number> = { '0': 1, '50': 0.93, '5035': 0.88, '5037': 0.82, '5038': 0.68 };
    value = (c) => {
      const geo = geoOf(c);
      const year = Number(c.Tid);
      const adults = population(geo, year) * 0.78 * 0.5;
      const lv = levels.find(([v]) => v === c.Nivaa)!;
      const isUh = lv[0] === '03a' || lv[0] === '04a';
      const f = isUh ? (uh[geo] ?? 1) * (1 + 0.012 * (year - LAST)) : (1 - 0.35 * (uh[geo] ?? 1)) / 0.65;
      return Math.round(adults * lv[2] * f * (c.Kjonn === '2' ? (isUh ? 1.2 : 0.9) : isUh ? 0.8 : 1.1) * (1 + noise(`${geo}${year}${c.Nivaa}${c.Kjonn}`) * 0.01));
    };
  } else if (plan.table === '11607') {
    dims.push({ code: 'Alder', label: 'alder', categories: [{ value: '15-74', label: '15-74 år' }, { value: '15-19', label: '15-19 år' }, { value: '20-66', label: '20-66 år' }] });
    dims.push({ code: 'Kjonn', label: 'kjønn', categories: [{ value: '0', label: 'Begge kjønn' }, { value: '1', label: 'Menn' }, { value: '2', label: 'Kvinner' }] });
    dims.push({ code: 'Landbakgrunn', label: 'landbakgrunn', categories: [{ value: 'tot', label: 'I alt' }, { value: 'zzz', label: 'Befolkningen unntatt innvandrere' }, { value: 'abc', label: 'Innvandrere i alt' }] });
    contents = [{ value: 'Sysselsatte2', label: 'Sysselsatte i prosent av befolkningen' }, { value: 'Sysselsatte1', label: 'Sysselsatte (personer)' }];
    value = (c) => {
      const rate = level(SSB_PROFILES.Sysselsatte2!, geoOf(c), Number(c.Tid), c, `11607${c.Alder}${c.Kjonn}${c.Landbakgrunn}`) * (c.Kjonn === '1' ? 1.04 : c.Kjonn === '2' ? 0.96 : 1) * (c.Alder === '15-19' ? 0.45 : c.Alder === '20-66' ? 1.15 : 1) * (c.Landbakgrunn === 'abc' ? 0.88 : 1);
      return c.ContentsCode === 'Sysselsatte2' ? round(rate, 1) : Math.round((population(geoOf(c), Number(c.Tid)) * 0.72 * rate) / 100);
    };
  } else if (plan.table === '06913') {
    contents = [{ value: 'Folkemengde', label: 'Folkemengde 1. januar' }, { value: 'Levende', label: 'Levendefødte' }, { value: 'Dode', label: 'Døde' }, { value: 'Folketilvekst', label: 'Folketilvekst' }];
    value = (c) => {
      const geo = geoOf(c);
      const y = Number(c.Tid);
      const growth = Math.round(population(geo, y + 1) - population(geo, y) + noise(`06913${geo}${y}`) * population(geo, y) * 0.002);
      if (c.ContentsCode === 'Folkemengde') return Math.round(population(geo, y));
      if (c.ContentsCode === 'Levende') return Math.round(population(geo, y) * 0.0098);
      if (c.ContentsCode === 'Dode') return Math.round(population(geo, y) * 0.0083);
      return growth;
    };
  } else if (plan.table === '09475') {
    contents = [{ value: 'DeltaProsent', label: 'Valgdeltakelse i prosent' }];
    years = [2011, 2015, 2019, 2023];
    value = (c) => round(level(SSB_PROFILES.DeltaProsent!, geoOf(c), Number(c.Tid), c, '09475'), 1);
  } else {
    // KOSTRA: the statistic by its code; other variables (function, art) with a few categories.
    const code = plan.dimensions.ContentsCode?.[0];
    const profile = code ? SSB_PROFILES[code] : undefined;
    if (!code || !profile) throw new Error(`example world: no profile for SSB table ${plan.table}`);
    const labels: Record<string, string> = { KOSsosantkliente0000: 'Sosialhjelpsmottakere per 1000 innbyggere', KOSbelop0000: 'Beløp (1000 kr)', KOSlegeaarsverk0000: 'Legeårsverk per 10 000 innbyggere, kommunehelsetjenesten' };
    for (const [d, want] of Object.entries(plan.dimensions)) {
      if (d === 'ContentsCode') continue;
      dims.push({ code: d, label: d.replace(/^KOK|0000$/g, '').toLowerCase(), categories: [...want, d === 'KOKart0000' ? 'AGD10' : '233'].map((v) => ({ value: v, label: v })) });
    }
    contents = [{ value: code, label: labels[code] ?? code }];
    if (plan.table === '13995') years = [2022, 2023, 2024, 2025];
    value = (c) => {
      const r = c.KOKkommuneregion0000!;
      const other = Object.entries(plan.dimensions).some(([d, want]) => d !== 'ContentsCode' && !want.includes(c[d]!));
      const v = level(profile, profile.areas[r] !== undefined ? r : (KOSTRA_GEO[r] ?? r), Number(c.Tid), c, plan.table) * (other ? 0.4 : 1);
      // The amount (1000 kr): per inhabitant 0–20 years × inhabitants 0–20.
      if (code === 'KOSbelop0000') return Math.round((v * population(KOSTRA_GEO[r] ?? r, Number(c.Tid)) * 0.24) / 1000);
      return round(v, profile.decimals ?? 1);
    };
  }
  dims.push({ code: 'ContentsCode', label: 'statistikkvariabel', categories: contents });
  dims.push({ code: 'Tid', label: 'år', categories: years.map((y) => ({ value: String(y), label: String(y) })) });
  server.addSsb({ id: plan.table, label: `${plan.table}: ${inds[0]?.title.nb ?? plan.title}`, updated: EXAMPLE_MODIFIED, dims, value });
}

/** Serves every table the default catalogue's `api` blocks name. */
export function populateExample(server: ApiServer, catalogue: ApiIndicator[] = loadCatalogue() as ApiIndicator[]): void {
  const { tables } = planTables(catalogue);
  for (const plan of tables) {
    const inds = catalogue.filter((i) => plan.indicators.includes(i.id));
    if (plan.api === 'fhi') fhiTable(server, plan, inds);
    else ssbTable(server, plan, inds);
  }
  server.kostragrupper.set('5037', 'EKG11');
  server.kostragrupper.set('5038', 'EKG11');
}
