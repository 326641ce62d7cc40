import { describe, expect, it } from 'vitest';
import { areasFor } from '../../src/fetch/plan.js';
import { defaultRegister } from '../../src/geo/register.js';

describe("the areas fetched for the county's range (issue 26)", () => {
  it("with county: every municipality of the configured municipality's county, former numbers only for the configured ones", () => {
    const register = defaultRegister();
    const members = register.kommunerIn('50').map((k) => k.code);
    const plain = areasFor([{ code: '5037', kostragruppe: 'EKG11', neighbours: ['5038'] }]);
    expect(plain.kommuner).toEqual(['5037', '5038']);
    const county = areasFor([{ code: '5037', kostragruppe: 'EKG11', neighbours: ['5038'] }], undefined, register, [], { county: true });
    expect(county.kommuner).toEqual([...new Set([...members, '5037', '5038'])].sort());
    expect(county.kommuner.length).toBeGreaterThan(30);
    expect(county.fylker).toEqual(['50']);
    expect(Object.keys(county.former ?? {}).every((k) => ['5037', '5038'].includes(k))).toBe(true);
  });
});
