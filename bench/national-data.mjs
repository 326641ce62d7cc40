// Writes a synthetic national dataset: land, the 15 counties and the 357 municipalities, 10 periods,
// every indicator of the default catalogue, in the formats folkehelse reads (FHI cube and label
// files, SSB and KOSTRA CSV, Ungdata). Numbers are made up and internally consistent
// (TELLER ≤ NEVNER, RATE = sumTELLER/sumNEVNER × multiplier). Used by the benchmarks.
import { mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function writeNationalDataset(dir) {
  mkdirSync(dir, { recursive: true });
  const register = JSON.parse(readFileSync(join(root, 'data/geography/register.json'), 'utf8'));
  const catalogue = readdirSync(join(root, 'data/catalogue')).sort().flatMap((f) => JSON.parse(readFileSync(join(root, 'data/catalogue', f), 'utf8')).indicators);
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const areas = [
    { code: '0', cube: '0', name: 'Hele landet', label: '0 Hele landet', pop: 5_550_000 },
    ...register.fylker.map((f) => ({ code: f.code, cube: String(Number(f.code)), name: f.name, label: `${f.code} ${f.name}`, pop: 370_000 })),
    ...register.kommuner.map((k, i) => ({ code: k.code, cube: String(Number(k.code)), name: k.name, label: `${k.code} ${k.name}`, pop: 900 + ((i * 7919) % 45_000) })),
  ];
  const years = Array.from({ length: 10 }, (_, i) => 2015 + i);
  const written = [];
  const write = (name, lines) => {
    writeFileSync(join(dir, name), lines.join('\n') + '\n');
    written.push(name);
  };
  const ageLabel = (code) => (code === '0_0' ? 'ved fødsel' : /^(\d+)_(\d+)$/.test(code) ? `${code.split('_')[0]}-${code.split('_')[1]} år` : code);
  for (const ind of catalogue) {
    // A measure may list alternatives (an SSB ContentsCode and its labels): a CSV download has the label, the last.
    const s = { ...ind.select, measure: Array.isArray(ind.select.measure) ? ind.select.measure.at(-1) : ind.select.measure };
    const pooled = ind.periods?.pooled ?? 1;
    const periods = years.map((to) => [to - pooled + 1, to]);
    const level = 0.05 + 0.3 * rand();
    if (s.source === 'fhi' && (s.measure === 'RATE' || s.measure === 'MEIS')) {
      const dims = Object.keys(s.dimensions ?? {});
      const cols = ['GEO', 'AAR', 'KJONN', 'ALDER', ...dims, 'TELLER', 'NEVNER', 'RATE', 'SMR', 'MEIS', 'sumTELLER', 'sumNEVNER', 'RATE.n', 'SPVFLAGG'];
      const lines = [cols.join(';')];
      const bands = ind.standard ? ind.standard.bands.map((b) => b.age) : [s.age ?? '0_120'];
      for (const a of areas) {
        const rel = a.code === '0' ? 1 : 0.8 + 0.4 * rand();
        for (const [from, to] of periods) {
          for (const age of bands) {
            const parts = [1, 2].map((sex) => {
              const n = Math.max(20, Math.round(a.pop * 0.3 * (to - from + 1) * 0.5));
              return { sex, n, x: Math.min(n - 4, Math.round(n * level * rel * (sex === 1 ? 1.05 : 0.95))) };
            });
            const total = { sex: 0, n: parts[0].n + parts[1].n, x: parts[0].x + parts[1].x };
            for (const c of [total, ...parts]) {
              const m = ind.multiplier ?? 100;
              const rate = (c.x / c.n) * m;
              const smr = 100 * rel;
              const row = { GEO: a.cube, AAR: `${from}_${to}`, KJONN: c.sex, ALDER: age, TELLER: (c.x / pooled).toFixed(1), NEVNER: (c.n / pooled).toFixed(1), RATE: rate.toFixed(6), SMR: s.measure === 'MEIS' ? smr.toFixed(4) : '', MEIS: s.measure === 'MEIS' ? (level * m * rel).toFixed(6) : '', sumTELLER: c.x, sumNEVNER: c.n, 'RATE.n': pooled, SPVFLAGG: c.x <= 3 && a.code !== '0' ? 3 : 0 };
              for (const d of dims) row[d] = s.dimensions[d];
              if (row.SPVFLAGG) for (const k of ['TELLER', 'NEVNER', 'RATE', 'SMR', 'MEIS', 'sumTELLER', 'sumNEVNER', 'RATE.n']) row[k] = '';
              lines.push(cols.map((col) => row[col] ?? '').join(';'));
            }
          }
        }
      }
      write(`${s.table}.csv`, lines);
    } else if (s.source === 'fhi') {
      const dims = Object.keys(s.dimensions ?? {});
      const groups = ind.gradient ? [s.dimensions[ind.gradient.dimension], ...ind.gradient.groups.map((g) => g.value)] : [null];
      const lines = [['Geografi', 'År', 'Kjønn', 'Alder', ...dims, 'Måltall', 'value'].map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')];
      // FHI's label tables list Oslo once (county and municipality have the same borders).
      for (const a of areas.filter((x) => x.code !== '03')) {
        const rel = 0.9 + 0.2 * rand();
        for (const [from, to] of periods) {
          for (const g of groups) {
            const v = (ind.measureType === 'years' ? 82 : 100 * level) * rel * (g === null ? 1 : 1 + 0.02 * groups.indexOf(g));
            const dimValues = dims.map((d) => (ind.gradient && d === ind.gradient.dimension && g !== null ? g : s.dimensions[d]));
            lines.push([registerName(a), from === to ? String(to) : `${from}-${to}`, 'kjønn samlet', ageLabel(s.age ?? '0_120'), ...dimValues, s.measure, v.toFixed(4)].map(csvCell).join(','));
          }
        }
      }
      write(`${s.table}.csv`, lines);
    } else if (s.source === 'ssb' || s.source === 'kostra') {
      const lines = [`region;år;statistikkvariabel;${s.table}: ${s.measure}`.replace(/;[^;]*$/, ';verdi')];
      const regions = s.source === 'kostra' ? [{ ...areas[0], label: 'EAK Landet' }, ...areas.slice(1)] : areas;
      for (const a of regions) {
        const rel = 0.8 + 0.4 * rand();
        for (const y of years) {
          const v = ind.measureType === 'count' ? Math.round(a.pop * (1 + 0.005 * (y - 2020))) : (ind.measureType === 'value' ? 3000 : 100 * level) * rel;
          lines.push([a.label, y, s.measure, ind.measureType === 'count' ? String(v) : v.toFixed(1).replace('.', ',')].join(';'));
        }
      }
      write(`${s.table}-${s.source}.csv`, lines);
    } else if (s.source === 'ungdata') {
      continue; // all Ungdata indicators go into one file below
    }
  }
  // Ungdata: every municipality, yearly, with the family-economy breakdown for the gradient.
  const ung = catalogue.filter((i) => i.select.source === 'ungdata');
  const lines = ['kommune;year;indicator;grouping;group;n_respondents;n_yes'];
  for (const a of areas) {
    const N = Math.max(60, Math.round(a.pop * 0.04));
    for (const y of years) {
      for (const ind of ung) {
        const p = 0.1 + 0.3 * rand();
        const x = Math.round(N * p);
        lines.push([a.code, y, ind.select.measure, 'total', 'alle', N, x].join(';'));
        if (ind.gradient) {
          const shares = [0.75, 0.19, 0.06];
          ind.gradient.groups.forEach((g, k) => {
            const n = Math.round(N * shares[k]);
            lines.push([a.code, y, ind.select.measure, ind.gradient.dimension, g.value, n, Math.min(n - 4, Math.round(n * p * (1 + k)))].join(';'));
          });
        }
      }
    }
  }
  write('ungdata.csv', lines);
  // SSB 07459, population by sex and single year of age, for the pyramids (long CSV).
  const pop = ['region;kjønn;alder;år;statistikkvariabel;07459: Befolkning'];
  for (const a of areas) {
    for (const sex of ['Menn', 'Kvinner']) {
      for (let age = 0; age <= 100; age++) {
        pop.push([a.label, sex, `${age} år`, 2024, 'Personer', Math.round((a.pop / 202) * Math.max(0.1, 1.3 - Math.abs(age - 45) / 55))].join(';'));
      }
    }
  }
  write('07459-befolkning.csv', pop);
  return written;

  function registerName(a) {
    // Label exports name areas: the register's official names are unique.
    if (a.code === '0') return 'Hele landet';
    const k = register.kommuner.find((x) => x.code === a.code);
    return k ? k.officialName : a.name;
  }
}

function csvCell(v) {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
