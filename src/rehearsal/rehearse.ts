/**
 * Rehearses a plan: the apply runs, with the same executor, scheduler and parallelism, against
 * an in-process copy of the pools (`copy.ts`) and a throw-away state, before anything real is
 * touched. The real pools are only read (their records, and a few timed reads); the real state
 * and its lock are left alone. Each change that fails on the copy is reported with its XenAPI
 * error, and the real apply's wall time is estimated from the calls the copy received.
 */
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from '../diagnostics';
import { withRefreshedPrior } from '../engine/prior-state';
import { LiveState } from '../engine/state-adapter';
import { applyStatements } from '../engine/statements-apply';
import type { Workspace } from '../engine/workspace';
import { executePlan } from '../executor/apply';
import { ChangeReads, LiveWorld, WriteLog } from '../live-world';
import type { Plan } from '../plan/model';
import { PoolUnavailableError } from '../provider/runtime';
import type { ApplyContext } from '../resources/resource';
import type { ServedCopy } from '../simulator/from-records';
import type { StateManager } from '../state/manager';
import type { State } from '../state/model';
import { XapiClient } from '../xenapi';
import { withCompilerTuning } from './compiler-tuning';
import { copyPools, roundTrips } from './copy';
import { waitedGuestCidrs } from './guest-networks';
import { inProcessTransport } from './transport';
import { estimateApply } from './estimate';
import type { Rehearsal, RehearsalFailure } from './model';
import { CallRecorder } from './recorder';

export interface RehearseOptions {
  /** The apply's -parallelism (default 10). */
  readonly parallelism?: number;
  /** Shown the copy once the rehearsal's apply is done, before it is dropped (tests compare it with the pools). */
  readonly inspectCopy?: (copy: ServedCopy) => void;
  /** Shown the copy once built, before the apply (tests watch the calls it gets). */
  readonly onCopy?: (copy: ServedCopy) => void;
}

/**
 * The throw-away state: what the state adapter and the statements need of a state manager
 * (`state`, `apply`), held in memory and never written.
 */
class ScratchState {
  constructor(public state: State) {}
  apply(mutation: (s: State) => State): Promise<void> {
    this.state = mutation(this.state);
    return Promise.resolve();
  }
}

/** True when the plan asks the apply for anything a copy can tell about. */
export function hasRehearsableChanges(plan: Plan): boolean {
  return plan.mode !== 'refresh-only' && plan.changes.some((c) => c.action !== 'no-op');
}

/** A rehearsal and the diagnostics its apply gave (what the real apply would print). */
export interface RehearsalRun {
  readonly rehearsal: Rehearsal;
  readonly diagnostics: readonly Diagnostic[];
  /** Where the rehearsal's wall time went, in ms (the bench prints it). */
  readonly phases: RehearsalPhases;
}

/** Wall time of each part of a rehearsal, in ms. */
export interface RehearsalPhases {
  /** Records caught up, loaded into the copy and served; round trips to the real pools timed. */
  readonly load: number;
  /** The executor's apply on the copy. */
  readonly apply: number;
  /** The virtual-time replay of the schedule. */
  readonly estimate: number;
  /** Clients logged out, the copy's listeners closed. */
  readonly teardown: number;
}

/**
 * Applies `plan` to a copy of the workspace's pools and reports what happened there.
 * Throws {@link PoolUnavailableError} (or what reading a pool throws) when a pool cannot be read.
 * V8 compiles without inlining meanwhile (`compiler-tuning.ts`): the same code, less CPU.
 */
export function rehearsePlan(ws: Workspace, plan: Plan, opts: RehearseOptions = {}): Promise<RehearsalRun> {
  return withCompilerTuning(() => rehearse(ws, plan, opts));
}

async function rehearse(ws: Workspace, plan: Plan, opts: RehearseOptions): Promise<RehearsalRun> {
  const t0 = performance.now();
  const parallelism = opts.parallelism ?? 10;
  const runtime = await ws.runtime();
  const copy = await copyPools(runtime, { guestCidrs: waitedGuestCidrs(plan) });
  opts.onCopy?.(copy);
  const recorder = new CallRecorder();
  const clients = new Map<string, Promise<XapiClient>>();
  const phases = { load: 0, apply: 0, estimate: 0, teardown: 0 };
  let mark = t0;
  const lap = (phase: keyof typeof phases): void => { const now = performance.now(); phases[phase] += now - mark; mark = now; };
  try {
    const rtt = await roundTrips(runtime);
    lap('load');
    const client = (pool: string): Promise<XapiClient> => {
      const url = copy.pools.get(pool);
      if (!url) return Promise.reject(new PoolUnavailableError(pool, `no pool named "${pool}" is configured (pools: ${runtime.pools.join(', ')})`));
      let c = clients.get(pool);
      if (!c) {
        // RPCs are dispatched in-process (no sockets, no HTTP parsing); the URL still serves uploads.
        const made = new XapiClient({ url, credentials: { username: copy.username, password: copy.password }, transportFactory: (u) => inProcessTransport(copy.world, copy.world.pool(pool), u) });
        c = made.login().then(() => made);
        clients.set(pool, c);
      }
      return c;
    };
    const live = new LiveWorld({ pools: runtime.pools, defaultPool: runtime.defaultPool, client: async (pool) => recorder.clientFor(await client(pool), pool, '') });
    const scratch = new ScratchState(withRefreshedPrior(ws.manager.state, plan));
    // The adapters take a state manager; they only read `state` and call `apply`.
    const manager = scratch as unknown as StateManager;
    const failed = new Map<string, { verb: string; message: string; xapiError?: RehearsalFailure['xapiError'] }>();
    const skipped: string[] = [];
    // Each step reads as the real apply's steps do (provider/runtime.ts): fresh as of the end of
    // what it depends on and of its own writes, not as of its start, which made every step
    // catch up the whole pool (about twice the real apply's event.from calls).
    const writes = new WriteLog();
    const applyContext = (address: string, progress: ApplyContext['progress'], signal?: AbortSignal, floor?: number): ApplyContext => {
      const reads = floor === undefined ? new ChangeReads(live, 0, writes) : new ChangeReads(live, floor);
      return {
        address,
        lineage: ws.manager.lineage,
        pools: runtime.pools,
        signal,
        progress,
        client: async (pool) => reads.client(pool, recorder.clientFor(await client(pool), pool, address)),
        // A step's records wait for at most one catch-up of the pool: counted as one call of the step.
        records: async (pool, classes, opts) => {
          const end = recorder.begin(pool, address);
          try { return await reads.records(pool, classes, opts); } finally { end(); }
        },
      };
    };
    const statements = await applyStatements(manager, plan);
    // From here the apply's writes are only read back by its own steps: a map of the objects
    // (the real apply's State copies a resource's instance list at every write: N² at N
    // instances of one resource, and nothing here is ever saved).
    const objects = new Map(new LiveState(manager).current());
    const result = await executePlan({
      plan: statements,
      config: plan.mode === 'destroy' ? undefined : ws.config,
      contexts: { applyContext, defaultPool: runtime.defaultPool, mark: () => live.mark() },
      state: {
        put: (c, a) => { objects.set(c.address, a); return Promise.resolve(); },
        remove: (c) => { objects.delete(c.address); return Promise.resolve(); },
        current: () => new Map(objects),
      },
      parallelism,
      onEvent: (e) => {
        if (e.type === 'start') recorder.started(e.address, e.verb === 'destroy');
        else if (e.type === 'failed') {
          const seen = recorder.lastError.get(recorder.vertexOf(e.address));
          failed.set(e.address, { verb: e.verb, message: e.message, ...(seen ? { xapiError: seen } : {}) });
        } else if (e.type === 'skipped') skipped.push(e.address);
      },
    });
    lap('apply');
    const failures = failuresOf(failed, new Set(skipped), result.diagnostics);
    opts.inspectCopy?.(copy);
    const estimate = estimateApply(plan, recorder, rtt, parallelism);
    lap('estimate');
    const rehearsal: Rehearsal = {
      ok: failures.length === 0 && result.ok,
      changes: plan.changes.filter((c) => c.action !== 'no-op').length,
      failures: failures.sort((a, b) => a.address.localeCompare(b.address)),
      skipped: [...new Set(skipped)].sort(),
      pools: runtime.pools.map((pool) => ({ pool, calls: recorder.perPool.get(pool) ?? 0, roundTripMs: round(rtt.get(pool) ?? 0) })),
      estimatedSeconds: estimate.seconds,
      estimateMethod: estimate.method,
      parallelism,
      elapsedMs: Math.round(performance.now() - t0),
    };
    // `phases` is filled in once more by the teardown below, before the caller gets it.
    return { rehearsal, diagnostics: result.diagnostics, phases };
  } finally {
    await closeAll(clients, copy);
    lap('teardown');
  }
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/**
 * One failure per failed change, with the apply's own summary of it (the first error naming
 * the address) and the XenAPI error the change got; errors the walk gave no change (a value
 * that cannot be resolved) fail the real apply too and are listed under their address, or ''.
 * Changes skipped because one they depend on failed are not failures of their own.
 */
function failuresOf(failed: ReadonlyMap<string, { verb: string; message: string; xapiError?: RehearsalFailure['xapiError'] }>, skipped: ReadonlySet<string>, diagnostics: readonly Diagnostic[]): RehearsalFailure[] {
  const out = new Map<string, RehearsalFailure>();
  for (const [address, f] of failed) out.set(address, { address, ...f });
  for (const d of diagnostics) {
    // A change not tried ("upstream failed") is listed apart, not as a failure of its own.
    if (d.severity !== 'error' || (d.address && skipped.has(d.address))) continue;
    const address = d.address ?? '';
    const known = out.get(address);
    if (!known) out.set(address, { address, verb: 'apply', message: d.summary });
    else if (failed.has(address) && known.message === failed.get(address)!.message) out.set(address, { ...known, message: d.summary });
  }
  return [...out.values()].sort((a, b) => a.address.localeCompare(b.address));
}

async function closeAll(clients: Map<string, Promise<XapiClient>>, copy: ServedCopy): Promise<void> {
  const made = await Promise.allSettled([...clients.values()]);
  await Promise.allSettled(made.map((c) => (c.status === 'fulfilled' ? c.value.close() : undefined)));
  await copy.close();
}
