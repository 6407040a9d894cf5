/**
 * The refresh cache when the xapi behind a pool is not the one it was made with (restarted,
 * restored, another pool), when many objects changed, and when VMs move between pools: every
 * answer must still equal a full read.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { resourceType } from '../resources/registry';
import { startSimulator } from '../simulator';
import { refreshInstances, type PriorInstance, type RecordSource } from './refresh';
import { RefreshCache } from './refresh-cache';
import {
  cachedRead, clientFor, disagreements, expectAgreesWithFull, Mutations, poolOn, POOL, populate, removeTempDirs, startPool, STATE, stateOf, stopPool, tempDir,
  VM_CLASSES, type TestPool,
} from '../../test/helpers/refresh-pool';

afterAll(removeTempDirs);

describe('another xapi at the same address', () => {
  let a: TestPool | undefined;
  let b: TestPool | undefined;
  afterEach(async () => {
    await stopPool(a);
    await stopPool(b);
    a = b = undefined;
  });

  /**
   * A pool served from `stateFile`, refreshed once into `cache`, one VM changed, then stopped
   * (its world saved). With `copy`: the world is first copied there, and changed once more
   * before the refresh, so the copy is older than the cached token.
   */
  async function refreshedThenStopped(stateFile: string, cache: RefreshCache, change: string, copy?: string): Promise<{ prior: PriorInstance[]; vms: Map<string, string>; target: string }> {
    a = await startPool(6, { stateFile });
    if (copy) {
      await fs.copyFile(stateFile, copy);
      await a.client.call('VM.set_name_description', [...a.vms.values()][1], 'changed after the copy');
    }
    await cachedRead(a, cache);
    const target = [...a.vms.keys()][0];
    await a.client.call('VM.set_name_description', a.vms.get(target)!, change);
    const { prior, vms } = a;
    await stopPool(a);
    a = undefined;
    return { prior, vms, target };
  }

  async function restart(stateFile: string, vms: Map<string, string>, prior: PriorInstance[]): Promise<TestPool> {
    b = await poolOn(await startSimulator({ stateFile }), vms, prior);
    return b;
  }

  test('a simulator restarted from its state file keeps serving the cached token: incremental, changes on both sides of the restart read', async () => {
    const base = await tempDir();
    const stateFile = path.join(base, 'simulator.json');
    const cache = new RefreshCache(path.join(base, 'cache'));
    const { prior, vms, target } = await refreshedThenStopped(stateFile, cache, 'changed before the restart');
    const q = await restart(stateFile, vms, prior);
    const other = [...vms.keys()][1];
    await q.client.call('VM.set_name_description', vms.get(other)!, 'changed after the restart');
    const r = await cachedRead(q, cache);
    expect(r.stats.pools[POOL]).toEqual({ mode: 'incremental', events: 2 });
    expect(r.stats.read).toBe(2);
    await expectAgreesWithFull(q, r);
    expect(stateOf(r, target)?.name_description).toBe('changed before the restart');
    expect(stateOf(r, other)?.name_description).toBe('changed after the restart');
  });

  test.each([
    ['saved without its recent changes (an older state file format)', (db: Record<string, unknown>) => { delete db.changes; }],
    ['restored from a copy older than the cached token', undefined],
  ] as const)('a simulator restarted from a world %s: event.from says EVENTS_LOST, full read, results correct', async (_name, edit) => {
    const base = await tempDir();
    const stateFile = path.join(base, 'simulator.json');
    const older = path.join(base, 'older.json');
    const cache = new RefreshCache(path.join(base, 'cache'));
    // The older copy: from before the cache's token was taken (a copy of the world exactly at
    // the token would be served incrementally, and rightly so: it is the world the records hold).
    const { prior, vms, target } = await refreshedThenStopped(stateFile, cache, 'changed before the restart', older);
    if (edit) {
      const json = JSON.parse(await fs.readFile(stateFile, 'utf8')) as { pools: { db: Record<string, unknown> }[] };
      edit(json.pools[0].db);
      await fs.writeFile(stateFile, JSON.stringify(json));
    } else await fs.copyFile(older, stateFile);
    const q = await restart(stateFile, vms, prior);
    const r = await cachedRead(q, cache);
    expect(r.stats.pools[POOL]).toEqual({ mode: 'full', why: 'event.from: EVENTS_LOST' });
    expect(r.stats.read).toBe(prior.length);
    await expectAgreesWithFull(q, r);
    expect(stateOf(r, target)?.name_description).toBe(edit ? 'changed before the restart' : 'test VM');
    // Read in full, the cache serves the restarted simulator from now on.
    await q.client.call('VM.set_name_description', vms.get(target)!, 'changed after the restart');
    const next = await cachedRead(q, cache);
    expect(next.stats.pools[POOL]).toEqual({ mode: 'incremental', events: 1 });
    expect(next.stats.read).toBe(1);
    await expectAgreesWithFull(q, next);
  });

  test('another pool (other pool uuid, same name, same VM uuids) answering: full read, why names another pool', async () => {
    a = await startPool(6);
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    await cachedRead(a, cache);
    const uuids = [...a.vms.values()].map((ref) => a!.db.get('VM', ref)!.uuid as string);
    const generation = a.db.generation;
    const prior = a.prior;
    await stopPool(a);
    a = undefined;

    const sim = await startSimulator({ pools: [{ name: POOL, hosts: 2 }] });
    const db = sim.world.pool(POOL).db;
    const vms = populate(db, 6, uuids);
    // A generation past the cached token, so event.from itself succeeds on the other database.
    const [poolRef] = db.all('pool')[0];
    while (db.generation <= generation + 10) db.touch('pool', poolRef);
    db.update('VM', vms.get('xcp_vm.vm[0]')!, { name_description: 'only in the other pool' });
    b = await poolOn(sim, vms, prior);
    const r = await cachedRead(b, cache);
    expect(r.stats.pools[POOL].mode).toBe('full');
    expect(r.stats.pools[POOL].why).toMatch(/another pool/);
    expect(r.stats.read).toBe(prior.length);
    await expectAgreesWithFull(b, r);
    expect(stateOf(r, 'xcp_vm.vm[0]')?.name_description).toBe('only in the other pool');
  });
});

describe('other shapes of change', () => {
  test('many events since the token (2,000 objects made): the records file is rewritten with the new token', async () => {
    const p = await startPool(10);
    try {
      const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
      await cachedRead(p, cache);
      for (let i = 0; i < 2000; i++) p.db.create('VM_metrics', { memory_actual: i });
      const [first, second] = [...p.vms.keys()];
      await p.client.call('VM.set_name_description', p.vms.get(first)!, 'among many events');
      const many = await cachedRead(p, cache);
      expect(many.stats.pools[POOL]).toEqual({ mode: 'incremental', events: 2001 });
      expect(many.stats.read).toBe(1);
      await expectAgreesWithFull(p, many);
      // Rewritten (compacted) with the token of that event.from: only what follows comes back.
      // The index now points into the new file, both for the entry read again (first) and for
      // the ones carried over (second): a change to either is seen.
      await p.client.call('VM.set_name_description', p.vms.get(second)!, 'after the rewrite');
      const { size } = await new Mutations(p).resize(first);
      const next = await cachedRead(p, cache);
      expect(next.stats.pools[POOL]).toEqual({ mode: 'incremental', events: 3 }); // VM, VDI, SR
      expect(next.stats.read).toBe(2);
      await expectAgreesWithFull(p, next);
      expect(stateOf(next, first)).toMatchObject({ name_description: 'among many events', disk: [expect.objectContaining({ size })] });
      expect(stateOf(next, second)?.name_description).toBe('after the rewrite');
    } finally {
      await stopPool(p);
    }
  });

  test('VMs that turn up in another pool (one deleted before the cold read): read again, found there', async () => {
    const sim = await startSimulator({ pools: [{ name: 'p1', hosts: 2 }, { name: 'p2', hosts: 2 }] });
    const clients = new Map(sim.pools.map((x) => [x.name, clientFor(x.url)]));
    try {
      const [db1, db2] = [sim.world.pool('p1').db, sim.world.pool('p2').db];
      const vms = populate(db1, 4);
      const source: RecordSource = { pools: ['p1', 'p2'], defaultPool: 'p1', client: async (pool) => clients.get(pool)! };
      const extra = new Map([['p2', new Set(VM_CLASSES)]]);
      const seed = await refreshInstances([], source, new Map([['p1', new Set(VM_CLASSES)], ...extra]));
      const rt = resourceType('xcp_vm')!;
      const prior = [...vms].map(([address, ref]) => ({
        address, type: 'xcp_vm', attributes: rt.read({ prior: { uuid: seed.world.pool('p1').get('VM', ref)!.uuid, pool: 'p1' }, world: seed.world }).state!,
      }));
      const [moved, early] = [...vms.keys()];
      const uuid = (a: string) => prior.find((x) => x.address === a)!.attributes.uuid as string;
      const c1 = clients.get('p1')!;
      await c1.call('VM.destroy', vms.get(early)!);
      const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
      const run = async () => {
        const r = await refreshInstances(prior, source, extra, { cache, state: STATE });
        expect(r.diagnostics).toEqual([]);
        expect(await r.saveCache?.()).toBeUndefined();
        const full = await refreshInstances(prior, source, extra);
        expect(disagreements(prior, r, full)).toEqual([]);
        return r;
      };
      expect(stateOf(await run(), early)).toBeNull();

      await c1.call('VM.destroy', vms.get(moved)!);
      for (const a of [moved, early]) db2.create('VM', { uuid: uuid(a), name_label: `${a} in p2`, other_config: { 'xcpform:address': a } });
      const r = await run();
      expect(r.stats.pools).toEqual({ p1: { mode: 'incremental', events: expect.any(Number) }, p2: { mode: 'incremental', events: 2 } });
      expect(r.stats.read).toBe(2);
      for (const a of [moved, early]) expect(stateOf(r, a)).toMatchObject({ pool: 'p2', name_label: `${a} in p2` });
    } finally {
      for (const c of clients.values()) await c.close();
      await sim.close();
    }
  });
});

/** Overwrites the first byte of a record (its `{`) in a records file, keeping the file's size and header. */
async function spoilRecord(file: string, cls: string, ref: string): Promise<void> {
  const buf = await fs.readFile(file);
  const nl = buf.indexOf(10);
  const headLength = Number(/ (\d+)$/.exec(buf.toString('latin1', 0, nl))![1]);
  const header = JSON.parse(buf.toString('utf8', nl + 1, nl + 1 + headLength)) as { classes: { cls: string; refs: string; lengths: number[] }[] };
  let offset = nl + 1 + headLength + 1;
  for (const c of header.classes) {
    const refs = c.refs.split('\n');
    for (let i = 0; i < c.lengths.length; i++) {
      if (c.cls === cls && refs[i] === ref) {
        expect(buf[offset]).toBe('{'.charCodeAt(0));
        buf[offset] = '['.charCodeAt(0);
        await fs.writeFile(file, buf);
        return;
      }
      offset += c.lengths[i];
    }
  }
  throw new Error(`no ${cls} ${ref} in ${file}`);
}

describe('damage found while the cache is in use', () => {
  let p: TestPool | undefined;
  afterEach(async () => {
    await stopPool(p);
    p = undefined;
  });

  test.each([
    ['the record an event replaces (the changed VM itself)', 'VM'],
    ['a record a read looks at (the changed VM\'s disk)', 'VDI'],
  ] as const)('%s spoiled: the cache is dropped, everything read again, results equal a full read', async (_name, spoil) => {
    p = await startPool(6);
    const dir = path.join(await tempDir(), 'cache');
    const cache = new RefreshCache(dir);
    await cachedRead(p, cache);
    const target = [...p.vms.keys()][2];
    const vmRef = p.vms.get(target)!;
    const vdiRef = p.db.get('VBD', (p.db.get('VM', vmRef)!.VBDs as string[])[0])!.VDI as string;
    await spoilRecord(path.join(dir, `${POOL}.records`), spoil, spoil === 'VM' ? vmRef : vdiRef);
    await p.client.call('VM.set_name_description', vmRef, 'changed over a spoiled cache');
    const r = await cachedRead(p, cache);
    expect(r.stats.pools[POOL].mode).toBe('full');
    expect(r.stats.read).toBe(p.prior.length);
    expect(cache.misses.some((m) => m.includes('is damaged'))).toBe(true);
    await expectAgreesWithFull(p, r);
    expect(stateOf(r, target)?.name_description).toBe('changed over a spoiled cache');
    // Written anew by that full read: the next refresh is incremental and reads nothing.
    const next = await cachedRead(p, new RefreshCache(dir));
    expect(next.stats.pools[POOL]).toEqual({ mode: 'incremental', events: 0 });
    expect(next.stats.read).toBe(0);
  });

  test('xapi counts objects the cache does not have (the pool restored from an older backup): full read', async () => {
    const base = await tempDir();
    const stateFile = path.join(base, 'simulator.json');
    const copy = path.join(base, 'older.json');
    p = await startPool(6, { stateFile });
    const cache = new RefreshCache(path.join(base, 'cache'));
    // The backup holds one more VIF than the pool has when the cache is made.
    const [first] = [...p.vms.values()];
    const net = p.db.get('VIF', (p.db.get('VM', first)!.VIFs as string[])[0])!.network as string;
    const extra = await p.client.call<string>('VIF.create', { VM: first, network: net, device: '1', MAC: '', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });
    await p.sim.save();
    await fs.copyFile(stateFile, copy);
    await p.client.call('VIF.destroy', extra);
    await cachedRead(p, cache);
    const { vms, prior } = p;
    await stopPool(p);
    // Restored from the backup, then enough changes that the cached token is not ahead of it.
    await fs.copyFile(copy, stateFile);
    p = await poolOn(await startSimulator({ stateFile }), vms, prior);
    const [poolRef] = p.db.all('pool')[0];
    for (let i = 0; i < 200; i++) p.db.touch('pool', poolRef);
    const r = await cachedRead(p, cache);
    expect(r.stats.pools[POOL].mode).toBe('full');
    expect(r.stats.pools[POOL].why).toMatch(/^xapi counts \d+ VIF objects, the cache and its events \d+$/);
    await expectAgreesWithFull(p, r);
  });
});
