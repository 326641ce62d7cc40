// `npm test`'s compile: ONE TypeScript program over src/, test/ and bench/ (tsconfig.checked.json)
// type-checks all of them, as `npm run typecheck` does, and its output for src/ becomes dist/, as
// `npm run build` makes it (same options, tsconfig.build.json). Two programs took twice the time:
// most of it is reading and checking the same sources and libraries' types.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const OUT = '.checked';
const gone = (p) => rmSync(p, { recursive: true, force: true });
gone(OUT);
gone('dist');
try {
  execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.checked.json'], { stdio: 'inherit' });
} catch (e) {
  gone(OUT);
  process.exit(typeof e.status === 'number' ? e.status : 1);
}
renameSync(join(OUT, 'src'), 'dist');
gone(OUT);
// The steps `npm run build` takes after tsc: the schemas' validators and the shipped templates.
for (const step of [join('dist', 'validate', 'compile-validators.js'), join('dist', 'report', 'precompile-templates.js')]) {
  execFileSync(process.execPath, [step], { stdio: 'inherit' });
}
