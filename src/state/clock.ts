/**
 * Time as the state layer sees it: lock waits (`-lock-timeout`) poll through a clock so
 * tests run them in virtual time. Same shape as the XenAPI client's clock.
 */
export interface StateClock {
  /** Milliseconds; only differences and `Created` timestamps use it. */
  now(): number;
  /** Resolves after `ms` of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** Real time. */
export const systemClock: StateClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
