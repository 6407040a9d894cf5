/**
 * One apply step's reads of the live world (change-reads.ts) against the simulator over real
 * HTTP: its own writes are seen at once; a guest write catches up the guest classes but not
 * the pool's shared ones (the SR and network records whose lists grow with every VM); a write
 * to a shared class catches them all up; a step whose dependencies ended later (its floor)
 * sees everything they did; a step reading again without writing (waiting on a guest) sees
 * everything as of then.
 */
import { ChangeReads } from './change-reads';
import { LiveWorld } from './live-world';
import type { RecordSource } from '../plan/refresh';
import { counting, POOL, startPool, stopPool, VM_CLASSES, type TestPool } from '../../test/helpers/refresh-pool';

describe('one step of an apply reading a pool of 5 VMs', () => {
  let p: TestPool;
  let calls: string[];
  let classesAsked: string[][];
  let live: LiveWorld;

  beforeAll(async () => {
    p = await startPool(5);
  });
  afterAll(async () => stopPool(p));
  beforeEach(async () => {
    calls = [];
    classesAsked = [];
    const client = counting(p.client, calls);
    const watched = new Proxy(client, {
      get(target, key) {
        const v = Reflect.get(target, key, target) as unknown;
        if (key !== 'invoke') return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        return (method: string, args: unknown[], ...rest: unknown[]) => {
          if (method === 'event.from') classesAsked.push([...(args[0] as string[])].sort());
          return (v as (...a: unknown[]) => unknown).call(target, method, args, ...rest);
        };
      },
    });
    const source: RecordSource = { pools: [POOL], defaultPool: POOL, client: async () => watched };
    live = new LiveWorld(source);
    // Every class read once, as the first step of an apply does.
    await live.records(POOL, VM_CLASSES);
    calls.length = 0;
    classesAsked.length = 0;
  });

  /** A step whose first read (everything as of its floor) is done. */
  const begun = async (): Promise<ChangeReads> => {
    const step = new ChangeReads(live, live.mark());
    await step.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    calls.length = 0;
    classesAsked.length = 0;
    return step;
  };
  const vmRef = () => p.vms.get('xcp_vm.vm[0]')!;
  /** The pool as a bulk read now gives it (decoded as the live world decodes records). */
  const fresh = () => new LiveWorld({ pools: [POOL], defaultPool: POOL, client: async () => p.client }).records(POOL, VM_CLASSES);
  const srRef = () => p.db.all('SR').find(([, r]) => r.type === 'nfs')![0];

  test('its own guest write is seen at once; the catch-up leaves out the shared classes (SR, network, host, pool)', async () => {
    const step = await begun();
    const client = step.client(POOL, p.client);
    // Changed by someone else after the step began: the step does not need it.
    await p.client.call('SR.set_name_description', srRef(), 'changed by another step');
    // A write whose effect only xapi knows (not a plain setter: known-writes.ts).
    await client.call('VM.add_tags', vmRef(), 'written by the step');
    const records = await step.records(POOL, VM_CLASSES);
    expect(records.get('VM', vmRef())!.tags).toContain('written by the step');
    expect(classesAsked).toHaveLength(1);
    const asked = classesAsked[0];
    expect(asked).toEqual(expect.arrayContaining(['VM', 'VBD', 'VDI', 'VIF', 'VM_metrics']));
    for (const shared of ['SR', 'network', 'host', 'pool', 'PBD']) expect(asked).not.toContain(shared);
    expect(records.get('SR', srRef())!.name_description).not.toBe('changed by another step');
    // Nothing written since, and not waiting on others: the next read makes no call.
    calls.length = 0;
    await step.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    expect(calls).toEqual([]);
    // A step that begins now (its dependencies ended after the SR change) sees the SR as it is.
    const next = new ChangeReads(live, live.mark());
    expect((await next.records(POOL, VM_CLASSES)).get('SR', srRef())!.name_description).toBe('changed by another step');
  });

  test('a write to a shared class (network.create) catches up every shared class', async () => {
    const step = await begun();
    const client = step.client(POOL, p.client);
    const net = await client.call<string>('network.create', { name_label: 'made by the step', name_description: '', MTU: 1500, other_config: {}, tags: [] });
    const records = await step.records(POOL, VM_CLASSES);
    expect(records.get('network', net)?.name_label).toBe('made by the step');
    expect(classesAsked).toHaveLength(1);
    // SR.create makes PBDs, network.create may concern PIFs: the infrastructure is read again.
    expect(classesAsked[0]).toEqual(expect.arrayContaining(['network', 'SR', 'PBD', 'host', 'pool', 'VM']));
  });

  test('reads (getters) are not writes: no catch-up after them', async () => {
    const step = await begun();
    const client = step.client(POOL, p.client);
    await client.call('VM.get_name_label', vmRef());
    await client.call('VM.get_record', vmRef());
    await step.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    expect(calls).toEqual([]);
  });

  test('reading again without writing is waiting on someone else: everything is caught up', async () => {
    const step = await begun();
    // A guest reporting its address, another process renaming the SR.
    await p.client.call('VM.set_name_description', vmRef(), 'changed by the guest');
    await p.client.call('SR.set_name_description', srRef(), 'changed while waiting');
    const records = await step.records(POOL, VM_CLASSES);
    expect(records.get('VM', vmRef())!.name_description).toBe('changed by the guest');
    expect(records.get('SR', srRef())!.name_description).toBe('changed while waiting');
    expect(classesAsked).toHaveLength(1);
    expect(classesAsked[0]).toEqual([...VM_CLASSES].sort());
  });

  test('a known write (a plain setter, an other_config edit) is seen without a catch-up, as xapi has it', async () => {
    const step = await begun();
    const client = step.client(POOL, p.client);
    const vbd = p.db.all('VBD').find(([, r]) => r.VM === vmRef())![0];
    const bootable = p.db.get('VBD', vbd)!.bootable as boolean;
    await client.call('VM.set_name_label', vmRef(), 'renamed by the step');
    await client.call('VM.add_to_other_config', vmRef(), 'xcpform:test', 'one');
    await client.call('VM.remove_from_other_config', vmRef(), 'xcpform:test');
    await client.call('VM.add_to_other_config', vmRef(), 'xcpform:kept', 'two');
    await client.call('VBD.set_bootable', vbd, !bootable);
    const records = await step.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    // No catch-up (the live world's calls; the step wrote through its own client).
    expect(calls).toEqual([]);
    // Exactly what xapi holds now.
    const now = await fresh();
    expect(records.get('VM', vmRef())).toEqual(now.get('VM', vmRef()));
    expect(records.get('VBD', vbd)).toEqual(now.get('VBD', vbd));
    expect(records.get('VM', vmRef())!.other_config).toEqual(expect.objectContaining({ 'xcpform:kept': 'two' }));
    expect(records.get('VM', vmRef())!.other_config).not.toHaveProperty('xcpform:test');
    // Another step beginning now still catches up (its floor), and finds the same.
    const next = new ChangeReads(live, live.mark());
    calls.length = 0;
    expect((await next.records(POOL, VM_CLASSES)).get('VM', vmRef())).toEqual(now.get('VM', vmRef()));
    expect(calls[0]).toBe('event.from');
  });

  test('a known write on an object the records do not hold yet (a clone just made) waits for a catch-up', async () => {
    const step = await begun();
    const client = step.client(POOL, p.client);
    const clone = await p.client.call<string>('VM.clone', vmRef(), 'made elsewhere');
    await client.call('VM.set_name_label', clone, 'named by the step');
    calls.length = 0;
    const records = await step.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    expect(calls).toEqual(['event.from']);
    expect(records.get('VM', clone)?.name_label).toBe('named by the step');
  });

  test('a catch-up sent before a known write and answered after it does not undo the write', async () => {
    // Hold the next event.from's answer until the write is made and patched in.
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let sent!: () => void;
    const wasSent = new Promise<void>((resolve) => { sent = resolve; });
    let holding = false;
    const held = new Proxy(p.client, {
      get(target, key) {
        const v = Reflect.get(target, key, target) as unknown;
        if (key !== 'invoke') return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        return async (method: string, args: unknown[], ...rest: unknown[]) => {
          const hold = holding && method === 'event.from';
          if (hold) { holding = false; sent(); }
          const answer = await (v as (...a: unknown[]) => Promise<unknown>).call(target, method, args, ...rest);
          if (hold) await released;
          return answer;
        };
      },
    });
    const world = new LiveWorld({ pools: [POOL], defaultPool: POOL, client: async () => held });
    await world.records(POOL, VM_CLASSES);
    const step = new ChangeReads(world, world.mark());
    await step.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    // Another step's read starts a catch-up; its event.from is answered before the write, with
    // the VM as it was then (changed by someone else meanwhile, so the answer holds it).
    await p.client.call('VM.add_tags', vmRef(), 'changed by someone else');
    holding = true;
    const other = world.records(POOL, VM_CLASSES);
    await wasSent;
    await step.client(POOL, p.client).call('VM.set_name_description', vmRef(), 'written while a catch-up was out');
    release();
    await other;
    const records = await step.records(POOL, VM_CLASSES, { ownWritesOnly: true });
    expect(records.get('VM', vmRef())!.name_description).toBe('written while a catch-up was out');
    expect(records.get('VM', vmRef())!.tags).toContain('changed by someone else');
    // A catch-up sent after the write brings xapi's record, the same.
    const later = await new ChangeReads(world, world.mark()).records(POOL, VM_CLASSES);
    expect(later.get('VM', vmRef())).toEqual((await fresh()).get('VM', vmRef()));
  });

  test('a write that fails may still have acted: the next read catches up', async () => {
    const step = await begun();
    const client = step.client(POOL, p.client);
    await expect(client.call('VM.set_name_description', 'OpaqueRef:no-such-vm', 'x')).rejects.toThrow();
    calls.length = 0;
    await step.records(POOL, VM_CLASSES);
    expect(calls).toEqual(['event.from']);
  });
});
