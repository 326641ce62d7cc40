import { open, realpath, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { basename, resolve } from 'node:path';
import { isSystemPath } from '../base/user-file.js';
import iconv from 'iconv-lite';
import { InputFileError, msg } from '../base/errors.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'macintosh' | 'utf-16le' | 'utf-16be';

/** A file opened for reading as data: size checked, encoding sniffed, the head decoded. */
export interface SourceFile {
  path: string;
  /** The path as the user wrote it (or relative to the folder given): used in every message. */
  display: string;
  /** File name without extension: the table name when the file itself has none. */
  stem: string;
  size: number;
  encoding: TextEncoding;
  /** The decoded first bytes (HEAD_BYTES, more for very long lines), BOM removed: for sniffing the layout. */
  head: string;
  /** True when the whole file fits in `head`. */
  headIsWhole: boolean;
  /**
   * The whole file's text when `head` is all of it and valid UTF-8: read again, it would be the
   * same, so readWholeText (a JSON file) takes it (no second open). CSV is streamed all the same:
   * csv-parse's errors at the end of the input name the line only when records come in steps.
   */
  text?: string;
}

export const HEAD_BYTES = 64 * 1024;
/** A head of very long lines is read on to this size, for HEAD_LINES whole lines. */
const MAX_HEAD_BYTES = 4 * 1024 * 1024;
const HEAD_LINES = 12;

function lineBreaks(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i !== -1 && n < HEAD_LINES; i = b.indexOf(10, i + 1)) n++;
  if (n === 0) for (let i = b.indexOf(13); i !== -1 && n < HEAD_LINES; i = b.indexOf(13, i + 1)) n++;
  return n;
}
export const DEFAULT_MAX_BYTES = 1024 ** 3;

export class EncodingError extends Error {
  constructor(
    readonly line: number,
    readonly byteOffset: number,
    readonly encoding: TextEncoding,
  ) {
    super(`bytes at line ${line} are not valid ${encoding}`);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}

/** Opens a data file, or throws an InputFileError that says plainly what is wrong with it. */
export async function openSource(path: string, display = path, maxBytes = DEFAULT_MAX_BYTES): Promise<SourceFile> {
  const real = await realpath(path).catch(() => resolve(path));
  if (isSystemPath(real, path)) throw new InputFileError(display, msg('errors.file.system'));
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputFileError(display, msg('errors.file.notFound'));
    if (code === 'EACCES') throw new InputFileError(display, msg('errors.file.permission'));
    throw new InputFileError(display, msg('errors.file.cannotRead', { code: code ?? 'unknown error' }));
  }
  if (info.isDirectory()) throw new InputFileError(display, msg('errors.file.folder'));
  if (!info.isFile()) throw new InputFileError(display, msg('errors.file.notRegular'));
  if (info.size === 0) throw new InputFileError(display, msg('errors.file.empty'));
  if (info.size > maxBytes) throw new InputFileError(display, msg('errors.file.tooBig', { size: formatBytes(info.size), limit: formatBytes(maxBytes) }));
  const fh = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new InputFileError(display, msg('errors.file.cannotOpen', { code: e.code ?? e.message }));
  });
  let bytes: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    bytes = buf.subarray(0, bytesRead);
    // Header lines tens of kilobytes long (IMDi's exports: one cell per region and year in each of
    // four header rows): read on until the head holds a few whole lines, up to MAX_HEAD_BYTES.
    while (bytes.length < info.size && bytes.length < MAX_HEAD_BYTES && lineBreaks(bytes) < HEAD_LINES) {
      const more = Buffer.alloc(Math.min(bytes.length, MAX_HEAD_BYTES - bytes.length, info.size - bytes.length));
      const r = await fh.read(more, 0, more.length, bytes.length);
      if (r.bytesRead === 0) break;
      bytes = Buffer.concat([bytes, more.subarray(0, r.bytesRead)]);
    }
  } finally {
    await fh.close();
  }
  const headIsWhole = bytes.length >= info.size;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new InputFileError(display, msg('errors.file.zip'));
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new InputFileError(display, msg('errors.file.xls'));
  }
  let encoding = sniffEncoding(bytes, headIsWhole);
  if (encoding === null) {
    throw new InputFileError(display, msg('errors.file.binary'));
  }
  // The head says UTF-8 (or plain ASCII) but the rest of the file has not been seen: a Latin-1
  // download whose first æøå comes after the head is Windows-1252 all the same. Decided from the
  // whole file, in one streaming pass (nothing of it kept in memory).
  if (encoding === 'utf-8' && !headIsWhole) encoding = await wholeFileEncoding(path, bytes);
  const head = decodeHead(bytes, encoding, headIsWhole);
  if (head.trim() === '') throw new InputFileError(display, msg('errors.file.blank'));
  const file: SourceFile = { path, display, stem: basename(path).replace(/\.[^.]+$/, ''), size: info.size, encoding, head, headIsWhole };
  if (headIsWhole && (encoding === 'utf-8' || encoding === 'utf-8-bom') && isUtf8(encoding === 'utf-8' ? bytes : bytes.subarray(3))) file.text = head;
  return file;
}

/** What one pass over a file's bytes says about its encoding. */
export interface Utf8Census {
  /** Bytes that neither start nor continue a valid UTF-8 sequence. */
  invalid: number;
  /** Valid UTF-8 sequences of two or more bytes (æ, ø, å …). */
  multibyte: number;
  lf: boolean;
  /** Windows-1252's æøåÆØÅ (F8 D8 E6 C6 E5 C5) and Mac Roman's (BF AF BE AE 8C 81), for CR-only files. */
  latinLetters: number;
  macLetters: number;
}

/**
 * Counts, streaming, what the bytes of a file are as UTF-8 — a state machine carried across
 * chunks, so a sequence cut between two reads is not called invalid. Chunks that Node's native
 * check finds valid are only scanned for their lead bytes.
 */
export class Utf8Counter {
  readonly census: Utf8Census = { invalid: 0, multibyte: 0, lf: false, latinLetters: 0, macLetters: 0 };
  /** Continuation bytes still expected, and the bytes of the sequence so far. */
  private need = 0;
  private seen = 0;
  private lead = 0;

  push(chunk: Buffer): void {
    const c = this.census;
    if (!c.lf && chunk.includes(10)) c.lf = true;
    if (this.need === 0 && isUtf8(chunk)) {
      for (let i = 0; i < chunk.length; i++) if (chunk[i]! >= 0xc2) c.multibyte++;
      return;
    }
    for (let i = 0; i < chunk.length; i++) this.byte(chunk[i]!);
  }

  /** The end of the file: a sequence left open is invalid. */
  end(): Utf8Census {
    if (this.need > 0) this.census.invalid += this.seen;
    this.need = 0;
    return this.census;
  }

  private byte(b: number): void {
    const c = this.census;
    if (LATIN_LETTERS.has(b)) c.latinLetters++;
    else if (MAC_LETTERS.has(b)) c.macLetters++;
    if (this.need > 0) {
      if ((b & 0xc0) === 0x80 && this.allowed(b)) {
        this.seen++;
        if (--this.need === 0) c.multibyte++;
        return;
      }
      // The sequence broke off: its bytes were not UTF-8; this byte starts afresh.
      c.invalid += this.seen;
      this.need = 0;
    }
    if (b < 0x80) return;
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) {
      c.invalid++;
      return;
    }
    this.need = need;
    this.seen = 1;
    this.lead = b;
  }

  /** The second byte's narrower ranges after E0, ED, F0, F4 (no overlong forms, no surrogates). */
  private allowed(b: number): boolean {
    if (this.seen !== 1) return true;
    if (this.lead === 0xe0) return b >= 0xa0;
    if (this.lead === 0xed) return b <= 0x9f;
    if (this.lead === 0xf0) return b >= 0x90;
    if (this.lead === 0xf4) return b <= 0x8f;
    return true;
  }
}

const LATIN_LETTERS = new Set([0xf8, 0xd8, 0xe6, 0xc6, 0xe5, 0xc5]);
const MAC_LETTERS = new Set([0xbf, 0xaf, 0xbe, 0xae, 0x8c, 0x81]);

/**
 * The encoding of a file whose head is valid UTF-8 (or ASCII), from all of its bytes: UTF-8 when
 * every byte is; Windows-1252 (or Mac Roman for a CR-only file with its letters) when none of its
 * non-ASCII bytes forms a UTF-8 letter; a UTF-8 file damaged in places (more UTF-8 letters than bad
 * bytes) stays UTF-8, so the damaged lines are reported rather than every æøå misread.
 */
export async function wholeFileEncoding(path: string, head: Buffer): Promise<TextEncoding> {
  const counter = new Utf8Counter();
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) counter.push(chunk);
  return encodingFromCensus(counter.end(), head);
}

export function encodingFromCensus(c: Utf8Census, head: Buffer): TextEncoding {
  if (c.invalid === 0) return 'utf-8';
  if (c.multibyte > c.invalid) return 'utf-8';
  // Excel's "CSV (Macintosh)": CR-only line ends, Mac Roman's æøå and none of Windows-1252's.
  if (!c.lf && head.includes(0x0d) && c.latinLetters === 0 && c.macLetters > 0) return 'macintosh';
  return 'windows-1252';
}

/** BOM → that Unicode form; valid UTF-8 → UTF-8; else Windows-1252 (Norwegian "ANSI" exports). */
export function sniffEncoding(bytes: Buffer, whole: boolean): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.includes(0)) return utf16WithoutBom(bytes);
  const probe = whole ? bytes : trimIncompleteUtf8(bytes);
  if (isUtf8(probe)) return 'utf-8';
  // UTF-8 æøå next to invalid bytes: a UTF-8 file damaged by an ANSI editor. Read it as UTF-8
  // so the damaged line is reported, rather than turning every æøå into two letters.
  if (hasUtf8Letters(probe)) return 'utf-8';
  return looksMacRoman(bytes) ? 'macintosh' : 'windows-1252';
}

/**
 * Excel's "CSV (Macintosh)": CR-only line ends and Mac Roman letters (ø BF, Ø AF, æ BE, Æ AE,
 * å 8C, Å 81) — in Windows-1252 these are ¿ ¯ ¾ ® Œ and a hole — and none of Windows-1252's
 * æøå, so Norwegian names are not read as "Tr¿ndelag".
 */
function looksMacRoman(bytes: Buffer): boolean {
  if (!bytes.includes(0x0d) || bytes.includes(0x0a)) return false;
  const mac = new Set([0xbf, 0xaf, 0xbe, 0xae, 0x8c, 0x81]);
  const latin = new Set([0xf8, 0xd8, 0xe6, 0xc6, 0xe5, 0xc5]);
  let macLetters = 0;
  for (const b of bytes) {
    if (latin.has(b)) return false;
    if (mac.has(b)) macLetters++;
  }
  return macLetters > 0;
}

/**
 * UTF-16 saved without a byte order mark (some Windows tools): text whose every other byte is NUL
 * — the high bytes of Latin letters — and no NUL elsewhere. Anything else with NUL is binary.
 */
function utf16WithoutBom(bytes: Buffer): TextEncoding | null {
  const n = bytes.length & ~1;
  if (n < 4) return null;
  let oddZero = 0;
  let evenZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (evenZero === 0 && oddZero >= pairs * 0.9) return 'utf-16le';
  if (oddZero === 0 && evenZero >= pairs * 0.9) return 'utf-16be';
  return null;
}

/** True when the bytes hold UTF-8 encodings of Norwegian letters (æøåÆØÅéü…: C3 80–BF). */
function hasUtf8Letters(bytes: Buffer): boolean {
  let i = -1;
  while ((i = bytes.indexOf(0xc3, i + 1)) !== -1) {
    const next = bytes[i + 1];
    if (next !== undefined && next >= 0x80 && next <= 0xbf) return true;
  }
  return false;
}

/** Drops a UTF-8 sequence cut off at the end of a partial read. */
function trimIncompleteUtf8(bytes: Buffer): Buffer {
  let i = bytes.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (bytes[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return bytes;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? bytes.subarray(0, i) : bytes;
}

function decodeHead(bytes: Buffer, encoding: TextEncoding, whole: boolean): string {
  switch (encoding) {
    case 'utf-8-bom':
      return new TextDecoder('utf-8').decode(trimIncompleteUtf8(bytes.subarray(3)));
    case 'utf-8':
      return new TextDecoder('utf-8').decode(whole ? bytes : trimIncompleteUtf8(bytes));
    case 'utf-16le':
    case 'utf-16be': {
      // The byte order mark, when there is one, is not text.
      const skip = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? 2 : 0;
      return iconv.decode(bytes.subarray(skip, skip + ((bytes.length - skip) & ~1)), encoding);
    }
    case 'windows-1252':
    case 'macintosh':
      return iconv.decode(bytes, encoding);
  }
}

/**
 * Streams the whole file as decoded text, BOM removed. Invalid UTF-8 further into a file that
 * began as valid UTF-8 throws an EncodingError naming the physical line.
 */
export async function* decodedChunks(file: SourceFile): AsyncGenerator<string> {
  const stream = createReadStream(file.path, { highWaterMark: 64 * 1024 });
  if (file.encoding === 'windows-1252' || file.encoding === 'macintosh' || file.encoding === 'utf-16le' || file.encoding === 'utf-16be') {
    const decoder = iconv.getDecoder(file.encoding);
    let first = true;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text = decoder.write(chunk);
      if (first && (file.encoding === 'utf-16le' || file.encoding === 'utf-16be')) text = text.replace(/^\uFEFF/, '');
      first = false;
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let lines = 1;
  let offset = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const bad = firstInvalidUtf8(chunk);
      throw new EncodingError(lines + countNewlines(chunk.subarray(0, bad)), offset + bad, file.encoding);
    }
    lines += countNewlines(chunk);
    offset += chunk.length;
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new EncodingError(lines, offset, file.encoding);
  }
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  let i = -1;
  while ((i = buf.indexOf(10, i + 1)) !== -1) n++;
  return n;
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

/** Reads a whole (JSON) file as text, with the same encoding rules. */
export async function readWholeText(file: SourceFile): Promise<string> {
  if (file.text !== undefined) return file.text;
  let out = '';
  for await (const chunk of decodedChunks(file)) out += chunk;
  return out;
}
