/**
 * Remembers which observation keys a file has had, to report `duplicate-row`, in memory that grows
 * slowly and smoothly with the file: a 53-bit hash per key and the line it was on (12 bytes) in
 * open-addressing tables of typed arrays filled to 80 % before they grow by a quarter — about
 * 15–19 bytes per row, so a 500 MB cube of 11 million rows needs ~200 MB, not the keys themselves.
 * The keys are spread over 256 tables (by 8 bits of the hash) so that a table growing holds a
 * second copy of 1/256 of the keys, never of all of them.
 * A file's first 32 768 keys are kept as they are, in a Map (a few MB at most): most files have a
 * few hundred rows, and hashing each key in JavaScript and 256 tables per file cost more than
 * reading such a file. At the 32 768th key they are hashed into the tables.
 * A false "duplicate" needs two keys with the same 53-bit hash: odds about 1 in 140 for a file of
 * 11 million rows (6·10¹³ pairs), 1 in 18 000 for a million; none below 32 768 rows.
 */
export class RowKeyIndex {
  /** The keys of a small file and their lines; null once they are in `shards`. */
  private small: Map<string, number> | null = new Map();
  private readonly shards: Shard[] = [];
  private used = 0;

  /** Adds the key; returns the line it was first seen on when it is a duplicate (-1 when that line is unknown), else 0. */
  add(key: string, line: number): number {
    const small = this.small;
    if (small) {
      const first = small.get(key);
      if (first !== undefined) return first || -1;
      small.set(key, line);
      if (++this.used === SPLIT_AT) this.split(small);
      return 0;
    }
    const first = this.addHashed(hash53(key) || 1, line); // 0 marks an empty slot
    if (first === 0) this.used++;
    return first;
  }

  /** The high 21 bits of the hash choose the table; the low 32 the slot in it (so the two are independent). */
  private addHashed(h: number, line: number): number {
    return this.shards[Math.floor(h / 4294967296) & (SHARDS - 1)]!.add(h, h % 4294967296, line);
  }

  /** Hashes the small file's keys into the 256 tables, each made for its share of them. */
  private split(small: Map<string, number>): void {
    const capacity = Math.ceil(SPLIT_AT / SHARDS / MAX_LOAD) + 8;
    for (let s = 0; s < SHARDS; s++) this.shards.push(new Shard(capacity));
    small.forEach((line, key) => this.addHashed(hash53(key) || 1, line));
    this.small = null;
  }

  get size(): number {
    return this.used;
  }

  /** The bytes the hash tables hold (for tests and benchmarks); 0 while the keys are kept as they are. */
  get bytes(): number {
    let n = 0;
    for (const s of this.shards) n += s.bytes;
    return n;
  }
}

const SHARDS = 256;
/** The number of keys at which they are hashed into the 256 tables. */
const SPLIT_AT = 32_768;
const MAX_LOAD = 0.8;

/** One open-addressing table with linear probing; its size need not be a power of two. */
class Shard {
  private hashes: Float64Array;
  private lines: Int32Array;
  private used = 0;

  constructor(capacity: number) {
    this.hashes = new Float64Array(capacity);
    this.lines = new Int32Array(capacity);
  }

  get bytes(): number {
    return this.hashes.byteLength + this.lines.byteLength;
  }

  add(h: number, low32: number, line: number): number {
    if (this.used + 1 > this.hashes.length * MAX_LOAD) this.grow();
    const cap = this.hashes.length;
    let i = Math.floor((low32 * cap) / 4294967296);
    for (;;) {
      const cur = this.hashes[i]!;
      if (cur === 0) {
        this.hashes[i] = h;
        this.lines[i] = line;
        this.used++;
        return 0;
      }
      if (cur === h) return this.lines[i]! || -1;
      if (++i === cap) i = 0;
    }
  }

  private grow(): void {
    const oldH = this.hashes;
    const oldL = this.lines;
    const cap = Math.ceil(oldH.length * 1.25) + 8;
    this.hashes = new Float64Array(cap);
    this.lines = new Int32Array(cap);
    for (let j = 0; j < oldH.length; j++) {
      const h = oldH[j]!;
      if (h === 0) continue;
      let i = Math.floor(((h % 4294967296) * cap) / 4294967296);
      while (this.hashes[i] !== 0) if (++i === cap) i = 0;
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
