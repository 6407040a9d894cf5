/**
 * A resource test harness: the embedded simulator over real HTTP, one authenticated client per
 * pool, an `ApplyContext` for resource calls, and bulk snapshots for `read` and `plan` (the
 * same `get_all_records` sweep the refresher does). Generic over resource types.
 */
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';
import type { ApplyContext, ProgressEvent } from '../../src/resources/resource';
import { PoolRecords, WorldSnapshot } from '../../src/resources/snapshot';
import { XAPI_CLASSES, XapiClient, type XapiClass } from '../../src/xenapi';
import { planResourceChange } from '../../src/plan/diff';
import type { ResourceSchema } from '../../src/schema/model';
import type { ResourceType } from '../../src/resources/resource';
import { isObjectValue, isUnknown, type ObjectValue, type Value } from '../../src/values/value';

export interface ResourceHarness {
  readonly sim: RunningSimulator;
  /** Pool names, in creation order (the first is the default). */
  readonly pools: readonly string[];
  /** The client of a pool (logged in lazily). */
  client(pool?: string): XapiClient;
  /** An ApplyContext for the resource at `address`; progress events are collected in `progress`. */
  ctx(address: string): ApplyContext & { readonly events: ProgressEvent[] };
  /** Fresh records of one pool. */
  records(pool: string, classes?: readonly XapiClass[]): Promise<PoolRecords>;
  /** Fresh records of every pool (the refresh sweep), for `read`, `plan` and `import`. */
  world(classes?: readonly XapiClass[]): Promise<WorldSnapshot>;
  close(): Promise<void>;
}

async function fill(target: PoolRecords, client: XapiClient, classes: readonly XapiClass[]): Promise<void> {
  const maps = await Promise.all(classes.map(async (cls) => [cls, await client.getAllRecords(cls)] as const));
  for (const [cls, map] of maps) target.setClass(cls, map as never);
}

/** Starts a simulator (default: pools dc1 and cloud1 of two hosts, guests boot in 20 ms). */
export async function startResourceHarness(opts: SimulatorOptions = {}): Promise<ResourceHarness> {
  const sim = await startSimulator({ guestBootMs: 20, ...opts });
  const clients = new Map<string, XapiClient>();
  for (const p of sim.pools) {
    clients.set(p.name, new XapiClient({ url: p.url, credentials: { username: 'root', password: 'xcpform' }, retry: { maxAttempts: 3, baseDelayMs: 5 } }));
  }
  const pools = sim.pools.map((p) => p.name);
  const client = (pool = pools[0]): XapiClient => {
    const c = clients.get(pool);
    if (!c) throw new Error(`no pool ${pool}`);
    return c;
  };
  const records = async (pool: string, classes: readonly XapiClass[] = XAPI_CLASSES): Promise<PoolRecords> => {
    const r = new PoolRecords(pool);
    await fill(r, client(pool), classes);
    return r;
  };
  return {
    sim,
    pools,
    client,
    ctx(address) {
      const events: ProgressEvent[] = [];
      return {
        address,
        pools,
        events,
        client: async (pool) => client(pool),
        records,
        progress: (e) => void events.push(e),
      };
    },
    records,
    async world(classes = XAPI_CLASSES) {
      const w = new WorldSnapshot();
      await Promise.all(pools.map((p) => fill(w.pool(p), client(p), classes)));
      return w;
    },
    async close() {
      await Promise.all([...clients.values()].map((c) => c.close().catch(() => undefined)));
      await sim.close();
    },
  };
}

// Planning helpers: configuration objects and the diff + plan hook, as the planner runs them.

/** A configuration object: every attribute and block of the schema present, null unless given. */
export function configOf(schema: ResourceSchema, given: ObjectValue): ObjectValue {
  const out: ObjectValue = {};
  for (const name of Object.keys(schema.block.attributes)) out[name] = null;
  for (const name of Object.keys(schema.block.blockTypes ?? {})) out[name] = null;
  for (const [name, bt] of Object.entries(schema.block.blockTypes ?? {})) {
    const v = given[name];
    if (v === undefined || v === null) continue;
    const items = (Array.isArray(v) ? v : [v]).map((item) => {
      const o: ObjectValue = {};
      for (const a of Object.keys(bt.block.attributes)) o[a] = null;
      return { ...o, ...(item as ObjectValue) };
    });
    out[name] = bt.nesting === 'single' ? items[0] : items;
  }
  for (const [k, v] of Object.entries(given)) if (!(k in (schema.block.blockTypes ?? {}))) out[k] = v;
  return out;
}

/** The schema diff followed by the resource's plan hook, as the planner runs them. */
export function planWith(type: ResourceType, prior: ObjectValue | null, config: ObjectValue, world: WorldSnapshot) {
  const diff = planResourceChange(type.schema, prior, config);
  const hook = type.plan ? type.plan({ prior, planned: diff.planned, config, world }) : { planned: diff.planned };
  return { diff, hook: hook as ReturnType<NonNullable<ResourceType['plan']>> & { changes?: { path: (string | number)[]; update: string }[]; action?: string } };
}

/** Values of `planned` that are known must equal `state` (unknown ones may be anything). */
export function knownMismatches(planned: Value, state: Value, path = ''): string[] {
  if (isUnknown(planned)) return [];
  if (Array.isArray(planned)) {
    if (!Array.isArray(state) || state.length !== planned.length) return [`${path}: ${JSON.stringify(planned)} != ${JSON.stringify(state)}`];
    return planned.flatMap((p, i) => knownMismatches(p, state[i], `${path}[${i}]`));
  }
  if (isObjectValue(planned)) {
    if (!isObjectValue(state)) return [`${path}: object != ${JSON.stringify(state)}`];
    return Object.keys(planned).flatMap((k) => knownMismatches(planned[k], state[k] ?? null, path ? `${path}.${k}` : k));
  }
  return JSON.stringify(planned) === JSON.stringify(state) ? [] : [`${path}: planned ${JSON.stringify(planned)} != state ${JSON.stringify(state)}`];
}