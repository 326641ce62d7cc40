import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** folkehelse's version (package.json): printed by `--version`, recorded in manifests, results files and documents. */
export const VERSION = (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
