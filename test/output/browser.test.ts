import { describe, expect, it } from 'vitest';
import { browserCacheDir, browserCandidates, findBrowser, type Platform } from '../../src/output/browser.js';

/** findBrowser on an imagined machine where exactly `installed` exist. */
function find(platform: Platform, installed: string[], env: NodeJS.ProcessEnv = {}, home = platform === 'win32' ? 'C:\\Users\\kari' : platform === 'darwin' ? '/Users/kari' : '/home/kari') {
  return findBrowser({ platform, env, home, exists: (p) => installed.includes(p) });
}

const WIN_ENV = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\kari\\AppData\\Local' };

describe('findBrowser', () => {
  it('FOLKEHELSE_CHROME first, and only it when set (a wrong path is reported, not worked around)', () => {
    expect(find('linux', ['/usr/bin/chromium', '/opt/chrome'], { FOLKEHELSE_CHROME: '/opt/chrome' }).path).toBe('/opt/chrome');
    const wrong = find('linux', ['/usr/bin/chromium'], { FOLKEHELSE_CHROME: '/nowhere/chrome' });
    expect(wrong).toEqual({ path: null, tried: ['FOLKEHELSE_CHROME=/nowhere/chrome'] });
  });
  it('Windows: Edge, which every Windows laptop has, system-wide or per user', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(find('win32', [edge], WIN_ENV).path).toBe(edge);
    const perUserChrome = 'C:\\Users\\kari\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(find('win32', [edge, perUserChrome], WIN_ENV).path).toBe(perUserChrome); // Chrome before Edge
    const perUserEdge = 'C:\\Users\\kari\\AppData\\Local\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(find('win32', [perUserEdge], WIN_ENV).path).toBe(perUserEdge);
    // Without the environment variables, the standard folders.
    expect(find('win32', ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe']).path).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });
  it('macOS: /Applications and the per-user ~/Applications, Chrome, Chromium or Edge', () => {
    expect(find('darwin', ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge']).path).toBe('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(find('darwin', ['/Users/kari/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']).path).toBe('/Users/kari/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  });
  it('Linux: Google Chrome (ubuntu-latest runners), Chromium, Edge; the snap wrapper last', () => {
    expect(find('linux', ['/usr/bin/chromium', '/usr/bin/google-chrome']).path).toBe('/usr/bin/google-chrome');
    expect(find('linux', ['/usr/bin/microsoft-edge-stable']).path).toBe('/usr/bin/microsoft-edge-stable');
    expect(find('linux', ['/snap/bin/chromium', '/usr/bin/chromium-browser']).path).toBe('/usr/bin/chromium-browser');
    const candidates = browserCandidates({ platform: 'linux', env: {}, home: '/home/kari' });
    expect(candidates[candidates.length - 1]).toBe('/snap/bin/chromium');
  });
  it('a headless shell before the full browsers: Debian\'s chromium-headless-shell, then the installed one (printing costs less)', () => {
    expect(find('linux', ['/usr/bin/google-chrome', '/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell']).path).toBe('/usr/lib/chromium/chromium-headless-shell');
    expect(find('linux', ['/usr/bin/chromium', '/usr/bin/chromium-headless-shell']).path).toBe('/usr/bin/chromium-headless-shell');
    const installed = browserCandidates({ platform: 'linux', env: {}, home: '/home/kari' }).find((c) => c.startsWith(browserCacheDir('linux', {}, '/home/kari')))!;
    expect(find('linux', ['/usr/bin/google-chrome', installed]).path).toBe(installed);
    expect(find('linux', ['/usr/bin/chromium-headless-shell', installed]).path).toBe('/usr/bin/chromium-headless-shell');
  });
  it('the browser `folkehelse browser install` put in the per-user cache is found', () => {
    const cache = browserCacheDir('linux', {}, '/home/kari');
    expect(cache).toBe('/home/kari/.cache/folkehelse/browsers');
    const installed = browserCandidates({ platform: 'linux', env: {}, home: '/home/kari' }).find((c) => c.startsWith(cache))!;
    expect(installed).toMatch(/chrome-headless-shell/);
    expect(find('linux', [installed]).path).toBe(installed);
    expect(browserCacheDir('win32', WIN_ENV, 'C:\\Users\\kari')).toBe('C:\\Users\\kari\\AppData\\Local\\folkehelse\\browsers');
    expect(browserCacheDir('darwin', {}, '/Users/kari')).toBe('/Users/kari/Library/Caches/folkehelse/browsers');
  });
  it('none installed: null, and every place looked at', () => {
    const r = find('win32', [], WIN_ENV);
    expect(r.path).toBeNull();
    expect(r.tried).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
  });
});
