import { describe, expect, it } from 'vitest';
import { isIsoDate, validator } from '../../src/validate/schemas.js';

describe('the "date" format (checked without ajv-formats)', () => {
  it('accepts real days only', () => {
    expect(isIsoDate('2026-11-22')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-2', '22.11.2026', '2026-11-22T10:00:00Z']) expect(isIsoDate(bad), bad).toBe(false);
  });
  it('is applied to the configuration\'s generatedOn', () => {
    const config = { kommuner: ['5037'], data: ['.'] };
    expect(validator('config')({ ...config, generatedOn: '2026-11-22' })).toBe(true);
    expect(validator('config')({ ...config, generatedOn: '2026-02-30' })).toBe(false);
  });
});
