import { spawn, type SpawnOptions } from 'node:child_process';

/** How the system opens a web address in the user's browser. */
export function openCommand(url: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start`'s first quoted argument is the window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

type Spawn = (command: string, args: string[], options: SpawnOptions) => ReturnType<typeof spawn>;

/**
 * Opens the address in the system's browser (xdg-open, open, start), detached: the browser is
 * not the preview's child and outlives it. Resolves with null when the opener started, else with
 * why not; an opener that exits with an error later is reported through `onLateFailure`.
 */
export function openBrowser(url: string, onLateFailure: (reason: string) => void = () => {}, platform: NodeJS.Platform = process.platform, run: Spawn = spawn): Promise<string | null> {
  const { command, args } = openCommand(url, platform);
  return new Promise((resolve) => {
    let child;
    try {
      child = run(command, args, { detached: true, stdio: 'ignore', windowsVerbatimArguments: platform === 'win32' });
    } catch (e) {
      resolve((e as Error).message);
      return;
    }
    child.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ENOENT' ? `${command} not found` : e.message));
    child.once('spawn', () => {
      resolve(null);
      child.unref();
    });
    child.once('exit', (code) => {
      if (code !== null && code !== 0) onLateFailure(`${command} exited with code ${code}`);
    });
  });
}
