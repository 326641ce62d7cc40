import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../src/report/document.js';
import { columnWidths, TEXT_WIDTH } from '../../src/report/docx-table.js';

const table = (header: string[], rows: string[][]): TableBlock => ({
  kind: 'table',
  id: 't',
  number: 1,
  caption: null,
  unit: null,
  title: 't',
  header: [header.map((text) => [{ text }])],
  align: header.map(() => 'l'),
  rows: rows.map((r) => r.map((text) => [{ text }])),
});

describe('Word table columns sized to their content (issue 26)', () => {
  it('gives a long text column more room than a number column, and never less than its longest word', () => {
    const t = table(['Indikator', 'Periode', 'Levanger', 'Landet'], [['Andel som er fornøyd med lokalmiljøet sitt, ungdomsskole', '2022–2024', '12,3', '11,9'], ['Forventet levealder, menn', '2008–2022', '78,9', '79,1']]);
    const w = columnWidths(t);
    expect(w.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(w[0]!).toBeGreaterThan(2 * w[3]!);
    // "ungdomsskole" (12 characters) and "2022–2024" fit whole.
    expect(w[0]!).toBeGreaterThan(12 * 100);
    expect(w[1]!).toBeGreaterThan(9 * 100);
    expect(new Set(w).size).toBeGreaterThan(1);
  });

  it('is no wider than its content, and exactly the text width when the content wants more', () => {
    const small = columnWidths(table(['A', 'B'], [['1', '2']]));
    expect(small.reduce((a, b) => a + b, 0)).toBeLessThan(TEXT_WIDTH / 2);
    const wide = columnWidths(table(['Indikator', 'Merknad'], [['x '.repeat(60), 'y '.repeat(80)]]));
    expect(wide.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
  });
});
