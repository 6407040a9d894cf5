/**
 * Seeded fault injection. Faults are injected *before* a call takes effect, so a client that
 * retries is always safe; they model what real pools do under load: transient
 * `OTHER_OPERATION_IN_PROGRESS`, sessions that expire (`SESSION_INVALID`), connections that drop,
 * and `HOST_IS_SLAVE` after a master change.
 */

export type FaultKind = 'OTHER_OPERATION_IN_PROGRESS' | 'SESSION_INVALID' | 'DROP_CONNECTION' | 'HOST_IS_SLAVE' | 'INTERNAL_ERROR' | 'TOO_MANY_PENDING_TASKS';

export const TRANSIENT_FAULTS: readonly FaultKind[] = ['OTHER_OPERATION_IN_PROGRESS', 'SESSION_INVALID', 'DROP_CONNECTION'];

/** A fault rule: which calls, what fault, how often. */
export interface FaultRule {
  /** Method name or glob: `VM.start`, `VM.*`, `*` (the `Async.` prefix is ignored). */
  method: string;
  kind: FaultKind;
  /** Probability per matching call (default 1). */
  rate?: number;
  /** Fire at most this many times (default unlimited). */
  times?: number;
  /** Skip this many matching calls first (default 0). */
  skip?: number;
}

/** mulberry32: a small, fast, seedable PRNG (deterministic fault sequences per seed). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function globMatch(glob: string, name: string): boolean {
  if (glob === '*' || glob === name) return true;
  const re = new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(name);
}

interface RuleState {
  rule: FaultRule;
  seen: number;
  fired: number;
}

export class FaultInjector {
  private rules: RuleState[] = [];
  private random: () => number;

  /**
   * @param rate probability that any call (other than login/logout and `system.*`) gets a random
   *   transient fault; 0 disables.
   */
  constructor(
    private rate = 0,
    seed = 1,
  ) {
    this.random = seededRandom(seed);
  }

  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules = [];
    this.rate = 0;
  }

  setRate(rate: number, seed?: number): void {
    this.rate = rate;
    if (seed !== undefined) this.random = seededRandom(seed);
  }

  /** The fault to inject for this call, if any. */
  pick(method: string): FaultKind | undefined {
    const name = method.startsWith('Async.') ? method.slice(6) : method;
    for (const st of this.rules) {
      if (!globMatch(st.rule.method, name)) continue;
      st.seen++;
      if (st.seen <= (st.rule.skip ?? 0)) continue;
      if (st.rule.times !== undefined && st.fired >= st.rule.times) continue;
      if (this.random() < (st.rule.rate ?? 1)) {
        st.fired++;
        return st.rule.kind;
      }
    }
    if (this.rate > 0 && !name.startsWith('session.') && !name.startsWith('system.') && this.random() < this.rate) {
      return TRANSIENT_FAULTS[Math.floor(this.random() * TRANSIENT_FAULTS.length)];
    }
    return undefined;
  }
}
