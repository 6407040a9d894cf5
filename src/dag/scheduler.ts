/**
 * The scheduling core shared by the async {@link DagWalker} and the virtual-time
 * {@link simulateWalk}: a synchronous state machine with no clock, no promises and no I/O.
 * Its driver asks {@link Scheduler.take} what to start and reports each outcome with
 * {@link Scheduler.complete}; readiness is tracked with in-degree counters and a priority
 * heap, so each step costs O(log V) plus the edges it touches.
 */
import { bottomLevels } from './critical-path';
import { Graph, compareIds } from './graph';
import { Heap } from './heap';

/**
 * Which ready vertex gets the next free slot.
 * - `critical-path`: the largest bottom level (own estimate + longest estimated path below),
 *   ties by id. Critical path first.
 * - `fifo`: the vertex that became ready first, vertices freed at the same moment by id.
 *   This is Terraform's behaviour (minus its goroutine race), kept for comparison.
 */
export type Priority = 'critical-path' | 'fifo';

/**
 * A unit of a limited budget a vertex holds while it runs, e.g.
 * `{ kind: 'storage-migration', key: 'host-uuid' }`. A vertex may hold several (a migration
 * counts against its source and its target host).
 */
export interface Claim {
  readonly kind: string;
  readonly key: string;
}

/**
 * Limits used when `limits` is not given: XAPI allows 3 concurrent storage migrations per
 * host, so a vertex claiming `{ kind: 'storage-migration', key: hostRef }` waits for a slot.
 */
export const DEFAULT_KIND_LIMITS: Readonly<Record<string, number>> = Object.freeze({ 'storage-migration': 3 });

/** How to schedule; everything is optional. */
export interface SchedulerOptions {
  /** Vertices running at once, across all kinds (default 10, like `-parallelism`). */
  readonly parallelism?: number;
  /**
   * Per-kind limit: at most `limits[kind]` running vertices holding a claim of that kind for
   * the same key. Kinds not listed are unlimited. Default {@link DEFAULT_KIND_LIMITS}.
   */
  readonly limits?: Readonly<Record<string, number>>;
  /** The claims of a vertex (default none). */
  readonly claims?: (v: string) => readonly Claim[];
  /** Estimated duration of a vertex, any unit (default 1); drives `critical-path`. */
  readonly estimate?: (v: string) => number;
  /** Default `critical-path`. */
  readonly priority?: Priority;
}

/** Where a vertex is in its life. Terminal: ok, failed, skipped, cancelled. */
export type VertexPhase = 'waiting' | 'ready' | 'running' | 'ok' | 'failed' | 'skipped' | 'cancelled';

interface Entry {
  readonly id: string;
  readonly rank: number;
  readonly claims: readonly Claim[];
  phase: VertexPhase;
  pendingDeps: number;
  seq: number;
}

/**
 * One walk's scheduling state. Single use; the graph must not change while it is in use.
 * Throws `CycleError` from the constructor when the graph has a cycle.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly ready: Heap<Entry>;
  private readonly blocked = new Map<string, Entry[]>();
  private readonly inUse = new Map<string, number>();
  private readonly parallelism: number;
  private readonly limits: Readonly<Record<string, number>>;
  private readonly upstream = new Map<string, string>();
  private running = 0;
  private seq = 0;
  private stopped = false;

  constructor(private readonly graph: Graph, opts: SchedulerOptions = {}) {
    this.parallelism = Math.max(1, Math.floor(opts.parallelism ?? 10));
    this.limits = opts.limits ?? DEFAULT_KIND_LIMITS;
    const priority = opts.priority ?? 'critical-path';
    const estimate = opts.estimate ?? (() => 1);
    const levels = bottomLevels(graph, estimate); // throws CycleError on a cycle
    this.ready =
      priority === 'fifo'
        ? new Heap<Entry>((a, b) => a.seq < b.seq)
        : new Heap<Entry>((a, b) => a.rank > b.rank || (a.rank === b.rank && compareIds(a.id, b.id) < 0));
    for (const v of graph.vertices()) {
      const claims = dedupe(opts.claims?.(v) ?? []);
      for (const c of claims) {
        const limit = this.limits[c.kind];
        if (limit !== undefined && !(limit >= 1)) throw new RangeError(`limit for kind "${c.kind}" must be at least 1`);
      }
      this.entries.set(v, { id: v, rank: levels.get(v)!, claims, phase: 'waiting', pendingDeps: graph.dependenciesOf(v).size, seq: 0 });
    }
    const initial = [...this.entries.values()].filter((e) => e.pendingDeps === 0).sort((a, b) => compareIds(a.id, b.id));
    for (const e of initial) this.makeReady(e);
  }

  /** Vertices currently running. */
  get runningCount(): number {
    return this.running;
  }

  /** True when nothing runs and nothing more can start: the walk is over. */
  get finished(): boolean {
    return this.running === 0 && (this.stopped || (this.ready.size === 0 && this.blocked.size === 0));
  }

  /** The phase of `v`. */
  phase(v: string): VertexPhase {
    const e = this.entries.get(v);
    if (!e) throw new Error(`unknown vertex ${v}`);
    return e.phase;
  }

  /** For a skipped vertex, the failed vertex that caused the skip. */
  failedAncestor(v: string): string | undefined {
    return this.upstream.get(v);
  }

  /**
   * Marks and returns the vertices to start now, best first: as many ready vertices as the
   * free slots allow (at most `max`), passing over any whose claims are at their limit.
   * Empty after {@link stop}.
   */
  take(max = Infinity): string[] {
    const out: string[] = [];
    while (!this.stopped && out.length < max && this.running < this.parallelism && this.ready.size) {
      const e = this.ready.pop()!;
      const full = e.claims.find((c) => (this.inUse.get(claimKey(c)) ?? 0) >= (this.limits[c.kind] ?? Infinity));
      if (full) {
        const k = claimKey(full);
        (this.blocked.get(k) ?? this.blocked.set(k, []).get(k)!).push(e);
        continue;
      }
      for (const c of e.claims) this.inUse.set(claimKey(c), (this.inUse.get(claimKey(c)) ?? 0) + 1);
      e.phase = 'running';
      this.running++;
      out.push(e.id);
    }
    return out;
  }

  /**
   * Records the outcome of a running vertex. On success its dependents whose dependencies
   * are all ok become ready. On failure every descendant still waiting is skipped (once,
   * naming `v` as the failed ancestor) and returned, sorted; independent vertices go on.
   */
  complete(v: string, ok: boolean): string[] {
    const e = this.entries.get(v);
    if (!e || e.phase !== 'running') throw new Error(`complete(${v}): vertex is not running`);
    this.running--;
    e.phase = ok ? 'ok' : 'failed';
    for (const c of e.claims) {
      const k = claimKey(c);
      this.inUse.set(k, this.inUse.get(k)! - 1);
      const waiting = this.blocked.get(k);
      if (waiting) {
        this.blocked.delete(k);
        for (const w of waiting) this.ready.push(w);
      }
    }
    if (ok) {
      const freed: Entry[] = [];
      for (const d of this.graph.dependentsOf(v)) {
        const de = this.entries.get(d)!;
        if (--de.pendingDeps === 0 && de.phase === 'waiting') freed.push(de);
      }
      freed.sort((a, b) => compareIds(a.id, b.id));
      for (const de of freed) this.makeReady(de);
      return [];
    }
    const skipped: string[] = [];
    const stack = [...this.graph.dependentsOf(v)];
    while (stack.length) {
      const d = stack.pop()!;
      const de = this.entries.get(d)!;
      if (de.phase !== 'waiting') continue; // already skipped or cancelled: reported once
      de.phase = 'skipped';
      this.upstream.set(d, v);
      skipped.push(d);
      stack.push(...this.graph.dependentsOf(d));
    }
    return skipped.sort(compareIds);
  }

  /**
   * Starts nothing new from now on: every vertex not yet running becomes `cancelled` and is
   * returned, sorted. Running vertices still report through {@link complete}.
   */
  stop(): string[] {
    if (this.stopped) return [];
    this.stopped = true;
    const out: string[] = [];
    for (const e of this.entries.values()) {
      if (e.phase === 'waiting' || e.phase === 'ready') {
        e.phase = 'cancelled';
        out.push(e.id);
      }
    }
    this.blocked.clear();
    while (this.ready.size) this.ready.pop();
    return out.sort(compareIds);
  }

  private makeReady(e: Entry): void {
    e.phase = 'ready';
    e.seq = this.seq++;
    this.ready.push(e);
  }
}

/** A vertex claiming the same budget twice would wait for itself under a limit of 1. */
function dedupe(claims: readonly Claim[]): Claim[] {
  const seen = new Map<string, Claim>();
  for (const c of claims) seen.set(claimKey(c), c);
  return [...seen.values()];
}

function claimKey(c: Claim): string {
  return `${c.kind}\u0000${c.key}`;
}
