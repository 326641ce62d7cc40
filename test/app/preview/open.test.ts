import { EventEmitter } from 'node:events';
import type { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openBrowser, openCommand } from '../../../src/app/preview/open.js';

const URL = 'http://127.0.0.1:4327/';

/** A stand-in for spawn: records the call and plays the given events. */
function fakeSpawn(events: [string, unknown][]) {
  const calls: { command: string; args: string[]; options: object }[] = [];
  const run = ((command: string, args: string[], options: object) => {
    calls.push({ command, args, options });
    const child = Object.assign(new EventEmitter(), { unref: () => {} });
    setImmediate(() => {
      for (const [name, value] of events) child.emit(name, value);
    });
    return child;
  }) as unknown as typeof spawn;
  return { run, calls };
}

describe('opening the browser', () => {
  it('with the system’s own opener', () => {
    expect(openCommand(URL, 'linux')).toEqual({ command: 'xdg-open', args: [URL] });
    expect(openCommand(URL, 'darwin')).toEqual({ command: 'open', args: [URL] });
    expect(openCommand(URL, 'win32')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', URL] });
  });

  it('detached, so the browser outlives the preview', async () => {
    const { run, calls } = fakeSpawn([['spawn', undefined]]);
    expect(await openBrowser(URL, undefined, 'linux', run)).toBeNull();
    expect(calls[0]).toMatchObject({ command: 'xdg-open', args: [URL], options: { detached: true, stdio: 'ignore' } });
  });

  it('no opener, or one that fails: a reason, never an exception', async () => {
    const missing = fakeSpawn([['error', Object.assign(new Error('spawn xdg-open ENOENT'), { code: 'ENOENT' })]]);
    expect(await openBrowser(URL, undefined, 'linux', missing.run)).toBe('xdg-open not found');
    const late: string[] = [];
    const failing = fakeSpawn([
      ['spawn', undefined],
      ['exit', 3],
    ]);
    expect(await openBrowser(URL, (r) => late.push(r), 'linux', failing.run)).toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(late).toEqual(['xdg-open exited with code 3']);
    const throwing = (() => {
      throw new Error('spawn EACCES');
    }) as unknown as typeof spawn;
    expect(await openBrowser(URL, undefined, 'darwin', throwing)).toBe('spawn EACCES');
  });
});
