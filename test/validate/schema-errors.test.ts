import { describe, expect, it } from 'vitest';
import { jsonPath, schemaProblems } from '../../src/validate/schema-errors.js';
import { newAjv } from '../../src/validate/schemas.js';

/** One formatter for every JSON file's schema problems: one problem per value, named by its path. */
describe('schema problems', () => {
  const schema = {
    type: 'object',
    required: ['id', 'items'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: '^[a-z]+$', description: 'lower-case letters' },
      lang: { enum: ['nb', 'nn'] },
      format: { const: 'folkehelse' },
      date: { type: 'string', format: 'date', description: 'a date (YYYY-MM-DD)' },
      count: { type: 'integer', minimum: 0, description: 'how many there are' },
      baseline: { description: 'an edition or a period', oneOf: [{ type: 'object', required: ['edition'] }, { type: 'object', required: ['period'] }] },
      previous: { oneOf: [{ type: 'null' }, { type: 'object', required: ['edition'], properties: { edition: { type: 'integer' } } }] },
      items: { type: 'array', items: { type: 'object', required: ['key'], additionalProperties: false, properties: { key: { type: 'string' } } } },
    },
  };
  const validate = newAjv().compile(schema);
  const problems = (doc: unknown) => (validate(doc) ? [] : schemaProblems(validate.errors).map((p) => `${p.path}: ${p.message}`));

  it('names the path and says what is wrong in the schema’s words', () => {
    expect(problems({ items: [{ key: 'a' }, { other: 1 }], extra: 1, more: 2, lang: 'se', format: 'x', id: 'ABC', date: '2026-02-30', count: -1 })).toEqual([
      '(top level): unknown field "extra"',
      '(top level): unknown field "more"',
      'id: must be lower-case letters',
      'lang: must be one of "nb", "nn"',
      'format: must be "folkehelse"',
      'date: must be a date (YYYY-MM-DD)',
      'count: must be >= 0',
      'items[1].key: is missing',
      'items[1]: unknown field "other"',
    ]);
    expect(problems({ items: [] })).toEqual(['id: is missing']);
  });

  it('a described oneOf is one problem; an undescribed one reports the alternative’s own problems', () => {
    expect(problems({ id: 'a', items: [], baseline: { year: 2027 } })).toEqual(['baseline: must be an edition or a period']);
    expect(problems({ id: 'a', items: [], previous: { edition: 'x' } })).toEqual(['previous.edition: must be integer']);
    expect(problems({ id: 'a', items: [], previous: 5 })).toEqual(['previous: must be null']);
  });

  it('gives the pointer of the value, for line and column', () => {
    validate({ id: 'a', items: [{}] });
    expect(schemaProblems(validate.errors)).toEqual([{ pointer: '/items/0', path: 'items[0].key', message: 'is missing' }]);
  });

  it('writes JSON paths as a reader would', () => {
    expect(jsonPath('')).toBe('(top level)');
    expect(jsonPath('/indicators/3/select', 'measure')).toBe('indicators[3].select.measure');
    expect(jsonPath('/indicators/a~1b/0')).toBe('indicators.a/b[0]');
  });
});
