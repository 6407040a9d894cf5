/**
 * Apply progress on the console, in Terraform's words: `ADDR: Creating...`, a `Still
 * creating... [10s elapsed]` line every 10 s, bytes moved for migrations, and
 * `ADDR: Creation complete after 2s`. On a terminal the running changes also show as a live
 * block (one line each, with elapsed time) under the finished lines; elsewhere plain lines only.
 */
import type { ApplyEvent, ApplyVerb } from '../executor/ports';
import { VERB_WORDS } from '../executor/ports';
import type { CliIo } from './io';

const GIB = 1024 ** 3;

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export class ProgressPrinter {
  private readonly running = new Map<string, { verb: ApplyVerb; since: number; bytes?: string; lastReport: number }>();
  private timer?: NodeJS.Timeout;
  private liveLines = 0;

  constructor(private readonly io: CliIo, private readonly now: () => number = Date.now, private readonly live = io.isTty) {
    this.timer = setInterval(() => this.tick(), live ? 1000 : 10_000);
    this.timer.unref();
  }

  private write(line: string): void {
    this.clearLive();
    this.io.stdout(`${line}\n`);
    this.drawLive();
  }

  private clearLive(): void {
    if (this.live && this.liveLines) this.io.stdout(`\x1b[${this.liveLines}A\x1b[J`);
    this.liveLines = 0;
  }

  private drawLive(): void {
    if (!this.live || !this.running.size) return;
    const t = this.now();
    const lines = [...this.running].sort(([a], [b]) => a.localeCompare(b))
      .map(([addr, r]) => `  ${addr}: ${VERB_WORDS[r.verb].ing.replace('...', '')} ${elapsed(t - r.since)}${r.bytes ? `, ${r.bytes}` : ''}`);
    this.io.stdout(`${lines.join('\n')}\n`);
    this.liveLines = lines.length;
  }

  private tick(): void {
    const t = this.now();
    if (this.live) {
      this.clearLive();
      this.drawLive();
      return;
    }
    for (const [addr, r] of this.running) {
      if (t - r.lastReport >= 10_000) {
        r.lastReport = t;
        this.write(`${addr}: Still ${VERB_WORDS[r.verb].ing.toLowerCase().replace('...', '')}... [${elapsed(t - r.since)} elapsed${r.bytes ? `, ${r.bytes}` : ''}]`);
      }
    }
  }

  handle(e: ApplyEvent): void {
    switch (e.type) {
      case 'start':
        this.running.set(e.address, { verb: e.verb, since: this.now(), lastReport: this.now() });
        this.write(`${e.address}: ${VERB_WORDS[e.verb].ing}${e.id ? ` [id=${e.id}]` : ''}`);
        break;
      case 'progress': {
        const r = this.running.get(e.address);
        if (r && e.bytesTotal) r.bytes = `${(e.bytesDone! / GIB).toFixed(1)} of ${(e.bytesTotal / GIB).toFixed(1)} GiB moved`;
        if (r && e.text && !this.live) this.write(`${e.address}: ${e.text}`);
        break;
      }
      case 'complete':
        this.running.delete(e.address);
        this.write(`${e.address}: ${VERB_WORDS[e.verb].done} after ${elapsed(e.elapsedMs)}`);
        break;
      case 'failed':
        this.running.delete(e.address);
        this.write(`${e.address}: ${VERB_WORDS[e.verb].ing.replace('...', '')} failed`);
        break;
      case 'skipped':
        this.write(`${e.address}: Skipped: upstream ${e.failedAncestor} failed`);
        break;
      case 'cancelled':
        break;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearLive();
  }
}
