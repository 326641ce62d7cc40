import type { Argument, Help, HelpConfiguration, Option } from 'commander';
import { say } from '../base/messages.js';

/**
 * commander's help in the run's language (data/cli/<lang>.json, "help"): the titles ("Usage:",
 * "Options:" …), "[options]"/"[command]" in the usage line, and the "(default: …)"/"(choices: …)"
 * after a description. The descriptions themselves are looked up by each command when the program
 * is built, after the language is known (src/main.ts). Option names and example lines never change.
 */
export function helpConfiguration(): HelpConfiguration {
  const titles: Record<string, string> = {
    'Usage:': say('help.titleUsage'),
    'Options:': say('help.titleOptions'),
    'Commands:': say('help.titleCommands'),
    'Arguments:': say('help.titleArguments'),
    'Global Options:': say('help.titleGlobalOptions'),
  };
  const options = say('help.usageOptions');
  const command = say('help.usageCommand');
  return {
    styleTitle: (title: string) => titles[title] ?? title,
    // "[options]" and "[command]" in the usage line and the list of commands (commander styles them one word at a time).
    styleOptionText: (text: string) => (text === '[options]' ? options : text),
    styleSubcommandText: (text: string) => (text === '[command]' ? command : text),
    styleArgumentText: (text: string) => (text === '[command]' ? command : text),
    optionDescription(this: Help, option: Option) {
      // Commander shows a default for an option that takes a value (and a boolean one's true/false).
      const shown = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
      return withExtras(option.description, option.argChoices, shown ? option.defaultValue : undefined, option.defaultValueDescription);
    },
    argumentDescription(this: Help, argument: Argument) {
      return withExtras(argument.description, argument.argChoices, argument.defaultValue, argument.defaultValueDescription);
    },
  };
}

function withExtras(description: string, choices: string[] | undefined, defaultValue: unknown, defaultDescription: string | undefined): string {
  const extras: string[] = [];
  if (choices) extras.push(say('help.choices', { values: choices.map((c) => JSON.stringify(c)).join(', ') }));
  if (defaultValue !== undefined) extras.push(say('help.default', { value: defaultDescription || JSON.stringify(defaultValue) }));
  if (!extras.length) return description;
  return description ? `${description} (${extras.join(', ')})` : `(${extras.join(', ')})`;
}

/**
 * The text after a command's help: its examples (command lines as written, in every language;
 * test/commands/help-examples.test.ts runs them) under a title, then notes in the run's language.
 */
export function helpAfter(examples: string[], notes: string[] = [], title = say('help.titleExamples')): string {
  return `\n${title}\n${examples.map((e) => `  $ ${e}`).join('\n')}${notes.map((n) => `\n\n${n}`).join('')}`;
}
