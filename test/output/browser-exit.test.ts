import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/output/browser.js';
import { browserProcesses, killAll, RUN_MARKER } from '../chromium-processes.js';
import { INNHERRED, ROOT, tempDir } from '../helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(25);
  }
  return check();
}

describe.skipIf(process.platform !== 'linux' || findBrowser().path === null)('the PDF browser dies with its parent', () => {
  it('a build killed with SIGKILL while printing PDF leaves no browser process running', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const run = randomUUID();
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'folkehelse'), 'build', '--config', join(INNHERRED, 'folkehelse.config.json'), '--out', tempDir(), '--format', 'pdf', '--concurrency', '1', '--quiet'], {
        env: { ...process.env, [RUN_MARKER]: run },
        stdio: 'ignore',
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // Kill once its browser is up and printing.
      const started = await until(() => browserProcesses(run).length > 0, 30_000);
      expect(started).toBe(true);
      await sleep(150 + attempt * 200);
      child.kill('SIGKILL');
      await exited;
      const gone = await until(() => browserProcesses(run).length === 0, 10_000);
      const left = browserProcesses(run);
      killAll(left);
      expect(gone, `browser processes left after the build was killed: ${left.join(', ')}`).toBe(true);
    }
  });
});
