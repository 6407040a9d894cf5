/**
 * Retry policy: exponential backoff with full jitter (delay = random × min(cap, base × 2^n)),
 * bounded by a number of attempts and by a time budget, so a transient XAPI failure is retried
 * quickly at first and a dead pool is given up on within a known time.
 */

/** Limits of the retries of one call. */
export interface RetryPolicy {
  /** Attempts in total, the first included (1 = no retry). */
  readonly maxAttempts: number;
  /** Backoff base: the cap of the first delay. */
  readonly baseDelayMs: number;
  /** Largest single delay. */
  readonly maxDelayMs: number;
  /** No retry starts whose delay would end later than this after the first attempt began. */
  readonly budgetMs: number;
}

/** Defaults: 6 attempts, 250 ms base, 15 s cap, 2 min budget (an xapi restart takes ~1 min). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  budgetMs: 120_000,
};

/** No retries at all. */
export const NO_RETRY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 };

/**
 * The delay before retry number `retry` (1 for the first retry): full jitter over an
 * exponentially growing window. `random` returns a number in [0, 1).
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * window);
}

/** Fills the unset fields of a partial policy from `base`. */
export function resolvePolicy(base: RetryPolicy, override?: Partial<RetryPolicy>): RetryPolicy {
  return override ? { ...base, ...override } : base;
}
