import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main } from '../../src/main.js';
import { tempDir } from '../helpers.js';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** The `$ folkehelse …` lines of a help text, without a redirection at the end. */
function examples(help: string): string[][] {
  return [...help.matchAll(/^\s*\$ folkehelse (.*)$/gm)].map((m) => m[1]!.replace(/\s*>\s*\S+$/, '').split(/\s+/));
}

/**
 * Issue 23: the examples of every command's --help run as written in the project `init --example`
 * makes from the installed package. Left out: those that use the network (fetch without
 * --dry-run, browser install), preview (a server until stopped) or set an environment variable first.
 */
describe('the --help examples, in the project `folkehelse init --example` creates', () => {
  it('run as written (no usage, configuration or internal error)', async () => {
    const folder = join(tempDir(), 'eksempel');
    expect((await run(['init', folder, '--example'])).code).toBe(0);
    const before = process.cwd();
    process.chdir(folder);
    try {
      const commands = [...(await run(['--help'])).stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
      expect(commands).toContain('build');
      let ran = 0;
      for (const command of commands) {
        for (const args of examples((await run([command, '--help'])).stdout)) {
          if (args[0] !== command) continue;
          if (command === 'fetch' && !args.includes('--dry-run')) continue;
          // A server that runs until it is stopped (test/app/preview runs it).
          if (command === 'preview') continue;
          if (command === 'browser' && args[1] === 'install' && !args.includes('--dry-run')) continue;
          const r = await run(args);
          expect(r.code, `folkehelse ${args.join(' ')}\n${r.stderr}`).toBeLessThan(2);
          ran++;
        }
      }
      expect(ran).toBeGreaterThan(15);
    } finally {
      process.chdir(before);
    }
  }, 600_000);
});
