/**
 * The provider's live world against the simulator over real HTTP: one bulk read per pool and
 * class, then one `event.from` per call; every answer equal to a fresh bulk read, including
 * after out-of-band changes, with callers arriving together, and after xapi lost the token.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { fetchSnapshot, type RecordSource } from '../plan/refresh';
import { resourceType } from '../resources/registry';
import type { WorldSnapshot } from '../resources/snapshot';
import { startSimulator, type RunningSimulator } from '../simulator';
import { XapiClient, type XapiClass } from '../xenapi';
import { clientFor, Mutations, poolOn, POOL, removeTempDirs, startPool, stopPool, tempDir, VM_CLASSES, type TestPool } from '../../test/helpers/refresh-pool';
import { LiveWorld, type FullReadReason } from './live-world';

afterAll(removeTempDirs);

interface Call { readonly method: string; readonly args: readonly unknown[] }

/** A client whose `invoke` calls (method and arguments) are recorded; `hold` may delay an answer on its way back. */
function recording(client: XapiClient, calls: Call[], hold?: (method: string) => Promise<void>): XapiClient {
  return new Proxy(client, {
    get(target, key) {
      const v = Reflect.get(target, key, target) as unknown;
      if (key === 'invoke') {
        return async (method: string, args: readonly unknown[], ...rest: unknown[]) => {
          calls.push({ method, args });
          const answer = await (v as (...a: unknown[]) => Promise<unknown>).call(target, method, args, ...rest);
          if (hold) await hold(method);
          return answer;
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

const sourceOf = (pools: Record<string, () => XapiClient>): RecordSource => ({
  pools: Object.keys(pools), defaultPool: Object.keys(pools)[0], client: async (pool) => pools[pool](),
});
const methods = (calls: readonly Call[]) => calls.map((c) => c.method);
const bulkReads = (classes: readonly XapiClass[]) => classes.map((c) => `${c}.get_all_records`).sort();

/** Asks `live` for `classes` of `pool`, expecting no diagnostics. */
async function worldOf(live: LiveWorld, classes: readonly XapiClass[] = VM_CLASSES, pool = POOL): Promise<WorldSnapshot> {
  const diagnostics: Diagnostic[] = [];
  const world = await live.world(pool, classes, diagnostics);
  expect(diagnostics).toEqual([]);
  return world!;
}

/** Every class of `world` equal, record for record, to a fresh bulk read through `client`. */
async function expectSameAsBulkRead(world: WorldSnapshot, client: XapiClient, classes: readonly XapiClass[] = VM_CLASSES): Promise<void> {
  const diagnostics: Diagnostic[] = [];
  const fresh = await fetchSnapshot(sourceOf({ [POOL]: () => client }), new Map([[POOL, new Set(classes)]]), diagnostics);
  expect(diagnostics).toEqual([]);
  for (const cls of classes) {
    const plain = (w: WorldSnapshot) => Object.fromEntries([...w.pool(POOL).all(cls)].sort(([a], [b]) => a.localeCompare(b)));
    expect({ cls, records: plain(world) }).toEqual({ cls, records: plain(fresh.world) });
  }
}

const vmRead = (world: WorldSnapshot, uuid: string) => resourceType('xcp_vm')!.read({ prior: { uuid, pool: POOL }, world }).state;

describe('one pool of 20 VMs', () => {
  let p: TestPool;
  let m: Mutations;
  let calls: Call[];
  let fullReads: FullReadReason[];
  let live: LiveWorld;
  const uuidOf = (address: string) => p.db.get('VM', p.vms.get(address)!)!.uuid as string;

  beforeAll(async () => {
    p = await startPool(20);
    m = new Mutations(p);
  });
  afterAll(async () => stopPool(p));
  beforeEach(() => {
    calls = [];
    fullReads = [];
    const client = recording(p.client, calls);
    live = new LiveWorld(sourceOf({ [POOL]: () => client }), (_pool, why) => fullReads.push(why));
  });

  test('the first call takes a token then reads each class once; the second makes one event.from and no bulk read', async () => {
    await worldOf(live);
    expect(calls[0]).toEqual({ method: 'event.from', args: [[], '', expect.anything()] });
    expect(methods(calls.slice(1)).sort()).toEqual(bulkReads(VM_CLASSES));
    calls.length = 0;
    const world = await worldOf(live);
    expect(methods(calls)).toEqual(['event.from']);
    expect((calls[0].args[0] as string[]).slice().sort()).toEqual([...VM_CLASSES].sort());
    expect(fullReads).toEqual(['no records yet']);
    await expectSameAsBulkRead(world, p.client);
    // Nothing changed: a new world, sharing the copy of the pool's records.
    const third = await worldOf(live);
    expect(third).not.toBe(world);
    expect(third.pool(POOL)).toBe(world.pool(POOL));
  });

  test('out-of-band changes (description, destroy, clone) are in the next call, and an earlier world keeps its records', async () => {
    const described = m.take(true);
    const destroyed = m.take(true);
    const source = m.take(true);
    const before = await worldOf(live);
    const oldDescription = before.pool(POOL).get('VM', p.vms.get(described)!)!.name_description;
    await m.describe(described, 'changed out of band');
    await m.destroy(destroyed);
    await m.clone(source, 'cloned out of band');
    calls.length = 0;
    const after = await worldOf(live);
    expect(methods(calls)).toEqual(['event.from']);
    expect(after.pool(POOL)).not.toBe(before.pool(POOL));
    expect(vmRead(after, uuidOf(described))?.name_description).toBe('changed out of band');
    expect(after.pool(POOL).get('VM', p.vms.get(destroyed)!)).toBeUndefined();
    expect(after.pool(POOL).byName('VM', 'cloned out of band')).toHaveLength(1);
    await expectSameAsBulkRead(after, p.client);
    // The world handed out before is a copy: the events did not reach it.
    expect(before.pool(POOL).get('VM', p.vms.get(described)!)!.name_description).toBe(oldDescription);
    expect(before.pool(POOL).get('VM', p.vms.get(destroyed)!)).toBeDefined();
    expect(before.pool(POOL).byName('VM', 'cloned out of band')).toHaveLength(0);
  });

  test('a class asked for later is caught up to, read once in bulk, then caught up only when asked for', async () => {
    await worldOf(live, ['VM']);
    expect(methods(calls).sort()).toEqual(['VM.get_all_records', 'event.from']);
    calls.length = 0;
    await worldOf(live, ['VM', 'network']);
    // Catch-up of VM first (its new token), then the new class in bulk.
    expect(calls.map((c) => [c.method, c.args[0]])).toEqual([['event.from', ['VM']], ['network.get_all_records', undefined]]);
    calls.length = 0;
    const [network] = p.db.all('network')[0];
    await p.client.call('network.set_name_description', network, 'network changed out of band');
    await m.describe(m.take(true), 'vm changed with the network');
    const world = await worldOf(live, ['network']);
    expect(methods(calls)).toEqual(['event.from']);
    // Only the class asked for: VM's records (changed too) are not sent until VM is asked for.
    expect(calls[0].args[0]).toEqual(['network']);
    expect(world.pool(POOL).get('network', network)!.name_description).toBe('network changed out of band');
    // Only the classes asked for, as a fresh bulk read gives.
    expect(world.pool(POOL).classes()).toEqual(['network']);
    await expectSameAsBulkRead(world, p.client, ['network']);
    calls.length = 0;
    await expectSameAsBulkRead(await worldOf(live, ['VM']), p.client, ['VM']);
    expect(calls[0]).toEqual({ method: 'event.from', args: [['VM'], expect.any(String), expect.anything()] });
  });

  test('ten calls after a change share their catch-ups, and every one sees the change', async () => {
    await worldOf(live);
    const target = m.take(true);
    await m.describe(target, 'seen by all ten');
    calls.length = 0;
    const worlds = await Promise.all(Array.from({ length: 10 }, () => worldOf(live)));
    for (const w of worlds) expect(vmRead(w, uuidOf(target))?.name_description).toBe('seen by all ten');
    expect(methods(calls).every((c) => c === 'event.from')).toBe(true);
    // The first call starts one; the nine that arrived while it ran share the next.
    expect(calls.length).toBeLessThanOrEqual(2);
    expect(new Set(worlds).size).toBe(10);
  });

  test('a call arriving while a catch-up is on its way back does not reuse it: it sees a change made in between', async () => {
    await worldOf(live);
    // Hold the next event.from's answer after xapi gave it, until the change is made.
    let answered!: () => void;
    const gotAnswer = new Promise<void>((resolve) => { answered = resolve; });
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let holding = false;
    const client = recording(p.client, calls, async (method) => {
      if (method !== 'event.from' || !holding) return;
      holding = false;
      answered();
      await released;
    });
    live = new LiveWorld(sourceOf({ [POOL]: () => client }));
    await worldOf(live);
    const target = m.take(true);
    holding = true;
    const early = worldOf(live);
    await gotAnswer;
    await m.describe(target, 'changed after the first catch-up was answered');
    const late = worldOf(live);
    release();
    const [e, l] = await Promise.all([early, late]);
    expect(vmRead(e, uuidOf(target))?.name_description).not.toBe('changed after the first catch-up was answered');
    expect(vmRead(l, uuidOf(target))?.name_description).toBe('changed after the first catch-up was answered');
  });

  test('a pool that stops answering gives the diagnostics refresh gives; the next call that gets through is correct', async () => {
    const dead = new XapiClient({ url: 'http://127.0.0.1:9', protocol: 'jsonrpc', credentials: { username: 'root', password: 'x' }, retry: { maxAttempts: 1 } });
    let up = true;
    const client = recording(p.client, calls);
    const source = sourceOf({ [POOL]: () => (up ? client : dead) });
    live = new LiveWorld(source);
    await worldOf(live);
    up = false;
    const got: Diagnostic[] = [];
    expect(await live.world(POOL, VM_CLASSES, got)).toBeUndefined();
    const want: Diagnostic[] = [];
    expect((await fetchSnapshot(source, new Map([[POOL, new Set(VM_CLASSES)]]), want)).failedPools).toEqual(new Set([POOL]));
    expect(got).toEqual(want);
    expect(got[0].code).toBe('refresh.pool-failed');
    up = true;
    await m.describe(m.take(true), 'after the outage');
    calls.length = 0;
    const world = await worldOf(live);
    expect(methods(calls)).toEqual(['event.from']);
    await expectSameAsBulkRead(world, p.client);
    await dead.close();
  });
});

describe('two pools', () => {
  let sim: RunningSimulator;
  let clients: XapiClient[];
  beforeAll(async () => {
    sim = await startSimulator({ pools: [{ name: 'p1', hosts: 1 }, { name: 'p2', hosts: 1 }] });
    clients = sim.pools.map((s) => clientFor(s.url));
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await sim.close();
  });

  test('each world holds only the pool asked for, with only the classes asked for', async () => {
    const live = new LiveWorld(sourceOf({ p1: () => clients[0], p2: () => clients[1] }));
    const one = await worldOf(live, ['VM', 'host'], 'p1');
    const two = await worldOf(live, ['host'], 'p2');
    const again = await worldOf(live, ['host'], 'p1');
    expect(one.poolNames()).toEqual(['p1']);
    expect(two.poolNames()).toEqual(['p2']);
    expect(again.poolNames()).toEqual(['p1']);
    expect(one.pool('p1').classes().sort()).toEqual(['VM', 'host']);
    expect(again.pool('p1').classes()).toEqual(['host']);
    // A pool a handler names in its world (an unset attribute: '') stays in that world.
    expect(again.pool('').classes()).toEqual([]);
    expect(again.poolNames()).toEqual(['', 'p1']);
    const later = await worldOf(live, ['host'], 'p1');
    expect(later.pool('p1')).toBe(again.pool('p1'));
    expect(later.poolNames()).toEqual(['p1']);
    const hostUuids = (w: WorldSnapshot, pool: string) => [...w.pool(pool).all('host').values()].map((h) => h.uuid).sort();
    expect(hostUuids(two, 'p2')).not.toEqual(hostUuids(again, 'p1'));
    expect(hostUuids(two, 'p2')).toEqual(sim.world.pool('p2').db.all('host').map(([, h]) => h.uuid).sort());
  });

  test('a pool not configured: the diagnostic refresh gives, no call', async () => {
    const calls: Call[] = [];
    const source = sourceOf({ p1: () => recording(clients[0], calls) });
    const got: Diagnostic[] = [];
    expect(await new LiveWorld(source).world('p9', ['VM'], got)).toBeUndefined();
    const want: Diagnostic[] = [];
    await fetchSnapshot(source, new Map([['p9', new Set<XapiClass>(['VM'])]]), want);
    expect(got).toEqual(want);
    expect(got[0].code).toBe('refresh.unknown-pool');
    expect(calls).toEqual([]);
  });
});

describe('xapi restarted without the changes its tokens need', () => {
  let p: TestPool | undefined;
  let q: TestPool | undefined;
  afterEach(async () => {
    await stopPool(p);
    await stopPool(q);
    p = q = undefined;
  });

  test('event.from says EVENTS_LOST: the pool is read again in full, results correct, then caught up as before', async () => {
    const stateFile = path.join(await tempDir(), 'simulator.json');
    p = await startPool(8, { stateFile });
    const calls: Call[] = [];
    const fullReads: string[] = [];
    let current = recording(p.client, calls);
    const live = new LiveWorld(sourceOf({ [POOL]: () => current }), (_pool, why, detail) => fullReads.push(detail ? `${why}: ${detail}` : why));
    await worldOf(live);
    const [first, second] = [...p.vms.keys()];
    await p.client.call('VM.set_name_description', p.vms.get(first)!, 'changed before the restart');
    const vms = p.vms;
    await stopPool(p);
    p = undefined;
    const json = JSON.parse(await fs.readFile(stateFile, 'utf8')) as { pools: { db: Record<string, unknown> }[] };
    delete json.pools[0].db.changes;
    await fs.writeFile(stateFile, JSON.stringify(json));

    q = await poolOn(await startSimulator({ stateFile }), vms, []);
    current = recording(q.client, calls);
    await q.client.call('VM.set_name_description', vms.get(second)!, 'changed after the restart');
    calls.length = 0;
    const world = await worldOf(live);
    expect(fullReads).toEqual(['no records yet', 'event.from failed: EVENTS_LOST']);
    expect(methods(calls.slice(0, 2))).toEqual(['event.from', 'event.from']);
    expect(methods(calls.slice(2)).sort()).toEqual(bulkReads(VM_CLASSES));
    const uuid = (address: string) => q!.db.get('VM', vms.get(address)!)!.uuid as string;
    expect(vmRead(world, uuid(first))?.name_description).toBe('changed before the restart');
    expect(vmRead(world, uuid(second))?.name_description).toBe('changed after the restart');
    await expectSameAsBulkRead(world, q.client);

    await q.client.call('VM.set_name_description', vms.get(first)!, 'changed again');
    calls.length = 0;
    const next = await worldOf(live);
    expect(methods(calls)).toEqual(['event.from']);
    expect(vmRead(next, uuid(first))?.name_description).toBe('changed again');
  });

  test('restored from an older backup whose generation passed the token: xapi counts other objects, full read, results correct', async () => {
    const base = await tempDir();
    const stateFile = path.join(base, 'simulator.json');
    const backup = path.join(base, 'older.json');
    p = await startPool(4, { stateFile });
    // The backup holds one more VIF than the pool has when the live world reads it.
    const [vm] = [...p.vms.values()];
    const network = p.db.get('VIF', (p.db.get('VM', vm)!.VIFs as string[])[0])!.network as string;
    const extra = await p.client.call<string>('VIF.create', { VM: vm, network, device: '1', MAC: '', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });
    await p.sim.save();
    await fs.copyFile(stateFile, backup);
    await p.client.call('VIF.destroy', extra);
    let current = p.client;
    const fullReads: string[] = [];
    const live = new LiveWorld(sourceOf({ [POOL]: () => current }), (_pool, why) => fullReads.push(why));
    expect((await worldOf(live, ['VIF'])).pool(POOL).get('VIF', extra)).toBeUndefined();
    const vms = p.vms;
    await stopPool(p);
    p = undefined;
    await fs.copyFile(backup, stateFile);
    q = await poolOn(await startSimulator({ stateFile }), vms, []);
    const [poolRef] = q.db.all('pool')[0];
    for (let i = 0; i < 200; i++) q.db.touch('pool', poolRef);
    current = q.client;
    const world = await worldOf(live, ['VIF']);
    expect(fullReads).toEqual(['no records yet', 'object counts disagree']);
    expect(world.pool(POOL).get('VIF', extra)).toBeDefined();
    await expectSameAsBulkRead(world, q.client, ['VIF']);
  });
});
