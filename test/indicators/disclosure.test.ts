import { describe, expect, it } from 'vitest';
import { defaultRegister } from '../../src/geo/register.js';
import type { Indicator } from '../../src/indicators/catalogue.js';
import { determinedCells, strictestLimits } from '../../src/indicators/disclosure.js';
import { computeIndicators, UnknownKommuneError } from '../../src/indicators/engine.js';
import type { AreaValue } from '../../src/indicators/result.js';
import type { Observation, Period } from '../../src/model/observation.js';

const register = defaultRegister();
const year = (y: number): Period => ({ from: y, to: y, kind: 'year', label: String(y) });
const YEARS = [2018, 2019, 2020, 2021, 2022];

function obs(code: string, p: Period, x: number | null, n: number | null, extra: Partial<Observation> = {}): Observation {
  const level = code === '0' ? 'land' : code.length === 2 ? 'fylke' : 'kommune';
  const name = code === '0' ? 'Norge' : (register.current(level, code)?.name ?? code);
  return {
    source: 'fhi',
    table: 'test',
    measure: 'RATE',
    measureType: 'rate',
    unit: null,
    multiplier: null,
    standardisation: 'none',
    geo: { code, level, name },
    harmonisedFrom: null,
    period: p,
    sex: 'total',
    age: null,
    dimensions: {},
    value: x !== null && n !== null ? (100 * x) / n : null,
    missing: null,
    provisional: false,
    numerator: x,
    denominator: n,
    origin: { file: 'test.csv', line: 2 },
    ...extra,
  };
}

const IND: Indicator = {
  id: 'test',
  theme: 'f',
  title: { nb: 'Test', nn: 'Test' },
  howToRead: { nb: 'Test', nn: 'Test' },
  source: { nb: 'Test', nn: 'Test' },
  select: { source: 'fhi', table: 'test', measure: 'RATE' },
  measureType: 'proportion',
  multiplier: 100,
  unit: { nb: 'prosent', nn: 'prosent' },
  polarity: 'low-is-good',
};

const GRADIENT: Indicator = { ...IND, gradient: { dimension: 'okonomi', title: { nb: 'G', nn: 'G' }, groups: ['god', 'middels', 'darlig'].map((v) => ({ value: v, label: { nb: v, nn: v } })) } };

/** A series that rests mostly on few cases (numerators under 10): the series rule hides it. */
const FEW = [8, 9, 9, 50, 60];

const published = (v: AreaValue | null | undefined): boolean => !!v && !v.absent && v.numerator !== null;

describe('one decision per run, also for neighbours', () => {
  it("a neighbour's value is not printed when the neighbour's own series is hidden", () => {
    const table = YEARS.flatMap((y, i) => [obs('5037', year(y), 500 + i, 5000), obs('5038', year(y), FEW[i]!, 5000)]);
    const [own] = computeIndicators(table, [IND], { kommune: '5038' });
    expect(own!.series.hidden).toBe(true);
    const [r] = computeIndicators(table, [IND], { kommune: '5037', comparisons: { neighbours: ['5038'] } });
    expect(r!.comparisons.neighbours.map((v) => v.absent?.reason)).toEqual(['series-suppression']);
    expect(r!.series.neighbours[0]!.values.every((v) => v.absent && v.numerator === null && v.value === null)).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/"numerator":(8|9|50|60),/);
  });

  it('the county rule hides a neighbour from another county, as in its own report', () => {
    const kommuner = register.kommunerIn('50');
    const table: Observation[] = [];
    let total = 0;
    kommuner.forEach((k, i) => {
      const x = k.code === '5026' ? 2 : 100 + i;
      total += x;
      table.push(obs(k.code, year(2022), x, 10000));
    });
    table.push(obs('50', year(2022), total, 10000 * kommuner.length));
    table.push(obs('3401', year(2022), 700, 10000));
    const smallestOther = kommuner.find((k) => k.code !== '5026')!.code;
    const [own] = computeIndicators(table, [IND], { kommune: smallestOther });
    expect(own!.value!.absent?.reason).toBe('secondary-suppression');
    const [r] = computeIndicators(table, [IND], { kommune: '3401', comparisons: { neighbours: [smallestOther, '5026'] } });
    expect(r!.comparisons.neighbours.map((v) => v.absent?.reason)).toEqual(['secondary-suppression', 'primary-suppression']);
  });

  it('an unknown neighbour is a clear error, not silently left out', () => {
    const table = [obs('5037', year(2022), 500, 5000)];
    expect(() => computeIndicators(table, [IND], { kommune: '5037', comparisons: { neighbours: ['9999'] } })).toThrow(UnknownKommuneError);
    expect(() => computeIndicators(table, [IND], { kommune: '5037', comparisons: { neighbours: ['9999'] } })).toThrow(/neighbour "9999"/);
  });
});

describe('secondary suppression over every additive family', () => {
  it('a total hidden by the series rule cannot be recovered from its published sexes', () => {
    const table = YEARS.flatMap((y, i) => [obs('5037', year(y), FEW[i]!, 5000), obs('5037', year(y), FEW[i]! - 4, 2500, { sex: 'male' }), obs('5037', year(y), 4, 2500, { sex: 'female' })]);
    const [r] = computeIndicators(table, [IND], { kommune: '5037' });
    expect(r!.series.hidden).toBe(true);
    expect(r!.value!.absent).not.toBeNull();
    expect(published(r!.bySex!.male) && published(r!.bySex!.female)).toBe(false);
  });

  it('a hidden series cannot be recovered from its published gradient groups', () => {
    // Groups of 4 cases each: published; the total rests on few cases in most periods.
    const table2 = YEARS.flatMap((y, i) => {
      const x = FEW[i]! + 12;
      return [obs('5037', year(y), x, 900), obs('5037', year(y), 4, 300, { dimensions: { okonomi: 'god' } }), obs('5037', year(y), 4, 300, { dimensions: { okonomi: 'middels' } }), obs('5037', year(y), x - 8, 300, { dimensions: { okonomi: 'darlig' } })];
    });
    // Totals 20, 21, 21, 62, 72 and a series hidden because more than half rest on fewer than 25 cases.
    const [r] = computeIndicators(table2, [{ ...GRADIENT, suppression: { fewCases: 25 } }], { kommune: '5037' });
    expect(r!.series.hidden).toBe(true);
    const groups = r!.gradient!.groups.map((g) => g.value);
    expect(groups.every(published)).toBe(false);
    expect(groups.every((g) => !g.absent && g.denominator !== null)).toBe(false);
  });

  it('a municipality hidden by the series rule is not the county minus the others', () => {
    const kommuner = register.kommunerIn('50');
    const table: Observation[] = [];
    YEARS.forEach((y, i) => {
      let total = 0;
      kommuner.forEach((k, j) => {
        const x = k.code === '5026' ? FEW[i]! : 200 + j;
        total += x;
        table.push(obs(k.code, year(y), x, 10000));
      });
      table.push(obs('50', year(y), total, 10000 * kommuner.length));
    });
    const results = kommuner.map((k) => computeIndicators(table, [IND], { kommune: k.code })[0]!);
    const holtalen = results.find((r) => r.kommune.code === '5026')!;
    expect(holtalen.series.hidden).toBe(true);
    for (const [i] of YEARS.entries()) {
      const hidden = results.filter((r) => r.series.kommune[i]!.absent).map((r) => r.kommune.code);
      expect(hidden.length, `period ${YEARS[i]}`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('limits', () => {
  it('the strictest applicable limit wins: configured 5 over the catalogue 3', () => {
    expect(strictestLimits({ numerator: 5 }, { numerator: 3, denominator: 20 })).toMatchObject({ numerator: 5, denominator: 20, complement: 3 });
    const table = [obs('5037', year(2022), 4, 5000)];
    const [r] = computeIndicators(table, [{ ...IND, suppression: { numerator: 3, complement: 3, denominator: 10 } }], { kommune: '5037', suppression: { numerator: 5 } });
    expect(r!.value!.absent?.reason).toBe('primary-suppression');
    expect(JSON.stringify(r)).not.toContain('"numerator":4');
  });

  it('a rate published with its denominator but not its count: the rule applies to the derived count', () => {
    // 0.4 % of 500 is 2 cases.
    const table = [obs('5037', year(2022), null, 500, { value: 0.4 })];
    const [r] = computeIndicators(table, [IND], { kommune: '5037' });
    expect(r!.value!.absent?.reason).toBe('primary-suppression');
    expect(r!.value!.value).toBeNull();
    expect(r!.value!.denominator).toBeNull();
  });

  it('a group size (n) under the limit is suppressed like a count, also for published values', () => {
    const valueInd: Indicator = { ...GRADIENT, measureType: 'value', multiplier: undefined };
    const table = [
      obs('5037', year(2022), null, 900, { value: 80 }),
      obs('5037', year(2022), null, 600, { value: 81, dimensions: { okonomi: 'god' } }),
      obs('5037', year(2022), null, 292, { value: 79, dimensions: { okonomi: 'middels' } }),
      obs('5037', year(2022), null, 8, { value: 70, dimensions: { okonomi: 'darlig' } }),
    ];
    const [r] = computeIndicators(table, [valueInd], { kommune: '5037' });
    const darlig = r!.gradient!.groups.find((g) => g.key === 'darlig')!.value;
    expect(darlig.absent?.reason).toBe('primary-suppression');
    // … and the smallest other group goes with it: 8 would be 900 − 600 − 292.
    expect(r!.gradient!.groups.find((g) => g.key === 'middels')!.value.absent?.reason).toBe('secondary-suppression');
  });
});

describe('the linear-algebra check', () => {
  it('finds a cell fixed through a chain of families, and none when two are open', () => {
    const fams = [
      { total: 'T', parts: ['M', 'F'] },
      { total: 'T', parts: ['G1', 'G2'] },
    ];
    expect([...determinedCells(fams, (id) => id !== 'T' && id !== 'G1')].sort()).toEqual(['G1', 'T']);
    expect([...determinedCells(fams, (id) => !['T', 'G1', 'M'].includes(id))]).toEqual([]);
  });

  it('finds a cell of an equation of its own when the sum of the equation\'s other cells is fixed', () => {
    // A = B + C + D (A known) and E = C + D (E known): B = A − E although C and D are each unknown;
    // X = W + B with W in no other equation: B is fixed, W then too.
    const fams = [
      { total: 'A', parts: ['B', 'C', 'D'] },
      { total: 'E', parts: ['C', 'D'] },
      { total: 'X', parts: ['W', 'B'] },
    ];
    expect([...determinedCells(fams, (id) => ['A', 'E', 'X'].includes(id))].sort()).toEqual(['B', 'W']);
  });
});

describe('pooled periods next to single years', () => {
  const pool = (from: number, to: number): Period => ({ from, to, kind: 'pool', label: `${from}_${to}` });
  const YEARS10 = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];
  const x = (y: number) => (y === 2023 ? 2 : 40 + (y - 2014));
  const n = 5000;
  const table = [
    ...YEARS10.map((y) => obs('5037', year(y), x(y), n)),
    ...[[2020, 2022], [2021, 2023]].map(([a, b]) => obs('5037', pool(a!, b!), [a!, a! + 1, a! + 2].reduce((s, y) => s + x(y), 0), 3 * n)),
  ];

  it('a hidden year cannot be worked out from a published pool and the other years, nor from two overlapping pools', () => {
    const [r] = computeIndicators(table, [IND], { kommune: '5037' });
    const values = r!.series.kommune;
    const key = (v: AreaValue) => `${v.period.from}_${v.period.to}`;
    const cell = (k: string) => values.find((v) => key(v) === k);
    expect(cell('2023_2023')?.absent).toBeTruthy();
    expect(r!.series.hidden).toBe(false);
    // Everything published is known; every pool is the sum of its years (years not shown are unknown).
    const families = values.filter((v) => v.period.to > v.period.from).map((v) => ({ total: key(v), parts: Array.from({ length: v.period.to - v.period.from + 1 }, (_, i) => `${v.period.from + i}_${v.period.from + i}`) }));
    for (const which of ['numerator', 'denominator'] as const) {
      const known = (id: string) => { const v = cell(id); return !!v && !v.absent && v[which] !== null; };
      expect([...determinedCells(families, known)]).not.toContain('2023_2023');
    }
    // Not everything is hidden: the earlier years stay.
    expect(published(cell('2014_2014'))).toBe(true);
  });
});

describe('property: pooled periods and single years of one series', () => {
  const poolP = (from: number, to: number): Period => ({ from, to, kind: from === to ? 'year' : 'pool', label: `${from}_${to}` });
  /** Rank by Gaussian elimination with partial pivoting (independent of the engine's own algebra). */
  const rank = (matrix: number[][]): number => {
    const m = matrix.map((r) => [...r]);
    let r = 0;
    const cols = m[0]?.length ?? 0;
    for (let c = 0; c < cols && r < m.length; c++) {
      let best = r;
      for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i;
      if (Math.abs(m[best]![c]!) < 1e-9) continue;
      [m[r], m[best]] = [m[best]!, m[r]!];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const f = m[i]![c]! / m[r]![c]!;
        if (f !== 0) for (let k = c; k < cols; k++) m[i]![k]! -= f * m[r]![k]!;
      }
      r++;
    }
    return r;
  };
  const FIRST = 2016;
  const LAST = 2023;
  const windows: [number, number][] = [];
  for (let a = FIRST; a <= LAST; a++) for (let b = a + 1; b <= Math.min(LAST, a + 3); b++) windows.push([a, b]);

  it('no hidden count is fixed by pool = Σ its years over what is published', async () => {
    const fc = (await import('fast-check')).default;
    const arb = fc.record({
      counts: fc.array(fc.nat(60), { minLength: LAST - FIRST + 1, maxLength: LAST - FIRST + 1 }),
      years: fc.array(fc.boolean(), { minLength: LAST - FIRST + 1, maxLength: LAST - FIRST + 1 }),
      pools: fc.uniqueArray(fc.nat(windows.length - 1), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, ({ counts, years, pools }) => {
        const x = (y: number) => counts[y - FIRST]!;
        const n = 4000;
        const periods = [...YEARS_OF(years), ...pools.map((i) => windows[i]!)];
        const table = periods.map(([a, b]) => {
          let sx = 0;
          for (let y = a; y <= b; y++) sx += x(y);
          return obs('5037', poolP(a, b), sx, n * (b - a + 1));
        });
        const [r] = computeIndicators(table, [IND], { kommune: '5037' });
        const key = (v: AreaValue) => `${v.period.from}_${v.period.to}`;
        const values = r!.series.kommune;
        // Unknowns: every single year (in the data or not) and every cell not published.
        const allYears = Array.from({ length: LAST - FIRST + 1 }, (_, i) => `${FIRST + i}_${FIRST + i}`);
        const cellKeys = [...new Set([...allYears, ...values.map(key)])];
        const known = new Set(values.filter((v) => !v.absent && v.numerator !== null).map(key));
        const unknown = cellKeys.filter((k) => !known.has(k));
        const col = new Map(unknown.map((k, i) => [k, i]));
        const eqs: number[][] = [];
        for (const v of values) {
          if (v.period.to === v.period.from) continue;
          const row = new Array<number>(unknown.length).fill(0);
          let any = false;
          const put = (k: string, c: number) => {
            const i = col.get(k);
            if (i !== undefined) {
              row[i]! += c;
              any = true;
            }
          };
          put(key(v), 1);
          for (let y = v.period.from; y <= v.period.to; y++) put(`${y}_${y}`, -1);
          if (any) eqs.push(row);
        }
        const base = rank(eqs);
        for (const v of values) {
          if (!v.absent || v.absent.symbol !== ':') continue;
          const unit = new Array<number>(unknown.length).fill(0);
          unit[col.get(key(v))!] = 1;
          expect(rank([...eqs, unit]), `${key(v)} can be worked out`).toBe(base + 1);
        }
      }),
      { numRuns: Number(process.env.FOLKEHELSE_POOL_RUNS ?? 150) },
    );
  });
});

function YEARS_OF(flags: boolean[]): [number, number][] {
  return flags.flatMap((f, i) => (f ? [[2016 + i, 2016 + i] as [number, number]] : []));
}
