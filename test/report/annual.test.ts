import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildAnnual } from '../../src/report/annual.js';
import { changesSection } from '../../src/report/changes.js';
import { walkSections, type Document } from '../../src/report/document.js';
import { loadTexts } from '../../src/report/language.js';
import { labelsOf } from '../../src/report/blocks.js';
import { FORMAT_RENDERERS as RENDERERS } from '../../src/report/renderers.js';
import { diffResults } from '../../src/results/diff.js';
import type { ResultsFile } from '../../src/results/types.js';
import { ROOT } from '../helpers.js';

const FIXTURE = join(ROOT, 'test', 'results', 'fixtures', 'resultater-2027.json');
const load = (): ResultsFile => JSON.parse(readFileSync(FIXTURE, 'utf8')) as ResultsFile;
const HOSTILE = 'Skjermtid <img src=x onerror=alert(1)> | *fet*';

/** The next edition: skjermtid revised by the source, under a title with markup in it. */
function later(): ResultsFile {
  const f = load();
  f.edition = 2028;
  f.kind = 'annual';
  const r = f.indicators.find((i) => i.id === 'skjermtid')!;
  r.title = { nb: HOSTILE, nn: HOSTILE };
  const v = { ...r.value!, value: r.value!.value! + 3.9 };
  r.value = v;
  r.series = r.series.map((s) => (s.period.from === v.period.from && s.period.to === v.period.to ? v : s));
  return f;
}

function fullDocument(): Document {
  const texts = loadTexts('nb');
  return { kind: 'kommune', variant: 'full', lang: 'nb', locale: 'nb-NO', title: 'Oversikt', subtitle: '', date: null, subject: 'Levanger kommune', edition: 2027, coatOfArms: null, front: [], tocHeading: 'Innhold', sections: [], footer: 'folkehelse', labels: labelsOf(texts, 'Levanger') };
}

describe('the changes section and the løpende oversikt in the document model', () => {
  const texts = loadTexts('nb');
  const diff = diffResults(load(), later());

  it('are plain text in the model: the revision is a list item of its own subsection', () => {
    const ids = new Set<string>();
    const { section, notes } = changesSection(diff, texts, 'nb', (t) => {
      const id = t.toLowerCase().replace(/\s+/g, '-');
      ids.add(id);
      return id;
    });
    expect(section.role).toBe('changes');
    expect(section.toc).toBe(true);
    const revisions = section.children.find((c) => c.role === 'changes-revisions')!;
    const item = revisions.blocks[0]!;
    expect(item.kind === 'list' && item.items[0]![0]!.text).toMatch(/^Skjermtid <img src=x onerror=alert\(1\)> \| \*fet\*, 2024: 46,9\u00a0% → 50,8\u00a0%$/);
    expect(notes.get('skjermtid')![0]).toMatch(/^Kilden har revidert tallet for 2024/);
  });

  it('every renderer escapes the data in the løpende oversikt: Markdown, HTML and Word', async () => {
    const doc = buildAnnual({ current: later(), diff, goals: [], full: fullDocument(), texts, lang: 'nb' });
    expect([...walkSections(doc.sections)].map((s) => s.role)).toEqual(['introduction', 'changes', 'changes-revisions', 'annual-themes', 'annual-theme', 'annual-theme', 'annual-theme', 'annual-theme', 'annual-theme', 'annual-theme', 'challenges']);
    const ctx = { stem: 'lopende-oversikt-2028.nb' };
    const md = (await RENDERERS.get('md')!.render(doc, ctx)).get('lopende-oversikt-2028.nb.md') as string;
    expect(md).toMatch(/^# Løpende oversikt over folkehelsen$/m);
    expect(md).toContain('- Skjermtid &lt;img src=x onerror=alert(1)&gt; \\| \\*fet\\*, 2024');
    expect(md).not.toContain('<img');
    const html = (await RENDERERS.get('html')!.render(doc, ctx)).get('lopende-oversikt-2028.nb.html') as string;
    expect(html).toContain('<li>Skjermtid &lt;img src=x onerror=alert(1)&gt; | *fet*, 2024');
    expect(html).not.toContain('<img src=x');
    const docx = (await RENDERERS.get('docx')!.render(doc, ctx)).get('lopende-oversikt-2028.nb.docx') as Uint8Array;
    const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
    expect(xml).toContain('Skjermtid &lt;img src=x onerror=alert(1)&gt; | *fet*, 2024');
    expect(xml).toContain('Reviderte tall');
  });
});
