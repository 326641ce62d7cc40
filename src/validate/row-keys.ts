/**
 * Remembers which observation keys a file has had, to report `duplicate-row`, in bounded memory:
 * a 53-bit hash per key in an open-addressing table of typed arrays (about 24 bytes per row),
 * so a national file of a million rows needs ~24 MB instead of the keys themselves.
 * A false "duplicate" needs two keys with the same 53-bit hash: odds about 1e-4 at 1e9 pairs.
 */
export class RowKeyIndex {
  private hashes: Float64Array;
  private lines: Int32Array;
  private used = 0;

  constructor(capacity = 1 << 12) {
    this.hashes = new Float64Array(capacity);
    this.lines = new Int32Array(capacity);
  }

  /** Adds the key; returns the line it was first seen on when it is a duplicate, else 0. */
  add(key: string, line: number): number {
    if ((this.used + 1) * 2 > this.hashes.length) this.grow();
    const h = hash53(key) || 1; // 0 marks an empty slot
    const mask = this.hashes.length - 1;
    let i = h % this.hashes.length & mask;
    for (;;) {
      const cur = this.hashes[i]!;
      if (cur === 0) {
        this.hashes[i] = h;
        this.lines[i] = line;
        this.used++;
        return 0;
      }
      if (cur === h) return this.lines[i]! || -1;
      i = (i + 1) & mask;
    }
  }

  get size(): number {
    return this.used;
  }

  private grow(): void {
    const oldH = this.hashes;
    const oldL = this.lines;
    this.hashes = new Float64Array(oldH.length * 2);
    this.lines = new Int32Array(oldH.length * 2);
    const mask = this.hashes.length - 1;
    for (let j = 0; j < oldH.length; j++) {
      const h = oldH[j]!;
      if (h === 0) continue;
      let i = h % this.hashes.length & mask;
      while (this.hashes[i] !== 0) i = (i + 1) & mask;
      this.hashes[i] = h;
      this.lines[i] = oldL[j]!;
    }
  }
}

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain, bryc). */
export function hash53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
