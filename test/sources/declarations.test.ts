import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SOURCE_IDS } from '../../src/sources/registry.js';
import { ROOT, tempDir } from '../helpers.js';

const DIST = join(ROOT, 'dist', 'index.d.ts');

/**
 * The model names no source (src/model/observation.ts imports nothing): each source's folder adds
 * its id. A library user sees them only when the declarations in dist/ reach every folder.
 */
describe("the library's declarations", () => {
  it.skipIf(!existsSync(DIST))("give Observation's source every registered id, and no other", () => {
    const dir = tempDir();
    const file = join(dir, 'use.ts');
    writeFileSync(
      file,
      [
        `import type { Observation, SourceId } from ${JSON.stringify(join(ROOT, 'dist', 'index.js'))};`,
        `export const ids: SourceId[] = ${JSON.stringify(SOURCE_IDS)};`,
        `export const one: Observation['source'] = ${JSON.stringify(SOURCE_IDS[0])};`,
        '// @ts-expect-error not a source',
        "export const none: SourceId = 'not-a-source';",
      ].join('\n'),
    );
    const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2023, types: [] });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });
});
