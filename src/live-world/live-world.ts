/**
 * Records of each pool, kept current with `event.from` instead of being read again for every
 * call: one per provider runtime, used by terraform-provider-xcp's RPCs and by every apply step
 * of the CLI's executor (`ApplyContext.records`). Terraform calls ReadResource once per resource
 * (ten at a time), and each create of an apply looked its pool up several times; reading every
 * class in bulk on each call moved N copies of the pool for N resources (N² bytes). Here a
 * pool is read in bulk once, and every later call costs one `event.from` with timeout 0, shared
 * by the calls that arrive while it runs.
 *
 * Read-your-writes: by default every call is answered from records caught up by an
 * `event.from` that started after the call arrived, so a Read that follows an apply sees what
 * the apply changed. A caller may say per class how fresh it needs the records (`Need`, used by
 * apply steps: change-reads.ts); each class keeps its own token, and a catch-up subscribes only
 * to the classes that are not fresh enough, so a class nobody needs again (an SR whose record
 * lists every VDI) is not sent again on every change.
 *
 * The records live as long as the runtime (one provider process, one CLI command); nothing is
 * written to disk. Each call gets its own {@link WorldSnapshot} holding only its pool and the
 * classes it asked for. Its pool shares the live maps copy-on-write (`PoolRecords.shareInto`):
 * the next event that touches a class copies the live map first, so a handler that awaits keeps
 * a consistent view while later events replace records (records themselves are replaced, never
 * changed in place). Calls asking for the same classes at the same versions share one view
 * (and its UUID index).
 */
import type { Diagnostic } from '../diagnostics';
import { fetchSnapshot, poolFailed, type RecordSource } from '../plan/refresh';
import { PoolRecords, readClasses, WorldSnapshot } from '../resources/snapshot';
import { eventFrom, isXapiError, type EventBatch, type XapiClass, type XapiClient } from '../xenapi';
import type { KnownWrite } from './known-writes';
import { TaskWatch, type TaskEnd } from './task-watch';

/**
 * One pool's records. Each class is current as of its own token: a catch-up covers only the
 * classes its callers need fresh (see {@link Need}), so a class nobody needs fresh again (an SR
 * whose VDIs list grows with every disk created) is not sent again for every change.
 */
interface LivePool {
  readonly records: PoolRecords;
  /** Per class, the `event.from` token its records are current as of. */
  readonly tokens: Map<XapiClass, string>;
  /** Per class, the tick at which the catch-up (or read) that made it current started. */
  readonly since: Map<XapiClass, number>;
  /** Per class, a number that changes whenever its records do. */
  readonly versions: Map<XapiClass, number>;
  /** Copies handed out, by the classes they hold; valid while `stamp` matches the versions. */
  readonly copies: Map<string, { readonly versions: readonly number[]; readonly records: PoolRecords }>;
}

const touched = (live: LivePool, cls: XapiClass): void => { live.versions.set(cls, (live.versions.get(cls) ?? 0) + 1); };

/**
 * How fresh a caller needs each class: the records of `cls` must come from a catch-up that
 * started after tick `need(cls)` (a {@link LiveWorld.mark}). The default is the caller's
 * arrival for every class (read-your-writes for whatever happened before the call).
 */
export type Need = (cls: XapiClass) => number;

/** A catch-up (or first read) of one pool; callers allowed to share it await `done`. */
interface CatchUp {
  /** Tick at which it started; see {@link LiveWorld.current}. */
  readonly started: number;
  /** Classes it brings current. */
  readonly classes: ReadonlySet<XapiClass>;
  /** Whether it asks for task events too (see {@link LiveWorld.taskOutcome}). */
  readonly tasks: boolean;
  readonly done: Promise<void>;
}

interface PoolSlot {
  live?: LivePool;
  /** At most one catch-up per pool is in flight; it alone changes `live` (besides {@link LiveWorld.patch}). */
  running?: CatchUp;
  /**
   * Known writes patched into `live` (see known-writes.ts), each with the tick at which its call
   * returned. A catch-up that started before that tick may bring the object as it was before
   * the write: the patch is made again on what it brought, and dropped once a catch-up of its
   * class that started after it has been applied (xapi's record then includes the write).
   */
  patches: Patch[];
  /** Task ends the catch-ups report, once an async call was made on the pool (task-watch.ts). */
  tasks?: TaskWatch;
  /** The pool refused a catch-up that asked for tasks: tasks are waited for on their own there. */
  noTaskEvents?: boolean;
}

interface Patch extends KnownWrite { readonly at: number }

/** Why a pool was (re)read in full: for the provider's debug log. */
export type FullReadReason = 'no records yet' | 'event.from failed' | 'object counts disagree';

export class LiveWorld {
  private readonly slots = new Map<string, PoolSlot>();
  /** Orders arrivals of callers, starts of catch-ups and marks. */
  private tick = 0;

  /**
   * @param source clients of the configured pools (the provider runtime)
   * @param onFullRead told each time a pool is read in bulk, and why
   */
  constructor(
    private readonly source: RecordSource,
    private readonly onFullRead: (pool: string, why: FullReadReason, detail?: string) => void = () => undefined,
  ) {}

  /**
   * A moment in this world's order: records handed out later with `need(cls) >= mark` come from
   * an `event.from` sent after this call (an apply step marks the end of each write it makes).
   */
  mark(): number {
    return ++this.tick;
  }

  /**
   * A snapshot holding only `pool`, with `classes` current as of a moment after this call began;
   * `undefined` after pushing the same diagnostics as {@link fetchSnapshot} (unknown pool, pool
   * that cannot be read).
   */
  async world(pool: string, classes: readonly XapiClass[], diagnostics: Diagnostic[]): Promise<WorldSnapshot | undefined> {
    if (!this.source.pools.includes(pool)) {
      // Refresh's own diagnostic; it makes no call for a pool that is not configured.
      const { world, failedPools } = await fetchSnapshot(this.source, new Map([[pool, new Set(classes)]]), diagnostics);
      return failedPools.size ? undefined : world;
    }
    try {
      return await this.current(pool, classes);
    } catch (err) {
      // The same diagnostic as refresh's (plan/refresh.ts), so both paths tell the user the same.
      diagnostics.push(poolFailed(pool, err));
      return undefined;
    }
  }

  /**
   * The records of `pool` holding `classes`, each current as `need` asks (default: as of a
   * moment after this call began, read-your-writes for an apply step that just changed the
   * pool). Throws what reading the pool throws (an unknown pool, a pool that cannot be
   * reached), for the caller to explain.
   */
  async records(pool: string, classes: readonly XapiClass[], need?: Need): Promise<PoolRecords> {
    return (await this.current(pool, classes, need)).pool(pool);
  }

  /**
   * Waits until every class asked for is as fresh as `need` says, then hands out the records as
   * they are then (see copyOf). A class is fresh enough when the catch-up that last brought it
   * current started after its need. A catch-up already running may have sent its `event.from`
   * before a change the caller must see (the apply step that just answered), so the caller
   * joins it only when it started late enough and covers what is stale; otherwise it lets it
   * finish and starts the next one (or joins the next one another waiting caller started).
   * Ten callers arriving together thus share at most two `event.from`s. One catch-up at a time
   * per pool keeps each class's token a single chain.
   */
  private async current(pool: string, classes: readonly XapiClass[], need?: Need): Promise<WorldSnapshot> {
    const slot = this.slot(pool);
    const arrived = ++this.tick;
    const needOf: Need = need ?? (() => arrived);
    for (;;) {
      const live = slot.live;
      const stale = classes.filter((c) => !live?.records.has(c) || (live.since.get(c) ?? -1) <= needOf(c));
      if (!stale.length) {
        // Synchronous from here: no catch-up can change the records while they are taken.
        const world = copyOf(pool, live, classes);
        if (world) return world;
      }
      const run = slot.running;
      if (!run) await this.start(pool, slot, stale.length ? stale : classes).done;
      else if (stale.every((c) => run.classes.has(c) && run.started > needOf(c))) await run.done;
      else await run.done.catch(() => undefined);
    }
  }

  /**
   * Read-your-writes without a round trip: puts the effect of a write XAPI just accepted
   * (`write`, a known write whose whole effect the caller knows) into the records, so the writer
   * need not wait for a catch-up to see it. False when the records do not hold the object (not
   * read yet, or its class not held): the caller then waits for a catch-up as for any write.
   */
  patch(pool: string, write: KnownWrite): boolean {
    const slot = this.slots.get(pool);
    const live = slot?.live;
    if (!slot || !live?.records.has(write.cls) || !live.records.get(write.cls, write.ref)) return false;
    const p: Patch = { ...write, at: ++this.tick };
    slot.patches.push(p);
    repatch(live, [p]);
    return true;
  }

  /**
   * Says an `Async.*` call is about to be made on `pool`: from now on its catch-ups report task
   * ends (see {@link taskOutcome}). Call it before the call is sent; a task that ended before
   * this is not reported.
   */
  expectTask(pool: string): void {
    const slot = this.slot(pool);
    const live = slot.live;
    if (slot.tasks || slot.noTaskEvents || !live) return;
    // From the oldest token the records hold: a catch-up on its way now may carry the task's
    // end past the records' tokens without reporting it.
    const oldest = oldestClass(live, live.records.classes().filter((c) => live.tokens.has(c)));
    if (oldest) slot.tasks = new TaskWatch(live.tokens.get(oldest)!, live.since.get(oldest) ?? 0);
  }

  /**
   * How `task` (returned by an `Async.*` call announced with {@link expectTask}; `after` is a
   * {@link mark} taken when it returned) ended, learned from the catch-ups that bring the
   * records current anyway: the step that waits for its task and then reads what it made waits
   * for one shared `event.from`, not one for the task and one for the records. xapi ends a task
   * after its effects, so the catch-up that reports the end brings every change the task made
   * to the classes it covers. A new catch-up brings `classes(held)` (`held`: the classes the
   * records hold). Returns the end and the tick the catch-up that saw it started at (records
   * that fresh show the task's effects), or `undefined` when the first catch-up started after
   * `after` does not show it ended (it still runs, the catch-up failed, the pool is read again
   * or refused task events): the caller then waits for the task itself.
   */
  async taskOutcome(pool: string, task: string, after: number, classes: (held: readonly XapiClass[]) => readonly XapiClass[]): Promise<TaskEnd | undefined> {
    const slot = this.slot(pool);
    try {
      for (;;) {
        const watch = slot.tasks;
        if (!watch || !slot.live) return undefined;
        const end = watch.take(task);
        if (end) return end;
        const run = slot.running;
        if (run && run.started > after && run.tasks) {
          await run.done;
          return slot.tasks?.take(task);
        }
        if (run) await run.done.catch(() => undefined);
        else {
          await this.start(pool, slot, classes(slot.live.records.classes())).done;
          return slot.tasks?.take(task);
        }
      }
    } catch {
      return undefined;
    }
  }

  private slot(pool: string): PoolSlot {
    let slot = this.slots.get(pool);
    if (!slot) { slot = { patches: [] }; this.slots.set(pool, slot); }
    return slot;
  }

  /**
   * After a catch-up (or read) that started at tick `started` brought `classes` current: the
   * patches it may predate are made again on what it brought; the others are in xapi's records
   * now and are dropped.
   */
  private settlePatches(slot: PoolSlot, live: LivePool, classes: Iterable<XapiClass>, started: number): void {
    if (!slot.patches.length) return;
    const covered = new Set(classes);
    slot.patches = slot.patches.filter((p) => !covered.has(p.cls) || p.at > started);
    repatch(live, slot.patches.filter((p) => covered.has(p.cls)));
  }

  private start(pool: string, slot: PoolSlot, wanted: readonly XapiClass[]): CatchUp {
    const classes = new Set<XapiClass>(wanted);
    const started = ++this.tick;
    const tasks = slot.tasks !== undefined;
    // Cleared before `done` settles, so every waiter that wakes up sees no catch-up running.
    const done = this.catchUp(pool, slot, classes, started, tasks).finally(() => {
      if (slot.running?.started === started) slot.running = undefined;
    });
    slot.running = { started, classes, tasks, done };
    return slot.running;
  }

  /** Brings `classes` of `slot.live` up to date, reading those it lacks. Changes `live` only after an await. */
  private async catchUp(pool: string, slot: PoolSlot, classes: ReadonlySet<XapiClass>, started: number, tasks: boolean): Promise<void> {
    const client = await this.source.client(pool);
    const live = slot.live;
    if (!live) return this.reread(pool, slot, client, classes, started, 'no records yet');
    const held = [...classes].filter((c) => live.records.has(c));
    let token: string;
    if (held.length) {
      // From the oldest token of them: events of the classes already past it come again, whole
      // records as they are now, which changes nothing (event.from sends each object once).
      const oldest = oldestClass(live, held)!;
      const watch = tasks ? slot.tasks : undefined;
      const from = watch && watch.since < (live.since.get(oldest) ?? 0) ? watch.token : live.tokens.get(oldest)!;
      let batch: Omit<EventBatch, 'reset'>;
      try {
        batch = await eventFrom(client, watch ? [...held, 'task'] : held, from, 0);
      } catch (err) {
        // EVENTS_LOST (xapi restarted, token too old), a token it cannot parse: start over. A
        // pool that refused it otherwise, with tasks asked for, is not asked for them again (a
        // lost connection or lost events say nothing about the task subscription).
        if (watch && isXapiError(err) && err.code !== 'EVENTS_LOST') { slot.noTaskEvents = true; slot.tasks = undefined; }
        if (isXapiError(err)) return this.reread(pool, slot, client, classes, started, 'event.from failed', err.code);
        throw err;
      }
      if (watch && slot.tasks === watch) watch.seen(batch, started);
      if (!applyEvents(live, batch, held)) return this.reread(pool, slot, client, classes, started, 'object counts disagree');
      this.settlePatches(slot, live, held, started);
      token = batch.token;
    } else {
      token = (await eventFrom(client, [], '', 0)).token;
    }
    for (const cls of held) current(live, cls, token, started);
    // Classes asked for the first time are read after the new token: a change to them made
    // since is reported by the next event.from too (events carry whole records).
    const missing = [...classes].filter((c) => !live.records.has(c));
    if (missing.length) {
      await readClasses(client, live.records, missing);
      for (const cls of missing) { live.records.buildIndexes(cls); touched(live, cls); current(live, cls, token, started); }
    }
  }

  private async reread(pool: string, slot: PoolSlot, client: XapiClient, classes: ReadonlySet<XapiClass>, started: number, why: FullReadReason, detail?: string): Promise<void> {
    slot.live = undefined;
    this.onFullRead(pool, why, detail);
    // The token comes first: a change made during the bulk read is reported again next time.
    const { token } = await eventFrom(client, [], '', 0);
    slot.tasks?.restart(token, started);
    const live: LivePool = { records: new PoolRecords(pool), tokens: new Map(), since: new Map(), versions: new Map(), copies: new Map() };
    await readClasses(client, live.records, classes);
    for (const cls of classes) { live.records.buildIndexes(cls); touched(live, cls); current(live, cls, token, started); }
    // Patches of classes not read again are lost with the old records (their writers wait for
    // a catch-up instead: see patch, which needs the object in the records).
    this.settlePatches(slot, live, classes, started);
    slot.patches = slot.patches.filter((p) => classes.has(p.cls));
    slot.live = live;
  }
}

/** Of `classes`, the one current as of the oldest catch-up. */
function oldestClass(live: LivePool, classes: readonly XapiClass[]): XapiClass | undefined {
  return classes.length ? classes.reduce((a, c) => ((live.since.get(c) ?? 0) < (live.since.get(a) ?? 0) ? c : a)) : undefined;
}

const current = (live: LivePool, cls: XapiClass, token: string, started: number): void => {
  live.tokens.set(cls, token);
  live.since.set(cls, started);
};

/** Makes `patches` (oldest first) on the records that hold their objects. */
function repatch(live: LivePool, patches: readonly Patch[]): void {
  for (const p of patches) {
    const rec = live.records.get(p.cls, p.ref) as Readonly<Record<string, unknown>> | undefined;
    if (!rec) continue;
    live.records.put(p.cls, p.ref as never, p.edit(rec) as never);
    touched(live, p.cls);
  }
}

/**
 * Applies one batch to `classes`; false when the result cannot be trusted (an event without its
 * record, or xapi counting other numbers of objects than the records hold).
 */
function applyEvents(live: LivePool, batch: Omit<EventBatch, 'reset'>, classes: readonly XapiClass[]): boolean {
  const { records } = live;
  const wanted = new Set(classes);
  for (const e of batch.events) {
    if (!e.cls || !wanted.has(e.cls)) continue;
    if (e.operation !== 'del' && e.snapshot === undefined) return false;
    records.put(e.cls, e.ref as never, e.operation === 'del' ? undefined : (e.snapshot as never));
    touched(live, e.cls);
  }
  // Only the classes caught up: the others are current as of their own, older, tokens.
  return !records.countMismatch(batch.validRefCounts, classes);
}

/**
 * A new world with only `pool`, holding `classes` as they are now; undefined if one is missing.
 * The pool's records share the live maps (copy on write) and are shared with other calls for
 * these classes at these versions.
 */
function copyOf(pool: string, live: LivePool | undefined, classes: readonly XapiClass[]): WorldSnapshot | undefined {
  if (!live || !classes.every((c) => live.records.has(c))) return undefined;
  const { key, sorted } = classKey(classes);
  let copy = live.copies.get(key);
  if (!copy || sorted.some((c, i) => (live.versions.get(c) ?? -1) !== copy!.versions[i])) {
    const records = new PoolRecords(pool);
    live.records.shareInto(records, new Set(classes));
    copy = { versions: sorted.map((c) => live.versions.get(c) ?? -1), records };
    live.copies.set(key, copy);
  }
  return new OnePoolWorld(copy.records);
}

interface ClassKey {
  readonly key: string;
  readonly sorted: readonly XapiClass[];
  /** The list as it was when keyed (a caller could change its array later). */
  readonly asked: readonly XapiClass[];
}

/** Distinct classes sorted, and as a key, per list asked for (steps ask with a few constant lists). */
const CLASS_KEYS = new WeakMap<readonly XapiClass[], ClassKey>();

function classKey(classes: readonly XapiClass[]): ClassKey {
  let k = CLASS_KEYS.get(classes);
  if (!k || k.asked.length !== classes.length || k.asked.some((c, i) => c !== classes[i])) {
    const sorted = [...new Set(classes)].sort();
    k = { key: sorted.join(','), sorted, asked: [...classes] };
    CLASS_KEYS.set(classes, k);
  }
  return k;
}

/**
 * A world whose pool is a shared copy nobody changes: resources only look records up (no
 * `put`, no `setClass`), and the tfplugin never sets a tracker, which a shared copy would not
 * report to. A pool the handler names besides (`world.pool('')` for an unset attribute) is
 * its own, empty, as in a world of its own.
 */
class OnePoolWorld extends WorldSnapshot {
  constructor(private readonly records: PoolRecords) {
    super();
  }

  override pool(name: string): PoolRecords {
    return name === this.records.pool ? this.records : super.pool(name);
  }

  override poolNames(): string[] {
    return [...new Set([this.records.pool, ...super.poolNames()])].sort();
  }
}
