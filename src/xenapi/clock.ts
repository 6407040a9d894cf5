/**
 * Time as the client sees it. Retries and polling sleep through a `Clock` so tests can run
 * backoff schedules instantly and assert on them; production uses `systemClock`.
 */

/** A source of time and of waiting. */
export interface Clock {
  /** Milliseconds on a monotonic-enough scale (only differences are used). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds; rejects with the signal's reason (or an `AbortError`)
   * as soon as `signal` aborts.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('aborted'), { name: 'AbortError' });
}

/** Real time: `Date.now` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A clock for tests: `sleep` advances virtual time at once and records the requested delay,
 * so a backoff schedule runs without real waiting and can be asserted on.
 */
export class VirtualClock implements Clock {
  /** Every delay passed to `sleep`, in order. */
  readonly sleeps: number[] = [];

  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortReason(signal);
    this.sleeps.push(ms);
    this.time += ms;
  }

  /** Moves virtual time forward without a sleep (e.g. to simulate a slow call). */
  advance(ms: number): void {
    this.time += ms;
  }
}
