import type { IndicatorResult } from '../indicators/result.js';
import type { Priorities } from '../overview/priorities.js';

export type Claim = 'increase' | 'decrease' | 'better' | 'worse' | 'higher' | 'lower';

export interface ContradictionWarning {
  /** The assessment file, as given by the caller (`5037/b.md`). */
  file: string;
  indicatorId: string;
  claim: Claim;
  /** What the municipality wrote: the clause with the claim. */
  text: string;
  /** 'land' or 'fylke' for comparisons, 'trend' for developments. */
  against: 'trend' | 'land' | 'fylke';
  /** What the computation says: a trend direction or a verdict. */
  computed: string;
  /** For the coordinator (English, like the other build warnings; the document does not print it). */
  message: string;
}

// Word forms in bokmål and nynorsk; matched at word starts in lower-cased text.
const TREND_WORDS: Record<'increase' | 'decrease', RegExp> = {
  increase: /(?:^|[^\p{L}])(har økt|økt|økende|øker|økning|har auka|auka|aukande|aukar|auke|stiger|stigende|stigande|har steget|har stige)(?![\p{L}])/u,
  decrease: /(?:^|[^\p{L}])(har gått ned|gått ned|går ned|har gått ned|synkende|synkande|synker|søkk|minker|minkar|minka|nedgang|nedgong|redusert|har falt|har falle|fallende|fallande)(?![\p{L}])/u,
};
const COMPARE_WORDS: Record<'better' | 'worse' | 'higher' | 'lower', RegExp> = {
  better: /(?:^|[^\p{L}])(bedre|betre) enn(?![\p{L}])/u,
  worse: /(?:^|[^\p{L}])(verre|dårligere|dårlegare) enn(?![\p{L}])/u,
  higher: /(?:^|[^\p{L}])(høyere|høgare|større) enn(?![\p{L}])/u,
  lower: /(?:^|[^\p{L}])(lavere|lågare|mindre) enn(?![\p{L}])/u,
};
const LAND = /(?:^|[^\p{L}])(landet|landsgjennomsnitt\p{L}*|landsnivå\p{L}*|resten av landet|norge|nasjonal\p{L}*)/u;
const FYLKE = /(?:^|[^\p{L}])(fylke\p{L}*|trøndelag|fylkessnitt\p{L}*)/u;
const NEGATION = /(?:^|[^\p{L}])(ikke|ikkje|ingen|verken|aldri)(?:\s+\p{L}+){0,2}\s*$/u;

/** Clauses: split at sentence ends and at commas, semicolons and colons. */
function clauses(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+|[,;:]\s+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

function claimAt(clause: string, re: RegExp): boolean {
  const m = re.exec(clause);
  if (!m) return false;
  return !NEGATION.test(clause.slice(0, m.index + (m[0].length - m[1]!.length)));
}

/**
 * Claims in a municipality's text that contradict the computed numbers: "har økt", "økende" …
 * (increase), "har gått ned", "synkende" … (decrease) while the trend test says otherwise
 * (including no significant change, or no test possible), and "bedre/verre/høyere/lavere enn
 * landet/fylket" against the verdict. A claim is tied to an indicator by the indicator's keywords
 * (data) in the same clause; in an indicator's own file (`indicatorId`) every claim is about it.
 * Negated claims ("har ikke økt") are left alone. Returns warnings; it never edits the text.
 */
export function findContradictions(text: string, file: string, results: IndicatorResult[], priorities: Priorities, options: { indicatorId?: string; theme?: string } = {}): ContradictionWarning[] {
  const out: ContradictionWarning[] = [];
  const candidates = results.filter((r) => r.status === 'ok' && (options.theme === undefined || r.theme === options.theme));
  const own = options.indicatorId ? results.find((r) => r.id === options.indicatorId) : undefined;
  for (const clause of clauses(text.replace(/<!--[\s\S]*?-->/g, ' '))) {
    const lc = clause.toLowerCase();
    const about = candidates.filter((r) => (priorities.indicators[r.id]?.keywords ?? []).some((k) => lc.includes(k.toLowerCase())));
    const targets = about.length ? about : own ? [own] : [];
    if (targets.length === 0) continue;
    for (const claim of ['increase', 'decrease'] as const) {
      if (!claimAt(lc, TREND_WORDS[claim])) continue;
      for (const r of targets) {
        const expected = claim === 'increase' ? 'increasing' : 'decreasing';
        if (r.trend.direction === expected) continue;
        out.push({
          file,
          indicatorId: r.id,
          claim,
          text: clause,
          against: 'trend',
          computed: r.trend.direction,
          message: `${file}: the text says "${clause}" (${claim}) about ${r.id}, but the computed trend is ${r.trend.direction === 'cannot-be-calculated' ? `not testable (${r.trend.reason ?? 'no trend'})` : r.trend.direction.replace(/-/g, ' ')}`,
        });
      }
    }
    for (const claim of ['better', 'worse', 'higher', 'lower'] as const) {
      if (!claimAt(lc, COMPARE_WORDS[claim])) continue;
      const against = FYLKE.test(lc) ? 'fylke' : LAND.test(lc) ? 'land' : null;
      if (!against) continue;
      for (const r of targets) {
        const verdict = r.comparisons[against].verdict;
        if (agrees(claim, verdict, r.polarity)) continue;
        out.push({
          file,
          indicatorId: r.id,
          claim,
          text: clause,
          against,
          computed: verdict,
          message: `${file}: the text says "${clause}" (${claim} than ${against}) about ${r.id}, but the comparison with ${against} is ${verdict === 'not-tested' ? 'not tested' : verdict === 'similar' ? 'not significantly different' : verdict}`,
        });
      }
    }
  }
  return out;
}

function agrees(claim: 'better' | 'worse' | 'higher' | 'lower', verdict: string, polarity: IndicatorResult['polarity']): boolean {
  if (verdict === claim) return true;
  if (polarity === 'none') return false;
  const higherIsBetter = polarity === 'high-is-good';
  const asDirection = verdict === 'better' ? (higherIsBetter ? 'higher' : 'lower') : verdict === 'worse' ? (higherIsBetter ? 'lower' : 'higher') : verdict;
  const asJudgement = verdict === 'higher' ? (higherIsBetter ? 'better' : 'worse') : verdict === 'lower' ? (higherIsBetter ? 'worse' : 'better') : verdict;
  return asDirection === claim || asJudgement === claim;
}
