import type { Period } from '../model/observation.js';
import type { Verdict } from '../indicators/methods/compare.js';

/** "2024", "2022–2024", "2020/21". */
export function formatPeriod(p: Period): string {
  if (p.kind === 'school-year') return `${p.from}/${String(p.to).slice(2)}`;
  return p.from === p.to ? String(p.from) : `${p.from}–${p.to}`;
}

/** Shape markers for verdicts: colour-blind-safe and readable without colour (coloured where shown). */
export const VERDICT_MARK: Record<Verdict, string> = { better: '●', worse: '■', higher: '◆', lower: '◆', similar: '○', 'not-tested': '·' };
