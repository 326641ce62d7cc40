import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareShape } from '../language/files.js';
import { DOCUMENT_LANGS } from '../language/tags.js';
import { TEMPLATE_DIR } from '../report/language.js';

/**
 * Problems with a template folder's language files: each `lang/<lang>.json` must be JSON and have
 * every text the shipped one has, of the same kind (a text, a list, a group).
 */
export function templateProblems(dir: string): string[] {
  const problems: string[] = [];
  const shipped = join(TEMPLATE_DIR, 'lang');
  for (const lang of DOCUMENT_LANGS) {
    const file = join(dir, 'lang', `${lang}.json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    let user: unknown;
    try {
      user = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      problems.push(`${file}: is not valid JSON (${(e as Error).message})`);
      continue;
    }
    const reference = JSON.parse(readFileSync(join(shipped, `${lang}.json`), 'utf8')) as unknown;
    const missing = compareShape(reference, user, '');
    if (missing.length) problems.push(`${file}: ${missing.length === 1 ? 'a text is' : `${missing.length} texts are`} missing or of the wrong kind: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ' …' : ''}`);
  }
  return problems;
}
