import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg, setMessageLang } from '../../src/base/messages.js';
import { ERROR_CODES, ISSUE_DESCRIPTIONS, IssueCollector, issueDescription, issueMessageIn, NOTE_CODES, WARNING_CODES } from '../../src/validate/issues.js';
import { location } from '../../src/validate/report.js';
import { ROOT } from '../helpers.js';

const cliTexts = (lang: string) => JSON.parse(readFileSync(join(ROOT, 'data', 'cli', `${lang}.json`), 'utf8')) as { issue: { template: Record<string, string>; description: Record<string, string> } };

describe('issue vocabulary', () => {
  const codes = [...ERROR_CODES, ...WARNING_CODES, ...NOTE_CODES];
  it('has one description and one message template per code, in every language', () => {
    for (const lang of ['nb', 'nn', 'en']) {
      const { template, description } = cliTexts(lang).issue;
      expect(Object.keys(template).sort(), lang).toEqual([...codes].sort());
      expect(Object.keys(description).sort(), lang).toEqual([...codes].sort());
      for (const c of codes) expect(template[c], `${lang} ${c}`).toContain('{note}');
    }
    expect(Object.keys(ISSUE_DESCRIPTIONS).sort()).toEqual([...codes].sort());
    expect(ISSUE_DESCRIPTIONS['duplicate-header']).toBe('Two columns have the same name.');
    expect(issueDescription('duplicate-header', 'nb')).toBe('To kolonner har samme navn.');
    expect(issueDescription('duplicate-header', 'nn')).toBe('To kolonnar har same namn.');
  });

  it('makes every message from its template, in the language of the run', () => {
    const c = new IssueCollector('f.csv');
    const note = msg('issue.note.countAboveDenominator', { count: 'TELLER', countValue: 900, denominator: 'NEVNER', denominatorValue: 95 });
    c.report({ code: 'constraint-error', line: 3, column: 'TELLER', columnNumber: 5, value: '900', note });
    const issue = c.issues[0]!;
    expect(issue.message).toBe('Impossible value: TELLER (900) is larger than NEVNER (95): more cases than people at risk');
    expect(location(issue, 'en')).toBe('line 3, column 5 (TELLER)');
    // The same issue in a document's language, whatever the run's.
    expect(issueMessageIn(issue, 'nb')).toBe('Umulig verdi: TELLER (900) er større enn NEVNER (95): telleren kan ikke være større enn nevneren');
    expect(issueMessageIn(issue, 'nn')).toBe('Umogleg verdi: TELLER (900) er større enn NEVNER (95): teljaren kan ikkje vere større enn nemnaren');
    expect(location(issue, 'nn')).toBe('linje 3, kolonne 5 (TELLER)');
    const before = setMessageLang('nn');
    try {
      c.report({ code: 'duplicate-row', line: 9, note: msg('issue.note.repeatsLine', { line: 4 }) });
      expect(c.issues[1]!.message).toBe('Rad som går igjen: rada gjentek observasjonen på linje 4 (same område, periode, kjønn, alder og dimensjonar)');
      // A parser's own text is data: kept as it is inside the template.
      c.report({ code: 'syntax-error', line: 1, note: 'Unexpected token' });
      expect(c.issues[2]!.message).toBe('Øydelagd filstruktur: Unexpected token');
    } finally {
      setMessageLang(before);
    }
  });

  it('every key a note names is in every language file', () => {
    const used = new Set<string>();
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: false }) as string[];
    for (const f of files.filter((x) => x.endsWith('.ts') && !x.endsWith('generated.ts'))) for (const m of readFileSync(join(ROOT, 'src', f), 'utf8').matchAll(/'(issue\.(?:note|word|geo)\.[\w.-]+)'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(50);
    for (const lang of ['nb', 'nn', 'en']) {
      const texts = cliTexts(lang) as unknown as Record<string, unknown>;
      for (const key of used) expect(typeof key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], texts), `${lang} ${key}`).toBe('string');
    }
  });

  it('every row schema\'s column description is said in every language; the English is the schema\'s own', () => {
    const schemas = (readdirSync(join(ROOT, 'src', 'sources'), { recursive: true, withFileTypes: false }) as string[]).filter((f) => f.endsWith('.schema.json'));
    expect(schemas.length).toBeGreaterThan(4);
    for (const f of schemas) {
      const schema = JSON.parse(readFileSync(join(ROOT, 'src', 'sources', f), 'utf8')) as { $id: string; properties: Record<string, { description?: string }> };
      const name = /([\w-]+?)(\.row)?\.schema\.json$/.exec(schema.$id)![1]!;
      for (const [column, p] of Object.entries(schema.properties)) {
        if (!p.description) continue;
        for (const lang of ['nb', 'nn', 'en']) {
          const text = ((cliTexts(lang).issue as unknown as { expected: Record<string, Record<string, string>> }).expected[name] ?? {})[column.replace(/\./g, '_')];
          expect(typeof text, `${lang} ${name} ${column}`).toBe('string');
          if (lang === 'en') expect(text, `${name} ${column}`).toBe(p.description);
        }
      }
    }
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
