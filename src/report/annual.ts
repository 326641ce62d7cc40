import type { ResultsDiff } from '../results/diff.js';
import type { GoalStatus } from '../results/goals.js';
import type { ResultsFile, ResultsIndicator } from '../results/types.js';
import { changesSection, periodText, previousName, valueCell, verdictWords, withUnit } from './changes.js';
import type { Block, Document, Inline, Section } from './document.js';
import { runs, walkSections } from './document.js';
import { SlugSet } from './escape.js';
import { THEMES } from '../indicators/catalogue.js';
import type { DocumentText } from '../language/generated.js';
import { fill, type Below } from '../language/lookup.js';
import { inLang, type DocumentLang } from '../language/tags.js';
import { BlockFactory, labelsOf, numberBlocks } from './blocks.js';
import { goalsSection } from './goals.js';
import { group, list, text as t, type Texts } from './language.js';

export interface AnnualInput {
  /** This edition's results (published numbers only). */
  current: ResultsFile;
  /** The comparison with the previous edition, or null when there is none. */
  diff: ResultsDiff | null;
  goals: GoalStatus[];
  /** This edition's full document: its date, footer and utfordringsbilde. */
  full: Document;
  texts: Texts;
  lang: DocumentLang;
}

/**
 * The løpende oversikt (`build --kind annual`): the short yearly update for the formannskap or
 * kommunestyre — what is new in the data since the last edition, per theme, the changes, the
 * challenges now and the goals — as a format-neutral document, so every renderer shows it. Pure.
 */
export function buildAnnual(input: AnnualInput): Document {
  const { current, diff, texts, lang, full } = input;
  const tx = (path: Below<DocumentText, 'followUp.annual.'>, vars: Record<string, string | number> = {}) => fill(t(texts, `followUp.annual.${path}`), vars);
  const kommune = current.kommune.name;
  const slugs = new SlugSet();
  const ids = (title: string) => slugs.take(title);
  const blocks = new BlockFactory();
  const para = (text: string): Block => ({ kind: 'paragraph', runs: runs(text) });
  const chapter = (title: string, role: string, content: Block[], children: Section[] = []): Section => ({ kind: 'section', id: ids(title), number: null, title, depth: 1, role, blocks: content, children });

  // Per indicator: what is new or changed, for the theme tables.
  const notes = new Map<string, string[]>();
  const add = (id: string, s: string) => notes.set(id, [...(notes.get(id) ?? []), s]);
  if (diff) {
    for (const c of diff.newIndicators) add(c.id, tx('noteNew'));
    for (const c of diff.newData) add(c.id, tx('noteNewData', { previousValue: withUnit(c.previousValue, c, lang), previousPeriod: periodText(c.previousPeriod) }));
    for (const c of diff.revisions) if (!notes.get(c.id)?.includes(tx('noteRevised'))) add(c.id, tx('noteRevised'));
    for (const c of diff.verdictChanges) add(c.id, tx('noteVerdict', { against: t(texts, `followUp.changes.against.${c.against}`), from: verdictWords(texts, c.against, c.from), to: verdictWords(texts, c.against, c.to) }));
  }

  const sections: Section[] = [chapter(tx('introHeading'), 'introduction', [para(diff ? tx('intro', { previous: previousName(texts, diff.from) }) : tx('noPrevious'))])];
  if (diff) sections.push(changesSection(diff, texts, lang, ids).section);

  const verdicts = group(texts, 'verdicts');
  const cols = list(texts, 'followUp.annual.themeColumns').map((c) => fill(c, { kommune }));
  const hasData = (r: ResultsIndicator) => r.status === 'ok' || r.status === 'absent';
  const themesTitle = tx('themesHeading');
  const themesId = ids(themesTitle);
  const themes: Section[] = THEMES.map((letter) => {
    // Without a previous edition everything is new: the update shows every indicator with data.
    const shown = current.indicators.filter((r) => r.theme === letter && hasData(r) && (!diff || notes.has(r.id)));
    const title = fill(t(texts, 'themeHeading'), { title: t(texts, `themes.${letter}`), letter });
    const content: Block[] = shown.length
      ? [
          blocks.table(
            `lopende-${letter}`,
            title,
            cols,
            ['l', 'l', 'r', 'r', 'l', 'l'],
            shown.map((r) => [inLang(r.title, lang), periodText(r.period), valueCell(r.value, r.decimals), valueCell(r.benchmarks.land, r.decimals), verdicts[r.verdicts.land] ?? r.verdicts.land, (notes.get(r.id) ?? []).join('; ')]),
          ),
        ]
      : [para(tx('themeNone'))];
    return { kind: 'section', id: ids(title), number: null, title, depth: 2, role: 'annual-theme', blocks: content, children: [] };
  });
  sections.push({ kind: 'section', id: themesId, number: null, title: themesTitle, depth: 1, role: 'annual-themes', blocks: [], children: themes });

  // The utfordringsbilde as the full document of this edition proposes it, without its links.
  const challenges: Inline[] = [];
  for (const s of walkSections(full.sections)) if (s.role === 'challenges') for (const b of s.blocks) if (b.kind === 'list') challenges.push(...b.items.map((item) => item.map(({ link: _link, ...run }) => run)));
  sections.push(chapter(tx('challengesHeading'), 'challenges', [para(tx('challengesIntro')), challenges.length ? { kind: 'list', items: challenges } : para(t(texts, current.indicators.some((i) => i.verdicts.land !== 'not-tested') ? 'summary.none' : 'summary.noneTestedShort'))]));

  if (input.goals.length) sections.push(goalsSection(input.goals, texts, lang, blocks, ids));

  const title = tx('title');
  return numberBlocks({
    kind: 'kommune',
    variant: 'full',
    lang,
    locale: full.locale,
    title,
    subtitle: tx('subtitle', { kommune, edition: current.edition }),
    date: full.date,
    subject: full.subject,
    edition: current.edition,
    coatOfArms: null,
    front: [],
    tocHeading: null,
    sections,
    footer: full.footer,
    labels: labelsOf(texts, fill(t(texts, 'runningHeader'), { kommune, title, edition: current.edition })),
  });
}
