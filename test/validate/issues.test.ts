import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ISSUE_DESCRIPTIONS, ISSUE_TEMPLATES, IssueCollector, NOTE_CODES, WARNING_CODES } from '../../src/validate/issues.js';
import { ROOT } from '../helpers.js';

describe('issue vocabulary', () => {
  const codes = [...ERROR_CODES, ...WARNING_CODES, ...NOTE_CODES];
  it('has one description and one message template per code', () => {
    expect(Object.keys(ISSUE_TEMPLATES).sort()).toEqual([...codes].sort());
    expect(Object.keys(ISSUE_DESCRIPTIONS).sort()).toEqual([...codes].sort());
    for (const c of codes) expect(ISSUE_TEMPLATES[c]).toContain('{note}');
  });

  it('makes every message from its template', () => {
    const c = new IssueCollector('f.csv');
    c.report({ code: 'constraint-error', line: 3, column: 'TELLER', value: '900', note: 'TELLER (900) is larger than NEVNER (95)' });
    expect(c.issues[0]!.message).toBe('Impossible value: TELLER (900) is larger than NEVNER (95)');
  });

  it('no reader writes a whole message at the call site', () => {
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: false }) as string[];
    for (const f of files.filter((x) => x.endsWith('.ts'))) {
      const text = readFileSync(join(ROOT, 'src', f), 'utf8');
      for (const m of text.matchAll(/report\(\{[^}]*\bmessage:/g)) expect.fail(`${f}: ${m[0]}`);
    }
  });

  it('validation does not import the CLI', () => {
    for (const f of readdirSync(join(ROOT, 'src/validate'))) {
      expect(readFileSync(join(ROOT, 'src/validate', f), 'utf8'), f).not.toMatch(/from '\.\.\/cli\//);
    }
  });
});
