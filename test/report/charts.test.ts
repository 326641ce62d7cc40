import { describe, expect, it } from 'vitest';
import type { AreaValue } from '../../src/indicators/result.js';
import { renderChart } from '../../src/report/charts/index.js';
import { wrapLabel } from '../../src/report/charts/svg.js';

const GEO = { code: '5037', name: 'Levanger', level: 'kommune' } as unknown as AreaValue['geo'];

function value(year: number, v: number | null, lower: number | null = null, upper: number | null = null): AreaValue {
  return { geo: GEO, period: { from: year, to: year }, value: v, lower, upper, numerator: null, denominator: null, method: null, absent: null, origins: [] } as unknown as AreaValue;
}

/** The text content of every <text> element, its <tspan> lines joined by spaces. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)].map((m) => m[1]!.replace(/<tspan[^>]*>(.*?)<\/tspan>/g, '$1 ').replace(/<[^>]+>/g, '').trim());
}

/** Tick labels of the y axis: the right-aligned numbers left of the plot. */
function tickNumbers(svg: string): number[] {
  return [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="end">([-\d\s,\u00a0\u2212]+)<\/text>/g)].map((m) => Number(m[1]!.replace(/[\s\u00a0]/g, '').replace('\u2212', '-').replace(',', '.')));
}

function evenlySpaced(ticks: number[]): boolean {
  const steps = ticks.slice(1).map((t, i) => Math.round((t - ticks[i]!) * 1e6) / 1e6);
  return steps.length >= 2 && steps.every((s) => s === steps[0]);
}

const line = (kommune: AreaValue[], unit?: string) =>
  renderChart({
    type: 'line',
    id: 'fig-x',
    alt: 'alt',
    series: [
      { label: 'Levanger', values: kommune, role: 'kommune' },
      { label: 'Trøndelag', values: [value(2019, 12.1), value(2020, 12.4), value(2021, 12.9)], role: 'fylke' },
      { label: 'Landet', values: [value(2019, 11.8), value(2020, 12.0), value(2021, 12.2)], role: 'land' },
    ],
    options: { decimals: 1, zero: true, intervalLabel: '95 %-konfidensintervall', unit, periodLabel: 'Periode' },
  });

describe('the line chart', () => {
  it('titles the y axis with the unit and the x axis with the period', () => {
    const svg = line([value(2019, 13.1, 11, 15), value(2020, 14.2, 12, 16), value(2021, 13.4, 11.5, 15.5)], 'per 1000');
    const titles = [...svg.matchAll(/<text[^>]*class="axis-title"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(titles).toEqual(['per 1000', 'Periode']);
  });

  it('keys the interval band only when a band is drawn', () => {
    const banded = line([value(2019, 13.1, 11, 15), value(2020, 14.2, 12, 16)], 'prosent');
    expect(texts(banded)).toContain('95 %-konfidensintervall');
    expect(banded).toMatch(/fill-opacity="0.25" stroke="none"/);
    const bare = line([value(2019, 13.1), value(2020, 14.2)], 'prosent');
    expect(bare).not.toMatch(/fill-opacity="0.25" stroke="none"/);
    expect(texts(bare)).not.toContain('95 %-konfidensintervall');
  });

  it('has evenly spaced ticks at round numbers, with the decimals they need', () => {
    const svg = line([value(2019, 1.13, 0.9, 1.4), value(2020, 1.22, 1.0, 1.45), value(2021, 1.18, 0.95, 1.42)], 'prosent');
    const ticks = tickNumbers(svg);
    expect(evenlySpaced(ticks)).toBe(true);
    for (const t of ticks) expect([1, 2, 2.5, 5].some((m) => Number.isInteger(Math.round((t / m) * 1e9) / 1e9) || Number.isInteger(Math.round((t * 10) / m * 1e9) / 1e9) || Number.isInteger(Math.round((t * 100) / m * 1e9) / 1e9))).toBe(true);
  });

  it('wraps a long legend onto more rows instead of running off the chart', () => {
    const svg = renderChart({
      type: 'line',
      id: 'fig-x',
      alt: 'alt',
      series: [
        { label: 'Indre Fosen og omegn interkommunale samarbeid', values: [value(2020, 3, 2, 4), value(2021, 4, 3, 5)], role: 'kommune' },
        { label: 'Trøndelag – Trööndelage fylkeskommune', values: [value(2020, 3.3), value(2021, 3.6)], role: 'fylke' },
        { label: 'Landet', values: [value(2020, 3.1), value(2021, 3.2)], role: 'land' },
      ],
      options: { decimals: 1, zero: true, intervalLabel: '95 %-konfidensintervall', unit: 'prosent' },
    });
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    // Every legend label starts inside the chart and, at ~7 px a character, ends inside it.
    for (const m of svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)">([^<]+)<\/text>/g)) expect(Number(m[1]) + m[3]!.length * 6.8).toBeLessThanOrEqual(width);
  });
});

describe('the gradient chart', () => {
  const bars = (values: number[], label = (i: number) => `Gruppe ${i}`) => values.map((v, i) => ({ label: label(i), value: value(2021, v, v - 0.3, v + 0.3) }));

  it('has evenly spaced tick labels also for small values', () => {
    const svg = renderChart({ type: 'gradient', id: 'g', alt: 'a', bars: bars([0.8, 1.6, 2.3]), options: { decimals: 1, zero: true, unit: 'prosent' } });
    expect(evenlySpaced(tickNumbers(svg))).toBe(true);
  });

  it('wraps long group labels whole instead of cutting them', () => {
    const long = 'Husholdninger med vedvarende lav inntekt (EU-skala 60 prosent)';
    const svg = renderChart({ type: 'gradient', id: 'g', alt: 'a', bars: bars([10, 20, 30, 25], (i) => `${long} ${i}`), options: { decimals: 1, zero: true, unit: 'prosent' } });
    expect(svg).not.toContain('…');
    for (let i = 0; i < 4; i++) expect(texts(svg)).toContain(`${long} ${i}`);
    expect(texts(svg)).toContain('prosent');
  });
});

describe('the spine chart (barometer)', () => {
  const labels = { lower: 'lavere enn landet', higher: 'høyere enn landet', land: 'Landet', verdicts: { better: 'bedre', worse: 'dårligere', higher: 'høyere', lower: 'lavere', similar: 'ikke forskjellig', 'not-tested': 'ikke testet' } };

  it('has a key for the verdict markers that occur', () => {
    const svg = renderChart({
      type: 'spine',
      id: 's',
      alt: 'a',
      rows: [
        { label: 'Uføretrygdede', ratio: 1.3, verdict: 'worse' },
        { label: 'Forventet levealder', ratio: 1.01, verdict: 'similar' },
        { label: 'Vaksinasjonsdekning', ratio: 1.1, verdict: 'better' },
      ],
      labels,
    });
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(['bedre', 'dårligere', 'ikke forskjellig']));
    expect(t).not.toContain('høyere / lavere');
    // The key's markers have the same shapes and colours as the rows'.
    expect(svg.match(/<rect [^>]*fill="#B04C00"/g)).toHaveLength(2);
  });

  it('has no key without verdict words, and wraps long labels whole', () => {
    const long = 'Andel personer som bor i husholdninger med vedvarende lav inntekt, alle aldre, prosent';
    const svg = renderChart({ type: 'spine', id: 's', alt: 'a', rows: [{ label: long, ratio: 0.8, verdict: 'better' }], labels: { lower: 'l', higher: 'h', land: 'Landet' } });
    expect(svg).not.toContain('…');
    expect(texts(svg)).toContain(long);
    expect(texts(svg)).not.toContain('bedre');
  });
});

describe('wrapLabel', () => {
  it('never drops a character', () => {
    for (const s of ['a', 'Kort', 'Et ganske langt navn på en gruppe med mange ord', 'Supercalifragilisticexpialidocious ord', 'EU-skala/OECD-skala 60 prosent']) {
      const lines = wrapLabel(s, 10);
      expect(lines.join(' ').replace(/([-/]) /g, '$1')).toBe(s);
    }
  });
});

describe('honest axes (issue 26)', () => {
  const rolling = (from: number, v: number): AreaValue => ({ ...value(from, v), period: { from, to: from + 2 } }) as AreaValue;
  const chart = (values: AreaValue[], options: Partial<Parameters<typeof renderChart>[0] & { type: 'line' }>['options'] = undefined) =>
    renderChart({ type: 'line', id: 'fig-y', alt: 'alt', series: [{ label: 'Levanger', values, role: 'kommune' }], options: { decimals: 1, zero: true, intervalLabel: 'ki', unit: 'prosent', notFromZero: 'Aksen starter ikke på 0', ...options } });

  it('never lets two period labels touch: they are thinned by their measured width, the latest always shown', () => {
    const values = Array.from({ length: 14 }, (_, i) => rolling(2008 + i, 20 + i));
    const svg = chart(values);
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">(\d{4}–\d{4})<\/text>/g)].map((m) => ({ x: Number(m[1]), width: m[2]!.length * 6.82 }));
    expect(labels.length).toBeGreaterThan(2);
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.x - labels[i - 1]!.x).toBeGreaterThanOrEqual((labels[i]!.width + labels[i - 1]!.width) / 2);
    expect(svg).toContain('>2021–2023<');
  });

  it('starts a share at 0, or marks the axis and says that it does not', () => {
    const low = chart([value(2019, 3.1), value(2020, 14.2)]);
    expect(tickNumbers(low)[0]).toBe(0);
    expect(low).not.toContain('Aksen starter ikke på 0');
    const high = chart([value(2019, 86.1), value(2020, 88.2), value(2021, 89.0)]);
    expect(tickNumbers(high)[0]).toBeGreaterThan(0);
    expect(texts(high)).toContain('Aksen starter ikke på 0');
  });

  it('puts 0 on the axis of a change (befolkningsendring), not a span like 142–156', () => {
    const svg = chart([value(2019, 142), value(2020, 156), value(2021, 149)], { decimals: 0, zero: false, intervalLabel: 'ki', signed: true });
    expect(tickNumbers(svg)[0]).toBe(0);
  });
});
