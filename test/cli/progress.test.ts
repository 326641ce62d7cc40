import { describe, expect, it } from 'vitest';
import { BuildProgress } from '../../src/cli/progress.js';
import type { DocumentOutcome } from '../../src/app/build.js';

function io(isTTY: boolean) {
  let err = '';
  const stderr = { isTTY, columns: 80, write: (s: string) => ((err += s), true), on: () => stderr, removeListener: () => stderr, cursorTo: () => true, clearLine: () => true, moveCursor: () => true };
  return { io: { stdout: { write: () => true }, stderr, env: {} }, text: () => err };
}
const doc = (id: string, status: DocumentOutcome['status']): DocumentOutcome => ({ id, name: id === '5037' ? 'Levanger' : 'Verdal', kind: 'kommune', status, outputs: [`/out/${id}/oversikt-2027.nb.md`], warnings: [], assessmentWarnings: [], error: null, seconds: 0.5 });

describe('build progress', () => {
  it('one line per document when not a terminal', () => {
    const { io: x, text } = io(false);
    const p = new BuildProgress(x as never, { quiet: false, tty: false });
    p.event({ type: 'plan', total: 2, skipped: 1 });
    p.event({ type: 'document', outcome: doc('5037', 'skipped') });
    p.event({ type: 'document', outcome: doc('5038', 'built') });
    p.stop();
    expect(text()).toBe('2 documents to check, 1 up to date\n5037 Levanger: up to date\n5038 Verdal: oversikt-2027.nb.md (0.50 s)\n');
  });
  it('a bar on a terminal, nothing with --quiet', () => {
    const tty = io(true);
    const p = new BuildProgress(tty.io as never, { quiet: false, tty: true });
    p.event({ type: 'plan', total: 3, skipped: 0 });
    p.event({ type: 'document', outcome: doc('5037', 'built') });
    p.stop();
    expect(tty.text()).toMatch(/building .*\d\/3/);
    const quiet = io(false);
    const q = new BuildProgress(quiet.io as never, { quiet: true, tty: false });
    q.event({ type: 'plan', total: 3, skipped: 0 });
    q.event({ type: 'document', outcome: doc('5037', 'built') });
    expect(quiet.text()).toBe('');
  });
});
