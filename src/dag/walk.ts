/**
 * The DAG walker: runs one async task per vertex of a graph.
 *
 * ## Contract
 *
 * 1. **Dependencies first.** A vertex starts only after every vertex it depends on has
 *    finished with status `ok`. Edges are `graph.addDependency(dependent, dependency)`.
 * 2. **Bounded parallelism.** At most `parallelism` tasks (default 10) run at once. Waiting
 *    for dependencies holds no slot.
 * 3. **Per-kind limits.** A vertex may hold {@link Claim}s `(kind, key)`; at most
 *    `limits[kind]` running vertices hold a claim of the same kind and key (e.g. 3 storage
 *    migrations per host). A vertex blocked by a limit does not block others behind it.
 * 4. **Priority.** Among ready vertices the one with the longest remaining estimated path
 *    (its estimate plus the longest chain of estimates below it) starts first, ties by id;
 *    `priority: 'fifo'` starts them in the order they became ready instead (Terraform).
 * 5. **Failure.** A task fails when it throws or its promise rejects. Tasks already running
 *    finish; every vertex that depends on a failed one, directly or not, is `skipped` with
 *    reason `upstream failed` naming the first failed ancestor, and is reported exactly once;
 *    vertices that do not depend on a failure go on to completion.
 * 6. **Cancellation.** When `signal` aborts, nothing new starts; running tasks finish (they
 *    get the same signal in their context and may cut short on their own); every vertex not
 *    yet started is `cancelled`. A second interrupt is the caller's business (save what is
 *    known and exit): the walk itself never abandons a running task.
 * 7. **Results.** The returned promise resolves (never rejects for task errors) once nothing
 *    runs, with exactly one result per vertex: ok, failed (with the error), skipped (with the
 *    reason) or cancelled. It rejects only for bugs: a cyclic graph (`CycleError`, before
 *    anything starts) or an `onEvent` listener that threw (after running tasks finish).
 * 8. **Single use.** A walker walks once; a second `walk()` throws.
 * 9. **Time.** Start and finish times come from the injected `clock` (default `Date.now`);
 *    the walker never sleeps. {@link simulateWalk} runs the same scheduler in virtual time.
 *
 * The graph must not be mutated while a walk is in progress.
 */
import { Graph } from './graph';
import { Scheduler, SchedulerOptions } from './scheduler';

/** The time source of a walk: only differences are used. */
export interface WalkClock {
  now(): number;
}

/** What a task is given. */
export interface WalkTaskContext {
  readonly id: string;
  /** The walk's cancellation signal (aborts on the first interrupt). */
  readonly signal: AbortSignal;
}

/** The work of one vertex. Throw (or reject) to fail it. */
export type WalkTask = (id: string, ctx: WalkTaskContext) => Promise<void> | void;

/** The outcome of one vertex. */
export type NodeResult =
  | { readonly status: 'ok'; readonly startedAt: number; readonly finishedAt: number }
  | { readonly status: 'failed'; readonly error: unknown; readonly startedAt: number; readonly finishedAt: number }
  | { readonly status: 'skipped'; readonly reason: 'upstream failed'; readonly failedAncestor: string }
  | { readonly status: 'cancelled' };

/** Progress, in order: each vertex gets `start` then `finish`, or one `skip` / `cancel`. */
export type WalkEvent =
  | { readonly type: 'start'; readonly id: string; readonly at: number }
  | { readonly type: 'finish'; readonly id: string; readonly at: number; readonly result: NodeResult }
  | { readonly type: 'skip'; readonly id: string; readonly failedAncestor: string }
  | { readonly type: 'cancel'; readonly id: string };

/** Options of a walk: scheduling plus signal, clock and progress listener. */
export interface WalkOptions extends SchedulerOptions {
  readonly signal?: AbortSignal;
  readonly clock?: WalkClock;
  /** Called synchronously for every event; must not throw (a throw stops the walk). */
  readonly onEvent?: (e: WalkEvent) => void;
}

/** Everything a walk did. */
export interface WalkResult {
  /** One result per vertex. */
  readonly results: ReadonlyMap<string, NodeResult>;
  /** True when every vertex is `ok`. */
  readonly ok: boolean;
  /** True when the signal aborted before the walk ended. */
  readonly cancelled: boolean;
  readonly startedAt: number;
  readonly finishedAt: number;
}

const systemClock: WalkClock = { now: () => Date.now() };

/** Walks a graph once under the contract in this file's header. */
export class DagWalker {
  private used = false;

  constructor(
    private readonly graph: Graph,
    private readonly task: WalkTask,
    private readonly opts: WalkOptions = {},
  ) {}

  /** Runs the walk; see the contract. */
  walk(): Promise<WalkResult> {
    if (this.used) throw new Error('DagWalker is single use: walk() was already called');
    this.used = true;
    const clock = this.opts.clock ?? systemClock;
    const signal = this.opts.signal ?? new AbortController().signal;
    let sched: Scheduler;
    try {
      sched = new Scheduler(this.graph, this.opts); // CycleError before anything starts
    } catch (e) {
      return Promise.reject(e);
    }
    const results = new Map<string, NodeResult>();
    const startedAt = clock.now();
    let cancelled = false;
    let listenerError: { error: unknown } | undefined;

    return new Promise<WalkResult>((resolve, reject) => {
      const emit = (e: WalkEvent): void => {
        if (!this.opts.onEvent || listenerError) return;
        try {
          this.opts.onEvent(e);
        } catch (error) {
          listenerError = { error };
          cancelAll();
        }
      };
      const cancelAll = (): void => {
        for (const id of sched.stop()) {
          results.set(id, { status: 'cancelled' });
          emit({ type: 'cancel', id });
        }
      };
      const onAbort = (): void => {
        if (!settled) cancelled = true;
        cancelAll();
        finishIfDone();
      };
      let settled = false;
      const finishIfDone = (): void => {
        if (settled || !sched.finished) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if (listenerError) return reject(listenerError.error);
        const ok = results.size === this.graph.size && [...results.values()].every((r) => r.status === 'ok');
        resolve({ results, ok, cancelled, startedAt, finishedAt: clock.now() });
      };
      const start = (id: string): void => {
        const at = clock.now();
        emit({ type: 'start', id, at });
        let p: Promise<void>;
        try {
          p = Promise.resolve(this.task(id, { id, signal }));
        } catch (error) {
          p = Promise.reject(error);
        }
        p.then(
          () => {
            const end = clock.now();
            done(id, { status: 'ok', startedAt: at, finishedAt: end }, end);
          },
          (error: unknown) => {
            const end = clock.now();
            done(id, { status: 'failed', error, startedAt: at, finishedAt: end }, end);
          },
        );
      };
      const done = (id: string, r: NodeResult, at: number): void => {
        results.set(id, r);
        const skipped = sched.complete(id, r.status === 'ok');
        emit({ type: 'finish', id, at, result: r });
        for (const s of skipped) {
          results.set(s, { status: 'skipped', reason: 'upstream failed', failedAncestor: id });
          emit({ type: 'skip', id: s, failedAncestor: id });
        }
        pump();
      };
      const pump = (): void => {
        // One at a time: a task's synchronous part may abort the signal, and then the next
        // vertex must not start.
        for (let next = sched.take(1); next.length; next = sched.take(1)) start(next[0]);
        finishIfDone();
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      pump();
    });
  }
}

/** Convenience: `new DagWalker(graph, task, opts).walk()`. */
export function walk(
  graph: Graph,
  task: WalkTask,
  opts: WalkOptions = {},
): Promise<WalkResult> {
  return new DagWalker(graph, task, opts).walk();
}
