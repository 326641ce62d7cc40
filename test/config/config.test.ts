import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { INNHERRED, ROOT, tempDir } from '../helpers.js';

/** A project folder with a configuration; `extra` is merged into the configuration. */
function project(extra: Record<string, unknown>, kommune: Record<string, unknown> = {}): { dir: string; config: string } {
  const dir = tempDir();
  const config = join(dir, 'folkehelse.config.json');
  writeFileSync(config, JSON.stringify({ kommuner: [{ code: '5037', ...kommune }], data: [INNHERRED], edition: 2027, formats: ['md'], generatedOn: '2026-11-22', ...extra }));
  return { dir, config };
}

async function runIn(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { NO_COLOR: '1', FOLKEHELSE_LANG: 'en' } });
  return { code, stdout, stderr };
}

describe('files outside the project are refused', () => {
  it('a coat of arms, catalogue, templates or assessments outside the configuration folder', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'vapen.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const { config } = project({ catalogue: [join(ROOT, 'data', 'catalogue', 'a-befolkning.json')], templates: outside, assessments: '../' }, { coatOfArms: join(outside, 'vapen.svg') });
    expect(() => loadConfig(config)).toThrow(ConfigError);
    try {
      loadConfig(config);
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/kommuner\[0\]\.coatOfArms: .*vapen\.svg is outside the configuration's folder; list it in "allowPaths"/);
      expect(msg).toMatch(/catalogue\[0\]: .*is outside the configuration's folder/);
      expect(msg).toMatch(/templates: .*is outside the configuration's folder/);
      expect(msg).toMatch(/assessments: .*is outside the configuration's folder/);
    }
  });

  it('a symbolic link that leads out of the project, also inside a folder', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.md'), 'top secret');
    const { dir, config } = project({ assessments: 'vurderinger' }, { coatOfArms: 'vapen.svg' });
    symlinkSync(join(outside, 'secret.md'), join(dir, 'vapen.svg'));
    mkdirSync(join(dir, 'vurderinger', '5037'), { recursive: true });
    symlinkSync(join(outside, 'secret.md'), join(dir, 'vurderinger', '5037', 'a.md'));
    expect(() => loadConfig(config)).toThrow(/coatOfArms: .*vapen\.svg \(it leads to .*secret\.md\) is outside/);
    expect(() => loadConfig(config)).toThrow(/assessments: .*a\.md \(it leads to .*secret\.md\) is outside/);
  });

  it("a template folder's style.css that is a link out of the project", () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'style.css'), 'body { background: url(file:///etc/passwd) }');
    const { dir, config } = project({ templates: 'maler' });
    mkdirSync(join(dir, 'maler'));
    symlinkSync(join(outside, 'style.css'), join(dir, 'maler', 'style.css'));
    expect(() => loadConfig(config)).toThrow(/templates: .*style\.css \(it leads to .*style\.css\) is outside/);
  });

  it('allowPaths lets a configuration name a folder outside it', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'vapen.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const { config } = project({ allowPaths: [outside] }, { coatOfArms: join(outside, 'vapen.svg') });
    expect(loadConfig(config).kommuner[0]!.coatOfArms).toBe(join(outside, 'vapen.svg'));
  });

  it('/proc and device files are never read, even when allowed', () => {
    const { dir, config } = project({ allowPaths: ['/'] }, { coatOfArms: '/proc/self/environ' });
    expect(() => loadConfig(config)).toThrow(/never read/);
    symlinkSync('/dev/zero', join(dir, 'vapen.png'));
    writeFileSync(config, JSON.stringify({ kommuner: [{ code: '5037', coatOfArms: 'vapen.png' }], data: [INNHERRED], allowPaths: ['/'] }));
    expect(() => loadConfig(config)).toThrow(/never read/);
    writeFileSync(config, JSON.stringify({ kommuner: ['5037'], data: ['/proc/self'] }));
    expect(() => loadConfig(config)).toThrow(/data\[0\]: .*never read/);
  });
});

describe('configuration mistakes are ordinary errors, not internal ones', () => {
  it('an unknown neighbour', () => {
    const { config } = project({}, { neighbours: ['5038', '9999'] });
    expect(() => loadConfig(config)).toThrow(/kommuner\[0\]\.neighbours\[1\]: "9999" is not a municipality number/);
  });

  it('a folder where the coat of arms should be', async () => {
    const { dir, config } = project({}, { coatOfArms: 'vapen.svg' });
    mkdirSync(join(dir, 'vapen.svg'));
    const r = await runIn('build', '--config', config, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/coatOfArms: .*vapen\.svg: is a folder; expected a file/);
  });

  it('a folder where an assessment should be', async () => {
    const { dir, config } = project({ assessments: 'vurderinger' });
    mkdirSync(join(dir, 'vurderinger', '5037', 'a.md'), { recursive: true });
    const r = await runIn('build', '--config', config, '--out', join(dir, 'out'));
    expect(r.code).not.toBe(3);
    expect(r.stdout + r.stderr).toMatch(/a\.md: is a folder; expected a file/);
    expect(r.stderr).not.toMatch(/internal error|EISDIR|at .*\.ts:/);
  });

  it('"out" that is a file', async () => {
    const { dir, config } = project({});
    writeFileSync(join(dir, 'out'), 'not a folder');
    const r = await runIn('build', '--config', config, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the output folder is a file/);
  });

  it('an invalid or incomplete language file in the template folder', async () => {
    const a = project({ templates: 'maler' });
    mkdirSync(join(a.dir, 'maler', 'lang'), { recursive: true });
    writeFileSync(join(a.dir, 'maler', 'lang', 'nb.json'), '{ "documentTitle": ');
    expect(() => loadConfig(a.config)).toThrow(/nb\.json: is not valid JSON/);
    const b = project({ templates: 'maler' });
    mkdirSync(join(b.dir, 'maler', 'lang'), { recursive: true });
    writeFileSync(join(b.dir, 'maler', 'lang', 'nb.json'), JSON.stringify({ documentTitle: 'Oversikt' }));
    const r = await runIn('build', '--config', b.config, '--out', join(b.dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nb\.json: \d+ texts are missing or of the wrong kind/);
    // A complete copy is fine.
    const c = project({ templates: 'maler' });
    cpSync(join(ROOT, 'templates', 'lang'), join(c.dir, 'maler', 'lang'), { recursive: true });
    expect(() => loadConfig(c.config)).not.toThrow();
  });
});

describe('configurations a new user gets wrong', () => {
  const problems = (config: string): string => {
    try {
      loadConfig(config);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    return '';
  };

  it('the same municipality twice (also under its old number) is refused: it would be built twice into the same files', () => {
    expect(problems(project({ kommuner: ['5037', '5037'] }).config)).toMatch(/kommuner\[1\]: "5037" is 5037, already listed as kommuner\[0\]/);
    expect(problems(project({ kommuner: ['1719', '5037'] }).config)).toMatch(/kommuner\[1\]: .*already listed as kommuner\[0\]/);
    expect(problems(project({ kommuner: ['5037', '5038'] }).config)).toBe('');
  });

  it.skipIf(process.platform === 'win32')('a Windows path is refused on Mac and Linux instead of becoming a folder named "C:\\out"', () => {
    expect(problems(project({ out: 'C:\\out' }).config)).toMatch(/out: "C:\\out" is a Windows path/);
    expect(problems(project({ data: ['data\\ssb'] }).config)).toMatch(/data\[0\]: "data\\ssb" is a Windows path/);
  });

  it('out may not be the data folder, hold it, or hold exports (they would silently not be read)', () => {
    const { dir, config } = project({ data: ['.'], out: '.' });
    expect(problems(config)).toMatch(/out: .* is the data folder data\[0\]/);
    mkdirSync(join(dir, 'ssb'));
    writeFileSync(join(dir, 'ssb', 'x.csv'), 'a;b\n1;2\n');
    writeFileSync(config, JSON.stringify({ kommuner: ['5037'], data: ['.'], out: 'ssb' }));
    expect(problems(config)).toMatch(/out: .*ssb holds exports \(x\.csv\)/);
    writeFileSync(config, JSON.stringify({ kommuner: ['5037'], data: ['.'], out: 'out' }));
    expect(problems(config)).toBe('');
  });
});

describe('a coat of arms is a plain picture', () => {
  const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">${body}</svg>`;
  it.each([
    ['<script>alert(1)</script>', /a script/],
    ['<rect width="1" height="1" onload="alert(1)"/>', /an event handler/],
    ['<a xlink:href="javascript:alert(1)"><rect width="1" height="1"/></a>', /javascript: link/],
    ['<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', /embedded HTML/],
    ['<image href="file:///etc/passwd" width="1" height="1"/>', /reference to another file/],
  ])('an SVG with %j is refused (it is published next to the document)', (body, why) => {
    const { dir, config } = project({}, { coatOfArms: 'vapen.svg' });
    writeFileSync(join(dir, 'vapen.svg'), svg(body));
    expect(() => loadConfig(config)).toThrow(why);
  });
  it('a plain SVG with internal references and an embedded PNG is accepted', () => {
    const { dir, config } = project({}, { coatOfArms: 'vapen.svg' });
    writeFileSync(join(dir, 'vapen.svg'), svg('<defs><path id="p" d="M0 0h5v5z"/></defs><use xlink:href="#p"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'));
    expect(loadConfig(config).kommuner[0]!.coatOfArms).toMatch(/vapen\.svg$/);
  });
});

describe('a configuration or catalogue that is a device, pipe or kernel file', () => {
  it.skipIf(process.platform === 'win32')('is refused before it is read (/dev/zero crashed the process, /proc showed its content, a pipe blocked)', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    expect(() => loadConfig('/dev/zero')).toThrow(/never read/);
    expect(() => loadConfig('/proc/self/environ')).toThrow(/never read/);
    expect(() => loadConfig(join(dir, 'pipe.json'))).toThrow(/not a regular file/);
    const { readCatalogueFile } = await import('../../src/indicators/catalogue.js');
    expect(() => readCatalogueFile('/dev/zero')).toThrow(/never read/);
    expect(() => readCatalogueFile(join(dir, 'pipe.json'))).toThrow(/not a regular file/);
    const r = await runIn('indicators', '--data', INNHERRED, '--kommune', '5037', '--catalogue', '/proc/self/environ');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/PATH=|HOME=|SHELL=/);
  });
});
