import { msg, UsageError } from '../base/errors.js';
import { messageLang, say } from '../base/messages.js';
import { helpAfter } from '../cli/help.js';
import { jsonForTerminal } from '../cli/terminal.js';
import { isDocumentLang } from '../language/tags.js';
import type { RegisterCommand } from './context.js';
import { messagesLangOption, type MessageLang } from './options.js';

/** `folkehelse diff <old> <new>`: what changed between two editions' results files. */
export const register: RegisterCommand = (program, ctx) => {
  program
    .command('diff')
    .description(say('help.diffDescription'))
    .argument('<old>', say('help.diffOld'))
    .argument('<new>', say('help.diffNew'))
    .option('--json', say('help.diffJson'))
    .addOption(messagesLangOption(say('help.diffLang')))
    .addHelpText(
      'after',
      helpAfter(
        ['folkehelse diff out/5037-levanger/resultater-2027.json out/5037-levanger/resultater-2028-lopende.json', 'folkehelse diff out/5037-levanger/resultater-2027.json out/5037-levanger/resultater-2028-lopende.json --json > endringer.json'],
        [say('help.diffExitCodes')],
        say('help.diffExamples'),
      ),
    )
    .action(async (oldPath: string, newPath: string, opts: { json?: boolean; lang?: MessageLang }) => {
      const lang = opts.lang ?? messageLang();
      const { readResultsFile } = await import('../results/archive.js');
      const { diffResults } = await import('../results/diff.js');
      const { renderDiffText } = await import('../results/diff-text.js');
      const { escapeTerminal } = await import('../cli/terminal.js');
      const { JsonFileError } = await import('../results/json-file.js');
      // A path that is not a regular file (a pipe, a device, /proc) is refused before it is opened;
      // a file that is not a results file is refused without a word of its content.
      const read = (path: string) => {
        try {
          return readResultsFile(path);
        } catch (e) {
          if (e instanceof JsonFileError) throw new UsageError(e.message.split('\n').map(escapeTerminal).join('\n'));
          throw e;
        }
      };
      const before = read(oldPath);
      const after = read(newPath);
      if (before.kommune.code !== after.kommune.code) {
        const t = escapeTerminal;
        throw new UsageError(msg('errors.usage.diffKommune', { old: t(oldPath), oldName: t(before.kommune.name), oldCode: t(before.kommune.code), new: t(newPath), newName: t(after.kommune.name), newCode: t(after.kommune.code) }));
      }
      const diff = diffResults(before, after);
      ctx.io.stdout.write(opts.json ? jsonForTerminal(diff) : renderDiffText(diff, ctx.style, isDocumentLang(lang) ? lang : 'nb'));
      ctx.setExitCode(0);
    });
};
