import { UsageError } from '../base/errors.js';
import { jsonForTerminal } from '../cli/terminal.js';
import type { RegisterCommand } from './context.js';

/** `folkehelse diff <old> <new>`: what changed between two editions' results files. */
export const register: RegisterCommand = (program, ctx) => {
  program
    .command('diff')
    .description('show what changed between two results files (resultater-<edition>.json): verdicts, new and dropped indicators, the challenges, revisions and new data')
    .argument('<old>', 'the earlier results file')
    .argument('<new>', 'the later results file')
    .option('--json', 'print the changes as JSON')
    .option('--lang <nb|nn>', 'language of the indicator names', 'nb')
    .addHelpText(
      'after',
      `
Examples:
  $ folkehelse diff ut/5037-levanger/resultater-2027.json ut/5037-levanger/resultater-2028-lopende.json
  $ folkehelse diff gammel/resultater-2023.json ny/resultater-2027.json --json > endringer.json

Exit codes: 0 done (with or without changes), 2 a file is missing, not valid or of another municipality.`,
    )
    .action(async (oldPath: string, newPath: string, opts: { json?: boolean; lang: string }) => {
      if (opts.lang !== 'nb' && opts.lang !== 'nn') throw new UsageError(`--lang: "${opts.lang}" is not nb (bokmål) or nn (nynorsk)`);
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
        throw new UsageError(`${escapeTerminal(oldPath)} is for ${escapeTerminal(before.kommune.name)} (${escapeTerminal(before.kommune.code)}) and ${escapeTerminal(newPath)} for ${escapeTerminal(after.kommune.name)} (${escapeTerminal(after.kommune.code)}): compare results of the same municipality`);
      }
      const diff = diffResults(before, after);
      ctx.io.stdout.write(opts.json ? jsonForTerminal(diff) : renderDiffText(diff, ctx.style, opts.lang));
      ctx.setExitCode(0);
    });
};
