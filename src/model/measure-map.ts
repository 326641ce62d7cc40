/**
 * Entries by `source|table|measure` that remember the last one looked up in each slot (0 a
 * measure's label, 1 its code: SSB's rows alternate between them): a file's rows come measure
 * after measure, so most lookups spell out no key. Used while reading every row
 * (`DataSummary`, `ObservationIndex`).
 */
export class MeasureMap<V> {
  readonly entries = new Map<string, V>();
  readonly #make: () => V;
  readonly #last: ({ source: string; table: string; measure: string; key: string; value: V } | null)[] = [null, null];

  constructor(make: () => V) {
    this.#make = make;
  }

  /** The entry of the row's source and table and this measure (made when new), and its key. */
  at(o: { source: string; table: string }, measure: string, slot: 0 | 1): { key: string; value: V } {
    let last = this.#last[slot];
    if (!last || last.measure !== measure || last.table !== o.table || last.source !== o.source) {
      const key = `${o.source}|${o.table}|${measure}`;
      let value = this.entries.get(key);
      if (value === undefined) this.entries.set(key, (value = this.#make()));
      this.#last[slot] = last = { source: o.source, table: o.table, measure, key, value };
    }
    return last;
  }
}
