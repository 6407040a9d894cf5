/**
 * Discrete-event simulation of a walk in virtual time: the same {@link Scheduler} the
 * {@link DagWalker} uses, driven by an event queue of completion times instead of promises.
 * Deterministic and instant, for tests, property checks and the scheduler benchmark
 * (makespan of critical-path-first against FIFO).
 */
import { bottomLevels } from './critical-path';
import { Graph, compareIds } from './graph';
import { Heap } from './heap';
import { Scheduler, SchedulerOptions, VertexPhase } from './scheduler';

/** Inputs of a simulation: scheduling options plus the true durations. */
export interface SimulationOptions extends SchedulerOptions {
  /** True duration of each vertex (non-negative). `estimate` defaults to it (perfect knowledge). */
  readonly duration: (v: string) => number;
  /** Vertices whose task fails at the end of its duration (default none). */
  readonly fails?: (v: string) => boolean;
  /** Cancel (stop starting work) at this virtual time. */
  readonly cancelAt?: number;
}

/** One simulated run. */
export interface SimulationResult {
  /** Finish time of the last vertex (0 for an empty graph). */
  readonly makespan: number;
  readonly start: ReadonlyMap<string, number>;
  readonly finish: ReadonlyMap<string, number>;
  /** Final phase of every vertex: ok, failed, skipped or cancelled. */
  readonly phase: ReadonlyMap<string, VertexPhase>;
  /** Vertex ids in start order. */
  readonly order: readonly string[];
  /** The most vertices running at once. */
  readonly peakParallelism: number;
}

interface Finish {
  readonly at: number;
  readonly id: string;
}

/**
 * Runs the scheduler over `g` in virtual time. Completions at the same instant are applied
 * in id order before anything new starts, so the result is a function of the inputs.
 */
export function simulateWalk(g: Graph, opts: SimulationOptions): SimulationResult {
  const sched = new Scheduler(g, { ...opts, estimate: opts.estimate ?? opts.duration });
  const events = new Heap<Finish>((a, b) => a.at < b.at || (a.at === b.at && compareIds(a.id, b.id) < 0));
  const start = new Map<string, number>();
  const finish = new Map<string, number>();
  const order: string[] = [];
  let now = 0;
  let peak = 0;
  let makespan = 0;
  const cancelAt = opts.cancelAt ?? Infinity;
  const launch = (): void => {
    for (const id of sched.take()) {
      start.set(id, now);
      order.push(id);
      const d = opts.duration(id);
      events.push({ at: now + (Number.isFinite(d) && d > 0 ? d : 0), id });
    }
    peak = Math.max(peak, sched.runningCount);
  };
  if (cancelAt <= 0) sched.stop();
  launch();
  while (events.size) {
    now = events.peek()!.at;
    // Cancellation lands before the completions of its instant: running work still reports.
    if (now >= cancelAt) sched.stop();
    while (events.size && events.peek()!.at === now) {
      const { id } = events.pop()!;
      finish.set(id, now);
      makespan = now;
      sched.complete(id, !(opts.fails?.(id) ?? false));
    }
    launch();
  }
  if (!sched.finished) throw new Error('simulateWalk: scheduler stalled (bug)');
  const phase = new Map<string, VertexPhase>();
  for (const v of g.vertices()) phase.set(v, sched.phase(v));
  return { makespan, start, finish, phase, order, peakParallelism: peak };
}

/**
 * The lower bound on any schedule's makespan with `parallelism` slots:
 * `max(critical path, total work / parallelism)` (per-kind limits can only raise the
 * optimum, so this stays a valid bound).
 */
export function makespanLowerBound(g: Graph, duration: (v: string) => number, parallelism: number): number {
  let total = 0;
  for (const v of g.vertices()) total += Math.max(0, duration(v));
  let cp = 0;
  for (const l of bottomLevels(g, duration).values()) cp = Math.max(cp, l);
  return Math.max(cp, total / parallelism);
}
