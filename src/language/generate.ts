import { languagesIn, readLanguageFile, type LanguageData, type LanguageFamily } from './files.js';

/**
 * Writes src/language/generated.ts from the language files: the languages (each file's tag, its
 * `about.locale` and `about.name` in data/cli/<tag>.json) and, from the base language's files,
 * the dotted paths of every text, list, group and table, as string-literal unions. A test keeps
 * the file equal to what this writes (UPDATE_GOLDEN=1 npx vitest run test/language rewrites it).
 */

const BASE = 'nb';
const WIDTH = 150;

type Kind = 'Text' | 'List' | 'Group' | 'Table';

/** Every path of a language file by what is there, grouped by the group it is in (for compact lines), in the file's order. */
export function pathsOf(data: unknown): Record<Kind, string[][]> {
  const out: Record<Kind, string[][]> = { Text: [], List: [], Group: [], Table: [] };
  const walk = (node: Record<string, unknown>, prefix: string) => {
    const here: Record<Kind, string[]> = { Text: [], List: [], Group: [], Table: [] };
    const groups: [string, Record<string, unknown>][] = [];
    for (const [k, v] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') here.Text.push(path);
      else if (Array.isArray(v)) (v.length > 0 && v.every((x) => Array.isArray(x)) ? here.Table : here.List).push(path);
      else if (v !== null && typeof v === 'object') {
        if (Object.values(v).every((x) => typeof x === 'string')) here.Group.push(path);
        groups.push([path, v as Record<string, unknown>]);
      }
    }
    for (const kind of Object.keys(here) as Kind[]) if (here[kind].length) out[kind].push(here[kind]);
    for (const [path, v] of groups) walk(v, path);
  };
  walk(data as Record<string, unknown>, '');
  return out;
}

const quote = (s: string) => `'${s.replace(/[\\']/g, '\\$&')}'`;

/** A union of string literals, in the files' order, wrapped at WIDTH (groups share lines, so the file stays short); `never` for none. */
function union(groups: string[][]): string {
  if (groups.length === 0) return ' never';
  const lines: string[] = [];
  let line = '  |';
  for (const g of groups) {
    for (const p of g) {
      const item = ` ${quote(p)}`;
      if (line.length + item.length + 2 > WIDTH && line !== '  |') {
        lines.push(line);
        line = '  |';
      }
      line += line === '  |' ? item : ` |${item}`;
    }
  }
  lines.push(line);
  return `\n${lines.join('\n')}`;
}

const FAMILY_TYPES: Record<LanguageFamily, { name: string; doc: string }> = {
  document: { name: 'Document', doc: 'a document language file (templates/lang/<lang>.json)' },
  messages: { name: 'Message', doc: 'a message file (data/cli/<lang>.json)' },
  assessments: { name: 'Assessment', doc: 'an assessment language file (data/assessments/lang/<lang>.json)' },
};

const KIND_DOC: Record<Kind, string> = { Text: 'text', List: 'list of texts', Group: 'group of texts (every value a text)', Table: 'table (a list of lists of texts)' };

/** The languages, base first, then the document languages, then the message-only ones (each alphabetically). */
export function languageTags(): { document: string[]; messages: string[] } {
  const document = languagesIn('document');
  const order = (tags: string[]) => [...tags].sort((a, b) => (a === BASE ? -1 : b === BASE ? 1 : 0) || (document.includes(a) === document.includes(b) ? a.localeCompare(b) : document.includes(a) ? -1 : 1));
  return { document: order(document), messages: order(languagesIn('messages')) };
}

export function generatedSource(read: (family: LanguageFamily, lang: string) => LanguageData = readLanguageFile): string {
  const { document, messages } = languageTags();
  const about = (lang: string) => (read('messages', lang)['about'] ?? {}) as { locale?: string; name?: string };
  const parts = [
    '// Generated from the language files by src/language/generate.ts: run UPDATE_GOLDEN=1 npx vitest run test/language',
    '',
    '/** The languages a document is written in: a file in templates/lang/, data/cli/ and data/assessments/lang/ each. */',
    `export const DOCUMENT_LANGS = [${document.map(quote).join(', ')}] as const;`,
    '/** The languages of the program\'s messages (data/cli/<lang>.json): the document languages and the developers\' English. */',
    `export const MESSAGE_LANGS = [${messages.map(quote).join(', ')}] as const;`,
    '/** Each language\'s locale (Intl) and how the program\'s messages name it, from `about` in data/cli/<lang>.json. */',
    'export const LANGUAGES = {',
    ...messages.map((l) => `  ${l}: { locale: ${quote(about(l).locale ?? l)}, name: ${quote(about(l).name ?? l)} },`),
    '} as const;',
  ];
  for (const family of Object.keys(FAMILY_TYPES) as LanguageFamily[]) {
    const paths = pathsOf(read(family, BASE));
    const { name, doc } = FAMILY_TYPES[family];
    for (const kind of Object.keys(KIND_DOC) as Kind[]) {
      parts.push('', `/** Every ${KIND_DOC[kind]} of ${doc}, by dotted path. */`, `export type ${name}${kind} =${union(paths[kind])};`);
    }
  }
  return `${parts.join('\n')}\n`;
}
