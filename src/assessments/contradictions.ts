import { say } from '../base/messages.js';
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
  /** The whole sentence the clause is in (where the draft's marker points, and what `<!-- bevisst: … -->` follows). */
  sentence: string;
  /**
   * The coordinator's reason when the sentence is marked as deliberate (`<!-- bevisst: … -->` right
   * after it): the gate lets it through and the draft does not mark it. Null when not marked.
   */
  deliberate: string | null;
  /** 'land' or 'fylke' for comparisons, 'trend' for developments. */
  against: 'trend' | 'land' | 'fylke';
  /** What the computation says: a trend direction or a verdict. */
  computed: string;
  /** The municipality's value and the compared area's (comparisons only; for the marker). */
  values?: { kommune: number | null; other: number | null };
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

/** Clauses: split at commas, semicolons and colons. */
function clauses(sentence: string): string[] {
  return sentence
    .split(/[,;:]\s+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** A sentence of an assessment, and the reason given when the coordinator marked it as deliberate. */
export interface Sentence {
  text: string;
  deliberate: string | null;
}

/** A comment that marks the sentence before it as deliberate: `<!-- bevisst: reason -->` (nynorsk `medvite` too). */
const DELIBERATE = /^\s*(?:bevisst|medvite)\s*:\s*(\S[\s\S]*?)\s*$/iu;

/** The sentences of a block of text: split at blank lines, list items, and sentence ends. */
function split(block: string): string[] {
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    const text = para.join(' ').replace(/\s+/g, ' ').trim();
    if (text) out.push(...text.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter(Boolean));
    para = [];
  };
  for (const raw of block.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || /^#{1,6}\s/.test(line)) flush();
    else if (/^(?:[-*+]|\d+[.)])\s+/.test(line)) {
      flush();
      para.push(line.replace(/^(?:[-*+]|\d+[.)])\s+/, ''));
    } else para.push(line);
  }
  flush();
  return out;
}

/**
 * The sentences of an assessment in order (headings and comments left out). A comment
 * `<!-- bevisst: reason -->` marks the sentence right before it as deliberate, with the reason:
 * the coordinator has seen that it differs from the numbers and keeps it. A marker without a reason
 * marks nothing. Other comments (a template's guidance) are left out.
 */
export function sentencesOf(markdown: string): Sentence[] {
  const out: Sentence[] = [];
  let last = 0;
  for (const m of markdown.matchAll(/<!--([\s\S]*?)(?:-->|$)/g)) {
    out.push(...split(markdown.slice(last, m.index)).map((text) => ({ text, deliberate: null })));
    const reason = DELIBERATE.exec(m[1]!)?.[1];
    if (reason && out.length) out[out.length - 1]!.deliberate = reason.replace(/\s+/g, ' ');
    last = m.index + m[0].length;
  }
  out.push(...split(markdown.slice(last)).map((text) => ({ text, deliberate: null })));
  return out;
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
 * (data) in the same clause, the indicators with the most keywords in it; in an indicator's own
 * file (`indicatorId`) a claim without such keywords is about that indicator. A clause that may be
 * about several indicators contradicts the numbers only when it agrees with none of them.
 * Negated claims ("har ikke økt") are left alone. A comparison that is not tested (values only)
 * is checked against the values. Each warning carries its sentence, and the coordinator's reason
 * when the sentence is marked `<!-- bevisst: … -->`. Returns warnings; it never edits the text.
 */
export function findContradictions(text: string, file: string, results: IndicatorResult[], priorities: Priorities, options: { indicatorId?: string; theme?: string } = {}): ContradictionWarning[] {
  const out: ContradictionWarning[] = [];
  for (const s of sentencesOf(text)) for (const clause of clauses(s.text)) out.push(...clauseContradictions(clause, s, file, results, priorities, options));
  return out;
}

function clauseContradictions(clause: string, s: Sentence, file: string, results: IndicatorResult[], priorities: Priorities, options: { indicatorId?: string; theme?: string }): ContradictionWarning[] {
  const out: ContradictionWarning[] = [];
  const candidates = results.filter((r) => r.status === 'ok' && (options.theme === undefined || r.theme === options.theme));
  const own = options.indicatorId ? results.find((r) => r.id === options.indicatorId) : undefined;
  const lc = clause.toLowerCase();
  // The indicators the clause names most specifically (most keywords: "lavinntekt blant innvandrere" is about that one).
  const hits = candidates.map((r) => ({ r, n: keywordsIn(lc, priorities.indicators[r.id]?.keywords ?? []) }));
  const best = Math.max(0, ...hits.map((h) => h.n));
  const about = best > 0 ? hits.filter((h) => h.n === best).map((h) => h.r) : [];
  const targets = about.length ? about : own ? [own] : [];
  const said = { file, text: clause, sentence: s.text, deliberate: s.deliberate };
  for (const claim of ['increase', 'decrease'] as const) {
    if (targets.length === 0 || !claimAt(lc, TREND_WORDS[claim])) continue;
    const expected = claim === 'increase' ? 'increasing' : 'decreasing';
    // A clause that may be about several indicators contradicts the numbers only when none of them supports it.
    if (targets.some((r) => r.trend.direction === expected)) continue;
    for (const r of targets) {
      const computed = r.trend.direction === 'cannot-be-calculated' ? say('gate.trend.notTestable', { reason: r.trend.reason ?? say('gate.trend.noTrend') }) : say(`gate.trend.${r.trend.direction}`);
      out.push({ ...said, indicatorId: r.id, claim, against: 'trend', computed: r.trend.direction, message: say('gate.saysTrend', { file, clause, claim: say(`gate.claim.${claim}`), id: r.id, computed }) });
    }
  }
  for (const claim of ['better', 'worse', 'higher', 'lower'] as const) {
    if (targets.length === 0 || !claimAt(lc, COMPARE_WORDS[claim])) continue;
    const against = FYLKE.test(lc) ? 'fylke' : LAND.test(lc) ? 'land' : null;
    if (!against) continue;
    const seen = (r: IndicatorResult) => {
      const verdict = r.comparisons[against].verdict;
      const values = { kommune: r.value?.value ?? null, other: r.comparisons[against].value?.value ?? null };
      // Not tested (only values published): the values still say which is higher.
      return { verdict, values, seen: verdict === 'not-tested' && values.kommune !== null && values.other !== null ? byValues(values.kommune, values.other, r.decimals) : verdict };
    };
    if (targets.some((r) => agrees(claim, seen(r).seen, r.polarity))) continue;
    for (const r of targets) {
      const { verdict, values } = seen(r);
      const computed =
        verdict !== 'not-tested' ? say(`gate.verdict.${verdict}`) : values.kommune !== null && values.other !== null ? say('gate.verdict.notTestedValues', { kommune: values.kommune, other: values.other }) : say('gate.verdict.notTested');
      out.push({ ...said, indicatorId: r.id, claim, against, computed: verdict, values, message: say('gate.saysComparison', { file, clause, claim: say(`gate.claim.${claim}`), against, id: r.id, computed }) });
    }
  }
  return out;
}

/** How many of an indicator's keywords a clause has; a keyword inside another that matched (nynorsk "psykiske symptom" in "psykiske symptomer") counts once. */
function keywordsIn(lc: string, keywords: string[]): number {
  const found = keywords.map((k) => k.toLowerCase()).filter((k) => lc.includes(k));
  return found.filter((k) => !found.some((o) => o !== k && o.includes(k))).length;
}

/** Higher, lower or the same, at the decimals the document shows. */
function byValues(kommune: number, other: number, decimals: number): 'higher' | 'lower' | 'similar' {
  const k = Number(kommune.toFixed(decimals));
  const o = Number(other.toFixed(decimals));
  return k > o ? 'higher' : k < o ? 'lower' : 'similar';
}

function agrees(claim: 'better' | 'worse' | 'higher' | 'lower', verdict: string, polarity: IndicatorResult['polarity']): boolean {
  if (verdict === claim) return true;
  if (polarity === 'none') return false;
  const higherIsBetter = polarity === 'high-is-good';
  const asDirection = verdict === 'better' ? (higherIsBetter ? 'higher' : 'lower') : verdict === 'worse' ? (higherIsBetter ? 'lower' : 'higher') : verdict;
  const asJudgement = verdict === 'higher' ? (higherIsBetter ? 'better' : 'worse') : verdict === 'lower' ? (higherIsBetter ? 'worse' : 'better') : verdict;
  return asDirection === claim || asJudgement === claim;
}
