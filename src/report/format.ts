import type { Period } from '../model/observation.js';
import type { Verdict } from '../indicators/methods/compare.js';
import type { TrendDirection } from '../indicators/methods/trend.js';
import type { NotTestedReason } from '../indicators/result.js';

export type Lang = 'nb' | 'nn';

/**
 * A number as Norwegian text: decimal comma and a (no-break) space between thousands:
 * 20600 → "20 600", 12.6 → "12,6". Rounds only here, at presentation.
 */
export function formatNumber(value: number, decimals: number, thousands = '\u00a0'): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int!.length > 3 ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) : int!;
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : '';
  return `${sign}${grouped}${frac ? `,${frac}` : ''}`;
}

/** "2024", "2022–2024", "2020/21". */
export function formatPeriod(p: Period): string {
  if (p.kind === 'school-year') return `${p.from}/${String(p.to).slice(2)}`;
  return p.from === p.to ? String(p.from) : `${p.from}–${p.to}`;
}

export const VERDICT_WORDS: Record<Lang, Record<Verdict, string>> = {
  nb: { better: 'bedre', worse: 'dårligere', higher: 'høyere', lower: 'lavere', similar: 'ikke forskjellig', 'not-tested': 'ikke testet' },
  nn: { better: 'betre', worse: 'dårlegare', higher: 'høgare', lower: 'lågare', similar: 'ikkje ulik', 'not-tested': 'ikkje testa' },
};

export const TREND_WORDS: Record<Lang, Record<TrendDirection, string>> = {
  nb: { increasing: 'økende', decreasing: 'synkende', 'no-significant-change': 'ingen sikker endring', 'cannot-be-calculated': 'kan ikke beregnes' },
  nn: { increasing: 'aukande', decreasing: 'søkkande', 'no-significant-change': 'inga sikker endring', 'cannot-be-calculated': 'kan ikkje reknast ut' },
};

export const JUDGEMENT_WORDS: Record<Lang, Record<'better' | 'worse', string>> = {
  nb: { better: 'bedring', worse: 'forverring' },
  nn: { better: 'betring', worse: 'forverring' },
};

export const NOT_TESTED_WORDS: Record<Lang, Record<NotTestedReason, string>> = {
  nb: {
    'not-comparable': 'et antall eller beløp; testes ikke mot landet',
    'no-counts': 'bare verdien er publisert, uten antall tilfeller; forskjellen kan ikke testes',
    'kommune-absent': 'kommunens tall er ikke publisert',
    'no-benchmark': 'landet har ikke tall for samme periode',
    'benchmark-absent': 'landets tall for perioden er ikke publisert',
  },
  nn: {
    'not-comparable': 'eit tal eller beløp; vert ikkje testa mot landet',
    'no-counts': 'berre verdien er publisert, utan tal på tilfelle; skilnaden kan ikkje testast',
    'kommune-absent': 'talet for kommunen er ikkje publisert',
    'no-benchmark': 'landet har ikkje tal for same periode',
    'benchmark-absent': 'talet for landet i perioden er ikkje publisert',
  },
};
