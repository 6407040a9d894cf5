/**
 * Refresh: one bulk read (`get_all_records`) per XAPI class per pool, then each resource maps its
 * own state from those records. A resource never issues a call per object just to refresh, so
 * 10,000 VMs cost a handful of round trips instead of 10,000.
 */
import { Diagnostic, error } from '../diagnostics';
import { resourceType } from '../resources/registry';
import { WorldSnapshot } from '../resources/snapshot';
import type { ObjectValue } from '../values/value';
import { getAllRecords, isXapiError, type XapiClass, type XapiClient } from '../xenapi';

/** A managed object recorded in state. */
export interface PriorInstance {
  readonly address: string;
  readonly type: string;
  readonly attributes: ObjectValue;
}

/** Where refresh gets records from: an authenticated client per configured pool. */
export interface RecordSource {
  readonly pools: readonly string[];
  readonly defaultPool: string;
  client(pool: string): Promise<XapiClient>;
}

export interface RefreshResult {
  readonly world: WorldSnapshot;
  /** New state by address; null when the object was deleted outside xcpform. */
  readonly refreshed: ReadonlyMap<string, ObjectValue | null>;
  readonly diagnostics: Diagnostic[];
}

/** The pool an instance lives in: its `pool` attribute, or the default pool. */
export function poolOf(attrs: ObjectValue | null, defaultPool: string): string {
  const p = attrs?.pool;
  return typeof p === 'string' && p ? p : defaultPool;
}

/**
 * Reads every class the given instances (plus `extraClasses`) need, once per pool, into a
 * snapshot. Pools that fail to answer give one diagnostic each; their instances keep the prior
 * state (and are reported), so one unreachable pool never blanks another's state.
 */
export async function fetchSnapshot(
  source: RecordSource,
  needs: ReadonlyMap<string, ReadonlySet<XapiClass>>,
  diagnostics: Diagnostic[],
): Promise<{ world: WorldSnapshot; failedPools: Set<string> }> {
  const world = new WorldSnapshot();
  const failedPools = new Set<string>();
  await Promise.all([...needs].map(async ([pool, classes]) => {
    if (!source.pools.includes(pool)) {
      failedPools.add(pool);
      diagnostics.push(error('refresh.unknown-pool', `pool "${pool}" is not configured`, {
        detail: `State or configuration refers to pool "${pool}", but the provider's pools are: ${source.pools.join(', ')}. Add it to the provider block's pools.`,
      }));
      return;
    }
    try {
      const client = await source.client(pool);
      const snap = world.pool(pool);
      const maps = await Promise.all([...classes].map(async (cls) => [cls, await getAllRecords(client, cls, { idempotent: true })] as const));
      for (const [cls, map] of maps) snap.setClass(cls, map as never);
    } catch (err) {
      failedPools.add(pool);
      diagnostics.push(error('refresh.pool-failed', `cannot read pool "${pool}"`, {
        detail: `${isXapiError(err) ? `${err.message}` : (err as Error).message}. Check the pool's url and credentials, or plan with -refresh=false.`,
      }));
    }
  }));
  return { world, failedPools };
}

/** Refreshes the given instances; see the file comment. */
export async function refreshInstances(
  instances: readonly PriorInstance[],
  source: RecordSource,
  extraNeeds: ReadonlyMap<string, ReadonlySet<XapiClass>> = new Map(),
): Promise<RefreshResult> {
  const diagnostics: Diagnostic[] = [];
  const needs = new Map<string, Set<XapiClass>>();
  const add = (pool: string, classes: Iterable<XapiClass>) => {
    let set = needs.get(pool);
    if (!set) { set = new Set(); needs.set(pool, set); }
    for (const c of classes) set.add(c);
  };
  for (const [pool, classes] of extraNeeds) add(pool, classes);
  for (const inst of instances) {
    const rt = resourceType(inst.type);
    if (rt) add(poolOf(inst.attributes, source.defaultPool), rt.classes);
  }
  const { world, failedPools } = await fetchSnapshot(source, needs, diagnostics);
  const refreshed = new Map<string, ObjectValue | null>();
  for (const inst of instances) {
    const rt = resourceType(inst.type);
    if (!rt || failedPools.has(poolOf(inst.attributes, source.defaultPool))) {
      refreshed.set(inst.address, inst.attributes);
      continue;
    }
    const res = rt.read({ prior: inst.attributes, world });
    for (const d of res.diagnostics ?? []) diagnostics.push({ ...d, address: d.address ?? inst.address });
    refreshed.set(inst.address, res.state);
  }
  return { world, refreshed, diagnostics };
}
