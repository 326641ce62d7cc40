/** Secondary suppression within one series whose periods overlap: a pooled period = Σ its years. */
import { withhold } from './area-value.js';
import type { Indicator } from './catalogue.js';
import { isSuppressed, knownCount, seriesOf, slotsOf, type AreaCells } from './disclosure-cells.js';
import { firstDetermined } from './methods/determined-cells.js';

/**
 * Pooled periods: a pool of several years is the sum of its single years (or, for FHI's yearly
 * averages, that sum divided by the number of years — the same unknowns are fixed), so within one
 * series (an area's total, one sex or one group) a pool and its years, or two overlapping pools
 * and the years they do not share, form a family too: 2020–2022 − 2021–2023 + 2020 gives 2023.
 * Years not in the data are unknowns. Where a hidden cell of the series is fixed, the smallest
 * published pool of an equation it is in (else the smallest year) is hidden as well, until none is. Only series that mix
 * overlapping periods are looked at. Returns whether anything was hidden.
 */
export function pooled(cells: Map<string, AreaCells>, ind: Indicator): boolean {
  let changed = false;
  for (const [code, area] of cells) {
    for (const slot of slotsOf(ind)) {
      const series = seriesOf(area, slot);
      if (!series || series.size < 2) continue;
      const periods = [...series].filter(([, v]) => v.period.kind !== 'school-year').map(([pk, v]) => [pk, v.period] as const);
      const overlap = periods.some(([a, p]) => periods.some(([b, q]) => a !== b && p.from <= q.to && q.from <= p.to));
      if (!overlap) continue;
      const yearKey = new Map<number, string>();
      for (const [pk, p] of periods) if (p.from === p.to) yearKey.set(p.from, pk);
      const latent = (y: number) => `\u0000year ${y}`;
      const equations = periods
        .filter(([, p]) => p.to > p.from)
        .map(([pk, p]) => ({ total: pk, parts: Array.from({ length: p.to - p.from + 1 }, (_, i) => yearKey.get(p.from + i) ?? latent(p.from + i)) }));
      const cell = (id: string) => (id.startsWith('\u0000') ? undefined : series.get(id));
      for (;;) {
        if (![...series.values()].some(isSuppressed)) break;
        let determined: string | null = null;
        for (const which of ['numerator', 'denominator'] as const) {
          const known = (id: string): boolean => {
            const v = cell(id);
            if (!v || v.absent) return false;
            return which === 'numerator' ? knownCount(v, ind) !== null : v.denominator !== null;
          };
          determined = firstDetermined(equations, known, (id) => isSuppressed(cell(id)));
          if (determined) break;
        }
        if (!determined) break;
        const size = (id: string) => {
          const v = cell(id)!;
          return knownCount(v, ind) ?? v.denominator ?? Number.POSITIVE_INFINITY;
        };
        // A pool first: hiding it breaks the equation without taking years from the series.
        // The equations the fixed cell is in; when none of them has a published cell (a pool of
        // years not in the data), those linked to them through a shared cell, and so on.
        const open = (ids: string[]) => [...new Set(ids)].filter((id) => cell(id) && !cell(id)!.absent).sort((a, b) => size(a) - size(b) || a.localeCompare(b));
        const reached = new Set<string>([determined]);
        let chosen: string | undefined;
        for (let layer = equations.filter((e) => e.total === determined || e.parts.includes(determined!)); layer.length > 0 && chosen === undefined; ) {
          chosen = open(layer.map((e) => e.total))[0] ?? open(layer.flatMap((e) => e.parts))[0];
          for (const e of layer) for (const id of [e.total, ...e.parts]) reached.add(id);
          layer = equations.filter((e) => !layer.includes(e) && [e.total, ...e.parts].some((id) => reached.has(id)) && ![e.total, ...e.parts].every((id) => reached.has(id)));
        }
        if (chosen === undefined) break; // cannot happen: a fixed cell is linked to a published one
        series.set(chosen, withhold(series.get(chosen)!, 'secondary-suppression'));
        changed = true;
      }
    }
  }
  return changed;
}
