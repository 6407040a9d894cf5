/**
 * Seeded fault injection. Most faults are injected *before* a call takes effect, so a client
 * that retries is always safe; they model what real pools do under load: transient
 * `OTHER_OPERATION_IN_PROGRESS`, sessions that expire (`SESSION_INVALID`), connections that drop,
 * and `HOST_IS_SLAVE` after a master change. One fault is not safe to retry on purpose:
 * `LOSE_REPLY` lets the call act and then drops the connection before the reply, the moment a
 * client cannot tell whether its call happened (crash-point testing, `npm run crashpoints`).
 *
 * Crash points are counted over *mutating* calls only ({@link isMutatingMethod}): a crash just
 * before or after a read leaves the pools exactly as a crash at the neighbouring mutating call
 * does, so reads add points without adding cases.
 */

export type FaultKind =
  | 'OTHER_OPERATION_IN_PROGRESS'
  | 'SESSION_INVALID'
  | 'DROP_CONNECTION'
  | 'HOST_IS_SLAVE'
  | 'INTERNAL_ERROR'
  | 'TOO_MANY_PENDING_TASKS'
  /** The call takes effect, then the connection is dropped before the reply is sent. */
  | 'LOSE_REPLY';

export const TRANSIENT_FAULTS: readonly FaultKind[] = ['OTHER_OPERATION_IN_PROGRESS', 'SESSION_INVALID', 'DROP_CONNECTION'];

/** A fault rule: which calls, what fault, how often. */
export interface FaultRule {
  /** Method name or glob: `VM.start`, `VM.*`, `*` (the `Async.` prefix is ignored). */
  method: string;
  kind: FaultKind;
  /** Probability per matching call (default 1). */
  rate?: number;
  /** Fire at most this many times (default unlimited: with `skip`, "from call skip+1 on"). */
  times?: number;
  /** Skip this many matching calls first (default 0). */
  skip?: number;
  /** Match only calls that change the world ({@link isMutatingMethod}); default false. */
  mutating?: boolean;
  /**
   * Match only mutating calls from this one on, counted by the injector over every mutating call
   * since it was made or cleared (1-based), whatever other rules did with them.
   */
  from?: number;
}

/** A call as the injector sees it, just before it would act. */
export interface ObservedCall {
  /** Wire name without the `Async.` prefix. */
  readonly method: string;
  readonly isAsync: boolean;
  readonly mutating: boolean;
  /** 1-based position among the mutating calls seen so far (0 for a read). */
  readonly index: number;
}

export type CallObserver = (call: ObservedCall) => void;

// Messages that only read or check: getters, `get_all*`, `get_record`, assertions, computations.
const READ_OPS = /^(get_|assert_|compute_|query_|retrieve_|check_|has_|list_|test_)/;
// Whole classes whose calls never change the infrastructure a configuration describes: the
// session, the event stream, the client's own task bookkeeping, and the `system.*` introspection.
const READ_CLASSES: ReadonlySet<string> = new Set(['session', 'event', 'task', 'system']);

/** {@link isMutatingMethod}'s answers by method name. */
const MUTATING = new Map<string, boolean>();

/**
 * True when `method` may change the world (objects, their fields, power states): every message
 * except getters, assertions and the session/event/task/system housekeeping. `Async.X` follows X.
 */
export function isMutatingMethod(method: string): boolean {
  let known = MUTATING.get(method);
  if (known === undefined) {
    const bare = method.startsWith('Async.') ? method.slice(6) : method;
    const dot = bare.indexOf('.');
    known = dot >= 0 && !READ_CLASSES.has(bare.slice(0, dot)) && !READ_OPS.test(bare.slice(dot + 1));
    // Asked on every call: remembered per name (bounded: a client may send any name at all).
    if (MUTATING.size >= 10_000) MUTATING.clear();
    MUTATING.set(method, known);
  }
  return known;
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
  private observers: CallObserver[] = [];
  private mutatingSeen = 0;

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

  /** Removes every rule and the random rate; the count of mutating calls starts again at 0. */
  clear(): void {
    this.rules = [];
    this.rate = 0;
    this.mutatingSeen = 0;
  }

  setRate(rate: number, seed?: number): void {
    this.rate = rate;
    if (seed !== undefined) this.random = seededRandom(seed);
  }

  /** Mutating calls seen since the injector was made or cleared. */
  get mutatingCalls(): number {
    return this.mutatingSeen;
  }

  /**
   * Calls `observer` for every call about to act (after its session check, before any fault),
   * synchronously, so an observer may act at an exact call (a harness kills its client there).
   * Returns the remover.
   */
  observe(observer: CallObserver): () => void {
    this.observers.push(observer);
    return () => {
      this.observers = this.observers.filter((o) => o !== observer);
    };
  }

  /** The fault to inject for this call, if any. */
  pick(method: string): FaultKind | undefined {
    const isAsync = method.startsWith('Async.');
    const name = isAsync ? method.slice(6) : method;
    const mutating = isMutatingMethod(name);
    if (mutating) this.mutatingSeen++;
    const call: ObservedCall = { method: name, isAsync, mutating, index: mutating ? this.mutatingSeen : 0 };
    if (this.observers.length) for (const observer of [...this.observers]) observer(call);
    for (const st of this.rules) {
      if ((st.rule.mutating || st.rule.from !== undefined) && !mutating) continue;
      if (st.rule.from !== undefined && call.index < st.rule.from) continue;
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

/**
 * What can go wrong at one crash point, as the simulator models it (a `kill -9` of the client
 * is done by whoever started the client, through {@link FaultInjector.observe}):
 * - `drop`: the connection drops before the call acts (the client cannot know it did not);
 * - `fail`: the call and every mutating call after it fail with `INTERNAL_ERROR`;
 * - `lose-reply`: the call acts, then the connection drops before the reply.
 */
export type CrashFault = 'drop' | 'fail' | 'lose-reply';

export const CRASH_FAULTS: readonly CrashFault[] = ['drop', 'fail', 'lose-reply'];

/** The rule that makes mutating call `index` (1-based) meet `fault`. */
export function crashPointRule(fault: CrashFault, index: number): FaultRule {
  const from = Math.max(1, Math.floor(index));
  switch (fault) {
    case 'drop':
      return { method: '*', from, kind: 'DROP_CONNECTION', times: 1 };
    case 'fail':
      return { method: '*', from, kind: 'INTERNAL_ERROR' };
    case 'lose-reply':
      return { method: '*', from, kind: 'LOSE_REPLY', times: 1 };
  }
}

/**
 * Parses a fault given on the simulator's command line or in `XCPFORM_SIMULATOR_FAULTS`:
 * `<fault>@<i>` (a crash point: `drop@12`, `fail@12`, `lose-reply@12`, counting mutating calls)
 * or `<KIND>:<method glob>[:<skip>[:<times>]]` (`OTHER_OPERATION_IN_PROGRESS:VM.start:0:1`).
 * @throws Error with a message naming the bad part.
 */
export function parseFaultSpec(text: string): FaultRule {
  const spec = text.trim();
  const point = /^([a-z-]+)@(\d+)$/.exec(spec);
  if (point) {
    const fault = point[1] as CrashFault;
    const index = Number(point[2]);
    if (!CRASH_FAULTS.includes(fault)) throw new Error(`"${spec}": the crash fault must be one of ${CRASH_FAULTS.join(', ')}`);
    if (index < 1) throw new Error(`"${spec}": calls are counted from 1`);
    return crashPointRule(fault, index);
  }
  const parts = spec.split(':');
  const kinds: readonly FaultKind[] = ['OTHER_OPERATION_IN_PROGRESS', 'SESSION_INVALID', 'DROP_CONNECTION', 'HOST_IS_SLAVE', 'INTERNAL_ERROR', 'TOO_MANY_PENDING_TASKS', 'LOSE_REPLY'];
  if (parts.length < 2 || parts.length > 4 || !kinds.includes(parts[0] as FaultKind) || parts[1] === '') {
    throw new Error(`"${spec}" is neither <fault>@<call> (${CRASH_FAULTS.join(', ')}) nor <KIND>:<method>[:<skip>[:<times>]] with KIND one of ${kinds.join(', ')}`);
  }
  const count = (s: string | undefined, what: string): number | undefined => {
    if (s === undefined || s === '') return undefined;
    if (!/^\d+$/.test(s)) throw new Error(`"${spec}": ${what} must be a whole number`);
    return Number(s);
  };
  return { kind: parts[0] as FaultKind, method: parts[1], skip: count(parts[2], 'skip'), times: count(parts[3], 'times') };
}
