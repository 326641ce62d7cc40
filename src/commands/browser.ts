import { PUPPETEER_REVISIONS } from 'puppeteer-core/internal/revisions.js';
import { EXIT_OK, EXIT_USAGE, FolkehelseError, msg, say } from '../base/errors.js';
import { helpAfter } from '../cli/help.js';
import { escapeTerminal } from '../cli/terminal.js';
import type { RegisterCommand } from './context.js';
import { messagesLangOption } from './options.js';

/**
 * `folkehelse browser`: which browser PDF is printed with, and `browser install` for a machine
 * with none (Chrome's headless shell, via @puppeteer/browsers, into a per-user cache). Nothing is
 * downloaded at `npm install`; only this command downloads, and only when asked.
 */
export const register: RegisterCommand = (program, { io, setExitCode }) => {
  // @puppeteer/browsers (through ../output/browser.js) is loaded by this command only: at every
  // start it cost more than the rest of the command line. The help names the build it installs
  // (INSTALL_BUILD_ID there) from puppeteer-core's list of revisions, a file of a few lines.
  const shellBuild = PUPPETEER_REVISIONS['chrome-headless-shell'];
  const browser = program
    .command('browser')
    .description(say('help.browserDescription'))
    .addOption(messagesLangOption())
    .addHelpText(
      'after',
      helpAfter(
        ['folkehelse browser', 'folkehelse browser install --dry-run', 'folkehelse browser install', 'FOLKEHELSE_CHROME="C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" folkehelse build'],
        [say('help.browserExitCodes')],
      ),
    )
    .action(async () => {
      const { findInstalledBrowser } = await import('../output/browser.js');
      const found = findInstalledBrowser(io.env);
      if (found.path) {
        io.stdout.write(escapeTerminal(say('browser.found', { path: found.path })) + '\n');
        setExitCode(EXIT_OK);
      } else {
        io.stderr.write(`folkehelse: ${say('browser.none')}\n`);
        setExitCode(EXIT_USAGE);
      }
    });

  browser
    .command('install')
    .description(say('help.browserInstallDescription', { build: shellBuild }))
    .option('--path <folder>', say('help.browserInstallPath'))
    .option('--base-url <url>', say('help.browserInstallBaseUrl'))
    .option('--dry-run', say('help.browserInstallDryRun'))
    .addOption(messagesLangOption())
    .action(async (opts: { path?: string; baseUrl?: string; dryRun?: boolean }) => {
      const { browserCacheDir, INSTALL_BROWSER, INSTALL_BUILD_ID } = await import('../output/browser.js');
      const { detectBrowserPlatform, getDownloadUrl, install } = await import('@puppeteer/browsers');
      const platform = detectBrowserPlatform();
      if (!platform) throw new FolkehelseError(msg('errors.browser.platform', { platform: `${process.platform} ${process.arch}` }), EXIT_USAGE);
      const cacheDir = opts.path ?? browserCacheDir(process.platform as 'linux', io.env);
      const url = downloadUrl(() => getDownloadUrl(INSTALL_BROWSER, platform, INSTALL_BUILD_ID, opts.baseUrl), opts.baseUrl);
      if (opts.dryRun) {
        io.stdout.write(say('browserDryRun', { browser: INSTALL_BROWSER, buildId: INSTALL_BUILD_ID, platform, url: escapeTerminal(url), cache: escapeTerminal(cacheDir) }) + '\n');
        setExitCode(EXIT_OK);
        return;
      }
      let installed;
      try {
        installed = await install({ browser: INSTALL_BROWSER, buildId: INSTALL_BUILD_ID, cacheDir, platform, baseUrl: opts.baseUrl });
      } catch (e) {
        throw new FolkehelseError(msg('errors.browser.download', { url, reason: (e as Error).message.replace(/\s*\n\s*-?\s*/g, ' ').replace(/[.:]\s*$/, '') }), EXIT_USAGE);
      }
      io.stdout.write(say('browser.installed', { browser: INSTALL_BROWSER, buildId: INSTALL_BUILD_ID, path: escapeTerminal(installed.executablePath), cache: escapeTerminal(cacheDir) }) + '\n');
      setExitCode(EXIT_OK);
    });
};

function downloadUrl(url: () => URL, baseUrl: string | undefined): string {
  try {
    return url().toString();
  } catch {
    throw new FolkehelseError(msg('errors.browser.baseUrl', { value: baseUrl ?? '' }), EXIT_USAGE);
  }
}
