import type { IndicatorResult } from '../indicators/result.js';
import { testedAgainstLand, type TestedAgainstLand } from '../overview/challenges.js';
import { para, type Words } from './blocks.js';
import type { Block } from './document.js';
import { runs } from './document.js';

/**
 * What could not be tested is said, and still counted: "N av M indikatorer kunne testes mot
 * landet", and why the others could not (each reason with how many it concerns).
 */
export function testedBlocks(w: Words, t: TestedAgainstLand): Block[] {
  if (t.total === 0) return [];
  const out: Block[] = [para(w.tx('overview.summary.tested', { tested: t.tested, total: t.total }))];
  if (t.reasons.length > 0) {
    out.push(para(w.t('overview.summary.untestedReasons')), { kind: 'list', items: t.reasons.map((r) => runs(`${w.t(`notTested.${r.reason}`)} (${r.count})`)) });
  }
  return out;
}

/**
 * The sentence for an empty list of challenges or resources: "Ingen indikatorer peker seg ut" only
 * when some indicator could be tested; when none could, it says so and why — an empty picture is
 * not a good one.
 */
export function noneText(w: Words, results: IndicatorResult[]): string {
  const t = testedAgainstLand(results);
  if (t.total === 0 || t.tested > 0) return w.t('summary.none');
  return w.tx('summary.noneTested', { reasons: t.reasons.map((r) => w.t(`notTested.${r.reason}`)).join('; ') });
}
