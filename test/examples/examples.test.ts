import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLE, ROOT, tempDir } from '../helpers.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix?: Record<string, unknown[]> }; steps: Step[]; env?: Record<string, string> }>;
}

const HAVE_BASH = spawnSync('bash', ['--version']).status === 0;

/**
 * A copy of the repository as CI checks it out, without repeating `npm ci` and `npm run build`
 * (the suite's own `npm test` has just done both): node_modules and dist/ are linked in.
 */
function checkout(): string {
  const dir = tempDir();
  for (const entry of ['package.json', 'package-lock.json', 'bin', 'examples']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  cpSync(EXAMPLE, join(dir, 'fixtures', 'innherred'), { recursive: true });
  for (const linked of ['node_modules', 'dist']) symlinkSync(join(ROOT, linked), join(dir, linked), 'junction');
  return dir;
}

/** `${{ matrix.x }}` and `${{ github.sha }}` as a runner would fill them in. */
function expand(text: string, matrix: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, expr: string) => {
    if (expr.startsWith('matrix.')) return String(matrix[expr.slice('matrix.'.length)]);
    if (expr === 'github.sha') return '0000000';
    throw new Error(`the test does not know \${{ ${expr} }}`);
  });
}

describe('examples/github-actions.yml', () => {
  const workflow = parse(readFileSync(join(ROOT, 'examples', 'github-actions.yml'), 'utf8')) as Workflow;
  const job = workflow.jobs.build!;

  it('runs on ubuntu-latest with a Node LTS, installs folkehelse from the lockfile, uses the preinstalled Chrome', () => {
    expect(job['runs-on']).toBe('ubuntu-latest');
    const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    const major = Number(node.with!['node-version']);
    expect(major % 2 === 0 && major >= 20).toBe(true); // even majors are the LTS lines
    const runs = job.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/^npm ci$/m);
    expect(runs).not.toMatch(/npm install|apt-get|snap|chromium-browser/);
    expect(runs).toMatch(/npx folkehelse build/);
    expect(JSON.stringify(workflow)).not.toMatch(/FOLKEHELSE_CHROME/); // found, not configured
  });

  it.skipIf(!HAVE_BASH)('its shell steps run locally (npm ci and the build of dist/ done by the suite)', () => {
    const dir = checkout();
    const matrix = { shard: (job.strategy!.matrix!.shard as number[])[0] };
    const env: NodeJS.ProcessEnv = { ...process.env, ...workflow.env, ...job.env };
    delete env.FOLKEHELSE_CHROME;
    const ran: string[] = [];
    for (const step of job.steps) {
      if (!step.run) continue;
      const script = expand(step.run, matrix).trim();
      if (script === 'npm ci' || script === 'npm run build') continue;
      const r = spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd: dir, env: { ...env, ...step.env }, encoding: 'utf8' });
      expect(r.status, `step "${step.name ?? script}":\n${r.stdout}\n${r.stderr}`).toBe(0);
      ran.push(step.name ?? script);
    }
    expect(ran.length).toBeGreaterThanOrEqual(4);
    const summary = JSON.parse(readFileSync(join(dir, `summary-${matrix.shard}.json`), 'utf8')) as { documents: { status: string }[] };
    expect(summary.documents.length).toBeGreaterThan(0);
    expect(summary.documents.every((d) => d.status === 'built')).toBe(true);
    expect(existsSync(join(dir, 'out'))).toBe(true);
    // A whole workflow (validate, build of two shards, PDF included): minutes on a loaded machine.
  }, 240_000);
});

describe('examples/gitlab-ci.yml', () => {
  it('parses; installs from the lockfile with Debian Chromium (no snap) and builds with npx folkehelse', () => {
    const ci = parse(readFileSync(join(ROOT, 'examples', 'gitlab-ci.yml'), 'utf8')) as { image: string; variables: Record<string, string>; oversikt: { before_script: string[]; script: string[] } };
    expect(ci.image).toMatch(/^node:(2[02468])/);
    expect(ci.oversikt.before_script.join('\n')).toMatch(/npm ci/);
    expect(ci.oversikt.before_script.join('\n')).not.toMatch(/snap|chromium-browser|npm install /);
    expect(ci.variables.FOLKEHELSE_CHROME).toBe('/usr/bin/chromium');
    expect(ci.oversikt.script.some((s) => s.startsWith('npx folkehelse build'))).toBe(true);
  });
});

describe('the county batch examples', () => {
  it.skipIf(!HAVE_BASH)('fylke-batch.sh builds every municipality of the county in bokmål and nynorsk', () => {
    const dir = tempDir();
    cpSync(join(EXAMPLE, 'data'), join(dir, 'data'), { recursive: true }); // the exports as folkehelse fetch leaves them
    const r = spawnSync('bash', [join(ROOT, 'examples', 'fylke-batch.sh'), '50', 'ut', 'md'], { cwd: dir, env: { ...process.env, FOLKEHELSE: `${process.execPath} ${join(ROOT, 'bin', 'folkehelse')}` }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const lang of ['nb', 'nn']) {
      expect(r.stdout).toMatch(new RegExp(`^${lang}  built    5037    Levanger$`, 'm'));
      expect(r.stdout).toMatch(new RegExp(`^${lang}  built    5038    Verdal$`, 'm'));
      expect(existsSync(join(dir, 'ut', '5038-verdal', `oversikt-2027.${lang}.md`))).toBe(true);
    }
    expect(r.stdout).toMatch(/Outputs in ut$/m);
  });
  const pwsh = ['pwsh', 'powershell'].find((p) => spawnSync(p, ['-NoProfile', '-Command', '$PSVersionTable.PSVersion.Major']).status === 0);
  if (!pwsh) console.warn('[examples test] no PowerShell here: fylke-batch.ps1 is checked for its steps only');
  it('fylke-batch.ps1 does what the bash script does', () => {
    const ps = readFileSync(join(ROOT, 'examples', 'fylke-batch.ps1'), 'utf8');
    for (const part of ['validate data', 'build --data data --fylke $Fylke --lang $lang --out $Out --format $Formats', "'nb', 'nn'", 'ConvertFrom-Json', 'exit $status']) expect(ps).toContain(part);
    if (!pwsh) return;
    const dir = tempDir();
    cpSync(join(EXAMPLE, 'data'), join(dir, 'data'), { recursive: true }); // the exports as folkehelse fetch leaves them
    const r = spawnSync(pwsh, ['-NoProfile', '-File', join(ROOT, 'examples', 'fylke-batch.ps1'), '-Fylke', '50', '-Out', 'ut', '-Formats', 'md'], { cwd: dir, env: { ...process.env, FOLKEHELSE: `${process.execPath} ${join(ROOT, 'bin', 'folkehelse')}` }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^nn  built    5038    Verdal$/m);
  });
});
