/**
 * Test tables for the local API server, in the APIs' real shapes with the real dimension codes the
 * catalogue asks for (plus categories it does not ask for), so that `fetch` must select.
 */
import { loadCatalogue } from '../../src/indicators/catalogue.js';
import { planTables, type ApiIndicator } from '../../src/fetch/plan.js';
import { measuresOf } from '../../src/indicators/select.js';
import type { ApiServer, Category, DimDef } from './server.js';

export const GEO: Category[] = [
  { value: '0', label: 'Hele landet' },
  { value: '50', label: 'Trøndelag - Trööndelage' },
  { value: '5035', label: 'Stjørdal' },
  { value: '5036', label: 'Frosta' },
  { value: '5037', label: 'Levanger' },
  { value: '5038', label: 'Verdal' },
  { value: '03', label: 'Oslo' },
  { value: '0301', label: 'Oslo' },
];
export const KOSTRA_REGIONS: Category[] = [
  { value: '5035', label: 'Stjørdal' },
  { value: '5036', label: 'Frosta' },
  { value: '5037', label: 'Levanger' },
  { value: '5038', label: 'Verdal' },
  { value: 'EKA50', label: 'Trøndelag' },
  { value: 'EAK', label: 'Landet' },
  { value: 'EAKUO', label: 'Landet uten Oslo' },
  { value: 'EKG11', label: 'Kostragruppe 11' },
  { value: 'EKG12', label: 'Kostragruppe 12' },
];

function label(dim: string, code: string): string {
  if (dim === 'KJONN') return ({ '0': 'Kjønn samlet', '1': 'Menn', '2': 'Kvinner' } as Record<string, string>)[code] ?? code;
  if (dim === 'ALDER') {
    const m = /^(\d+)_(\d+)$/.exec(code);
    if (m) return m[1] === m[2] ? `${m[1]} år` : `${m[1]}-${m[2]} år`;
    return /^\d+$/.test(code) ? `${code} år` : code;
  }
  return `${dim} ${code}`;
}

function periods(pooled: number, count = 6, last = 2024): Category[] {
  const out: Category[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const to = last - i;
    const from = to - pooled + 1;
    out.push({ value: `${from}_${to}`, label: pooled === 1 ? String(to) : `${from}-${to}` });
  }
  return out;
}

export function apiCatalogue(): ApiIndicator[] {
  return loadCatalogue() as ApiIndicator[];
}

/** Serves every table of the catalogue's `api` blocks (FHI ids as in the catalogue). */
export function populate(server: ApiServer, catalogue: ApiIndicator[] = apiCatalogue(), when = '2026-05-01T05:00:00Z'): void {
  const { tables } = planTables(catalogue);
  for (const plan of tables) {
    const inds = catalogue.filter((i) => plan.indicators.includes(i.id));
    if (plan.api === 'fhi') {
      const dims: DimDef[] = [{ code: 'GEO', label: 'Geografi', categories: GEO }];
      const pooled = Math.max(...inds.map((i) => i.periods?.pooled ?? 1));
      dims.push({ code: 'AAR', label: 'År', categories: periods(pooled) });
      for (const [code, values] of Object.entries(plan.dimensions)) {
        dims.push({ code, label: code, categories: [...values, 'EXTRA'].map((v) => ({ value: v, label: v === 'EXTRA' ? 'Annet' : label(code, v) })) });
      }
      const wants = new Set(inds.map((i) => i.select.measure));
      const measures = wants.has('MALTALL') ? ['MALTALL'] : wants.has('MEIS') ? ['TELLER', 'RATE', 'MEIS'] : ['TELLER', 'RATE'];
      dims.push({ code: 'MEASURE_TYPE', label: 'Måltall', categories: measures.map((m) => ({ value: m, label: m === 'TELLER' ? 'Antall' : m })) });
      server.addFhi({ source: plan.collection, tableId: Number(plan.table), title: plan.title ?? `Tabell ${plan.table}`, publishedAt: '2026-04-27T05:00:00Z', modifiedAt: when, dims });
      continue;
    }
    // A measure is a ContentsCode, its label, or both ([code, label]): the label is the last.
    const labelOf = (ind: ApiIndicator) => measuresOf(ind.select).at(-1)!;
    const contents: Category[] = plan.dimensions.ContentsCode
      ? plan.dimensions.ContentsCode.map((c, i) => {
          const ind = inds.find((x) => measuresOf(x.select).includes(c)) ?? inds[i];
          return { value: c, label: ind ? labelOf(ind) : c };
        })
      : inds.map((ind, i) => ({ value: `Innhold${i}`, label: labelOf(ind) }));
    const dims: DimDef[] = [{ code: plan.source === 'kostra' ? 'KOKkommuneregion0000' : 'Region', label: 'region', categories: plan.source === 'kostra' ? KOSTRA_REGIONS : GEO }];
    const ages = Array.from({ length: 106 }, (_, a) => ({ value: a === 105 ? '105+' : String(a).padStart(3, '0'), label: a === 105 ? '105 år eller eldre' : `${a} år` }));
    if (plan.table === '07459' || plan.shares?.some((x) => x.dimension === 'Alder')) {
      dims.push({ code: 'Kjonn', label: 'kjønn', categories: [{ value: '1', label: 'Menn' }, { value: '2', label: 'Kvinner' }], elimination: true });
      dims.push({ code: 'Alder', label: 'alder', categories: ages, elimination: true });
    }
    if (plan.shares?.some((x) => x.dimension === 'Nivaa')) {
      const levels: [string, string][] = [['01', 'Grunnskolenivå'], ['02a', 'Videregående skolenivå'], ['11', 'Fagskolenivå'], ['03a', 'Universitets- og høgskolenivå kort'], ['04a', 'Universitets- og høgskolenivå lang'], ['09a', 'Uoppgitt eller ingen fullført utdanning']];
      dims.push({ code: 'Nivaa', label: 'nivå', categories: levels.map(([value, l]) => ({ value, label: l })), elimination: true });
    }
    for (const [code, values] of Object.entries(plan.dimensions)) {
      if (code === 'ContentsCode' || dims.some((d) => d.code === code)) continue;
      dims.push({ code, label: code.toLowerCase(), categories: [...values, 'EXTRA'].map((v) => ({ value: v, label: v === 'EXTRA' ? 'Annet' : `${v} år` })), elimination: true });
    }
    dims.push({ code: 'ContentsCode', label: 'statistikkvariabel', categories: plan.shares ? contents.map((c) => ({ ...c, label: 'Personer' })) : contents });
    // Projections: years ahead of "now"; other tables: ten past years.
    const first = plan.horizon ? new Date().getUTCFullYear() : 2015;
    const years = plan.horizon ? 27 : 10;
    dims.push({ code: 'Tid', label: 'år', categories: Array.from({ length: years }, (_, i) => ({ value: String(first + i), label: String(first + i) })) });
    server.addSsb({ id: plan.table, label: `${plan.table}: Tabell ${plan.table}`, updated: when, dims });
  }
}
