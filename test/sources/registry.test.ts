import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_DESCRIPTIONS, FORMATS, detectJsonFormat, sourceOf } from '../../src/sources/detect.js';
import { FETCH_APIS, FETCHABLE_SOURCES, FORMAT_IDS, SOURCE_IDS, SOURCES, sourceDisplayName, sourceFetch, sourceNames } from '../../src/sources/registry.js';
import { ROOT } from '../helpers.js';

/**
 * The source lists inside the contract schemas: derived from the registry. After adding a source,
 * `UPDATE_GOLDEN=1 npx vitest run test/sources/registry.test.ts` rewrites these arrays (and only
 * them) in the registry's order.
 */
const SCHEMA_SOURCE_LISTS: { file: string; pointer: string[] }[] = [
  { file: 'schemas/observation.schema.json', pointer: ['properties', 'source', 'enum'] },
  { file: 'schemas/catalogue.schema.json', pointer: ['$defs', 'indicator', 'properties', 'select', 'properties', 'source', 'enum'] },
];

function at(doc: unknown, pointer: string[]): unknown {
  return pointer.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], doc);
}

/** The schema's text with the one `"source": { "enum": [...] }` array replaced, in the array's own layout. */
function withSourceList(text: string, ids: readonly string[]): string {
  const re = /("source"\s*:\s*\{\s*"enum"\s*:\s*)\[([^\]]*)\]/g;
  const found = [...text.matchAll(re)];
  if (found.length !== 1) throw new Error(`expected one "source": { "enum": [...] } in the schema, found ${found.length}`);
  const m = found[0]!;
  const inner = m[2]!;
  const item = /\n([ \t]*)"/.exec(inner);
  const close = /\n([ \t]*)$/.exec(inner);
  const list = item ? `[\n${ids.map((id) => `${item[1]}${JSON.stringify(id)}`).join(',\n')}\n${close?.[1] ?? ''}]` : `[${ids.map((id) => JSON.stringify(id)).join(', ')}]`;
  return text.slice(0, m.index) + m[1] + list + text.slice(m.index! + m[0].length);
}

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

  it("every format's row schema exists (a source's own in its folder)", () => {
    for (const s of SOURCES) for (const f of s.formats) {
      if (!f.rowSchema) continue;
      expect(existsSync(join(ROOT, f.rowSchema)), f.rowSchema).toBe(true);
      expect(f.rowSchema.startsWith(`src/sources/`) || f.rowSchema.startsWith('schemas/'), f.rowSchema).toBe(true);
    }
  });

  it('no row schema is left in schemas/ (they live in the source folders)', () => {
    expect(readdirSync(join(ROOT, 'schemas')).filter((f) => f.includes('.row.') || f === 'ssb-cell.schema.json')).toEqual([]);
  });

  it("the contract schemas' source lists are the registry's (UPDATE_GOLDEN=1 rewrites them)", () => {
    for (const { file, pointer } of SCHEMA_SOURCE_LISTS) {
      const path = join(ROOT, file);
      const text = readFileSync(path, 'utf8');
      if (process.env.UPDATE_GOLDEN === '1' && !process.env.CI) {
        const updated = withSourceList(text, SOURCE_IDS);
        if (updated !== text) writeFileSync(path, updated);
      }
      expect(at(JSON.parse(readFileSync(path, 'utf8')), pointer), file).toEqual([...SOURCE_IDS]);
    }
  });

  it('rewrites a source list in its own layout and nothing else', () => {
    const inline = '{ "a": 1, "source": { "enum": ["fhi", "ssb"] }, "b": [1, 2] }';
    expect(withSourceList(inline, ['fhi', 'ssb', 'x'])).toBe('{ "a": 1, "source": { "enum": ["fhi", "ssb", "x"] }, "b": [1, 2] }');
    const block = '{\n  "source": {\n    "enum": [\n      "fhi",\n      "ssb"\n    ]\n  }\n}';
    expect(withSourceList(block, ['fhi', 'ssb', 'x'])).toBe('{\n  "source": {\n    "enum": [\n      "fhi",\n      "ssb",\n      "x"\n    ]\n  }\n}');
  });

  it('every source is named in every language of the documents, with the organisation it belongs to', () => {
    const languages = readdirSync(join(ROOT, 'templates/lang')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(languages.length).toBeGreaterThan(0);
    for (const s of SOURCES) for (const lang of languages) {
      expect(Object.hasOwn(s.names, lang), `${s.id} ${lang}`).toBe(true);
      expect(s.names[lang]!.name, `${s.id} ${lang}`).not.toBe('');
      expect(s.names[lang]!.organisation, `${s.id} ${lang}`).not.toBe('');
    }
    expect(sourceNames('kostra', 'nn')).toEqual({ name: 'SSB (KOSTRA)', organisation: 'SSB', product: 'KOSTRA' });
    // A language without names of its own has the base language's; an unknown id is its own name.
    expect(sourceNames('fhi', 'se')).toEqual(sourceNames('fhi', 'nb'));
    expect(sourceNames('ukjent', 'nb')).toEqual({ name: 'ukjent', organisation: 'ukjent' });
  });

  it('derives the fetchable sources and their APIs, each API once', () => {
    expect(FETCHABLE_SOURCES).toEqual(SOURCE_IDS.filter((id) => sourceFetch(id)));
    expect(FETCH_APIS.map((a) => a.id)).toEqual(['fhi', 'ssb']);
    expect(sourceFetch('kostra')!.api).toBe(sourceFetch('ssb')!.api);
    expect(sourceFetch('ungdata')).toBeUndefined();
  });

  it('detects JSON-stat by the registry order: KOSTRA before SSB, whose dimension ids it shares', () => {
    expect(detectJsonFormat('{"id":["KOKkommuneregion0000","ContentsCode","Tid"]}')).toBe('kostra-jsonstat');
    expect(detectJsonFormat('{"id":["Region","ContentsCode","Tid"]}')).toBe('ssb-jsonstat');
    expect(detectJsonFormat('{"id":["GEO","AAR","MEASURE_TYPE"]}')).toBe('fhi-jsonstat');
  });
});
