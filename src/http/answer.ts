import { asDataset, categoryCodes, MalformedDatasetError, type Dataset } from '../jsonstat/dataset.js';
import { msg, say } from '../base/messages.js';
import { HttpError, type HttpText } from './errors.js';
import { isPrototypeKey, parseAnswer } from './json.js';

/**
 * A JSON-stat answer checked before anything is built from it: the cube it declares (the product
 * of its dimension sizes) within the limit and matched by the values present, no key that is a
 * property of every JavaScript object (`__proto__`, `constructor` …), and no sparse value outside
 * the cube. A small answer declaring billions of cells would otherwise make every later step walk
 * them; a prototype key would make a lookup find the object's machinery instead of data.
 */

function refuse(url: string, detail: HttpText, kind: 'invalid-answer' | 'cube-too-large' = 'invalid-answer'): never {
  throw new HttpError(url, 200, detail, msg(kind === 'cube-too-large' ? 'http.adviceCubeTooLarge' : 'http.adviceBadDataset'), kind);
}

/** A count of cells in the run's language's way ("2 000 000"). */
const cellCount = (n: number) => new Intl.NumberFormat(say('about.locale')).format(n);

/** The cells the sizes make, or Infinity past `max` (the product is not computed further). */
function declaredCells(size: number[], max: number): number {
  let total = 1;
  for (const n of size) {
    total *= n;
    if (total > max) return Infinity;
  }
  return total;
}

function checkKeys(url: string, keys: Iterable<string>, says: (key: string) => HttpText): void {
  for (const k of keys) if (isPrototypeKey(k)) refuse(url, says(k));
}

/** Sparse keys (of `value` or `status`): each a cell number of the cube. */
function checkCellKeys(url: string, where: string, obj: Record<string, unknown>, total: number): void {
  for (const k of Object.keys(obj)) {
    if (!/^(0|[1-9]\d{0,15})$/.test(k) || Number(k) >= total) refuse(url, msg('http.cubeCellKey', { where, key: k.slice(0, 40), last: total - 1 }));
  }
}

/** Checks a parsed dataset's cube against the limit and its values; throws an HttpError that says what is wrong. */
export function checkCube(ds: Dataset, url: string, maxCells: number): Dataset {
  if (!ds.size.every((n) => Number.isSafeInteger(n) && n >= 0)) refuse(url, msg('http.cubeSizeNotCount'));
  if (!ds.id.every((id) => typeof id === 'string') || new Set(ds.id).size !== ds.id.length) refuse(url, msg('http.cubeIdTwice'));
  checkKeys(url, ds.id, (key) => msg('http.cubeKeyInId', { key }));
  checkKeys(url, Object.keys(ds.dimension), (key) => msg('http.cubeKeyInDimensions', { key }));
  const total = declaredCells(ds.size, maxCells);
  if (total === Infinity) {
    refuse(url, msg('http.answerCubeTooLarge', { size: ds.size.join(' × '), max: cellCount(maxCells) }), 'cube-too-large');
  }
  for (const id of ds.id) {
    const cat = ds.dimension[id]!.category;
    checkKeys(url, categoryCodes(ds.dimension[id]!), (key) => msg('http.cubeKeyInDimension', { id, key }));
    for (const part of ['label', 'unit'] as const) {
      const obj = cat[part];
      if (obj !== undefined && (obj === null || typeof obj !== 'object' || Array.isArray(obj))) refuse(url, msg('http.cubePartNotObject', { id, part }));
      if (obj) checkKeys(url, Object.keys(obj), (key) => msg('http.cubeKeyInPart', { id, part, key }));
    }
    const index = cat.index;
    if (index && !Array.isArray(index)) {
      const positions = Object.values(index);
      if (!positions.every((p) => Number.isSafeInteger(p) && p >= 0 && p < positions.length) || new Set(positions).size !== positions.length) refuse(url, msg('http.cubeIndexNotNumbered', { id, last: positions.length - 1 }));
    } else if (index && new Set(index.map(String)).size !== index.length) refuse(url, msg('http.cubeCategoryTwice', { id }));
  }
  if (!Array.isArray(ds.value)) {
    if (ds.value === null || typeof ds.value !== 'object') refuse(url, msg('http.cubeValueNotCells'));
    checkCellKeys(url, 'value', ds.value, total);
  }
  // A cell is a number, a symbol (FHI writes its flags inline) or null.
  const cells = Array.isArray(ds.value) ? ds.value : Object.values(ds.value);
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v !== null && typeof v !== 'number' && !(typeof v === 'string' && v.length <= 32)) refuse(url, msg('http.cubeCellNotValue', { cell: JSON.stringify(v)?.slice(0, 40) ?? '' }));
  }
  for (const k of ['label', 'updated'] as const) if (ds[k] !== undefined && ds[k] !== null && typeof ds[k] !== 'string') refuse(url, msg('http.cubeNotText', { key: k }));
  const status = ds.status;
  if (Array.isArray(status) && status.length > total) refuse(url, msg('http.cubeStatusTooMany', { count: status.length, total }));
  if (status && typeof status === 'object' && !Array.isArray(status)) checkCellKeys(url, 'status', status, total);
  if (status !== undefined && status !== null && typeof status !== 'string') {
    if (typeof status !== 'object') refuse(url, msg('http.cubeStatusNotCells'));
    for (const v of Array.isArray(status) ? status : Object.values(status)) if (v !== null && !(typeof v === 'string' && v.length <= 32)) refuse(url, msg('http.cubeStatusNotSymbol'));
  }
  return ds;
}

/** Parses an answer as a JSON-stat 2.0 dataset and checks its cube (see checkCube). */
export function parseDataset(text: string, url: string, maxCells: number): Dataset {
  const doc = parseAnswer(text, url);
  let ds: Dataset;
  try {
    ds = asDataset(doc);
  } catch (e) {
    if (e instanceof MalformedDatasetError) throw new HttpError(url, 200, e.text, msg('http.adviceBrokenDataset'), 'invalid-answer');
    throw e;
  }
  return checkCube(ds, url, maxCells);
}

/**
 * The cube the parts of one table make when joined (the union of each dimension's categories),
 * checked against the limit before they are joined.
 */
export function checkJoined(parts: Dataset[], url: string, maxCells: number): void {
  if (parts.length < 2) return;
  const ids = parts[0]!.id;
  const union = ids.map((id) => new Set(parts.flatMap((p) => (p.dimension[id] ? categoryCodes(p.dimension[id]) : []))).size);
  if (declaredCells(union, maxCells) === Infinity) refuse(url, msg('http.answerJoinedTooLarge', { size: union.join(' × '), max: cellCount(maxCells) }), 'cube-too-large');
}

/**
 * SSB's `/metadata` (JSON-stat with `"value": []`): every dimension named in "id" described, each
 * with its categories; the cube it describes is not asked for whole, so its size is not limited.
 */
export function parseMetadata(text: string, url: string): Dataset {
  const doc = parseAnswer(text, url) as Partial<Dataset> | null;
  const ok =
    doc !== null &&
    typeof doc === 'object' &&
    Array.isArray(doc.id) &&
    doc.id.every((id) => typeof id === 'string') &&
    doc.dimension !== null &&
    typeof doc.dimension === 'object' &&
    doc.id.every((id) => Object.hasOwn(doc.dimension!, id) && typeof doc.dimension![id]?.category === 'object' && doc.dimension![id]!.category !== null);
  if (!ok) throw new HttpError(url, 200, msg('http.answerNotMetadata'), msg('http.adviceUnexpectedCheck', { variable: 'FOLKEHELSE_SSB_API' }), 'invalid-answer');
  return doc as Dataset;
}
