/**
 * The refresh cache against the simulator over real HTTP: an incremental refresh (one
 * `event.from` from the cached token) must agree with a full bulk read on every instance, read
 * again only the instances whose objects changed, and fall back to a full read (never throw,
 * never reuse) whenever the cache cannot be trusted.
 *
 * Longer than most test files: the world, its out-of-band mutations and the cases share one
 * simulator set up once, which keeps the whole file at a few seconds.
 */
import { promises as fs, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resourceType } from '../resources/registry';
import { startSimulator, DEFAULT_PASSWORD, DEFAULT_USERNAME, type RunningSimulator } from '../simulator';
import { refreshAllowed } from '../simulator/classes/ops';
import type { Database } from '../simulator/db/database';
import { sameValue, type ObjectValue } from '../values/value';
import { NULL_REF, XapiClient, type XapiClass } from '../xenapi';
import { refreshInstances, type PriorInstance, type RecordSource, type RefreshResult } from './refresh';
import { RefreshCache } from './refresh-cache';

const POOL = 'p1';
const GIB = 2 ** 30;
const VMS = 40;
const STATE = { lineage: 'lineage-a', serial: 7 };
const VM_CLASSES = resourceType('xcp_vm')!.classes;

/** A simulated pool with VMs made straight in its database, a counting client, and the prior state of those VMs. */
interface TestPool {
  readonly sim: RunningSimulator;
  readonly db: Database;
  readonly client: XapiClient;
  /** Methods invoked through `source` since the last `calls.length = 0`. */
  readonly calls: string[];
  readonly source: RecordSource;
  readonly prior: PriorInstance[];
  /** Address → VM ref, for the VMs populate made. */
  readonly vms: Map<string, string>;
}

/**
 * VMs like bench/refresh.ts `populate`, smaller: each with a disk (VDI + VBD) and a NIC (VIF);
 * every tenth is running on a host (so the read looks at hosts and metrics too).
 */
function populate(db: Database, n: number, uuids: readonly string[] = []): Map<string, string> {
  const [sr] = db.all('SR').find(([, r]) => r.type === 'nfs')!;
  const [network] = db.all('network').find(([, r]) => r.bridge === 'xenbr0') ?? db.all('network')[0];
  const [host] = db.all('host')[0];
  const vms = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const running = i % 10 === 3;
    const metrics = db.create('VM_metrics', { memory_actual: 2 * GIB, VCPUs_number: 2, start_time: running ? '2024-05-01T10:00:00Z' : '1970-01-01T00:00:00Z' });
    const guest = db.create('VM_guest_metrics', { os_version: { distro: 'debian', major: '12' }, networks: running ? { '0/ip': `10.0.0.${i + 1}` } : {} });
    const address = `xcp_vm.vm[${i}]`;
    const vm = db.create('VM', {
      ...(uuids[i] ? { uuid: uuids[i] } : {}),
      name_label: `vm-${i}`, name_description: 'test VM', metrics, guest_metrics: guest,
      memory_static_max: 2 * GIB, memory_dynamic_max: 2 * GIB, memory_dynamic_min: GIB, memory_static_min: GIB / 2,
      VCPUs_max: 2, VCPUs_at_startup: 2, tags: ['t'], platform: { acpi: '1' },
      power_state: running ? 'Running' : 'Halted', resident_on: running ? host : NULL_REF, domid: running ? 10 + i : -1,
      other_config: { 'xcpform:address': address, 'xcpform:template': 'Debian Bookworm 12' },
    });
    const vdi = db.create('VDI', { name_label: `vm-${i}-disk0`, SR: sr, virtual_size: 20 * GIB, physical_utilisation: 4 * GIB, type: 'user' });
    db.create('VBD', { VM: vm, VDI: vdi, userdevice: '0', bootable: true, mode: 'RW', type: 'Disk' });
    db.create('VIF', { VM: vm, network, device: '0', MAC: `02:00:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`, MTU: 1500, locking_mode: 'network_default' });
    // As xapi keeps them: so an operation (clone) leaves the VM's allowed_operations as they were.
    refreshAllowed(db, 'VM', vm);
    vms.set(address, vm);
  }
  return vms;
}

/** A client whose `invoke` calls are recorded in `calls` (login excluded: it is the client's own). */
function counting(client: XapiClient, calls: string[]): XapiClient {
  return new Proxy(client, {
    get(target, key) {
      const v = Reflect.get(target, key, target) as unknown;
      if (key === 'invoke') {
        return (method: string, ...rest: unknown[]) => {
          calls.push(method);
          return (v as (...a: unknown[]) => unknown).call(target, method, ...rest);
        };
      }
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

function clientFor(url: string): XapiClient {
  return new XapiClient({ url, protocol: 'jsonrpc', credentials: { username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD } });
}

/** A source on `sim`'s pool; `prior` as an apply would have recorded it (the VM resource's read of each VM). */
async function poolOn(sim: RunningSimulator, vms: Map<string, string>, prior?: PriorInstance[]): Promise<TestPool> {
  const calls: string[] = [];
  const client = clientFor(sim.pools.find((p) => p.name === POOL)!.url);
  const counted = counting(client, calls);
  const source: RecordSource = { pools: [POOL], defaultPool: POOL, client: async () => counted };
  let instances = prior;
  if (!instances) {
    const seed = await refreshInstances([], source, new Map([[POOL, new Set(VM_CLASSES)]]));
    const rt = resourceType('xcp_vm')!;
    instances = [];
    for (const [address, ref] of vms) {
      const vm = seed.world.pool(POOL).get('VM', ref)!;
      instances.push({ address, type: 'xcp_vm', attributes: rt.read({ prior: { uuid: vm.uuid, pool: POOL }, world: seed.world }).state! });
    }
  }
  calls.length = 0;
  return { sim, db: sim.world.pool(POOL).db, client, calls, source, prior: instances, vms };
}

async function startPool(n: number, opts: { stateFile?: string } = {}): Promise<TestPool> {
  const sim = await startSimulator({ pools: [{ name: POOL, hosts: 2 }], ...(opts.stateFile ? { stateFile: opts.stateFile } : {}) });
  const vms = populate(sim.world.pool(POOL).db, n);
  if (opts.stateFile) await sim.save();
  return poolOn(sim, vms);
}

async function stopPool(p: TestPool | undefined): Promise<void> {
  if (!p) return;
  await p.client.close();
  await p.sim.close();
}

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xcpform-refresh-cache-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tempDirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** A full bulk read without cache: the reference every incremental result is compared to. */
async function fullRead(p: TestPool): Promise<RefreshResult> {
  const r = await refreshInstances(p.prior, p.source);
  expect(r.diagnostics).toEqual([]);
  return r;
}

/** A refresh with `cache` as plan runs it (cache saved afterwards, which must succeed). */
async function cachedRead(p: TestPool, cache: RefreshCache, state: { lineage: string; serial: number } = STATE): Promise<RefreshResult> {
  p.calls.length = 0;
  const r = await refreshInstances(p.prior, p.source, new Map(), { cache, state });
  expect(r.diagnostics).toEqual([]);
  expect(await r.saveCache?.()).toBeUndefined();
  return r;
}

/** Addresses on which two refreshes disagree (absent, null versus a value, or different values). */
function disagreements(prior: readonly PriorInstance[], a: RefreshResult, b: RefreshResult): string[] {
  return prior.filter((p) => {
    const x = a.refreshed.get(p.address);
    const y = b.refreshed.get(p.address);
    if (x === undefined || y === undefined) return true;
    return x === null || y === null ? x !== y : !sameValue(x, y);
  }).map((p) => p.address);
}

async function expectAgreesWithFull(p: TestPool, r: RefreshResult): Promise<RefreshResult> {
  const full = await fullRead(p);
  expect(r.refreshed.size).toBe(p.prior.length);
  expect(disagreements(p.prior, r, full)).toEqual([]);
  return full;
}

/** The same pool with other prior instances. */
const withPrior = (p: TestPool, prior: PriorInstance[]): TestPool => ({ ...p, prior });

const stateOf = (r: RefreshResult, address: string): ObjectValue | null | undefined => r.refreshed.get(address);
const disks = (s: ObjectValue | null | undefined): ObjectValue[] => (s?.disk ?? []) as ObjectValue[];
const nics = (s: ObjectValue | null | undefined): ObjectValue[] => (s?.nic ?? []) as ObjectValue[];

/** Out-of-band changes through XenAPI calls; each returns the addresses whose read it can affect. */
class Mutations {
  private live: string[];
  constructor(private readonly p: TestPool) {
    this.live = [...p.vms.keys()];
  }

  private vm(address: string) {
    return this.p.db.get('VM', this.p.vms.get(address)!)!;
  }

  /** Live VMs (optionally halted ones only), in address order. */
  alive(halted = false): string[] {
    return this.live.filter((a) => !halted || this.vm(a).power_state === 'Halted');
  }

  /** Takes a live VM out of the pool of candidates, so two cases never share one. */
  take(halted = false, pick: (n: number) => number = () => 0): string {
    const list = this.alive(halted);
    const a = list[pick(list.length)];
    this.live = this.live.filter((x) => x !== a);
    return a;
  }

  release(address: string): void {
    if (this.p.db.get('VM', this.p.vms.get(address)!)) this.live.push(address);
  }

  async describe(address: string, text: string): Promise<string[]> {
    await this.p.client.call('VM.set_name_description', this.p.vms.get(address)!, text);
    return [address];
  }

  async rename(address: string, text: string): Promise<string[]> {
    await this.p.client.call('VM.set_name_label', this.p.vms.get(address)!, text);
    return [address];
  }

  async userKey(address: string, value: string): Promise<string[]> {
    const ref = this.p.vms.get(address)!;
    if ('note' in (this.vm(address).other_config as Record<string, string>)) await this.p.client.call('VM.remove_from_other_config', ref, 'note');
    await this.p.client.call('VM.add_to_other_config', ref, 'note', value);
    return [address];
  }

  /** Grows the VM's first disk by 1 GiB; returns the new size too. */
  async resize(address: string): Promise<{ affected: string[]; size: number }> {
    const vbd = (this.vm(address).VBDs as string[]).map((r) => this.p.db.get('VBD', r)!).find((b) => b.type === 'Disk')!;
    const size = (this.p.db.get('VDI', vbd.VDI as string)!.virtual_size as number) + GIB;
    await this.p.client.call('VDI.resize', vbd.VDI as string, size);
    return { affected: [address], size };
  }

  async dropNic(address: string): Promise<string[]> {
    const vifs = this.vm(address).VIFs as string[];
    if (vifs.length) await this.p.client.call('VIF.destroy', vifs[0]);
    return [address];
  }

  async addNic(address: string): Promise<string[]> {
    const vm = this.vm(address);
    const used = new Set((vm.VIFs as string[]).map((r) => this.p.db.get('VIF', r)!.device as string));
    let device = 0;
    while (used.has(String(device))) device++;
    const [network] = this.p.db.all('network').find(([, r]) => r.bridge === 'xenbr0') ?? this.p.db.all('network')[0];
    await this.p.client.call('VIF.create', {
      device: String(device), network, VM: this.p.vms.get(address)!, MAC: '', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
    });
    return [address];
  }

  async destroy(address: string): Promise<string[]> {
    await this.p.client.call('VM.destroy', this.p.vms.get(address)!);
    this.live = this.live.filter((x) => x !== address);
    return [address];
  }

  /** A new VM (with a copy of the disk and NIC) cloned from `address`, out of band: no instance's read covers it. */
  async clone(address: string, name: string): Promise<string[]> {
    await this.p.client.call('VM.clone', this.p.vms.get(address)!, name);
    return [];
  }

  /**
   * Descriptions of the VM's disk and of its network: fields the VM read never looks at (it
   * looks at the VDI and network records, for other fields). Not the SR or host: a read that
   * spells them by name scans their class, and any event of the class touches a scan.
   */
  async unreadFields(address: string, text: string): Promise<string[]> {
    const vm = this.vm(address);
    const vbd = this.p.db.get('VBD', (vm.VBDs as string[])[0])!;
    const vif = this.p.db.get('VIF', (vm.VIFs as string[])[0]);
    await this.p.client.call('VDI.set_name_description', vbd.VDI as string, text);
    if (vif) await this.p.client.call('network.set_name_description', vif.network as string, text);
    return [];
  }

  /** The VM destroyed, then one with the same UUID made in the pool's database (as an import keeping the UUID would). */
  async recreate(address: string, uuid: string, name: string): Promise<string[]> {
    if (this.p.db.get('VM', this.p.vms.get(address)!)) await this.destroy(address);
    const vm = this.p.db.create('VM', { uuid, name_label: name, other_config: { 'xcpform:address': address } });
    this.p.vms.set(address, vm);
    return [address];
  }
}

describe('incremental refresh of 40 VMs over HTTP', () => {
  let p: TestPool;
  let m: Mutations;

  beforeAll(async () => {
    p = await startPool(VMS);
    m = new Mutations(p);
  });
  afterAll(async () => {
    await stopPool(p);
  });

  test('unchanged: one event.from and one pool read, no instance read, every result reused and equal to a full read', async () => {
    // Before the cold read, one VM drifts from the prior state and one is deleted: their known
    // results (a new value, null) are reused too, not the prior state.
    const drifted = m.take(true);
    const deleted = m.take(true);
    await m.describe(drifted, 'drifted before the cold read');
    await m.destroy(deleted);
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));

    const cold = await cachedRead(p, cache);
    expect(cold.stats).toEqual({ pools: { [POOL]: { mode: 'full', why: 'no cached records' } }, read: VMS, reused: 0 });
    expect(p.calls[0]).toBe('event.from');
    expect(p.calls.slice(1).sort()).toEqual(VM_CLASSES.map((c) => `${c}.get_all_records`).sort());
    await expectAgreesWithFull(p, cold);

    const warm = await cachedRead(p, cache);
    expect(warm.stats).toEqual({ pools: { [POOL]: { mode: 'incremental', events: 0 } }, read: 0, reused: VMS });
    expect(p.calls.sort()).toEqual(['event.from', 'pool.get_all_records']);
    // Nothing changed, nothing to write.
    expect(warm.saveCache).toBeUndefined();
    await expectAgreesWithFull(p, warm);
    expect(stateOf(warm, drifted)?.name_description).toBe('drifted before the cold read');
    expect(stateOf(warm, deleted)).toBeNull();
    m.release(drifted);
  });

  interface ChangeCase {
    readonly name: string;
    /** Makes the change; returns the addresses to read again, and a check of the result. */
    readonly change: () => Promise<{ affected: string[]; check?: (r: RefreshResult) => void }>;
    /** Events the change makes at least. */
    readonly events?: number;
    /** Runs before the cold read. */
    readonly before?: () => Promise<void>;
    /** A second change after the first incremental refresh; the token stays, so the first one's instances are read again too. */
    readonly afterwards?: () => Promise<{ affected: string[]; check?: (r: RefreshResult) => void }>;
  }

  let gone = '';
  let goneUuid = '';

  const cases: ChangeCase[] = [
    {
      name: 'VM.set_name_description on three VMs (one running)',
      change: async () => {
        const vms = [m.take(true), m.take(true), m.take(false, (n) => n - 1)];
        for (const a of vms) await m.describe(a, `changed out of band: ${a}`);
        return { affected: vms, check: (r) => { for (const a of vms) expect(stateOf(r, a)?.name_description).toBe(`changed out of band: ${a}`); } };
      },
    },
    {
      // The read looks at other_config (for the keys xcpform manages), so the VM is read again;
      // a key it does not manage stays out of the state.
      name: 'VM.add_to_other_config of a key xcpform does not manage',
      change: async () => {
        const a = m.take(true);
        return { affected: await m.userKey(a, 'hello'), check: (r) => expect(stateOf(r, a)?.other_config).toEqual({}) };
      },
    },
    {
      name: 'VDI.resize of one disk',
      change: async () => {
        const a = m.take(true);
        const { affected, size } = await m.resize(a);
        return { affected, check: (r) => expect(disks(stateOf(r, a))[0].size).toBe(size) };
      },
    },
    {
      name: 'VIF.destroy',
      change: async () => {
        const a = m.take(true);
        return { affected: await m.dropNic(a), check: (r) => expect(nics(stateOf(r, a))).toEqual([]) };
      },
    },
    {
      name: 'VIF.create on a VM',
      change: async () => {
        const a = m.take(true);
        return { affected: await m.addNic(a), check: (r) => expect(nics(stateOf(r, a)).map((n) => n.device)).toEqual(['0', '1']) };
      },
    },
    {
      name: 'VM.destroy of a halted VM',
      change: async () => {
        const a = m.take(true);
        return { affected: await m.destroy(a), check: (r) => expect(stateOf(r, a)).toBeNull() };
      },
    },
    {
      name: 'a VM created out of band (VM.clone)',
      change: async () => {
        const a = m.take(true);
        const affected = await m.clone(a, 'made-out-of-band');
        m.release(a);
        return { affected };
      },
    },
    {
      // Its read found no VM with its UUID (null): the new VM's UUID must bring it back.
      name: 'a VM with the UUID of a VM deleted before the cold read',
      before: async () => {
        gone = m.take(true);
        goneUuid = p.db.get('VM', p.vms.get(gone)!)!.uuid as string;
        await m.destroy(gone);
      },
      change: async () => {
        const affected = await m.recreate(gone, goneUuid, 'recreated');
        return { affected, check: (r) => expect(stateOf(r, gone)).toMatchObject({ uuid: goneUuid, name_label: 'recreated', disk: [], nic: [] }) };
      },
      // The new VM is in no records file: the instance now depends on a ref the cache does not hold.
      afterwards: async () => ({ affected: await m.describe(gone, 'recreated, then described'), check: (r) => expect(stateOf(r, gone)?.name_description).toBe('recreated, then described') }),
    },
    {
      name: 'descriptions of a VDI and a network: fields no read looks at',
      events: 2,
      change: async () => {
        const a = m.take(true);
        const affected = await m.unreadFields(a, 'nobody reads this');
        m.release(a);
        return { affected };
      },
    },
  ];

  test.each(cases)('after $name: only the affected instances are read, all agree with a full read', async ({ change, events, before, afterwards }) => {
    await before?.();
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    const cold = await cachedRead(p, cache);
    expect(cold.stats.pools[POOL].mode).toBe('full');

    const { affected, check } = await change();
    const inc = await cachedRead(p, cache);
    expect(inc.stats.pools[POOL].mode).toBe('incremental');
    expect(inc.stats.pools[POOL].events).toBeGreaterThanOrEqual(events ?? 1);
    expect(inc.stats.read).toBe(affected.length);
    expect(inc.stats.reused).toBe(p.prior.length - affected.length);
    expect(p.calls.sort()).toEqual(['event.from', 'pool.get_all_records']);
    const full = await expectAgreesWithFull(p, inc);
    check?.(inc);
    check?.(full);
    if (afterwards) {
      const second = await afterwards();
      const again = await cachedRead(p, cache);
      expect(again.stats.read).toBe(new Set([...affected, ...second.affected]).size);
      const fullAgain = await expectAgreesWithFull(p, again);
      second.check?.(again);
      second.check?.(fullAgain);
    }
  });

  test('reads that scanned a class (the prior spells the SR or host by name) are read again on any event of that class, only those', async () => {
    const [srRef, sr] = p.db.all('SR').find(([, r]) => r.type === 'nfs')!;
    const [isoRef] = p.db.all('SR').find(([, r]) => r.type === 'iso')!;
    const alive = m.alive();
    const srByName = new Set(alive.filter((_, i) => i % 4 === 0));
    const hostByName = new Set(alive.filter((a) => p.db.get('VM', p.vms.get(a)!)!.power_state === 'Running'));
    expect(hostByName.size).toBeGreaterThan(0);
    const host = (a: string) => p.db.get('host', p.db.get('VM', p.vms.get(a)!)!.resident_on as string)!;
    const q = withPrior(p, p.prior.map((inst) => {
      const attrs = { ...inst.attributes };
      if (srByName.has(inst.address)) attrs.disk = disks(attrs).map((d, k) => (k === 0 ? { ...d, sr: sr.name_label as string } : d));
      if (hostByName.has(inst.address)) attrs.host = host(inst.address).name_label as string;
      return { ...inst, attributes: attrs };
    }));
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    const cold = await cachedRead(q, cache);
    expect(cold.stats.read).toBe(q.prior.length);
    for (const a of srByName) expect(disks(stateOf(cold, a))[0].sr).toBe(sr.name_label);
    for (const a of hostByName) expect(stateOf(cold, a)?.host).toBe(host(a).name_label);

    await p.client.call('SR.set_name_description', srRef, 'a field no read looks at, in a scanned class');
    const afterSr = await cachedRead(q, cache);
    expect(afterSr.stats.read).toBe(srByName.size);
    await expectAgreesWithFull(q, afterSr);

    // The records file keeps its token: the SR event comes back, the host event is added.
    await p.client.call('host.set_name_description', p.db.get('VM', p.vms.get([...hostByName][0])!)!.resident_on as string, 'also unread');
    const afterHost = await cachedRead(q, cache);
    expect(afterHost.stats.read).toBe(new Set([...srByName, ...hostByName]).size);
    await expectAgreesWithFull(q, afterHost);

    // Another SR takes the same name: the name no longer says which SR, the state spells the UUID.
    const isoName = p.db.get('SR', isoRef)!.name_label as string;
    await p.client.call('SR.set_name_label', isoRef, sr.name_label as string);
    try {
      const ambiguous = await cachedRead(q, cache);
      expect(ambiguous.stats.read).toBe(new Set([...srByName, ...hostByName]).size);
      await expectAgreesWithFull(q, ambiguous);
      for (const a of srByName) expect(disks(stateOf(ambiguous, a))[0].sr).toBe(sr.uuid);
    } finally {
      await p.client.call('SR.set_name_label', isoRef, isoName);
    }
  });

  test('property: after rounds of random out-of-band changes, the incremental refresh equals a full read on every instance', async () => {
    const random = mulberry32(20240611);
    const pick = (n: number): number => Math.floor(random() * n);
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    expect((await cachedRead(p, cache)).stats.pools[POOL].mode).toBe('full');
    // The records file keeps its token: every later refresh replays the events since the cold read.
    const touched = new Set<string>();
    const kinds = ['describe', 'rename', 'userKey', 'resize', 'dropNic', 'addNic', 'destroy', 'clone', 'unread'] as const;
    for (let round = 0; round < 12; round++) {
      const changes = 1 + pick(4);
      for (let k = 0; k < changes; k++) {
        const kind = kinds[pick(kinds.length)];
        const halted = m.alive(true);
        const any = m.alive();
        if (!halted.length) break;
        const a = kind === 'destroy' || kind === 'clone' ? halted[pick(halted.length)] : any[pick(any.length)];
        const text = `round ${round} change ${k}`;
        const affected = kind === 'describe' ? await m.describe(a, text)
          : kind === 'rename' ? await m.rename(a, `vm-r${round}-${k}`)
            : kind === 'userKey' ? await m.userKey(a, text)
              : kind === 'resize' ? (await m.resize(a)).affected
                : kind === 'dropNic' ? await m.dropNic(a)
                  : kind === 'addNic' ? await m.addNic(a)
                    : kind === 'destroy' ? await m.destroy(a)
                      : kind === 'clone' ? await m.clone(a, `clone-${round}-${k}`)
                        : await m.unreadFields(a, text);
        for (const x of affected) touched.add(x);
      }
      const inc = await cachedRead(p, cache);
      expect(inc.stats.pools[POOL].mode).toBe('incremental');
      expect(inc.stats.read + inc.stats.reused).toBe(p.prior.length);
      expect(inc.stats.read).toBeLessThanOrEqual(touched.size);
      await expectAgreesWithFull(p, inc);
    }
    expect(touched.size).toBeGreaterThan(3);
  });

  test('another state serial or lineage: records still incremental, every instance read again, results equal a full read', async () => {
    const cache = new RefreshCache(path.join(await tempDir(), 'cache'));
    await cachedRead(p, cache);
    await m.describe(m.alive(true)[0], 'before the serial changes');
    for (const state of [{ ...STATE, serial: STATE.serial + 1 }, { lineage: 'lineage-b', serial: STATE.serial + 1 }]) {
      const r = await cachedRead(p, cache, state);
      expect(r.stats.pools[POOL].mode).toBe('incremental');
      expect(r.stats.read).toBe(p.prior.length);
      expect(r.stats.reused).toBe(0);
      await expectAgreesWithFull(p, r);
    }
    // The index now belongs to the last state: the same state again reuses.
    const again = await cachedRead(p, cache, { lineage: 'lineage-b', serial: STATE.serial + 1 });
    expect(again.stats.reused).toBeGreaterThan(0);
    await expectAgreesWithFull(p, again);
  });

  describe('damaged or mismatched cache files fall back to a full read', () => {
    const records = (dir: string): string => path.join(dir, `${POOL}.records`);

    test.each([
      ['truncated', async (file: string) => { const b = await fs.readFile(file); await fs.writeFile(file, b.subarray(0, Math.floor(b.length / 2))); }],
      ['cut inside its header', async (file: string) => { const b = await fs.readFile(file); await fs.writeFile(file, b.subarray(0, 60)); }],
      ['garbage', async (file: string) => { await fs.writeFile(file, 'this is not a records file\n{}'); }],
      ['one byte longer', async (file: string) => { await fs.appendFile(file, ' '); }],
      ['empty', async (file: string) => { await fs.writeFile(file, ''); }],
      ['deleted', async (file: string) => { await fs.rm(file); }],
    ] as const)('records file %s: full read with a reason, results correct, cache usable again after', async (_name, damage) => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await m.describe(m.alive(true)[0], `before damage: ${_name}`);
      await damage(records(dir));
      const cache = new RefreshCache(dir);
      const r = await cachedRead(p, cache);
      expect(r.stats.pools[POOL]).toEqual({ mode: 'full', why: 'no cached records' });
      expect(r.stats.read).toBe(p.prior.length);
      await expectAgreesWithFull(p, r);
      // The full read rewrote the file: the next refresh is incremental again.
      const next = await cachedRead(p, new RefreshCache(dir));
      expect(next.stats.pools[POOL].mode).toBe('incremental');
      expect(next.stats.read).toBe(0);
      await expectAgreesWithFull(p, next);
    });

    test('a damaged records file is named in the cache\'s misses', async () => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await fs.writeFile(records(dir), 'garbage');
      const cache = new RefreshCache(dir);
      await cachedRead(p, cache);
      expect(cache.misses).toHaveLength(1);
      expect(cache.misses[0]).toContain(records(dir));
    });

    test('index.json garbage: records incremental, every instance read again, results correct', async () => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await m.describe(m.alive(true)[0], 'before the index is damaged');
      await fs.writeFile(path.join(dir, 'index.json'), '{"format": "xcpform-refresh-index", "version": 1, garbage');
      const cache = new RefreshCache(dir);
      const r = await cachedRead(p, cache);
      expect(r.stats.pools[POOL].mode).toBe('incremental');
      expect(r.stats.read).toBe(p.prior.length);
      expect(r.stats.reused).toBe(0);
      expect(cache.misses.some((x) => x.includes('index.json'))).toBe(true);
      await expectAgreesWithFull(p, r);
    });

    test.each(['null', '[]', '{}', '{"format": "xcpform-refresh-index"}'])('index.json that is JSON but no index (%s): every instance read again', async (text) => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await fs.writeFile(path.join(dir, 'index.json'), text);
      const r = await cachedRead(p, new RefreshCache(dir));
      expect(r.stats.pools[POOL].mode).toBe('incremental');
      expect(r.stats.read).toBe(p.prior.length);
      await expectAgreesWithFull(p, r);
    });

    test('index.json deleted: every instance read again', async () => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      await fs.rm(path.join(dir, 'index.json'));
      const r = await cachedRead(p, new RefreshCache(dir));
      expect(r.stats.pools[POOL].mode).toBe('incremental');
      expect(r.stats.read).toBe(p.prior.length);
      await expectAgreesWithFull(p, r);
    });

    test('other classes to read: full read', async () => {
      const dir = path.join(await tempDir(), 'cache');
      await cachedRead(p, new RefreshCache(dir));
      const r = await refreshInstances(p.prior, p.source, new Map([[POOL, new Set<XapiClass>(['PIF'])]]), { cache: new RefreshCache(dir), state: STATE });
      expect(r.stats.pools[POOL]).toEqual({ mode: 'full', why: 'the classes to read changed' });
      expect(r.stats.read).toBe(p.prior.length);
      await expectAgreesWithFull(p, r);
    });
  });

  test('cache files are mode 0600 in a folder of mode 0700', async () => {
    const dir = path.join(await tempDir(), 'cache', 'lineage');
    await cachedRead(p, new RefreshCache(dir));
    expect((await fs.readdir(dir)).sort()).toEqual(['index.json', `${POOL}.records`]);
    for (const f of ['index.json', `${POOL}.records`]) expect(statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  test('saveCache into a folder that cannot be made returns a warning, does not throw', async () => {
    const base = await tempDir();
    await fs.writeFile(path.join(base, 'file'), 'a regular file');
    const dir = path.join(base, 'file', 'cache');
    const r = await refreshInstances(p.prior, p.source, new Map(), { cache: new RefreshCache(dir), state: STATE });
    expect(r.saveCache).toBeDefined();
    const problem = await r.saveCache!();
    expect(typeof problem).toBe('string');
    expect(problem).toContain(`cannot write the refresh cache in ${dir}`);
    await expectAgreesWithFull(p, r);
    // No stray temporary files anywhere under base.
    expect(await fs.readdir(base)).toEqual(['file']);
  });
});

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

/** A small seeded PRNG (mulberry32): the same rounds on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
