/**
 * Which hidden cells a set of additive equations (total = Σ parts) gives away: disclosure control's
 * linear algebra, on cell ids alone.
 */

/**
 * The first protected cell (in a stable order) whose value the families fix, given which cells are
 * known. Linear algebra: the equations total − Σ parts = 0 restricted to the unknown cells; a cell
 * is fixed exactly when its unit vector lies in their row space, i.e. when the reduced row echelon
 * form has a row with its only non-zero entry in that cell's column.
 */
export function firstDetermined(families: { total: string; parts: string[] }[], known: (id: string) => boolean, protect: (id: string) => boolean): string | null {
  const determined = determinedCells(families, known);
  const ids = [...determined].filter(protect).sort();
  return ids[0] ?? null;
}

/** Every unknown cell that the equations total = Σ parts fix, given the known ones. */
export function determinedCells(families: { total: string; parts: string[] }[], known: (id: string) => boolean): Set<string> {
  const columns = new Map<string, number>();
  const rows: Map<number, number>[] = [];
  let anyKnown = false;
  for (const f of families) {
    const row = new Map<number, number>();
    let hasKnown = false;
    const add = (cid: string, coef: number): void => {
      if (known(cid)) {
        hasKnown = true;
        return;
      }
      let col = columns.get(cid);
      if (col === undefined) columns.set(cid, (col = columns.size));
      row.set(col, (row.get(col) ?? 0) + coef);
    };
    add(f.total, 1);
    for (const p of f.parts) add(p, -1);
    for (const [k, v] of row) if (v === 0) row.delete(k);
    if (row.size > 0) {
      rows.push(row);
      anyKnown ||= hasKnown;
    }
  }
  const out = new Set<string>();
  // With nothing known, sums of unknown parts fix nothing.
  if (!anyKnown) return out;
  // Every equation counts: one with a column of its own still fixes that column when the sum of
  // its other columns is fixed (2017–2020 − 2018–2020 gives 2017 though 2018, 2019 and 2020 are
  // each unknown), so no equation is set aside.
  const fixed = new Set<number>();
  for (const [col, row] of rref(rows)) if (row.size === 1) fixed.add(col);
  const names = [...columns.keys()];
  for (const c of fixed) out.add(names[c]!);
  return out;
}

/** Reduced row echelon form of sparse rows; returns pivot column → its row. */
function rref(input: Map<number, number>[]): Map<number, Map<number, number>> {
  const EPS = 1e-9;
  const pivots = new Map<number, Map<number, number>>();
  for (const original of input) {
    const row = new Map(original);
    // Eliminate existing pivots from the new row.
    for (const [col, prow] of pivots) {
      const c = row.get(col);
      if (c === undefined) continue;
      for (const [k, v] of prow) {
        const nv = (row.get(k) ?? 0) - c * v;
        if (Math.abs(nv) < EPS) row.delete(k);
        else row.set(k, nv);
      }
    }
    if (row.size === 0) continue;
    const col = Math.min(...row.keys());
    const lead = row.get(col)!;
    for (const [k, v] of row) row.set(k, v / lead);
    // Eliminate the new pivot from the existing rows.
    for (const prow of pivots.values()) {
      const c = prow.get(col);
      if (c === undefined) continue;
      for (const [k, v] of row) {
        const nv = (prow.get(k) ?? 0) - c * v;
        if (Math.abs(nv) < EPS) prow.delete(k);
        else prow.set(k, nv);
      }
    }
    pivots.set(col, row);
  }
  return pivots;
}
