/**
 * A simulated pool of VMs for the refresh cache tests (src/plan/refresh-cache*.test.ts): VMs
 * made straight in its database, a client that counts calls, the prior state of those VMs, and
 * full and cached refreshes to compare.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resourceType } from '../../src/resources/registry';
import { startSimulator, DEFAULT_PASSWORD, DEFAULT_USERNAME, type RunningSimulator } from '../../src/simulator';
import { refreshAllowed } from '../../src/simulator/classes/ops';
import type { Database } from '../../src/simulator/db/database';
import { sameValue, type ObjectValue } from '../../src/values/value';
import { NULL_REF, XapiClient } from '../../src/xenapi';
import { refreshInstances, type PriorInstance, type RecordSource, type RefreshResult } from '../../src/plan/refresh';
import type { RefreshCache } from '../../src/plan/refresh-cache';

export const POOL = 'p1';
export const GIB = 2 ** 30;
export const VMS = 40;
export const STATE = { lineage: 'lineage-a', serial: 7 };
export const VM_CLASSES = resourceType('xcp_vm')!.classes;

/** A simulated pool with VMs made straight in its database, a counting client, and the prior state of those VMs. */
export interface TestPool {
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
export function populate(db: Database, n: number, uuids: readonly string[] = []): Map<string, string> {
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
export function counting(client: XapiClient, calls: string[]): XapiClient {
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

export function clientFor(url: string): XapiClient {
  return new XapiClient({ url, protocol: 'jsonrpc', credentials: { username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD } });
}

/** A source on `sim`'s pool; `prior` as an apply would have recorded it (the VM resource's read of each VM). */
export async function poolOn(sim: RunningSimulator, vms: Map<string, string>, prior?: PriorInstance[]): Promise<TestPool> {
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

export async function startPool(n: number, opts: { stateFile?: string } = {}): Promise<TestPool> {
  const sim = await startSimulator({ pools: [{ name: POOL, hosts: 2 }], ...(opts.stateFile ? { stateFile: opts.stateFile } : {}) });
  const vms = populate(sim.world.pool(POOL).db, n);
  if (opts.stateFile) await sim.save();
  return poolOn(sim, vms);
}

export async function stopPool(p: TestPool | undefined): Promise<void> {
  if (!p) return;
  await p.client.close();
  await p.sim.close();
}

const tempDirs: string[] = [];
export async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xcpform-refresh-cache-'));
  tempDirs.push(dir);
  return dir;
}
/** Removes the folders {@link tempDir} made (call from afterAll). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
}

/** A full bulk read without cache: the reference every incremental result is compared to. */
export async function fullRead(p: TestPool): Promise<RefreshResult> {
  const r = await refreshInstances(p.prior, p.source);
  expect(r.diagnostics).toEqual([]);
  return r;
}

/** A refresh with `cache` as plan runs it (cache saved afterwards, which must succeed). */
export async function cachedRead(p: TestPool, cache: RefreshCache, state: { lineage: string; serial: number } = STATE): Promise<RefreshResult> {
  p.calls.length = 0;
  const r = await refreshInstances(p.prior, p.source, new Map(), { cache, state });
  expect(r.diagnostics).toEqual([]);
  expect(await r.saveCache?.()).toBeUndefined();
  return r;
}

/** Addresses on which two refreshes disagree (absent, null versus a value, or different values). */
export function disagreements(prior: readonly PriorInstance[], a: RefreshResult, b: RefreshResult): string[] {
  return prior.filter((p) => {
    const x = a.refreshed.get(p.address);
    const y = b.refreshed.get(p.address);
    if (x === undefined || y === undefined) return true;
    return x === null || y === null ? x !== y : !sameValue(x, y);
  }).map((p) => p.address);
}

export async function expectAgreesWithFull(p: TestPool, r: RefreshResult): Promise<RefreshResult> {
  const full = await fullRead(p);
  expect(r.refreshed.size).toBe(p.prior.length);
  expect(disagreements(p.prior, r, full)).toEqual([]);
  return full;
}

/** The same pool with other prior instances. */
export const withPrior = (p: TestPool, prior: PriorInstance[]): TestPool => ({ ...p, prior });

export const stateOf = (r: RefreshResult, address: string): ObjectValue | null | undefined => r.refreshed.get(address);
export const disks = (s: ObjectValue | null | undefined): ObjectValue[] => (s?.disk ?? []) as ObjectValue[];
export const nics = (s: ObjectValue | null | undefined): ObjectValue[] => (s?.nic ?? []) as ObjectValue[];

/** Out-of-band changes through XenAPI calls; each returns the addresses whose read it can affect. */
export class Mutations {
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
   * The xenstore data of the VM's disk and the description of its network: fields the VM read
   * never looks at (it looks at the VDI and network records, for other fields; a disk's
   * description is read since disks have name_description). Not the SR or host: a read that
   * spells them by name scans their class, and any event of the class touches a scan.
   */
  async unreadFields(address: string, text: string): Promise<string[]> {
    const vm = this.vm(address);
    const vbd = this.p.db.get('VBD', (vm.VBDs as string[])[0])!;
    const vif = this.p.db.get('VIF', (vm.VIFs as string[])[0]);
    await this.p.client.call('VDI.set_xenstore_data', vbd.VDI as string, { note: text });
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
