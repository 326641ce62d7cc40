import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_DESCRIPTIONS, FORMATS, sourceOf } from '../../src/ingest/detect.js';
import { FORMAT_IDS, SOURCE_IDS, SOURCES, sourceDisplayName } from '../../src/sources/registry.js';
import { ROOT } from '../helpers.js';

describe('source registry', () => {
  it('has one folder per source under src/sources, and every folder is registered', () => {
    const folders = readdirSync(join(ROOT, 'src/sources'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual([...SOURCE_IDS].sort());
  });

  it('derives the formats, their descriptions and their sources', () => {
    expect(FORMATS).toEqual(FORMAT_IDS);
    expect(new Set(FORMATS).size).toBe(FORMATS.length);
    for (const s of SOURCES) for (const f of s.formats) {
      expect(sourceOf(f.id)).toBe(s.id);
      expect(FORMAT_DESCRIPTIONS[f.id]).toBe(f.description);
    }
    expect(sourceDisplayName('fhi')).toMatch(/FHI/);
  });

  it("every format's row schema exists in schemas/", () => {
    for (const s of SOURCES) for (const f of s.formats) if (f.rowSchema) expect(existsSync(join(ROOT, 'schemas', `${f.rowSchema}.schema.json`)), f.rowSchema).toBe(true);
  });

  it('the observation schema enumerates exactly the registered sources', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/observation.schema.json'), 'utf8'));
    expect([...schema.properties.source.enum].sort()).toEqual([...SOURCE_IDS].sort());
  });
});
