import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { loadConfig } from '../../src/config/config.js';
import { EXAMPLE, tempDir } from '../helpers.js';

/** The chapter of theme `letter` (not the table of contents, which names it too). */
const chapter = (doc: string, letter: string) => doc.split(/^## /m).find((c) => new RegExp(`^\\d+ [^\\n]*\\(forskrift § 3 ${letter}\\)\\n`).test(c))!;

/** The shipped example with only some of its data: themes without numbers must still have their chapter. */
describe('a forskrift § 3 theme without data', () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  const docs: Record<string, string> = {};
  beforeAll(async () => {
    cpSync(EXAMPLE, dir, { recursive: true });
    const config = JSON.parse(readFileSync(join(dir, 'folkehelse.config.json'), 'utf8')) as Record<string, unknown>;
    // Ungdata and the county survey only: no FHI, no SSB, no KOSTRA.
    writeFileSync(join(dir, 'folkehelse.config.json'), JSON.stringify({ ...config, kommuner: [{ code: '5037', kostragruppe: 'EKG11', neighbours: ['5038'] }], region: undefined, data: ['data/ungdata', 'data/fylkesundersokelse'] }));
    for (const lang of ['nb', 'nn'] as const) {
      await build({ config: loadConfig(join(dir, 'folkehelse.config.json')), out, lang, formats: ['md'], env: process.env });
      docs[lang] = readFileSync(join(out, '5037-levanger', `oversikt-2027.${lang}.md`), 'utf8');
    }
  }, 120_000);

  it('keeps every theme a–f as a chapter', () => {
    for (const letter of ['a', 'b', 'c', 'd', 'e', 'f']) expect(docs.nb).toMatch(new RegExp(`^## \\d+ .*\\(forskrift § 3 ${letter}\\)$`, 'm'));
  });

  it('says what is missing and where to get it (bokmål and nynorsk)', () => {
    // Theme a has only FHI's and SSB's numbers, none of which are in this data.
    const a = chapter(docs.nb!, 'a');
    expect(a).toContain('Grunnlaget for dette dokumentet har ingen tall for temaet.');
    expect(a).toContain('Disse indikatorene i katalogen mangler tall:');
    expect(a).toMatch(/- Folkemengde 1\. januar – SSB, Statistikkbanken tabell 06913/);
    expect(a).toContain('**Hvor tallene kan hentes:** Folketall, framskrivinger og innvandring');
    const nn = chapter(docs.nn!, 'a');
    expect(nn).toContain('Grunnlaget for dette dokumentet har ingen tal for temaet.');
    expect(nn).toContain('**Kvar tala kan hentast:** Folketal, framskrivingar og innvandring');
    // Theme d has the county survey's injuries, and so no such note.
    expect(chapter(docs.nb!, 'd')).toContain('Skadet og behandlet av lege siste år (voksne)');
    expect(chapter(docs.nb!, 'd')).not.toContain('ingen tall for temaet');
  });

  it('shows the county survey in theme e, and names the fylkeskommune among the sources', () => {
    const e = chapter(docs.nb!, 'e');
    expect(e).toContain('Røyker daglig (voksne)');
    expect(e).not.toContain('Grunnlaget for dette dokumentet har ingen tall');
    expect(docs.nb).toMatch(/Tallene er hentet fra [^\n]*fylkeskommunen \(Folkehelseundersøkelsen i fylkene\)/);
    expect(docs.nn).toMatch(/fylkeskommunen \(Folkehelseundersøkinga i fylka\)/);
  });
});
