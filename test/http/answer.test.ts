import { describe, expect, it } from 'vitest';
import { isMessage, render } from '../../src/base/messages.js';
import { checkCube } from '../../src/http/answer.js';
import { HttpError } from '../../src/http/errors.js';
import type { Dataset } from '../../src/jsonstat/dataset.js';

/** A two-cell cube of one dimension, changed by `edit`. */
function cube(edit: (ds: Record<string, unknown>) => void): Dataset {
  const ds: Record<string, unknown> = { version: '2.0', class: 'dataset', id: ['GEO'], size: [2], dimension: { GEO: { category: { index: ['0', '5037'] } } }, value: [1, 2] };
  edit(ds);
  return ds as unknown as Dataset;
}

function refusal(ds: Dataset): HttpError {
  try {
    checkCube(ds, 'http://127.0.0.1/x', 1000);
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('checkCube: what is wrong with an answer, in the user\'s language (English for scripts)', () => {
  it.each([
    [(ds: Record<string, unknown>) => (ds.value = { 0: 1, 7: 2 }), '«value» har en celle «7», men kubens celler er nummerert fra 0 til 1', '"value" has a cell "7", but the cube\'s cells are numbered 0 to 1', 'ei celle «7», men cellene i kuben er nummererte frå 0 til 1'],
    [(ds: Record<string, unknown>) => (ds.dimension = { GEO: { category: { index: { 0: 0, 5037: 5 } } } }), 'dimensjonen «GEO»: «category.index» nummererer ikke kategoriene fra 0 til 1', 'dimension "GEO": "category.index" does not number its categories 0 to 1', 'nummererer ikkje kategoriane frå 0 til 1'],
    [(ds: Record<string, unknown>) => (ds.value = [1, { x: 1 }]), '«value» har en celle som verken er et tall, et symbol eller null ({"x":1})', '"value" holds a cell that is neither a number, a symbol nor null ({"x":1})', 'ei celle som verken er eit tal'],
    [(ds: Record<string, unknown>) => (ds.status = 7), '«status» er verken en tekst, en liste eller et objekt av celler', '"status" is neither a text, a list nor an object of cells', 'verken ein tekst, ei liste'],
  ])('%#', (edit, nb, en, nn) => {
    const e = refusal(cube(edit));
    expect(isMessage(e.detailText)).toBe(true);
    if (!isMessage(e.detailText)) return;
    expect(render(e.detailText, 'nb')).toBe(nb);
    expect(render(e.detailText, 'nn')).toContain(nn);
    expect(e.detail).toBe(en);
    expect(e.kind).toBe('invalid-answer');
  });
});
