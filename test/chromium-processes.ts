import { readdirSync, readFileSync } from 'node:fs';

/** The marker every process of one test run inherits, so the run's own browsers can be told from others'. */
export const RUN_MARKER = 'FOLKEHELSE_TEST_RUN';

/**
 * Browser processes (Chrome, Chromium, headless shell) whose environment carries `marker=value`.
 * Linux only (it reads /proc); elsewhere an empty list.
 */
export function browserProcesses(value: string, marker = RUN_MARKER): number[] {
  if (process.platform !== 'linux') return [];
  const needle = `${marker}=${value}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!/chrom|headless_shell|headless-shell|msedge/i.test(cmdline.split('\0')[0] ?? '')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').includes(needle)) found.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
