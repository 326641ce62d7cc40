import { msg, render, type Message } from '../base/messages.js';

/**
 * commander's own errors (an unknown option, a missing argument …) in the run's language: each
 * English sentence commander writes is matched and rendered from the message files; one not known
 * here is shown as commander wrote it. Every error starts with "folkehelse: ", as the program's own.
 */
const PATTERNS: [RegExp, (m: RegExpExecArray) => Message][] = [
  [/^unknown option '([^']*)'/, (m) => msg('cli.unknownOption', { option: m[1]! })],
  [/^required option '([^']*)' not specified/, (m) => msg('cli.requiredOption', { option: m[1]! })],
  [/^option '([^']*)' argument missing/, (m) => msg('cli.optionArgument', { option: m[1]! })],
  [/^option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/, (m) => msg('cli.invalidChoice', { option: m[1]!, value: m[2]!, choices: m[3]! })],
  [/^missing required argument '([^']*)'/, (m) => msg('cli.missingArgument', { argument: m[1]! })],
  [/^too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (m) => msg('cli.tooManyArguments', { command: m[1] ?? 'folkehelse', expected: m[2]!, got: m[3]! })],
  [/^unknown command '([^']*)'/, (m) => msg('cli.unknownCommand', { command: m[1]! })],
];

/** One error as commander writes it ("error: …\n(Did you mean …?)\n") in the run's language. */
export function commanderError(text: string): string {
  const [first = '', ...rest] = text.replace(/\n$/, '').split('\n');
  const sentence = first.replace(/^error: /, '');
  let out = sentence;
  for (const [re, make] of PATTERNS) {
    const m = re.exec(sentence);
    if (m) {
      out = render(make(m));
      break;
    }
  }
  const more = rest.map((line) => {
    const mean = /^\(Did you mean (?:one of )?(.*)\?\)$/.exec(line);
    return mean ? render(msg('cli.didYouMean', { suggestion: mean[1]! })) : line;
  });
  return [`folkehelse: ${out}`, ...more].join('\n') + '\n';
}

/** The line commander writes after an error. */
export function seeHelp(): string {
  return render(msg('cli.seeHelp'));
}
