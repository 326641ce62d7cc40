import cliProgress from 'cli-progress';
import { messageLang, say } from '../base/messages.js';
import { formatNumberInText } from '../language/intl.js';
import type { BuildEvent } from '../app/build.js';
import type { CliIO } from './terminal.js';

/**
 * Progress of a build, in the run's language: a bar on a terminal, one line per document
 * otherwise (CI logs), nothing but problems with --quiet or --json.
 */
export class BuildProgress {
  private bar: cliProgress.SingleBar | null = null;

  constructor(
    private readonly io: CliIO,
    private readonly opts: { quiet: boolean; tty: boolean },
  ) {}

  event(e: BuildEvent): void {
    if (this.opts.quiet) return;
    if (e.type === 'plan') {
      if (this.opts.tty && e.total - e.skipped > 1) {
        this.bar = new cliProgress.SingleBar(
          { format: say('progress.bar'), stream: this.io.stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true, barsize: 30 },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(e.total, e.skipped, { name: '' });
      } else this.line(say('progress.plan', { total: e.total, documents: say(e.total === 1 ? 'build.document' : 'build.documents'), skipped: e.skipped }));
      return;
    }
    if (e.type === 'info') {
      if (!this.bar) this.line(e.message);
      return;
    }
    const d = e.outcome;
    const who = d.id === 'region' ? d.name : `${d.id} ${d.name}`;
    if (this.bar) {
      if (d.status !== 'skipped') this.bar.increment(1, { name: who });
      return;
    }
    if (d.status === 'skipped') this.line(say('progress.upToDate', { who }));
    else if (d.status === 'failed') this.line(say('progress.failed', { who }));
    else this.line(`${who}: ${d.outputs.filter((o) => !o.includes('figurer')).map((o) => o.split('/').pop()).join(', ')} (${formatNumberInText(d.seconds, 2, messageLang())} s)`);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }

  private line(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}
