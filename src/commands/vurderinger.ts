import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT_INVALID_DATA, UsageError } from '../base/errors.js';
import { say, sayCount } from '../base/messages.js';
import { exitCodeFor } from '../cli/exit.js';
import { helpAfter } from '../cli/help.js';
import { escapeTerminal } from '../cli/terminal.js';
import type { AssessmentCheck } from '../assessments/check.js';
import type { SectionData } from '../assessments/sections.js';
import type { DocumentLang } from '../language/tags.js';
import type { Style } from '../cli/style.js';
import { isDocumentLang } from '../language/tags.js';
import type { CliIO, RegisterCommand } from './context.js';
import { langOption, strictOption, type MessageLang } from './options.js';

/**
 * `folkehelse vurderinger`: the coordinator's check of the assessment files before `build --final`,
 * with the gate `build --final` uses (`checkAssessments`): which required files are missing or
 * empty, which lack text under a required heading or are too thin, which names are unknown (with
 * the nearest valid one), which sentences contradict the computed trends and comparisons (and which
 * of those are marked deliberate), and which texts are not in the document's language.
 * `--templates` writes a template for each missing file (never over an existing one); `--final`
 * exits 1 while `build --final` would refuse the assessments.
 */
export const register: RegisterCommand = (program, ctx) => {
  program
    .command('vurderinger')
    .description(say('help.vurderingerDescription'))
    .option('--config <file>', say('help.vurderingerConfig'), 'folkehelse.config.json')
    .option('--kommune <number...>', say('help.vurderingerKommune'))
    .addOption(langOption(say('help.vurderingerLang'), true))
    .option('--final', say('help.vurderingerFinal'))
    .addOption(strictOption())
    .option('--templates', say('help.vurderingerTemplates'))
    .option('--skip-numbers', say('help.vurderingerSkipNumbers'))
    .addHelpText(
      'after',
      helpAfter(['folkehelse vurderinger', 'folkehelse vurderinger --config folkehelse.config.json --kommune 5037 --templates', 'folkehelse vurderinger --config folkehelse.config.json --lang nn --final'], [say('help.vurderingerMore')]),
    )
    .action(async (opts: { config: string; kommune?: string[]; lang?: MessageLang; final?: boolean; templates?: boolean; skipNumbers?: boolean; strict?: boolean }) => {
      const { loadConfig } = await import('../config/config.js');
      const { loadCatalogue } = await import('../indicators/catalogue.js');
      const { resolveKommune, computeIndicators } = await import('../indicators/engine.js');
      const { loadSections, validNames } = await import('../assessments/sections.js');
      const { readAssessmentFolder } = await import('../assessments/discover.js');
      const { checkAssessments } = await import('../assessments/check.js');
      const { documentDate } = await import('../assessments/law.js');
      const { loadPriorities } = await import('../overview/priorities.js');
      const words = { ...(await import('../assessments/gate.js')), ...(await import('../assessments/names.js')) };
      const { io, style } = ctx;

      const config = loadConfig(opts.config);
      // --lang en: English messages, the texts in the configuration's language.
      const lang = opts.lang !== undefined && isDocumentLang(opts.lang) ? opts.lang : config.lang;
      if (!config.assessments) throw new UsageError(`${opts.config}: ${say('errors.usage.noAssessmentsFolder')}`);
      const sections = loadSections();
      const catalogue = loadCatalogue(config.catalogue);
      const valid = validNames(sections, catalogue.map((i) => i.id));
      const codes = (opts.kommune ?? config.kommuner.map((k) => k.code)).map((c) => resolveKommune(c.padStart(4, '0')));
      const priorities = loadPriorities();
      // Only the rows the catalogue's indicators select are kept, as in `build`: memory grows with them, not with the files.
      const { catalogueKeeps } = await import('../indicators/gather.js');
      const observations = opts.skipNumbers ? null : (await (await import('../sources/load.js')).loadData(config.data, { exclude: [config.out], keep: () => catalogueKeeps(catalogue) })).observations;
      const date = documentDate(config.generatedOn, config.edition);
      const totals = { missing: 0, unknown: 0, contradictions: 0, deliberate: 0, language: 0, ready: true };

      for (const k of codes) {
        const set = readAssessmentFolder(config.assessments, k.code, valid);
        const results = observations ? computeIndicators(observations, catalogue, { kommune: k.code, comparisons: { kostragruppe: config.kommuner.find((c) => c.code === k.code)?.kostragruppe } }) : undefined;
        const check = checkAssessments({ assessments: set, sections, lang, date, results, priorities });
        io.stdout.write(style.bold(`${k.code} ${escapeTerminal(k.name)}`) + ` (${escapeTerminal(join(config.assessments, k.code))})\n`);
        io.stdout.write(reportLines(check, style, words).join(''));
        if (opts.templates) await writeTemplates(io, style, config.assessments, k, check, sections, lang);
        totals.missing += check.missing.length;
        totals.unknown += check.unknown.length;
        totals.contradictions += check.contradictions.filter((c) => c.deliberate === null).length;
        totals.deliberate += check.contradictions.filter((c) => c.deliberate !== null).length;
        totals.language += check.language.length;
        totals.ready &&= check.ready;
      }
      io.stdout.write(
        say('vurderinger.report', {
          gaps: sayCount('vurderinger.gaps', totals.missing),
          unknown: sayCount('vurderinger.unknownCount', totals.unknown),
          contradictions: sayCount('vurderinger.contradictions', totals.contradictions),
          notChecked: opts.skipNumbers ? say('vurderinger.notChecked') : '',
          deliberate: sayCount('vurderinger.deliberateCount', totals.deliberate),
          language: sayCount('vurderinger.otherLanguage', totals.language),
        }) + '\n',
      );
      // --final: the gate of build --final; otherwise what it finds is a warning (--strict: exit 1).
      const found = totals.missing + totals.unknown + totals.contradictions + totals.language;
      ctx.setExitCode(opts.final && !totals.ready ? EXIT_INVALID_DATA : exitCodeFor({ failed: 0, warnings: found, strict: opts.strict }, io));
    });
};

type Describe = typeof import('../assessments/gate.js') & typeof import('../assessments/names.js');

const STATUS_WORDS = ['missing', 'empty', 'incomplete', 'thin', 'unknown', 'check', 'deliberate', 'language', 'optional', 'template'] as const;

/** The width of the status words in the run's language (at least 10), so the texts after them line up. */
function statusWidth(): number {
  return Math.max(10, ...STATUS_WORDS.map((w) => say(`vurderinger.${w}`).length));
}

/** The check in lines: one per finding, with a status word first (in the run's language). */
function reportLines(check: AssessmentCheck, style: Style, words: Describe): string[] {
  const { describeMissing, describeUnknown, describeContradiction, describeLanguage } = words;
  const t = escapeTerminal;
  const width = statusWidth();
  const line = (word: (typeof STATUS_WORDS)[number], colour: (s: string) => string, text: string) => `  ${colour(say(`vurderinger.${word}`).padEnd(width))} ${t(text)}\n`;
  const out: string[] = [];
  // A missing or empty file: its title and law; an incomplete or thin one: what it lacks.
  for (const m of check.missing) out.push(line(m.status, style.red, m.status === 'missing' || m.status === 'empty' ? `${m.file}: ${m.title[check.lang]} (${m.law[check.lang]})` : describeMissing(m, check.lang)));
  for (const u of check.unknown) out.push(line('unknown', style.yellow, describeUnknown(u)));
  for (const c of check.contradictions) out.push(c.deliberate === null ? line('check', style.yellow, describeContradiction(c)) : line('deliberate', style.green, say('vurderinger.deliberateLine', { file: c.file, sentence: c.sentence, reason: c.deliberate })));
  for (const l of check.language) out.push(line('language', style.yellow, describeLanguage(l)));
  for (const f of check.files.values()) {
    if (f.requiredFrom && f.status !== 'present') out.push(line('optional', style.yellow, say('vurderinger.optionalLine', { file: f.file, from: f.requiredFrom, law: f.section?.law[check.lang] ?? '', date: check.date })));
  }
  return out;
}

/** Writes a template for each missing file, atomically; the staging folder is removed again so the municipality's folder stays clean. */
async function writeTemplates(io: CliIO, style: Style, folder: string, k: { code: string; name: string }, check: AssessmentCheck, sections: SectionData, lang: DocumentLang): Promise<void> {
  const { writeFileAtomic, STAGING } = await import('../output/atomic.js');
  const { assessmentFileName, templateFor } = await import('../assessments/template.js');
  const staging = join(folder, k.code, STAGING);
  try {
    for (const m of check.missing.filter((x) => x.status === 'missing')) {
      const path = join(folder, k.code, assessmentFileName(m.name, lang));
      if (existsSync(path)) continue;
      await writeFileAtomic(path, templateFor(sections, m.name, lang, { kommune: k.name }), staging);
      io.stdout.write(`  ${style.green(say('vurderinger.template').padEnd(statusWidth()))} ${escapeTerminal(path)}\n`);
    }
  } finally {
    await rmdir(staging).catch(() => undefined);
  }
}
