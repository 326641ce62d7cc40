import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/app/build.js';
import { documentParts, renderPage } from '../../../src/app/preview/page.js';
import { PreviewSession } from '../../../src/app/preview/session.js';
import { readAssessmentFolder } from '../../../src/assessments/discover.js';
import { checkFinal } from '../../../src/assessments/gate.js';
import { loadSections, validNames } from '../../../src/assessments/sections.js';
import { loadMessages } from '../../../src/cli/messages.js';
import { loadConfig } from '../../../src/config/config.js';
import { loadCatalogue } from '../../../src/indicators/catalogue.js';
import { LOCK } from '../../../src/output/lock.js';
import { EXAMPLE, tempDir } from '../../helpers.js';
import { themeText } from './theme-text.js';

/** A copy of the shipped example (Levanger and Verdal) to write in. */
function project(): { dir: string; config: string } {
  const dir = tempDir();
  cpSync(EXAMPLE, dir, { recursive: true });
  return { dir, config: join(dir, 'folkehelse.config.json') };
}

describe('a preview session on the shipped example (Levanger)', () => {
  const { dir, config } = project();
  const session = new PreviewSession({ configPath: config, kommune: '5037' });
  const assessments = join(dir, 'vurderinger', '5037');
  beforeAll(async () => {
    await session.refresh(['config']);
  }, 120_000);

  it("shows Levanger's document exactly as the build's HTML renderer writes it", async () => {
    const s = session.snapshot;
    expect(s.problem).toBeNull();
    expect(s.kommune).toEqual({ code: '5037', name: 'Levanger' });
    const out = tempDir();
    const outcome = await build({ config: loadConfig(config), out, formats: ['html'], kommuner: ['5037'], env: process.env });
    const html = readFileSync(outcome.documents[0]!.outputs.find((f) => f.endsWith('.html'))!, 'utf8');
    const built = documentParts(html);
    expect(s.document!.body).toBe(built.body);
    expect(s.document!.css).toBe(built.css);
    expect(s.document!.title).toBe('Oversikt over helsetilstand og påvirkningsfaktorer – Levanger kommune');
  });

  it('the writing aid: every required assessment with the final gate’s verdict, its place, questions and file', () => {
    const aid = session.snapshot.aid!;
    const sections = loadSections();
    const set = readAssessmentFolder(join(dir, 'vurderinger'), '5037', validNames(sections, loadCatalogue().map((i) => i.id)));
    const gate = new Map(checkFinal(set, sections, 'nb').map((m) => [m.name, m]));
    const required = sections.sections.filter((s) => s.required).map((s) => s.name);
    expect(aid.entries.map((e) => e.name)).toEqual(expect.arrayContaining(required));
    for (const e of aid.entries) {
      expect(e.status, e.name).toBe(gate.get(e.name)?.status ?? 'present');
      expect(e.questions.length, e.name).toBeGreaterThan(0);
      expect(e.anchor, e.name).not.toBeNull();
      expect(session.snapshot.document!.body).toContain(`id="${e.anchor}"`);
    }
    expect(aid.notReady).toBe(gate.size);
    expect(aid.entries.find((e) => e.name === 'c')).toMatchObject({ status: 'missing', file: 'vurderinger/5037/c.md', law: 'forskrift om oversikt over folkehelsen § 3 c' });
    expect(aid.entries.find((e) => e.name === 'helsestasjon')!.questions.join(' ')).toContain('(påkrevd)');
    // The example's texts that contradict the numbers, in the coordinator's words.
    expect(aid.entries.find((e) => e.name === 'b')!.contradictions.join(' ')).toMatch(/^Teksten sier «Andelen trangbodde barn .*», men den beregnede utviklingen for Trangbodde barn/);
    expect(aid.contradictions).toBe(1);
    // The draft's other markers: the indicators' assessments, each in its section.
    expect(aid.marked.length).toBeGreaterThan(20);
    expect(aid.marked.find((e) => e.name === 'trangbodde')).toMatchObject({ status: 'marked', file: 'vurderinger/5037/trangbodde.md' });
    expect(aid.marked.every((e) => e.status === 'marked' && e.anchor !== null)).toBe(true);
  });

  it('the page has no inline script or style: the Content-Security-Policy allows the server’s own only', () => {
    const page = renderPage(session.snapshot, loadMessages('nb'));
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script src="/preview.js" defer>']);
    expect(page).not.toMatch(/<style\b/);
    expect(page).not.toMatch(/\sstyle="/);
    expect(page).not.toMatch(/\son[a-z]+="/);
    expect(page).toContain('<main id="fh-document">');
    expect(page).toContain('Vurderingene');
  });

  it('an assessment edit composes and renders again from the kept data and results: no data is read', async () => {
    const before = { ...session.stats };
    writeFileSync(join(assessments, 'b.md'), `${readFileSync(join(assessments, 'b.md'), 'utf8')}\n\nEn ny setning om levekår i Levanger.\n`);
    const s = await session.refresh(['assessment']);
    expect(s.document!.body).toContain('En ny setning om levekår i Levanger.');
    expect(session.stats).toEqual({ ...before, compositions: before.compositions + 1 });
  });

  it('a newly written assessment: in the document, and no longer missing in the aid', async () => {
    writeFileSync(join(assessments, 'c.md'), themeText('Drikkevannet i Levanger er godt, og nærmiljøet brukes mye.'));
    const s = await session.refresh(['assessment']);
    expect(s.document!.body).toContain('Drikkevannet i Levanger er godt');
    expect(s.aid!.entries.find((e) => e.name === 'c')!.status).toBe('present');
    // Only the template's guidance: too thin for --final, as the gate says.
    writeFileSync(join(assessments, 'd.md'), '<!-- Spørsmål til hjelp: … -->\n');
    expect((await session.refresh(['assessment'])).aid!.entries.find((e) => e.name === 'd')!.status).toBe('empty');
  });

  it('a contradiction marked as deliberate: the gate lets it through, and so does the aid', async () => {
    const b = join(assessments, 'b.md');
    const sentence = 'Andelen trangbodde barn er lavere enn i landet og har gått ned.';
    writeFileSync(b, readFileSync(b, 'utf8').replace(sentence, `${sentence} <!-- bevisst: skolehelsetjenesten ser nedgangen før tallene gjør det -->`));
    const aid = (await session.refresh(['assessment'])).aid!;
    expect(aid.contradictions).toBe(0);
    expect(aid.entries.find((e) => e.name === 'b')!.contradictions).toEqual([]);
  });

  it('a catalogue change computes again from the kept data', async () => {
    const before = { ...session.stats };
    await session.refresh(['setup']);
    expect(session.stats).toEqual({ ...before, contexts: before.contexts + 1, compositions: before.compositions + 1 });
  });

  it('a broken configuration: the problem in words, the last document still in view; fixed, it recovers', async () => {
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, text.replace('"edition": 2027', '"edition": "neste år"'));
    const broken = await session.refresh(['config']);
    expect(broken.problem).toMatchObject({ stage: 'config', internal: false });
    expect(broken.problem!.message).toContain('edition');
    expect(broken.problem!.message).not.toMatch(/\n\s+at /);
    expect(broken.document!.body).toContain('Drikkevannet i Levanger er godt');
    // An assessment edit meanwhile tries the configuration again (still broken).
    expect((await session.refresh(['assessment'])).problem?.stage).toBe('config');
    writeFileSync(config, text);
    const fixed = await session.refresh(['config']);
    expect(fixed.problem).toBeNull();
    expect(fixed.version).toBeGreaterThan(broken.version);
  });

  it('a broken data file: left out of the draft and named beside the document; read again once it is fixed', async () => {
    const file = join(dir, 'data', 'ungdata', 'ungdata_innherred.csv');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text.trimEnd()}\n5037;Levanger;2024;ikke et tall;;;\n`);
    const broken = await session.refresh(['data']);
    expect(broken.problem).toMatchObject({ stage: 'data', internal: false, partial: true });
    expect(broken.problem!.message).toMatch(/ungdata_innherred\.csv er utelatt \(\d+ feil\); dokumentene er laget uten filen:\n {2}\S/);
    // The document is made without the file, and says so; the page shows no "from before the problem".
    expect(broken.document!.body).toContain('ungdata_innherred.csv');
    const page = renderPage(broken, loadMessages('nb'));
    expect(page).toContain('Dataene kan ikke leses');
    expect(page).not.toContain('Det som vises er fra før feilen');
    // An assessment edit meanwhile reads no data, and still names the file.
    const loads = session.stats.dataLoads;
    expect((await session.refresh(['assessment'])).problem).toMatchObject({ stage: 'data', partial: true });
    expect(session.stats.dataLoads).toBe(loads);
    // Saving the fixed file is a data change: read again, nothing left out.
    writeFileSync(file, text);
    const fixed = await session.refresh(['data']);
    expect(fixed.problem).toBeNull();
    expect(session.stats.dataLoads).toBe(loads + 1);
    expect(fixed.document!.body).not.toContain('ungdata_innherred.csv er utelatt');
  });

  it('holds no lock on the output folder: a build elsewhere is not refused while the preview is open', async () => {
    const own = project();
    writeFileSync(own.config, JSON.stringify({ ...JSON.parse(readFileSync(own.config, 'utf8')), out: 'out' }));
    const other = new PreviewSession({ configPath: own.config, kommune: '5037' });
    expect((await other.refresh(['config'])).problem).toBeNull();
    expect(existsSync(join(own.dir, 'out', LOCK))).toBe(false);
    expect((await other.refresh(['data'])).problem).toBeNull();
    expect(existsSync(join(own.dir, 'out', LOCK))).toBe(false);
  });

  it('watches the configuration, data, catalogue, assessments; never the output folder', () => {
    const targets = session.watchTargets();
    expect(targets.find((t) => t.kind === 'config')!.path).toBe(config);
    expect(targets.find((t) => t.kind === 'assessment')!.path).toBe(assessments);
    expect(targets.find((t) => t.kind === 'data')!.path).toBe(join(dir, 'data'));
    // The example names no output folder: it is ./out, as for `build`.
    expect(targets.find((t) => t.kind === 'ignore')!.path).toBe(loadConfig(config).out);
  });
});
