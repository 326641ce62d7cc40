import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll } from 'vitest';

/**
 * With FOLKEHELSE_TEST_CPU=<file> (vitest.config.ts adds this setup file then), each test file's
 * CPU seconds are appended to <file> as "seconds path": the worker's own time and that of the child
 * processes it waited for (CLIs, browsers, tsc), from /proc/self/stat (Linux). How the suite's cost
 * was measured (README, "Testing").
 */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // utime, stime, cutime, cstime are fields 14–17 of the line, 12–15 after the command name.
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
}

// Evaluated again before each test file (also where files share their modules): the file's imports count.
const start = cpuSeconds();
// vitest passes the file's suite second (the first argument is its fixtures).
afterAll(({}, suite) => {
  const file = (suite as { filepath?: string }).filepath ?? suite.name;
  appendFileSync(process.env.FOLKEHELSE_TEST_CPU!, `${(cpuSeconds() - start).toFixed(2)} ${file}\n`);
});
