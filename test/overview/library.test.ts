import { describe, expect, it } from 'vitest';
import * as f from '../../src/index.js';

describe('the package entry', () => {
  it('exports the overview and assessment functions as namespaces', () => {
    expect(f.overview.proposeChallenges).toBeTypeOf('function');
    expect(f.overview.sosialUlikhet).toBeTypeOf('function');
    expect(f.overview.kortversjon).toBeTypeOf('function');
    expect(f.assessments.checkFinal).toBeTypeOf('function');
    expect(f.assessments.nearestName('ensomhett', ['ensomhet', 'a'])).toBe('ensomhet');
  });
});
