import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError, EXIT_PARTIAL, say } from '../base/errors.js';
import { sayCount } from '../base/messages.js';
import { exitCodeFor } from '../cli/exit.js';
import { escapeTerminal } from '../cli/terminal.js';
import { isDocumentLang } from '../language/tags.js';
import type { RegisterCommand } from './context.js';
import { langOption, strictOption, type MessageLang } from './options.js';

/**
 * `folkehelse vurderinger`: the coordinator's check of the assessment files before `build --final` —
 * which required files are missing, empty or incomplete, which names are unknown (with the nearest
 * valid one), and which texts contradict the computed trends and comparisons. `--templates` writes
 * a template for each missing file (never over an existing one); `--final` exits 1 while anything
 * required is missing, as `build --final` does.
 */
/** A finding's word, padded into a column: "mangler", "ukjent", "sjekk", "mal". */
function label(what: 'missing' | 'empty' | 'incomplete' | 'unknown' | 'check' | 'template'): string {
  return say(`vurderinger.${what}`).padEnd(12);
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('vurderinger')
    .description("check the municipality's assessment files: missing, empty or incomplete ones, unknown names, and texts that contradict the numbers")
    .option('--config <file>', 'the configuration file', 'folkehelse.config.json')
    .option('--kommune <number...>', 'only these municipalities (default: all in the configuration)')
    .addOption(langOption("the language of the document and the messages (nynorsk uses a.nn.md where it exists); en: English messages, the configuration's language for the texts", true))
    .option('--final', 'exit 1 while a required assessment is missing, empty or incomplete, or a file name is unknown')
    .addOption(strictOption())
    .option('--templates', 'write a template for every missing file (existing files are left alone)')
    .option('--skip-numbers', 'do not read the data to look for contradictions (faster)')
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse vurderinger
  $ folkehelse vurderinger --config folkehelse.config.json --kommune 5037 --templates
  $ folkehelse vurderinger --config folkehelse.config.json --lang nn --final

Exit codes: 0 the check was made (what it finds is listed), 1 with --final while anything required is
missing or a name is unknown (--strict: anything found), 2 the configuration cannot be used.`,
    )
    .action(async (opts: { config: string; kommune?: string[]; lang?: MessageLang; final?: boolean; templates?: boolean; skipNumbers?: boolean; strict?: boolean }) => {
      const { loadConfig } = await import('../config/config.js');
      const { loadCatalogue } = await import('../indicators/catalogue.js');
      const { resolveKommune, computeIndicators } = await import('../indicators/engine.js');
      const { loadSections, validNames } = await import('../assessments/sections.js');
      const { readAssessmentFolder, textFor } = await import('../assessments/discover.js');
      const { checkFinal } = await import('../assessments/gate.js');
      const { describeUnknown } = await import('../assessments/names.js');
      const { templateFor } = await import('../assessments/template.js');
      const { findContradictions } = await import('../assessments/contradictions.js');
      const { loadPriorities } = await import('../overview/priorities.js');
      const { writeFileAtomic, STAGING } = await import('../output/atomic.js');
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
      const observations = opts.skipNumbers ? null : (await (await import('../sources/load.js')).loadData(config.data, { exclude: [config.out] })).observations;
      const themes = new Set(['a', 'b', 'c', 'd', 'e', 'f']);
      const ids = new Set(catalogue.map((i) => i.id));
      const t = (s: string) => escapeTerminal(s);
      let missingTotal = 0;
      let unknownTotal = 0;
      let warningTotal = 0;

      for (const k of codes) {
        const set = readAssessmentFolder(config.assessments, k.code, valid);
        const missing = checkFinal(set, sections, lang);
        io.stdout.write(style.bold(`${k.code} ${t(k.name)}`) + ` (${t(join(config.assessments, k.code))})\n`);
        for (const m of missing) {
          const what = m.status === 'incomplete' ? ` — ${t(say('vurderinger.noTextUnder', { headings: m.headings.map((h) => `"## ${h}"`).join(', ') }))}` : '';
          io.stdout.write(`  ${style.red(label(m.status))} ${t(m.file)}: ${t(m.title[lang])} (${t(m.law)})${what}\n`);
        }
        for (const u of set.unknown) io.stdout.write(`  ${style.yellow(label('unknown'))} ${t(describeUnknown(u))}\n`);
        if (observations) {
          const results = computeIndicators(observations, catalogue, { kommune: k.code, comparisons: { kostragruppe: config.kommuner.find((c) => c.code === k.code)?.kostragruppe } });
          for (const name of [...set.assessments.keys()].sort()) {
            const text = textFor(set, name, lang);
            if (!text) continue;
            const options = themes.has(name) ? { theme: name } : ids.has(name) ? { indicatorId: name } : {};
            const warnings = findContradictions(text.body, text.file, results, priorities, options);
            for (const w of warnings) io.stdout.write(`  ${style.yellow(label('check'))} ${t(w.message)}\n`);
            warningTotal += warnings.length;
          }
        }
        if (opts.templates) {
          // Written atomically; the staging folder is removed again so the municipality's folder stays clean.
          const staging = join(config.assessments, k.code, STAGING);
          try {
            for (const m of missing.filter((x) => x.status === 'missing')) {
              const path = join(config.assessments, k.code, `${m.name}${lang === 'nn' ? '.nn' : ''}.md`);
              if (existsSync(path)) continue;
              await writeFileAtomic(path, templateFor(sections, m.name, lang), staging);
              io.stdout.write(`  ${style.green(label('template'))} ${t(path)}\n`);
            }
          } finally {
            await rmdir(staging).catch(() => undefined);
          }
        }
        missingTotal += missing.length;
        unknownTotal += set.unknown.length;
      }
      io.stdout.write(say('vurderinger.summary', { missing: sayCount('vurderinger.missingCount', missingTotal), unknown: sayCount('vurderinger.unknownCount', unknownTotal), check: sayCount('vurderinger.checkCount', warningTotal) }) + '\n');
      // --final: the check is the gate of build --final; otherwise what it finds is a warning (--strict: exit 1).
      if (opts.final && missingTotal + unknownTotal > 0) ctx.setExitCode(EXIT_PARTIAL);
      else ctx.setExitCode(exitCodeFor({ failed: 0, warnings: missingTotal + unknownTotal + warningTotal, strict: opts.strict }, io));
    });
};
