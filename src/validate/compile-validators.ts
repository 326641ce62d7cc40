import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { _ } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { FORMATS } from './formats.js';
import { PACKAGE_ROOT, schemaFiles } from './schema-files.js';
import { newAjv, schemaDigest } from './schemas.js';

// ajv's CommonJS module: its `default` is the function (also its module.exports).
const standaloneCode = standaloneModule.default;

/**
 * The build's last step (`npm run build`, after tsc): every schema's validator as ajv standalone
 * code, so that a run loads code instead of compiling the schemas at start. CommonJS, because
 * ajv's standalone ESM output still `require`s its runtime helpers; `validator()` loads them with
 * createRequire. Each file records the SHA-256 of its schema: a schema changed after the build is
 * compiled at run time instead.
 */
export function compileValidators(outDir: string): string[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'formats.cjs'), formatsModule());
  const ajv = newAjv({ source: true, esm: false, formats: _`require("./formats.cjs")` });
  const written: string[] = [];
  for (const [name, file] of schemaFiles()) {
    const text = readFileSync(file);
    const validate = ajv.compile(JSON.parse(text.toString('utf8')) as object);
    const code = standaloneCode(ajv, validate);
    const origin = relative(PACKAGE_ROOT, file).split('\\').join('/');
    writeFileSync(join(outDir, `${name}.cjs`), `// Compiled from ${origin} by \`npm run build\` (src/validate/compile-validators.ts).\n${code}\nmodule.exports.schemaSha256 = ${JSON.stringify(schemaDigest(text))};\n`);
    written.push(name);
  }
  return written;
}

/** The format checks as CommonJS, from their own source (each is self-contained). */
function formatsModule(): string {
  const entries = Object.entries(FORMATS).map(([name, check]) => `exports[${JSON.stringify(name)}] = { type: 'string', validate: ${check.toString()} };`);
  return `'use strict';\n// The formats of src/validate/formats.ts, for the compiled validators.\n${entries.join('\n')}\n`;
}

/** The sources' row schemas beside the compiled sources (dist/sources/…), for a package without src/. */
export function copySourceSchemas(distDir: string): void {
  for (const file of schemaFiles().values()) {
    const rel = relative(join(PACKAGE_ROOT, 'src'), file);
    if (rel.startsWith('..')) continue; // schemas/ ships as it is
    const to = join(distDir, rel);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(file, to);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = fileURLToPath(new URL('../', import.meta.url));
  copySourceSchemas(dist);
  const names = compileValidators(join(dist, 'validators'));
  process.stdout.write(`compiled ${names.length} validators into ${relative(process.cwd(), join(dist, 'validators')) || '.'}\n`);
}
