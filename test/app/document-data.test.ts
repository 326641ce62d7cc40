import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAssessmentFolder } from '../../src/assessments/discover.js';
import { loadSections, validNames } from '../../src/assessments/sections.js';
import { overviewData } from '../../src/app/document-data.js';
import { loadPriorities } from '../../src/overview/priorities.js';
import { FIXTURES, INNHERRED } from '../helpers.js';
import { innherredResults } from '../overview/results.js';

describe('overviewData (one call for the chapters of issue 14)', () => {
  it("puts Levanger's own lists first and gathers the gate's list and the warnings", async () => {
    const results = await innherredResults('5037');
    const sections = loadSections();
    const valid = validNames(sections, results.map((r) => r.id));
    const d = overviewData({ results, assessments: readAssessmentFolder(join(INNHERRED, 'vurderinger'), '5037', valid), sections, priorities: loadPriorities(), lang: 'nb' });
    expect(d.utfordringsbilde.source).toBe('municipality');
    expect(d.utfordringsbilde.own).toEqual(['Psykisk helse blant barn og unge, og ensomhet blant ungdom i familier med dårlig økonomi', 'Unge uføretrygdede og utenforskap', 'Overvekt blant unge']);
    expect(d.utfordringsbilde.proposals[0]!.id).toBe('psykisk-helse-unge');
    expect(d.ressurser.own).toHaveLength(3);
    // 16 files missing (sosiale-helseforskjeller too), and the themes a, b and f and the own texts written without the parts the gate asks for.
    expect(d.missing).toHaveLength(21);
    expect(d.missing.filter((m) => m.status === 'incomplete').map((m) => m.name)).toEqual(['a', 'b', 'f', 'utfordringer', 'planbehov']);
    expect(d.contradictions.map((c) => `${c.file} ${c.indicatorId}`)).toEqual(['5037/b.md uforetrygdede']);
    expect(d.check.ready).toBe(false);
    expect(d.ulikhet.significant).toEqual(['ensomhet']);
    expect(d.services).toHaveLength(7);
    expect(d.kortversjon.findings[0]).toEqual({ kind: 'own-challenge', rank: 1, text: d.utfordringsbilde.own![0] });
  });

  it('has nothing missing for the fully assessed fixture, in nynorsk', async () => {
    const results = await innherredResults('5037');
    const sections = loadSections();
    const set = readAssessmentFolder(join(FIXTURES, 'innherred-fullt-vurdert', 'vurderinger'), '5037', validNames(sections, results.map((r) => r.id)));
    const d = overviewData({ results, assessments: set, sections, priorities: loadPriorities(), lang: 'nn' });
    expect(d.missing).toEqual([]);
    expect(d.unknown).toEqual([]);
    expect(d.community.every((s) => s.status === 'present')).toBe(true);
    // A nynorsk document names the texts that are only in bokmål.
    expect(d.check.language.length).toBeGreaterThan(0);
  });
});
