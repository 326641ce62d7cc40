import type { GoalStatus } from '../results/goals.js';
import { changeWithUnit, periodText, valueCell, withUnit } from './changes.js';
import type { Block, Inline, Section } from './document.js';
import { runs } from './document.js';
import type { DocumentText } from '../language/generated.js';
import { formatNumber } from '../language/intl.js';
import { fill, type Below } from '../language/lookup.js';
import { inLang, type DocumentLang } from '../language/tags.js';
import type { BlockFactory } from './blocks.js';
import { list, text as t, type Texts } from './language.js';

/**
 * "Mål og oppfølging" as a section of the format-neutral document: the goals table (baseline,
 * latest value with its interval, target, change, significance, smallest detectable change) and,
 * per goal, its measures, who is responsible and the power note. Plain text.
 */

const NBSP = '\u00a0';

/** "= 0,003", "< 0,001". */
function pText(p: number): string {
  return p < 0.001 ? `<${NBSP}0,001` : `=${NBSP}${formatNumber(p, 3)}`;
}

export function goalsSection(statuses: GoalStatus[], texts: Texts, lang: DocumentLang, blocks: BlockFactory, ids: (title: string) => string): Section {
  const tx = (path: Below<DocumentText, 'followUp.goals.'>, vars: Record<string, string | number> = {}) => fill(t(texts, `followUp.goals.${path}`), vars);
  const rows: string[][] = [];
  const perGoal: Block[] = [];
  for (const s of statuses) {
    const g = s.goal;
    const goalTitle = typeof g.title === 'string' ? g.title : inLang(g.title, lang);
    const r = s.indicator;
    const unitOf = r ?? { unit: { nb: '', nn: '' }, decimals: 1 };
    let indicatorText = r ? inLang(r.title, lang) : g.indicator;
    if (g.type === 'equity' && r?.gradient) {
      const label = (key: string | null) => {
        const group = r.gradient!.groups.find((x) => x.key === key);
        return (group ? inLang(group.label, lang) : (key ?? '')).toLowerCase();
      };
      indicatorText = tx('equity', { title: indicatorText, worst: label(r.gradient.worst), best: label(r.gradient.best) });
    }
    // An equity goal's values are gaps between groups: percentage points for per cent.
    const show = (x: number | null) => (g.type === 'equity' && x !== null ? changeWithUnit(x, unitOf, lang, texts) : withUnit(x, unitOf, lang));
    const baseline = s.baseline
      ? tx(s.baseline.edition !== null ? 'baselineEdition' : 'baseline', { value: show(s.baseline.value), period: periodText(s.baseline.period), edition: s.baseline.edition ?? '' })
      : tx(`problems.${s.problem ?? 'no-baseline'}`);
    const latest = s.latest ? `${g.type === 'equity' ? show(s.latest.value) : valueCell({ ...s.latest, absent: null }, unitOf.decimals)} (${periodText(s.latest.period)})` : s.problem ? tx(`problems.${s.problem}`) : '–';
    const change = s.baseline && s.latest && s.latest.value !== null && s.baseline.value !== null ? changeWithUnit(s.latest.value - s.baseline.value, unitOf, lang, texts, true) : '–';
    const significance =
      s.baseline && s.latest && s.test === null && s.problem === null ? tx('noNewData') : s.test && s.test.method ? tx(s.test.significant ? 'significant' : 'notSignificant', { p: pText(s.test.p) }) : s.problem ? '–' : tx('notTested');
    const detectable = s.power ? `${changeWithUnit(s.power.detectable, unitOf, lang, texts)}${s.power.detectableEnough ? '' : ' ⚠'}` : '–';
    rows.push([goalTitle, indicatorText, baseline, latest, tx('target', { value: show(g.target.value), year: g.target.year }), change, significance, detectable]);
    const lines: Inline[] = [];
    if (g.measures?.length) lines.push(runs(`${tx('measures')}: ${g.measures.join('; ')}`));
    if (g.responsible) lines.push(runs(`${tx('responsible')}: ${g.responsible}`));
    if (s.power) lines.push(runs(tx(s.power.detectableEnough ? 'powerOk' : 'powerTooSmall', { needed: changeWithUnit(s.power.needed, unitOf, lang, texts), detectable: changeWithUnit(s.power.detectable, unitOf, lang, texts) })));
    if (s.reached) lines.push(runs(tx('reached')));
    perGoal.push({ kind: 'paragraph', runs: [{ text: goalTitle, strong: true }] });
    if (lines.length) perGoal.push({ kind: 'list', items: lines });
  }
  const heading = tx('heading');
  return {
    kind: 'section',
    id: ids(heading),
    number: null,
    title: heading,
    depth: 1,
    role: 'goals',
    toc: true,
    blocks: [
      { kind: 'paragraph', runs: runs(tx('intro')) },
      blocks.table('mal', heading, list(texts, 'followUp.goals.columns').slice(), ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'r'], rows),
      ...perGoal,
      { kind: 'paragraph', runs: [{ text: tx('method'), emphasis: true }] },
    ],
    children: [],
  };
}
