/**
 * Time as the simulator sees it. Everything that waits (injected latency, bytes moved, guest
 * boot, `event.from` timeouts, session expiry) goes through a {@link Clock}, so tests can use a
 * {@link ManualClock} and never sleep for real.
 */

export interface ClockTimer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds of this clock's time. */
  schedule(ms: number, fn: () => void): ClockTimer;
}

/** The wall clock. Timers are `unref`'d so a pending guest boot never keeps a process alive. */
export const realClock: Clock = {
  now: () => Date.now(),
  schedule(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/**
 * A clock that skips its delays instead of waiting for them, for a rehearsal's copy of the
 * pools (nothing there is worth real time: guest boots, operation times, `event.from`
 * timeouts). A timer fires after one turn of the event loop (so work already under way, such
 * as an async call's task, goes first, as over a socket), one timer per turn, earliest due
 * first; time then jumps to its due time. Between timers time goes on with the wall clock, so
 * it never runs slower than real time and never goes back.
 */
export class SkippingClock implements Clock {
  /** Time skipped so far, ms. */
  private skipped = 0;
  private seq = 0;
  /** Waiting timers, earliest due (then earliest scheduled) first. */
  private pending: Pending[] = [];
  private armed = false;

  now(): number {
    return Date.now() + this.skipped;
  }

  schedule(ms: number, fn: () => void): ClockTimer {
    const p: Pending = { at: this.now() + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    // Insert in order (timers are few at a time: one per blocked event.from or booting guest).
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1].at > p.at) i--;
    this.pending.splice(i, 0, p);
    this.arm();
    return { cancel: () => void (p.cancelled = true) };
  }

  /** Number of timers still waiting. */
  get waiting(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }

  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    setImmediate(() => this.fire());
  }

  private fire(): void {
    this.armed = false;
    while (this.pending.length && this.pending[0].cancelled) this.pending.shift();
    const next = this.pending.shift();
    if (next) {
      const now = this.now();
      if (next.at > now) this.skipped += next.at - now;
      next.fn();
    }
    if (this.pending.length) this.arm();
  }
}

/** Resolves after `ms` of clock time (immediately for `ms <= 0`). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve) => clock.schedule(ms, resolve));
}

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * A clock that only moves when told to. `advance(ms)` fires due timers in time order and lets
 * the promise continuations they trigger run before moving on.
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(ms: number, fn: () => void): ClockTimer {
    const p: Pending = { at: this.time + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.pending.push(p);
    return { cancel: () => void (p.cancelled = true) };
  }

  /** Number of timers still waiting. */
  get waiting(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await flushMicrotasks();
      this.pending = this.pending.filter((p) => !p.cancelled);
      this.pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.pending[0];
      if (!next || next.at > target) break;
      this.pending.shift();
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
    this.time = target;
    await flushMicrotasks();
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}
