import { randomUUID } from 'node:crypto';
import { browserProcesses, killAll, RUN_MARKER } from './chromium-processes.js';

/**
 * The suite cleans up after itself: every process of the run (the test workers, the CLIs they start
 * and the browsers those launch) inherits a run marker; at the end, any browser still carrying it
 * is reported and ended. Other runs' browsers on the same machine are left alone.
 */
export default function setup(): () => void {
  const run = randomUUID();
  process.env[RUN_MARKER] = run;
  return () => {
    const left = browserProcesses(run);
    if (left.length === 0) return;
    killAll(left);
    throw new Error(`the test run left ${left.length} browser processes running (${left.join(', ')}); they have been ended`);
  };
}
