import { describe, expect, it } from 'vitest';
import { loadTexts } from '../../src/report/language.js';

/** Every dotted key below `node`. */
function keys(node: unknown, prefix = ''): string[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('the follow-up texts (followUp.*) in bokmål and nynorsk', () => {
  it('have the same keys, the same placeholders and the same number of columns', () => {
    const nb = loadTexts('nb').followUp;
    const nn = loadTexts('nn').followUp;
    expect(keys(nn).sort()).toEqual(keys(nb).sort());
    const at = (o: unknown, path: string) => path.split('.').reduce((x, k) => (x as Record<string, unknown>)[k], o);
    for (const k of keys(nb)) {
      const a = at(nb, k);
      const b = at(nn, k);
      if (Array.isArray(a)) expect((b as unknown[]).length, k).toBe(a.length);
      else expect(String(b).match(/\{\w+\}/g)?.sort() ?? [], k).toEqual(String(a).match(/\{\w+\}/g)?.sort() ?? []);
    }
  });
});
