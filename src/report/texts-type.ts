/**
 * The TypeScript type of a language file, written from the shipped `templates/lang/nb.json`
 * (test/report/language.test.ts keeps src/report/texts.ts equal to it).
 */
export function languageFileType(value: unknown, indent = ''): string {
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) {
    const first = value[0];
    return `${first === undefined ? 'unknown' : languageFileType(first, indent)}[]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = `${indent}  `;
    const keys = Object.keys(value).map((k) => `${inner}${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${languageFileType((value as Record<string, unknown>)[k], inner)};`);
    return `{\n${keys.join('\n')}\n${indent}}`;
  }
  return typeof value;
}

export function languageFileSource(nb: unknown): string {
  return `// Generated from templates/lang/nb.json by src/report/texts-type.ts: run UPDATE_GOLDEN=1 npx vitest run test/report/language.test.ts\n/** Every key of a language file (templates/lang/<lang>.json). */\nexport interface LanguageFile ${languageFileType(nb)}\n`;
}
