import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError, EXIT_INVALID_DATA, EXIT_OK } from '../base/errors.js';
import { escapeTerminal } from '../cli/terminal.js';
import type { RegisterCommand } from './context.js';

/**
 * `folkehelse vurderinger`: the coordinator's check of the assessment files before `build --final` —
 * which required files are missing, empty or incomplete, which names are unknown (with the nearest
 * valid one), and which texts contradict the computed trends and comparisons. `--templates` writes
 * a template for each missing file (never over an existing one); `--final` exits 1 while anything
 * required is missing, as `build --final` does.
 */
export const register: RegisterCommand = (program, ctx) => {
  program
    .command('vurderinger')
    .description("check the municipality's assessment files: missing, empty or incomplete ones, unknown names, and texts that contradict the numbers")
    .option('--config <file>', 'the configuration file', 'folkehelse.config.json')
    .option('--kommune <number...>', 'only these municipalities (default: all in the configuration)')
    .option('--lang <nb|nn>', 'the language of the document (nynorsk uses a.nn.md where it exists)')
    .option('--final', 'exit 1 while a required assessment is missing, empty or incomplete')
    .option('--templates', 'write a template for every missing file (existing files are left alone)')
    .option('--skip-numbers', 'do not read the data to look for contradictions (faster)')
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse vurderinger --config fixtures/innherred/folkehelse.config.json
  $ folkehelse vurderinger --config folkehelse.config.json --kommune 5037 --templates
  $ folkehelse vurderinger --config folkehelse.config.json --lang nn --final`,
    )
    .action(async (opts: { config: string; kommune?: string[]; lang?: string; final?: boolean; templates?: boolean; skipNumbers?: boolean }) => {
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
      const lang = opts.lang ?? config.lang;
      if (lang !== 'nb' && lang !== 'nn') throw new UsageError(`--lang: "${lang}" is not nb (bokmål) or nn (nynorsk)`);
      if (!config.assessments) throw new UsageError(`${opts.config}: the configuration names no assessments folder ("assessments": "vurderinger")`);
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
          const what = m.status === 'incomplete' ? `no text under ${m.headings.map((h) => `"## ${h}"`).join(', ')}` : m.status;
          io.stdout.write(`  ${style.red(m.status.padEnd(10))} ${t(m.file)}: ${t(m.title[lang])} (${t(m.law)})${m.status === 'incomplete' ? ` — ${t(what)}` : ''}\n`);
        }
        for (const u of set.unknown) io.stdout.write(`  ${style.yellow('unknown'.padEnd(10))} ${t(describeUnknown(u))}\n`);
        if (observations) {
          const results = computeIndicators(observations, catalogue, { kommune: k.code, comparisons: { kostragruppe: config.kommuner.find((c) => c.code === k.code)?.kostragruppe } });
          for (const name of [...set.assessments.keys()].sort()) {
            const text = textFor(set, name, lang);
            if (!text) continue;
            const options = themes.has(name) ? { theme: name } : ids.has(name) ? { indicatorId: name } : {};
            const warnings = findContradictions(text.body, text.file, results, priorities, options);
            for (const w of warnings) io.stdout.write(`  ${style.yellow('check'.padEnd(10))} ${t(w.message)}\n`);
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
              io.stdout.write(`  ${style.green('template'.padEnd(10))} ${t(path)}\n`);
            }
          } finally {
            await rmdir(staging).catch(() => undefined);
          }
        }
        missingTotal += missing.length;
        unknownTotal += set.unknown.length;
      }
      io.stdout.write(`${missingTotal} required ${missingTotal === 1 ? 'assessment' : 'assessments'} missing, empty or incomplete; ${unknownTotal} unknown ${unknownTotal === 1 ? 'file' : 'files'}; ${warningTotal} ${warningTotal === 1 ? 'text' : 'texts'} to check against the numbers.\n`);
      ctx.setExitCode(opts.final && missingTotal + unknownTotal > 0 ? EXIT_INVALID_DATA : EXIT_OK);
    });
};
