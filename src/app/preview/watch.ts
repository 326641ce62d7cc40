import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** What a changed file asks the preview to do again, from the most to the least work. */
export type ChangeKind = 'config' | 'data' | 'setup' | 'assessment';

/** A file or folder the preview is made from, and what a change in it means. */
export interface WatchTarget {
  path: string;
  /** `ignore`: a folder inside a watched one whose changes mean nothing (the output folder). */
  kind: ChangeKind | 'ignore';
  /** For a folder: which file names count (a data folder's downloads in progress do not). */
  accept?: (name: string) => boolean;
}

/** The changes of one quiet period: what to do again, and the files that changed. */
export interface ChangeBatch {
  kinds: Set<ChangeKind>;
  paths: string[];
}

export interface WatchOptions {
  /** Quiet time after the last event before the batch is delivered (editors write in several steps). */
  debounceMs?: number;
  /** A steady stream of events is still delivered this long after the first one. */
  maxWaitMs?: number;
  /** `recursive`: one fs.watch per folder tree; `per-folder`: one per folder (where recursive is not supported). */
  mode?: 'recursive' | 'per-folder';
  /** A folder that cannot be watched (too many watches, permission): said once, the rest is watched. */
  onProblem?: (path: string, message: string) => void;
}

/**
 * Editors' and downloads' temporary files: hidden files (`.a.md.swp`, `.#a.md`), backups (`a.md~`),
 * Emacs' autosaves (`#a.md#`), partial downloads. (Vim's write test, a file named `4913`, is
 * recognised in `classify`: a folder may be named by a number.)
 */
export function isNoise(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /^#.*#$/.test(name) || /\.(swp|swx|tmp|part|crdownload|download)$/i.test(name);
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * What a change at `path` means: the most specific target that is the path or holds it decides
 * (the assessment folder inside a data folder `"."` is an assessment, the output folder nothing);
 * editors' temporary files, hidden folders and names a folder does not accept mean nothing (null).
 */
export function classify(path: string, targets: readonly WatchTarget[]): ChangeKind | null {
  let best: WatchTarget | null = null;
  for (const t of targets) if (inside(path, t.path) && (!best || t.path.length > best.path.length)) best = t;
  if (!best || best.kind === 'ignore') return null;
  if (path === best.path) return best.kind;
  const parts = relative(best.path, path).split(sep);
  const name = parts[parts.length - 1]!;
  if (parts.some(isNoise) || (/^\d+$/.test(name) && !isDirectory(path))) return null;
  if (best.accept && !best.accept(name)) return isDirectory(path) ? best.kind : null;
  return best.kind;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folders a target needs watched: a folder (its tree), a file's folder, or the nearest folder that exists. */
function foldersFor(target: WatchTarget): { dir: string; tree: boolean } {
  if (isDirectory(target.path)) return { dir: target.path, tree: true };
  if (existsSync(target.path)) return { dir: dirname(target.path), tree: false };
  // Not there yet (an assessment folder not yet made): its nearest existing parent shows it appear.
  let at = dirname(target.path);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return { dir: at, tree: false };
}

/** Every folder of a tree, without hidden ones, node_modules and the ignored targets. */
function foldersOf(root: string, ignored: string[]): string[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    let entries;
    try {
      entries = readdirSync(out[i]!, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = join(out[i]!, e.name);
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && !ignored.includes(full)) out.push(full);
    }
  }
  return out;
}

/**
 * Watches the files and folders the preview is made from with fs.watch — one recursive watch per
 * folder tree where the platform has it, else one per folder — and delivers the changes in
 * batches after a quiet period. Folders that appear are watched when they do; a target that does
 * not exist yet is watched through its parent. Ends with `close()`.
 */
export class ProjectWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private targets: WatchTarget[] = [];
  private kinds = new Set<ChangeKind>();
  private paths = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private firstAt = 0;
  private closed = false;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private mode: 'recursive' | 'per-folder';
  private readonly reported = new Set<string>();
  private readonly present = new Map<string, boolean>();

  constructor(
    targets: WatchTarget[],
    private readonly onBatch: (batch: ChangeBatch) => void,
    private readonly options: WatchOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 120;
    this.maxWaitMs = options.maxWaitMs ?? 800;
    this.mode = options.mode ?? 'recursive';
    this.setTargets(targets);
  }

  /** Watches these targets from now on (the configuration names others after a change). */
  setTargets(targets: WatchTarget[]): void {
    this.targets = targets.map((t) => ({ ...t, path: resolve(t.path) }));
    this.sync();
    // A target that appeared meanwhile is delivered as a change.
    if (this.kinds.size > 0 && !this.timer && !this.closed) this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  /** The folders watched now (for tests and messages). */
  watched(): string[] {
    return [...this.watchers.keys()].map((key) => key.slice(2));
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  /** Starts the watches the targets need now and ends those no longer needed. */
  private sync(): void {
    if (this.closed) return;
    // A target that appeared or went (a folder made with its files at once) is a change in itself.
    for (const t of this.targets) {
      const now = existsSync(t.path);
      const before = this.present.get(t.path);
      this.present.set(t.path, now);
      if (before === undefined || before === now || t.kind === 'ignore') continue;
      this.kinds.add(t.kind);
      this.paths.add(t.path);
    }
    const ignored = this.targets.filter((t) => t.kind === 'ignore').map((t) => t.path);
    const wanted = new Map<string, boolean>();
    for (const t of this.targets) {
      if (t.kind === 'ignore') continue;
      const { dir, tree } = foldersFor(t);
      if (!tree) wanted.set(dir, wanted.get(dir) ?? false);
      else if (this.mode === 'recursive') wanted.set(dir, true);
      else for (const d of foldersOf(dir, ignored)) wanted.set(d, wanted.get(d) ?? false);
    }
    // A folder inside a recursively watched one needs no watch of its own.
    const recursive = [...wanted].filter(([, r]) => r).map(([d]) => d);
    for (const d of [...wanted.keys()]) if (recursive.some((r) => r !== d && inside(d, r))) wanted.delete(d);
    for (const [key, w] of this.watchers) {
      const [dir, r] = [key.slice(2), key.startsWith('r:')];
      if (wanted.get(dir) !== r) {
        w.close();
        this.watchers.delete(key);
      }
    }
    for (const [dir, r] of wanted) if (!this.watchers.has(`${r ? 'r' : 'f'}:${dir}`)) this.start(dir, r);
  }

  private start(dir: string, recursive: boolean): void {
    const key = `${recursive ? 'r' : 'f'}:${dir}`;
    let w: FSWatcher;
    try {
      w = watch(dir, { recursive, persistent: true }, (_event, name) => this.event(name ? join(dir, name.toString()) : dir));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (recursive && code === 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM') {
        // No recursive watching here: one watch per folder, from the next sync on.
        if (this.mode === 'recursive') queueMicrotask(() => this.sync());
        this.mode = 'per-folder';
        return;
      }
      if (code !== 'ENOENT') this.problem(dir, (e as Error).message);
      return;
    }
    // A watched folder that is removed ends its watch; the next sync watches what is there instead.
    w.on('error', () => {
      w.close();
      if (this.watchers.get(key) === w) this.watchers.delete(key);
      this.event(dir);
    });
    this.watchers.set(key, w);
  }

  private problem(path: string, message: string): void {
    if (this.reported.has(path)) return;
    this.reported.add(path);
    this.options.onProblem?.(path, message);
  }

  private event(path: string): void {
    if (this.closed) return;
    const kind = classify(path, this.targets);
    if (kind) {
      if (this.kinds.size === 0) this.firstAt = Date.now();
      this.kinds.add(kind);
      this.paths.add(path);
    } else if (this.kinds.size === 0) {
      // Still a reason to look again: a folder may have appeared or gone.
      if (!this.timer) this.timer = setTimeout(() => this.flush(), this.debounceMs);
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstAt + this.maxWaitMs - Date.now()));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    if (this.closed) return;
    this.sync();
    if (this.kinds.size === 0) return;
    const batch: ChangeBatch = { kinds: this.kinds, paths: [...this.paths].sort() };
    this.kinds = new Set();
    this.paths = new Set();
    this.onBatch(batch);
  }
}
