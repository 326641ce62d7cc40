import { render, type Message } from '../../src/base/messages.js';
import { describe, expect, it } from 'vitest';
import { defaultRegister } from '../../src/geo/register.js';
import { GeoResolver, isResolved, type Resolved } from '../../src/geo/resolve.js';
import { parseRegionLabel } from '../../src/geo/labels.js';

const resolver = () => new GeoResolver(defaultRegister());
const ok = (r: ReturnType<GeoResolver['fromCode']>): Resolved => {
  if (!isResolved(r)) throw new Error(render(r.error, 'en'));
  return r;
};

describe('register', () => {
  it('has the 357 municipalities and 15 counties of 2026', () => {
    expect(defaultRegister().data.kommuner).toHaveLength(357);
    expect(defaultRegister().data.fylker).toHaveLength(15);
    expect(defaultRegister().kommunerIn('50').map((k) => k.code)).toContain('5037');
  });
});

describe('GeoResolver', () => {
  it('restores leading zeros lost in FHI cube files', () => {
    expect(ok(resolver().fromCode('301')).geo).toEqual({ code: '0301', level: 'kommune', name: 'Oslo' });
    expect(ok(resolver().fromCode('3')).geo).toEqual({ code: '03', level: 'fylke', name: 'Oslo' });
    expect(ok(resolver().fromCode('0')).geo).toEqual({ code: '0', level: 'land', name: 'Hele landet' });
  });
  it('harmonises renumbered codes with a note', () => {
    const r = ok(resolver().fromCode('1719'));
    expect(r.geo.code).toBe('5037');
    expect(r.harmonisedFrom).toBe('1719');
    expect(r.note?.code).toBe('harmonised-geography');
    expect(r.note && render(r.note.message, 'en')).toContain('1719 Levanger');
    expect(r.note && render(r.note.message, 'en')).toContain('5037');
  });
  it('keeps merged and divided areas under their old code, saying so', () => {
    const merged = ok(resolver().fromCode('1141'));
    expect(merged.geo.code).toBe('1141');
    expect(merged.note?.code).toBe('historic-geography');
    expect(merged.note && render(merged.note.message, 'en')).toMatch(/merged into 1103 Stavanger/);
    const split = ok(resolver().fromCode('1507'));
    expect(split.note && render(split.note.message, 'en')).toMatch(/divided \(into 1508 Ålesund and 1580 Haram\)/);
  });
  it('reads SSB labels, K-/F- codes and KOSTRA aggregates', () => {
    expect(ok(resolver().fromLabel('5037 Levanger')).geo.code).toBe('5037');
    expect(ok(resolver().fromLabel('K-5037')).geo.code).toBe('5037');
    expect(ok(resolver().fromLabel('F-50')).geo).toMatchObject({ code: '50', level: 'fylke' });
    const v = ok(resolver().fromLabel('07 Vestfold (-2019)'));
    expect(v.geo.code).toBe('39');
    expect(v.validTo).toBe(2019);
    expect(ok(resolver().fromLabel('EAK Landet')).geo).toMatchObject({ code: '0', level: 'land' });
    expect(ok(resolver().fromLabel('EKA50 Trøndelag')).geo).toMatchObject({ code: '50', level: 'fylke' });
    expect(ok(resolver().fromLabel('EKG11 Kostragruppe 11')).geo).toMatchObject({ code: 'EKG11', level: 'kostragruppe' });
    expect(ok(resolver().fromCode('030101')).geo).toMatchObject({ code: '030101', level: 'bydel' });
  });
  it('maps names to codes, official Sami forms included', () => {
    expect(ok(resolver().fromName('Levanger')).geo.code).toBe('5037');
    expect(ok(resolver().fromName('Levangke')).geo.code).toBe('5037');
    expect(ok(resolver().fromName('Hele landet')).geo.code).toBe('0');
    expect(ok(resolver().fromName('Telemark')).geo).toMatchObject({ code: '40', level: 'fylke' });
    expect(ok(resolver().fromName('Våler (Innlandet)')).geo.code).toBe('3419');
  });
  it('refuses to guess an ambiguous or unknown name', () => {
    const amb = resolver().fromName('Våler');
    expect(isResolved(amb)).toBe(false);
    expect(render((amb as { error: Message }).error, 'en')).toMatch(/fits several areas.*3114.*3419/);
    const unknown = resolver().fromName('Innherred');
    expect(render((unknown as { error: Message }).error, 'en')).toMatch(/not a municipality, county/);
    expect(isResolved(resolver().fromCode('8123'))).toBe(false);
  });
  it('parses labels with validity periods', () => {
    expect(parseRegionLabel('5603 Hammerfest (2024->)')).toEqual({ code: '5603', levelHint: null, name: 'Hammerfest', validFrom: 2024, validTo: null });
    expect(parseRegionLabel('13 Bergen (t.o.m. 1971)')).toEqual({ code: '13', levelHint: null, name: 'Bergen', validFrom: null, validTo: 1971 });
    expect(parseRegionLabel('34 Innlandet (f.o.m. 2020)')).toMatchObject({ code: '34', validFrom: 2020, validTo: null });
    expect(parseRegionLabel('160199 Unknown urban district Trondheim  (2001-2004)')).toEqual({ code: '160199', levelHint: null, name: 'Unknown urban district Trondheim', validFrom: 2001, validTo: 2004 });
  });
  it("parses SSB's bydel series letters and its groups outside the municipalities", () => {
    expect(parseRegionLabel('030100aa Oslo total')).toEqual({ code: '030100aa', levelHint: null, name: 'Oslo total', validFrom: null, validTo: null });
    expect(parseRegionLabel('K-21-22 Svalbard og Jan Mayen')).toEqual({ code: '21-22', levelHint: 'K', name: 'Svalbard og Jan Mayen', validFrom: null, validTo: null });
    expect(parseRegionLabel('K-Rest')).toMatchObject({ code: 'Rest', levelHint: 'K', name: null });
    expect(parseRegionLabel('Restaurant')).toBeNull();
    expect(parseRegionLabel('Levanger')).toBeNull();
  });
});
