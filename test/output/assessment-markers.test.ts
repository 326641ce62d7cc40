import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { loadConfig } from '../../src/config/config.js';
import { findBrowser } from '../../src/output/browser.js';
import { INNHERRED, tempDir } from '../helpers.js';

const HAVE_PDF = findBrowser().path !== null && spawnSync('pdftotext', ['-v']).error === undefined;
if (!HAVE_PDF) console.warn('[folkehelse tests] no Chromium or no pdftotext (poppler-utils): the PDF part of the assessment-marker test is SKIPPED.');

/**
 * The draft's markers where the gate finds something in an assessment (a sentence that contradicts
 * the numbers, a part too thin, a text in another language), in every format, and none in a final
 * document. The synthetic fixture's b.md says "har økt" where the trend test finds no change.
 */
describe('the draft marks what --final would refuse, where it is, in md, HTML, Word and PDF', () => {
  const dir = tempDir();
  const out = join(dir, 'out');
  const read = (file: string) => readFileSync(join(out, '5037-levanger', file), 'utf8');
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  const contradiction = '«Andelen unge uføretrygdede er likevel høyere enn i landet og har økt.», men trendtesten for Uføretrygdede, 18–44 år gir «ingen signifikant endring» (5037/b.md).';
  beforeAll(async () => {
    cpSync(INNHERRED, dir, { recursive: true });
    // A theme whose first part is one short sentence.
    writeFileSync(join(dir, 'vurderinger', '5037', 'e.md'), '## Status og utvikling\n\nFysisk inaktivitet er som i landet.\n\n## Årsaksforhold\n\nFritidsaktiviteter koster penger, og ungdom fra familier med dårlig råd deltar sjeldnere i organisert idrett og andre aktiviteter.\n');
    const config = loadConfig(join(dir, 'folkehelse.config.json'));
    const formats = HAVE_PDF ? (['md', 'html', 'docx', 'pdf'] as const) : (['md', 'html', 'docx'] as const);
    const o = await build({ config, kommuner: ['5037'], formats: [...formats], out, force: true });
    expect(o.documents.find((d) => d.id === '5037')?.status).toBe('built');
    await build({ config: { ...config, lang: 'nn' }, kommuner: ['5037'], formats: ['md'], out, force: true });
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Markdown: the sentence, what the numbers say, the file, and how to mark the sentence deliberate', () => {
    const md = read('oversikt-2027.nb.md');
    expect(md).toContain(`> **Stemmer ikke med tallene.** Teksten sier ${contradiction} Endre setningen, eller merk den som bevisst med \`<!-- bevisst: begrunnelse -->\` rett etter den.`);
    // In the theme where the text is: chapter 5 (theme b), before its indicators.
    const b = md.slice(md.indexOf('## 5 Oppvekst'), md.indexOf('### 5.1 '));
    expect(b).toContain('**Stemmer ikke med tallene.**');
    expect(b).toContain('> **Vurderingen er ikke ferdig.** Den mangler tekst under «Status og utvikling», «Årsaksforhold», «Konsekvenser», «Tiltak og planbehov» (5037/b.md).');
    const e = md.slice(md.indexOf('## 8 Helserelatert'), md.indexOf('### 8.1 '));
    expect(e).toMatch(/### Status og utvikling\n\nFysisk inaktivitet er som i landet\.\n\n> \*\*For kort til endelig versjon\.\*\* «Status og utvikling» har 6 ord; det kreves minst 25 \(5037\/e\.md\)\./);
    expect(e).toContain('> **Vurderingen er ikke ferdig.** Den mangler tekst under «Konsekvenser», «Tiltak og planbehov» (5037/e.md).');
  });

  it('HTML: a marker box with the same words, the comment shown as code', () => {
    const html = read('oversikt-2027.nb.html');
    const box = /<blockquote class="assessment check">\n<p><strong>Stemmer ikke med tallene\.<\/strong>([^]*?)<\/p>/.exec(html)!;
    expect(box).not.toBeNull();
    expect(squash(box[1]!)).toContain('Teksten sier «Andelen unge uføretrygdede er likevel høyere enn i landet og har økt.»');
    expect(box[1]).toContain('(5037/b.md)');
    expect(box[1]).toContain('<code>&lt;!-- bevisst: begrunnelse --&gt;</code>');
    expect(html).toContain('<blockquote class="assessment check">\n<p><strong>For kort til endelig versjon.</strong>');
  });

  it('Word: the marker as a paragraph in the marker style', () => {
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(join(out, '5037-levanger', 'oversikt-2027.nb.docx'))))['word/document.xml']!);
    const paragraph = xml.split('<w:p>').find((p) => p.includes('Stemmer ikke med tallene.'))!;
    expect(paragraph).toContain('<w:pStyle w:val="AssessmentMissing"/>');
    const text = [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('Teksten sier «Andelen unge uføretrygdede er likevel høyere enn i landet og har økt.»');
    expect(text).toContain('(5037/b.md)');
    expect(text).toContain('&lt;!-- bevisst: begrunnelse --&gt;');
  });

  it.skipIf(!HAVE_PDF)('PDF: the marker is on the page', () => {
    const r = spawnSync('pdftotext', [join(out, '5037-levanger', 'oversikt-2027.nb.pdf'), '-'], { encoding: 'utf8' });
    const text = squash(r.stdout);
    expect(text).toContain('Stemmer ikke med tallene.');
    expect(text).toContain('(5037/b.md)');
    // Whitespace squashed, not removed: the comment the reader is to copy may wrap at its spaces but
    // not inside a word (code wraps inside a word only when the word alone does not fit a line).
    expect(text).toContain('<!-- bevisst: begrunnelse -->');
  });

  it('nynorsk: names the text that is in bokmål, where it is used', () => {
    const md = read('oversikt-2027.nn.md');
    const a = md.slice(md.indexOf('## 4 '), md.indexOf('### 4.1 '));
    expect(a).toContain('> **Anna målform.** Dokumentet er på nynorsk, men denne teksten er på bokmål (5037/a.md). Skriv `5037/a.nn.md` for ein tekst på nynorsk.');
    expect(md).toContain('**Stemmer ikkje med tala.**');
    expect(md).toContain('Etter folkehelselova § 5');
    expect(md).not.toMatch(/folkehelseloven/);
  });
});

describe('a document dated before 1 January 2026 follows the law as it stood', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes § 5 without the amendment, and marks planbehov as optional in the draft, not missing', async () => {
    cpSync(INNHERRED, dir, { recursive: true });
    rmSync(join(dir, 'vurderinger', '5037', 'planbehov.md'));
    const config = { ...loadConfig(join(dir, 'folkehelse.config.json')), edition: 2023, generatedOn: '2025-05-02' };
    const out = join(dir, 'out');
    await build({ config, kommuner: ['5037'], formats: ['md'], out, force: true });
    const md = readFileSync(join(out, '5037-levanger', 'oversikt-2023.nb.md'), 'utf8');
    expect(md).toContain('Oversikten bygger på opplysninger som statlige helsemyndigheter og fylkeskommunen gjør tilgjengelig (§ 5 a)');
    expect(md).toContain('Fra 1. januar 2026 skal oversikten også inneholde en vurdering av hvordan kommunen kan møte utfordringene, herunder planbehov (lov 20. juni 2025 nr. 69).');
    expect(md).not.toContain('herunder risikoforhold');
    expect(md).toContain('> Vurderingen «Hvordan kommunen kan møte utfordringene, og planbehov» er påkrevd i oversikter datert fra og med 1. januar 2026, jf. folkehelseloven § 5 annet ledd annet punktum (lov 20. juni 2025 nr. 69, i kraft 1. januar 2026). For dette dokumentet er den valgfri; den kan skrives i `vurderinger/5037/planbehov.md`.');
    expect(md).not.toContain('`5037/planbehov.md` – ');
    // The themes' measures are not yet required either.
    expect(md).toContain('«Status og utvikling», «Årsaksforhold», «Konsekvenser» (5037/a.md)');
  }, 120_000);
});
