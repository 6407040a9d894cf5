/**
 * The rehearsal's copy of the pools: every record of every configured pool, read through the
 * runtime's live world (the bulk read the real apply then shares, caught up with `event.from`
 * instead of read again), loaded into an in-process simulator world and served on loopback.
 * Also measures the round trip of a call to each real pool, for the time estimate.
 */
import { performance } from 'node:perf_hooks';
import type { ProviderRuntime } from '../provider/runtime';
import { serveCopy, type CopyOptions, type PoolTables, type ServedCopy } from '../simulator/from-records';
import { eventFrom, XAPI_CLASSES, type XapiClass } from '../xenapi';

/**
 * Classes copied: every class the client reads except tasks and messages (a task in flight on
 * the real pool is nobody's business in the copy, and messages change nothing an apply does).
 */
export const COPIED_CLASSES: readonly XapiClass[] = XAPI_CLASSES.filter((c) => c !== 'task' && c !== 'message');

/** Calls timed per pool for the round trip (their average is used). */
const PINGS = 3;

/**
 * Builds and serves the copy of the configured pools; throws what reading a pool throws.
 * `opts.guestCidrs`: networks the copy's guests report an address in (see {@link CopyOptions}).
 */
export async function copyPools(runtime: ProviderRuntime, opts: CopyOptions = {}): Promise<ServedCopy> {
  const live = runtime.liveWorld();
  const pools: PoolTables[] = await Promise.all(runtime.pools.map(async (name) => {
    const records = await live.records(name, COPIED_CLASSES);
    const tables: Record<string, ReadonlyMap<string, unknown>> = {};
    for (const cls of COPIED_CLASSES) tables[cls] = records.all(cls);
    return { name, tables };
  }));
  return serveCopy(pools, opts);
}

/**
 * Average round trip of the smallest call to each real pool, in ms: `event.from` for no class
 * with timeout 0 (what the live world asks for its first token), which changes nothing and
 * moves no records.
 */
export async function roundTrips(runtime: ProviderRuntime): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await Promise.all(runtime.pools.map(async (pool) => {
    const client = await runtime.client(pool);
    let total = 0;
    for (let i = 0; i < PINGS; i++) {
      const t0 = performance.now();
      await eventFrom(client, [], '', 0);
      total += performance.now() - t0;
    }
    out.set(pool, total / PINGS);
  }));
  return out;
}
