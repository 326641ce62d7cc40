import { describe, expect, it } from 'vitest';
import { FORMAT_DESCRIPTIONS, FORMATS, formatName, formatNames } from '../../src/sources/detect.js';

describe('format names in the user\'s language', () => {
  it('every format has a name in nb, nn and en, and the English is the registry\'s description', () => {
    for (const f of FORMATS) {
      expect(formatName(f, 'en')).toBe(FORMAT_DESCRIPTIONS[f]);
      for (const lang of ['nb', 'nn'] as const) {
        const name = formatName(f, lang);
        expect(name, `${f} ${lang}`).not.toMatch(/^formatName\./);
        expect(name.length).toBeGreaterThan(5);
      }
    }
  });

  it('says the formats in bokmål and nynorsk as each language writes them', () => {
    expect(formatName('fhi-csv3', 'nb')).toBe('FHI Statistikk, csv3 (koder)');
    expect(formatName('fhi-csv3', 'nn')).toBe('FHI Statistikk, csv3 (kodar)');
    expect(formatNames('nn')).toContain('KOSTRA-tabell (CSV frå SSB');
    expect(formatNames('en')).toContain('KOSTRA table (SSB CSV by KOKkommuneregion)');
  });
});
