/**
 * Applies a plan: one vertex per create/update/migrate/read and one per destroy, walked in
 * dependency order with bounded parallelism, longest remaining path first, at most N storage
 * migrations per host. Each completed change goes to the state sink before the walk moves on
 * from it; a failure fails only its dependents ("upstream failed").
 */
import { Diagnostic, error } from '../diagnostics';
import { walk, type WalkEvent } from '../dag';
import type { Plan, ResourceChange } from '../plan/model';
import type { ConfigPort } from '../plan/ports';
import { dataSourceType, resourceType } from '../resources/registry';
import { CreatedButFailed, ResourceError, type ApplyContext, type ProgressEvent } from '../resources/resource';
import { isXapiError, describeCall } from '../xenapi';
import { assertPostconditions, assertPreconditions } from './conditions';
import { applyGraph, blockOf, estimateSeconds, storageClaims } from './graph';
import type { ApplyEvent, ApplyVerb, StateSink } from './ports';
import { resolveChange, resolveDataConfig } from './resolve';
import { ApplyView } from './evaluation-cache';

export interface ExecuteRequest {
  readonly plan: Plan;
  /** The configuration, to resolve values unknown at plan time (absent for destroy). */
  readonly config?: ConfigPort;
  readonly contexts: {
    /**
     * The context of one step. `floor` is a {@link ExecuteRequest.contexts.mark} taken after
     * every change the step depends on completed: what they changed must be in its records.
     */
    applyContext(address: string, progress: (e: ProgressEvent) => void, signal?: AbortSignal, floor?: number): ApplyContext;
    readonly defaultPool: string;
    /** A moment in the records' order (the live world's mark); without it each step reads as of its start. */
    mark?(): number;
  };
  readonly state: StateSink;
  readonly parallelism?: number;
  /** Concurrent storage migrations per host (XAPI allows 3). */
  readonly storageMigrationsPerHost?: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: ApplyEvent) => void;
}

export interface ExecuteResult {
  readonly ok: boolean;
  readonly cancelled: boolean;
  readonly counts: { added: number; changed: number; migrated: number; destroyed: number };
  readonly diagnostics: Diagnostic[];
}

function verbOf(change: ResourceChange, destroy: boolean): ApplyVerb {
  if (destroy) return 'destroy';
  if (change.mode === 'data') return 'read';
  if (change.action === 'update') return 'update';
  if (change.action === 'migrate') return 'migrate';
  return 'create';
}

export async function executePlan(req: ExecuteRequest): Promise<ExecuteResult> {
  const changes = req.plan.changes.filter((c) => c.action !== 'no-op');
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const cg = applyGraph(changes);
  const vertexOf = new Map<string, { change: ResourceChange; destroy: boolean }>();
  for (const [address, v] of cg.applyVertex) vertexOf.set(v, { change: byAddress.get(address)!, destroy: false });
  for (const [address, v] of cg.destroyVertex) vertexOf.set(v, { change: byAddress.get(address)!, destroy: true });
  const diagnostics: Diagnostic[] = [];
  const counts = { added: 0, changed: 0, migrated: 0, destroyed: 0 };
  const emit = (e: ApplyEvent) => req.onEvent?.(e);
  const started = new Map<string, number>();
  // The state as the steps see it, kept change by change (evaluation-cache.ts): rebuilding it
  // and evaluating a block over it for every step made an apply of N objects cost N².
  const view = new ApplyView(req.state.current(), req.config);
  const throughData = viaDataSources(req.config);
  const state: StateSink = {
    put: (change, attributes, opts) => {
      const recorded = change.mode === 'managed' ? { ...change, dependsOn: throughData(change.dependsOn) } : change;
      const done = req.state.put(recorded, attributes, opts);
      view.changed(change.address, attributes);
      return done;
    },
    remove: (change) => { const done = req.state.remove(change); view.changed(change.address, undefined); return done; },
    current: () => view.current(),
  };
  const steps: ExecuteRequest = { ...req, state };
  // When each step ended, in the records' order: a step needs its records fresh only as of the
  // end of its dependencies (and of its own writes), not as of the end of every other step,
  // which would make each step catch up the whole pool again.
  const mark = req.contexts.mark?.bind(req.contexts);
  const begun = mark?.();
  const endedAt = new Map<string, number>();
  const floorOf = (vertex: string): number | undefined => {
    if (begun === undefined) return undefined;
    let floor = begun;
    for (const d of cg.graph.dependenciesOf(vertex)) floor = Math.max(floor, endedAt.get(d) ?? begun);
    return floor;
  };

  // Each step's state write, by vertex. A step hands its parallelism slot back once its change
  // is made, not once the write holding it is on disk: a write encodes the whole state, and
  // ten steps waiting for it kept the pools idle. The change counts as complete (and its
  // dependents start their work) only when its write is done.
  const persisted = new Map<string, Promise<void>>();
  const saved = async (vertex: string): Promise<void> => {
    for (const d of cg.graph.dependenciesOf(vertex)) {
      try {
        await persisted.get(d);
      } catch {
        const dep = vertexOf.get(d)!.change.address;
        throw new ResourceError(error('apply.upstream-failed', `${vertexOf.get(vertex)!.change.address}: not applied: upstream failed`, {
          address: vertexOf.get(vertex)!.change.address,
          detail: `It depends on ${dep}, whose change could not be saved in the state. Fix that error and apply again.`,
        }));
      }
    }
  };
  const completed = (vertex: string, change: ResourceChange, destroy: boolean): void => {
    if (destroy) counts.destroyed++;
    else if (change.mode === 'managed') {
      if (change.action === 'update') counts.changed++;
      else if (change.action === 'migrate') counts.migrated++;
      else counts.added++;
    }
    const at = Date.now(); // the walk's clock
    emit({ type: 'complete', address: change.address, verb: verbOf(change, destroy), elapsedMs: at - (started.get(vertex) ?? at) });
  };

  const task = async (vertex: string) => {
    const { change, destroy } = vertexOf.get(vertex)!;
    const verb = verbOf(change, destroy);
    // Its dependencies' writes first; only then does the change begin (and say so).
    await saved(vertex);
    started.set(vertex, Date.now());
    const id = typeof change.before?.id === 'string' ? change.before.id : undefined;
    emit({ type: 'start', address: change.address, verb, ...(id && verb !== 'create' ? { id } : {}) });
    const progress = (p: ProgressEvent) => emit(p.kind === 'bytes'
      ? { type: 'progress', address: change.address, verb, bytesDone: p.done, bytesTotal: p.total }
      : { type: 'progress', address: change.address, verb, text: p.text });
    // The walk's signal is not handed on: it aborts on the first interrupt, whose contract is
    // that running changes finish (an XAPI call cut off mid-flight may have acted, leaving an
    // object the state does not record). A second interrupt exits the process instead.
    const actx = req.contexts.applyContext(change.address, progress, undefined, floorOf(vertex));
    let written: Promise<void>;
    try {
      written = (destroy ? await destroyOne(change, actx, state) : await applyOne(change, actx, steps, view)).written;
    } catch (err) {
      if (mark) endedAt.set(vertex, mark());
      if (err instanceof CreatedButFailed && !destroy) {
        // The object exists: in the state, tainted, before the change is reported failed.
        await state.put(change, err.state, { tainted: true });
        const d = toDiagnostic(change, verb, err.failure);
        diagnostics.push({ ...d, detail: `${d.detail ? `${d.detail} ` : ''}The object was created and is recorded as tainted: the next plan replaces it.` });
        throw err.failure;
      }
      const d = toDiagnostic(change, verb, err);
      diagnostics.push(d);
      throw err;
    }
    if (mark) endedAt.set(vertex, mark());
    const done = written.then(() => completed(vertex, change, destroy), (err: unknown) => {
      diagnostics.push(toDiagnostic(change, verb, err));
      emit({ type: 'failed', address: change.address, verb, message: (err as Error)?.message ?? String(err) });
      throw err;
    });
    done.catch(() => undefined); // reported above; awaited again after the walk
    persisted.set(vertex, done);
  };

  const result = await walk(cg.graph, task, {
    parallelism: req.parallelism ?? 10,
    limits: { 'storage-migration': req.storageMigrationsPerHost ?? 3 },
    claims: (v) => (vertexOf.get(v)!.destroy ? [] : storageClaims(vertexOf.get(v)!.change)),
    estimate: (v) => estimateSeconds(vertexOf.get(v)!.change, vertexOf.get(v)!.destroy),
    signal: req.signal,
    onEvent: (e: WalkEvent) => {
      const info = vertexOf.get(e.id)!;
      const verb = verbOf(info.change, info.destroy);
      const address = info.change.address;
      // 'start' from the task, once its dependencies are saved; 'complete' once the change is
      // in the state (see `persisted`).
      if (e.type === 'finish' && e.result.status === 'failed') emit({ type: 'failed', address, verb, message: (e.result.error as Error)?.message ?? String(e.result.error) });
      else if (e.type === 'skip') {
        emit({ type: 'skipped', address, verb, failedAncestor: vertexOf.get(e.failedAncestor)?.change.address ?? e.failedAncestor });
      } else if (e.type === 'cancel') emit({ type: 'cancelled', address, verb });
    },
  });
  const writes = await Promise.allSettled(persisted.values());
  const ok = result.ok && writes.every((w) => w.status === 'fulfilled');
  for (const [v, r] of result.results) {
    if (r.status === 'skipped') {
      const failed = vertexOf.get(r.failedAncestor)?.change.address ?? r.failedAncestor;
      diagnostics.push(error('apply.upstream-failed', `${vertexOf.get(v)!.change.address}: not applied: upstream failed`, {
        address: vertexOf.get(v)!.change.address,
        detail: `It depends on ${failed}, which failed. Fix that error and apply again.`,
      }));
    }
  }
  return { ok, cancelled: result.cancelled, counts, diagnostics };
}

/** What a step leaves pending when its change is made: the state write recording it. */
interface Made { readonly written: Promise<void> }

async function applyOne(change: ResourceChange, ctx: ApplyContext, req: ExecuteRequest, view: ApplyView): Promise<Made> {
  assertPreconditions(change, req.config, () => req.state.current());
  if (change.mode === 'data') {
    const ds = dataSourceType(change.type);
    if (!ds) throw new ResourceError(error('apply.unsupported', `${change.address}: data source ${change.type} is not available`, { address: change.address }));
    const resolved = resolveDataConfig(change, req.config, req.state.current(), (b) => view.evaluate(b));
    const bad = resolved.diagnostics.find((d) => d.severity === 'error');
    if (bad) throw new ResourceError(bad);
    const pool = typeof resolved.config.pool === 'string' ? resolved.config.pool : req.contexts.defaultPool;
    const { WorldSnapshot } = await import('../resources/snapshot');
    const world = new WorldSnapshot();
    const recs = await ctx.records(pool, ds.classes);
    for (const cls of ds.classes) world.pool(pool).setClass(cls, recs.all(cls) as never);
    const res = ds.read({ config: resolved.config, world, defaultPool: req.contexts.defaultPool });
    if (!res.state) throw new ResourceError(res.diagnostics?.[0] ?? error('apply.data-failed', `${change.address}: no result`));
    return settle(req.state.put(change, res.state), () => assertPostconditions(change, res.state!, req.config, () => req.state.current()));
  }
  const rt = resourceType(change.type);
  if (!rt) throw new ResourceError(error('apply.unsupported', `${change.address}: resource type ${change.type} is not implemented in this build`, { address: change.address }));
  // Its block evaluated by the view (cached); routing reads only the networks and pool links.
  const resolved = resolveChange(change, req.config, view.routingInstances(), req.contexts.defaultPool, (b) => view.evaluate(b));
  const bad = resolved.diagnostics.find((d) => d.severity === 'error');
  if (bad) throw new ResourceError(bad);
  let res;
  if (change.action === 'update') res = await rt.update({ prior: change.before!, planned: resolved.planned, config: resolved.config, ctx });
  else if (change.action === 'migrate') {
    if (!rt.migrate) throw new ResourceError(error('apply.no-migrate', `${change.address}: ${change.type} cannot migrate`, { address: change.address }));
    res = await rt.migrate({ prior: change.before!, planned: resolved.planned, config: resolved.config, ctx });
  } else res = await rt.create({ planned: resolved.planned, config: resolved.config, ctx });
  const made = res.state;
  return settle(req.state.put(change, made), () => assertPostconditions(change, made, req.config, () => req.state.current()));
}

async function destroyOne(change: ResourceChange, ctx: ApplyContext, state: StateSink): Promise<Made> {
  if (change.mode === 'data' || !change.before) return { written: state.remove(change) };
  const rt = resourceType(change.type);
  if (!rt) throw new ResourceError(error('apply.unsupported', `${change.address}: resource type ${change.type} is not implemented in this build`, { address: change.address }));
  await rt.delete({ prior: change.before, ctx });
  return { written: state.remove(change) };
}

/**
 * The step's pending write, after `check` (postconditions) passed; when it throws, the step
 * fails once the write is done, so the state still records what exists.
 */
async function settle(written: Promise<void>, check: () => void): Promise<Made> {
  try {
    check();
  } catch (err) {
    await written;
    throw err;
  }
  return { written };
}

/** A failure as the user should read it: which resource, which call, what XAPI said. */
function toDiagnostic(change: ResourceChange, verb: ApplyVerb, err: unknown): Diagnostic {
  if (err instanceof ResourceError) return { ...err.diagnostic, address: err.diagnostic.address ?? change.address };
  if (isXapiError(err)) {
    return error('apply.xapi-error', `${change.address}: ${verb} failed: ${err.message}`, {
      address: change.address,
      detail: `XAPI refused ${err.call ? describeCall(err.call) : 'a call'}. Fix the cause and run apply again; completed changes are saved in the state.`,
    });
  }
  return error('apply.failed', `${change.address}: ${verb} failed: ${(err as Error)?.message ?? String(err)}`, { address: change.address });
}

/**
 * The dependencies a managed object records in the state, with the managed blocks it reaches
 * through data sources added (as Terraform records them): a VM whose NIC names
 * `data.xcp_network.lan`, which reads `xcp_network.lan`, must be destroyed before that network
 * by a later destroy, whose only order is the state's.
 */
function viaDataSources(config: ConfigPort | undefined): (deps: readonly string[]) => string[] {
  const blocks = new Map((config?.blocks ?? []).map((b) => [b.address, b]));
  return (deps) => {
    const out = new Set(deps);
    const stack = [...deps];
    while (stack.length) {
      const block = blocks.get(blockOf(stack.pop()!));
      if (block?.mode !== 'data') continue;
      for (const r of block.references) if (!out.has(r)) { out.add(r); stack.push(r); }
    }
    return [...out].sort();
  };
}
