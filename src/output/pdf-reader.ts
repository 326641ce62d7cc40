import { inflateSync } from 'node:zlib';

/**
 * A small, strict reader of PDF objects (ISO 32000-1 § 7), enough to follow a PDF's
 * cross-reference to its catalogue, page tree and name trees: cross-reference tables with
 * incremental updates, and cross-reference and object streams (FlateDecode, PNG predictors).
 * It throws on anything it cannot read rather than guessing. Content streams and fonts are read
 * by their users (`pdf-contents.ts`), from `streamData`.
 */
export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class Name {
  constructor(readonly value: string) {}
}
export class PdfString {
  constructor(readonly bytes: Buffer) {}
}
export class Stream {
  constructor(
    readonly dict: Map<string, PdfObject>,
    readonly data: Buffer,
  ) {}
}
export type PdfObject = null | boolean | number | Name | PdfString | Ref | Stream | PdfObject[] | Map<string, PdfObject>;

export const refKey = (r: Ref) => `${r.num} ${r.gen}`;
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const MAX_DEPTH = 64;

export class PdfError extends Error {
  constructor(message: string) {
    super(`cannot read the printed PDF: ${message}`);
  }
}

/** Reads PDF objects from bytes (ISO 32000-1 § 7.2–7.3). */
class Lexer {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}

  skipSpace(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WHITESPACE.has(c)) this.pos++;
      else if (c === 0x25) while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  /** A run of regular characters (a number or keyword), without moving past it when `peek`. */
  word(peek = false): string {
    this.skipSpace();
    let end = this.pos;
    while (end < this.buf.length && !WHITESPACE.has(this.buf[end]!) && !DELIMITERS.has(this.buf[end]!)) end++;
    const w = this.buf.toString('latin1', this.pos, end);
    if (!peek) this.pos = end;
    return w;
  }

  expect(keyword: string): void {
    const w = this.word();
    if (w !== keyword) throw new PdfError(`expected "${keyword}" at byte ${this.pos}, found "${w.slice(0, 20)}"`);
  }

  value(depth = 0): PdfObject {
    if (depth > MAX_DEPTH) throw new PdfError('objects nested too deeply');
    this.skipSpace();
    const b = this.buf;
    const c = b[this.pos];
    if (c === undefined) throw new PdfError('unexpected end of file');
    if (c === 0x2f) {
      this.pos++;
      return new Name(this.word().replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
    }
    if (c === 0x28) return this.literal();
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const dict = new Map<string, PdfObject>();
      for (;;) {
        this.skipSpace();
        if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return dict;
        }
        const key = this.value(depth + 1);
        if (!(key instanceof Name)) throw new PdfError(`a dictionary key that is not a name at byte ${this.pos}`);
        dict.set(key.value, this.value(depth + 1));
      }
    }
    if (c === 0x3c) {
      const end = b.indexOf(0x3e, this.pos);
      if (end < 0) throw new PdfError('unterminated hex string');
      const hex = b.toString('latin1', this.pos + 1, end).replace(/[^0-9A-Fa-f]/g, '');
      this.pos = end + 1;
      return new PdfString(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
    }
    if (c === 0x5b) {
      this.pos++;
      const items: PdfObject[] = [];
      for (;;) {
        this.skipSpace();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return items;
        }
        items.push(this.value(depth + 1));
      }
    }
    const w = this.word();
    if (w === 'true' || w === 'false') return w === 'true';
    if (w === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) throw new PdfError(`unexpected "${w.slice(0, 20)}" at byte ${this.pos}`);
    // An integer followed by an integer and R is a reference.
    if (/^\d+$/.test(w)) {
      const save = this.pos;
      const gen = this.word();
      if (/^\d+$/.test(gen) && this.word() === 'R') return new Ref(Number(w), Number(gen));
      this.pos = save;
    }
    return Number(w);
  }

  private literal(): PdfString {
    const b = this.buf;
    const out: number[] = [];
    let depth = 0;
    for (this.pos++; this.pos < b.length; this.pos++) {
      const c = b[this.pos]!;
      if (c === 0x5c) {
        const n = b[++this.pos];
        if (n === undefined) break;
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
        if (n in simple) out.push(simple[n]!);
        else if (n >= 0x30 && n <= 0x37) {
          let v = n - 0x30;
          for (let k = 0; k < 2 && b[this.pos + 1]! >= 0x30 && b[this.pos + 1]! <= 0x37; k++) v = v * 8 + (b[++this.pos]! - 0x30);
          out.push(v & 0xff);
        } else if (n === 0x0d) {
          if (b[this.pos + 1] === 0x0a) this.pos++;
        } else if (n !== 0x0a) out.push(n);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (depth-- === 0) {
          this.pos++;
          return new PdfString(Buffer.from(out));
        }
        out.push(c);
      } else out.push(c);
    }
    throw new PdfError('unterminated string');
  }
}

/** Where each object is: at a byte offset, or the n-th object of an object stream. */
type Location = { at: number } | { stream: number; index: number };

/** A PDF's objects, found through its cross-reference (ISO 32000-1 § 7.5, 7.5.7–7.5.8). */
export class PdfFile {
  readonly trailer = new Map<string, PdfObject>();
  private readonly xref = new Map<number, Location>();
  private readonly cache = new Map<number, PdfObject>();
  private readonly resolving = new Set<number>();
  private readonly objectStreams = new Map<number, Buffer>();

  constructor(readonly buf: Buffer) {
    const tail = buf.toString('latin1', Math.max(0, buf.length - 1024));
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!start) throw new PdfError('no startxref at the end (not a complete PDF)');
    const seen = new Set<number>();
    for (let at: number | null = Number(start[1]); at !== null; ) {
      if (seen.has(at) || at >= buf.length) throw new PdfError(`a cross-reference section at byte ${at} that loops or lies outside the file`);
      seen.add(at);
      const section = this.section(at);
      // The newest section (read first) wins; its trailer holds /Root. A hybrid file's table has
      // a cross-reference stream beside it (/XRefStm) for the objects in object streams.
      const hybrid = section.get('XRefStm');
      if (typeof hybrid === 'number') this.section(hybrid);
      for (const [k, v] of section) if (!this.trailer.has(k)) this.trailer.set(k, v);
      const prev = section.get('Prev');
      at = typeof prev === 'number' ? prev : null;
    }
  }

  /** One cross-reference section (a table or a stream) at `at`; returns its trailer dictionary. */
  private section(at: number): Map<string, PdfObject> {
    const lex = new Lexer(this.buf, at);
    if (lex.word(true) === 'xref') {
      // The table is read as text in one go: thousands of fixed-width lines `offset generation n|f`.
      const end = this.buf.indexOf('trailer', at, 'latin1');
      if (end < 0) throw new PdfError(`a cross-reference table at byte ${at} without a trailer`);
      const words = this.buf.toString('latin1', lex.pos + 4, end).split(/[\0\t\n\f\r ]+/).filter((w) => w !== '');
      const integer = (i: number) => {
        const w = words[i];
        if (w === undefined || !/^\d+$/.test(w)) throw new PdfError(`a bad cross-reference table at byte ${at}`);
        return Number(w);
      };
      for (let i = 0; i < words.length; ) {
        const first = integer(i);
        const count = integer(i + 1);
        i += 2;
        for (let k = 0; k < count; k++, i += 3) {
          const kind = words[i + 2];
          if (kind !== 'n' && kind !== 'f') throw new PdfError(`a bad cross-reference entry in the table at byte ${at}`);
          if (kind === 'n' && !this.xref.has(first + k)) this.xref.set(first + k, { at: integer(i) });
        }
      }
      lex.pos = end;
      lex.word();
      const trailer = lex.value();
      if (!(trailer instanceof Map)) throw new PdfError('a trailer that is not a dictionary');
      return trailer;
    }
    const stream = this.objectAt(at);
    if (!(stream instanceof Stream) || !(stream.dict.get('Type') instanceof Name) || (stream.dict.get('Type') as Name).value !== 'XRef') throw new PdfError(`no cross-reference at byte ${at}`);
    this.xrefStream(stream);
    return stream.dict;
  }

  private xrefStream(stream: Stream): void {
    const w = stream.dict.get('W');
    const size = stream.dict.get('Size');
    if (!Array.isArray(w) || w.length !== 3 || !w.every((n) => typeof n === 'number') || typeof size !== 'number') throw new PdfError('a cross-reference stream without /W or /Size');
    const [w0, w1, w2] = w as [number, number, number];
    const index = stream.dict.get('Index') ?? [0, size];
    const data = this.streamData(stream);
    const field = (pos: number, width: number, dflt: number) => {
      if (width === 0) return dflt;
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + data[pos + i]!;
      return v;
    };
    if (!Array.isArray(index)) throw new PdfError('a bad /Index');
    let pos = 0;
    for (let s = 0; s + 1 < index.length; s += 2) {
      const first = index[s];
      const count = index[s + 1];
      if (typeof first !== 'number' || typeof count !== 'number') throw new PdfError('a bad /Index');
      for (let i = 0; i < count; i++, pos += w0 + w1 + w2) {
        if (pos + w0 + w1 + w2 > data.length) throw new PdfError('a cross-reference stream shorter than its /Index');
        const type = field(pos, w0, 1);
        const a = field(pos + w0, w1, 0);
        const b = field(pos + w0 + w1, w2, 0);
        if (this.xref.has(first + i)) continue;
        if (type === 1) this.xref.set(first + i, { at: a });
        else if (type === 2) this.xref.set(first + i, { stream: a, index: b });
      }
    }
  }

  /** A stream's data, inflated (FlateDecode, with PNG predictors as in cross-reference streams). */
  streamData(stream: Stream): Buffer {
    const filter = this.resolve(stream.dict.get('Filter') ?? null);
    const filters = (Array.isArray(filter) ? filter : filter === null ? [] : [filter]).map((f) => (f instanceof Name ? f.value : ''));
    if (filters.length === 0) return stream.data;
    if (filters.length !== 1 || filters[0] !== 'FlateDecode') throw new PdfError(`a stream filter this reader does not know (${filters.join(', ')})`);
    const data = inflateSync(stream.data);
    const parms = this.resolve(stream.dict.get('DecodeParms') ?? null);
    const predictor = parms instanceof Map ? parms.get('Predictor') : undefined;
    if (typeof predictor !== 'number' || predictor < 10) return data;
    // PNG predictors, row by row: a filter-type byte, then `columns` bytes.
    const columns = parms instanceof Map && typeof parms.get('Columns') === 'number' ? (parms.get('Columns') as number) : 1;
    const out = Buffer.alloc(Math.floor(data.length / (columns + 1)) * columns);
    for (let row = 0; (row + 1) * (columns + 1) <= data.length; row++) {
      const type = data[row * (columns + 1)];
      for (let i = 0; i < columns; i++) {
        const x = data[row * (columns + 1) + 1 + i]!;
        const up = row > 0 ? out[(row - 1) * columns + i]! : 0;
        const left = i > 0 ? out[row * columns + i - 1]! : 0;
        if (type === 0) out[row * columns + i] = x;
        else if (type === 1) out[row * columns + i] = (x + left) & 0xff;
        else if (type === 2) out[row * columns + i] = (x + up) & 0xff;
        else throw new PdfError(`PNG predictor ${String(type)} in a cross-reference stream`);
      }
    }
    return out;
  }

  /** The object `num gen obj … endobj` at a byte offset (with its stream's bytes). */
  private objectAt(at: number): PdfObject {
    const lex = new Lexer(this.buf, at);
    lex.word();
    lex.word();
    lex.expect('obj');
    const value = lex.value();
    if (!(value instanceof Map) || lex.word(true) !== 'stream') return value;
    lex.word();
    // The data starts after the end of line that follows `stream`.
    if (this.buf[lex.pos] === 0x0d) lex.pos++;
    if (this.buf[lex.pos] === 0x0a) lex.pos++;
    const length = this.resolve(value.get('Length') ?? null);
    if (typeof length !== 'number' || length < 0 || lex.pos + length > this.buf.length) throw new PdfError(`a stream at byte ${at} without a valid /Length`);
    return new Stream(value, this.buf.subarray(lex.pos, lex.pos + length));
  }

  resolve(value: PdfObject | undefined): PdfObject {
    if (!(value instanceof Ref)) return value ?? null;
    const cached = this.cache.get(value.num);
    if (cached !== undefined) return cached;
    const where = this.xref.get(value.num);
    if (!where) return null; // ISO 32000-1 § 7.3.10: a reference to a missing object is null.
    if (this.resolving.has(value.num)) throw new PdfError(`object ${value.num} refers to itself`);
    this.resolving.add(value.num);
    try {
      const object = 'at' in where ? this.objectAt(where.at) : this.inObjectStream(where.stream, where.index);
      this.cache.set(value.num, object);
      return object;
    } finally {
      this.resolving.delete(value.num);
    }
  }

  private inObjectStream(num: number, index: number): PdfObject {
    const stream = this.resolve(new Ref(num, 0));
    const first = stream instanceof Stream ? stream.dict.get('First') : undefined;
    if (!(stream instanceof Stream) || typeof first !== 'number') throw new PdfError(`object stream ${num} is not one`);
    let data = this.objectStreams.get(num);
    if (!data) this.objectStreams.set(num, (data = this.streamData(stream)));
    const header = new Lexer(data);
    let offset = -1;
    for (let i = 0; i <= index; i++) {
      header.word();
      offset = Number(header.word());
    }
    if (!Number.isInteger(offset) || offset < 0) throw new PdfError(`object ${index} of object stream ${num} is missing`);
    return new Lexer(data, first + offset).value();
  }

  dict(value: PdfObject | undefined): Map<string, PdfObject> {
    const d = this.resolve(value);
    if (!(d instanceof Map)) throw new PdfError('a dictionary was expected (the catalogue or a page-tree node)');
    return d;
  }

  /** The page objects in order, walking the page tree (§ 7.7.3). */
  pages(root: PdfObject | undefined): Ref[] {
    const out: Ref[] = [];
    const seen = new Set<string>();
    const walk = (node: PdfObject | undefined, depth: number) => {
      if (!(node instanceof Ref) || seen.has(refKey(node)) || depth > MAX_DEPTH) throw new PdfError('a page tree that loops or is not made of references');
      seen.add(refKey(node));
      const d = this.dict(node);
      const kids = this.resolve(d.get('Kids'));
      const type = d.get('Type');
      if (type instanceof Name && type.value === 'Page') out.push(node);
      else if (Array.isArray(kids)) for (const kid of kids) walk(kid, depth + 1);
      else throw new PdfError('a page-tree node without /Kids');
    };
    walk(root, 0);
    return out;
  }

  /** Every entry of a name tree (§ 7.9.6), in order. */
  nameTree(node: PdfObject, visit: (name: Uint8Array, value: PdfObject) => void, depth = 0): void {
    if (depth > MAX_DEPTH) throw new PdfError('a name tree nested too deeply');
    const d = this.resolve(node);
    if (!(d instanceof Map)) return;
    const names = this.resolve(d.get('Names'));
    if (Array.isArray(names)) for (let i = 0; i + 1 < names.length; i += 2) {
      const key = this.resolve(names[i]);
      if (key instanceof PdfString) visit(key.bytes, names[i + 1]!);
    }
    const kids = this.resolve(d.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) this.nameTree(kid, visit, depth + 1);
  }
}
