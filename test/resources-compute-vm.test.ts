/**
 * xcp_vm against the simulator over HTTP: create → read equals the plan → every in-place
 * attribute changed one by one (XAPI checked, re-read equals the planned state, re-plan is a
 * no-op) → halt-class changes (shutdown, change, start) → live host migration → storage motion
 * → cross-pool migration (disks move, UUID kept) → delete leaves nothing. The attributes each
 * step exercises are recorded, and the schema-enumeration test at the end proves every configurable
 * attribute was changed by one of them (in place, halt cycle, migration) or planned as a replacement.
 */
import { forEachAttribute, isConfigurable } from '../src/schema/model';
import { vmResource } from '../src/resources/vm';
import { resourceType } from '../src/resources/registry';
import { vmSchema } from '../src/resources/vm/schema';
import { CreatedButFailed, ResourceError } from '../src/resources/resource';
import type { PoolRecords } from '../src/resources/snapshot';
import type { ObjectValue } from '../src/values/value';
import type { XapiRecord } from '../src/xenapi';
import { configOf, knownMismatches, planWith, startResourceHarness, type ResourceHarness } from './helpers/resource-context';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const NET0 = 'Pool-wide network associated with eth0';
const NET1 = 'Pool-wide network associated with eth1';
const SHARED = 'NFS shared storage';
const ISO = 'debian-12.5.0-amd64-netinst.iso';

let hx: ResourceHarness;
beforeAll(async () => { hx = await startResourceHarness(); });
afterAll(async () => { await hx?.close(); });

/** attribute path (`disk.size`) → how a passing test changed it. */
const exercised = new Map<string, string>();

type Vm = XapiRecord<'VM'>;
type Check = (r: PoolRecords, vm: Vm, state: ObjectValue) => void;

function cfg(extra: ObjectValue = {}): ObjectValue {
  return configOf(vmSchema, {
    name_label: 'web-1', template: 'Debian Bookworm 12', pool: 'dc1', vcpus: 2, vcpus_max: 4,
    memory: 4 * GiB, memory_dynamic_min: 2 * GiB, memory_dynamic_max: 3 * GiB,
    disk: [{ size: 20 * GiB }], nic: [{ network: NET0 }], wait_for_ip: { timeout: 10 }, tags: ['web'],
    ...extra,
  });
}

async function create(address: string, config: ObjectValue): Promise<ObjectValue> {
  const world = await hx.world(vmResource.classes);
  const { hook } = planWith(vmResource, null, config, world);
  expect(hook.diagnostics?.filter((d) => d.severity === 'error') ?? []).toEqual([]);
  const res = await vmResource.create({ planned: hook.planned, config, ctx: hx.ctx(address) });
  expect(knownMismatches(hook.planned, res.state)).toEqual([]);
  return res.state;
}

function vmOf(r: PoolRecords, uuid: string): Vm {
  const hit = r.byUuid('VM', uuid);
  if (!hit) throw new Error(`VM ${uuid} not found in ${r.pool}`);
  return hit.record;
}

function disksOf(r: PoolRecords, vm: Vm): { vbd: XapiRecord<'VBD'>; vdi: XapiRecord<'VDI'> }[] {
  return vm.VBDs.map((b) => r.get('VBD', b)!).filter((b) => b.type === 'Disk').map((vbd) => ({ vbd, vdi: r.get('VDI', vbd.VDI)! }))
    .sort((a, b) => Number(a.vbd.userdevice) - Number(b.vbd.userdevice));
}

function vifOf(r: PoolRecords, vm: Vm, device: string): XapiRecord<'VIF'> | undefined {
  return vm.VIFs.map((v) => r.get('VIF', v)!).find((v) => v.device === device);
}

describe('xcp_vm full lifecycle', () => {
  let config: ObjectValue;
  let state: ObjectValue;
  let uuid = '';
  let sharedVdi = '';
  let applianceUuid = '';

  /** Plans `next` against a fresh read, applies it (update or migrate), checks XAPI, re-reads, re-plans. */
  async function step(paths: string[], how: string, next: ObjectValue, check: Check, expected: { action?: string; halt?: boolean } = {}): Promise<ObjectValue> {
    const world = await hx.world(vmResource.classes);
    const prior = vmResource.read({ prior: state, world }).state!;
    expect(prior).toEqual(state);
    const { hook } = planWith(vmResource, prior, next, world);
    expect(hook.diagnostics?.filter((d) => d.severity === 'error') ?? []).toEqual([]);
    expect(hook.action).toBe(expected.action ?? 'update');
    const halts = (hook as { haltPaths?: unknown[] }).haltPaths ?? [];
    if (expected.halt) expect(halts.length).toBeGreaterThan(0);
    else expect(halts).toEqual([]);
    const ctx = hx.ctx('xcp_vm.web');
    const apply = hook.action === 'migrate' ? vmResource.migrate! : vmResource.update;
    const res = await apply({ prior, planned: hook.planned, config: next, ctx });
    expect(knownMismatches(hook.planned, res.state)).toEqual([]);
    const world2 = await hx.world(vmResource.classes);
    const reread = vmResource.read({ prior: res.state, world: world2 }).state!;
    expect(reread).toEqual(res.state);
    const pool = String(reread.pool);
    const r = world2.pool(pool);
    check(r, vmOf(r, uuid), reread);
    const again = planWith(vmResource, reread, next, world2);
    expect(again.hook.changes).toEqual([]);
    expect(again.diff.action).toBe('no-op');
    config = next;
    state = reread;
    for (const p of paths) exercised.set(p, how);
    return ctx.events as unknown as ObjectValue;
  }

  /** The name of the dc1 host the VM is not on (or would not start on). */
  async function otherHost(): Promise<string> {
    const r = await hx.records('dc1');
    const hosts = [...r.all('host').values()];
    const current = hosts.find((h) => h.uuid === state.host || h.name_label === state.host);
    return hosts.find((h) => h !== current)!.name_label;
  }

  const set = (extra: ObjectValue): ObjectValue => ({ ...config, ...extra });
  const setDisk = (i: number, extra: ObjectValue): ObjectValue => ({ ...config, disk: (config.disk as ObjectValue[]).map((d, j) => (j === i ? { ...d, ...extra } : d)) });
  const setNic = (i: number, extra: ObjectValue): ObjectValue => ({ ...config, nic: (config.nic as ObjectValue[]).map((n, j) => (j === i ? { ...n, ...extra } : n)) });

  test('create: clone + provision, disks, NICs, running with an IP; read equals the plan; re-plan is a no-op', async () => {
    config = cfg();
    state = await create('xcp_vm.web', config);
    uuid = String(state.uuid);
    const r = await hx.records('dc1');
    const vm = vmOf(r, uuid);
    expect(vm.power_state).toBe('Running');
    expect(vm.VCPUs_at_startup).toBe(2);
    expect(vm.VCPUs_max).toBe(4);
    expect([vm.memory_static_max, vm.memory_dynamic_min, vm.memory_dynamic_max]).toEqual([4 * GiB, 2 * GiB, 3 * GiB]);
    expect(vm.is_a_template).toBe(false);
    expect(vm.other_config['xcpform:address']).toBe('xcp_vm.web');
    expect(disksOf(r, vm).map((d) => [d.vbd.userdevice, d.vdi.virtual_size])).toEqual([['0', 20 * GiB]]);
    expect(state.ip_address).toMatch(/^10\./);
    const world = await hx.world(vmResource.classes);
    expect(vmResource.read({ prior: state, world }).state).toEqual(state);
    const { diff, hook } = planWith(vmResource, state, config, world);
    expect(diff.action).toBe('no-op');
    expect(hook.changes).toEqual([]);
    for (const p of ['name_label', 'template', 'clone_type', 'pool', 'wait_for_ip.timeout', 'tags']) exercised.set(p, 'create');
  });

  test('in place: names, tags, other_config (only managed keys)', async () => {
    await step(['name_label'], 'rename', set({ name_label: 'web-1b' }), (_r, vm) => expect(vm.name_label).toBe('web-1b'));
    await step(['name_description'], 'describe', set({ name_description: 'front end' }), (_r, vm) => expect(vm.name_description).toBe('front end'));
    await step(['tags'], 'add a tag', set({ tags: ['web', 'prod'] }), (_r, vm) => expect([...vm.tags].sort()).toEqual(['prod', 'web']));
    await step(['other_config'], 'add two keys', set({ other_config: { team: 'a', env: 'x' } }), (_r, vm) => expect(vm.other_config).toMatchObject({ team: 'a', env: 'x' }));
    await step(['other_config'], 'remove one key', set({ other_config: { team: 'b' } }), (_r, vm) => {
      expect(vm.other_config.team).toBe('b');
      expect(vm.other_config.env).toBeUndefined();
      expect(vm.other_config.linux_template).toBe('true'); // a template key, not managed, kept
    });
  });

  test('in place: vCPUs live, VCPUs_params, dynamic memory, boot order, xenstore, actions, order, blocked ops', async () => {
    await step(['vcpus'], 'live 2 → 3 (≤ vcpus_max)', set({ vcpus: 3 }), (_r, vm) => { expect(vm.VCPUs_at_startup).toBe(3); expect(vm.power_state).toBe('Running'); });
    await step(['vcpu_weight', 'vcpu_cap'], 'set weight and cap', set({ vcpu_weight: 512, vcpu_cap: 50 }), (_r, vm) => expect(vm.VCPUs_params).toMatchObject({ weight: '512', cap: '50' }));
    await step(['memory_dynamic_min', 'memory_dynamic_max'], 'live range', set({ memory_dynamic_min: 1536 * MiB, memory_dynamic_max: 3584 * MiB }), (_r, vm) => {
      expect([vm.memory_dynamic_min, vm.memory_dynamic_max]).toEqual([1536 * MiB, 3584 * MiB]);
      expect(vm.power_state).toBe('Running');
    });
    await step(['boot_order'], 'dc', set({ boot_order: 'dc' }), (_r, vm) => expect(vm.HVM_boot_params.order).toBe('dc'));
    await step(['xenstore_data'], 'role', set({ xenstore_data: { role: 'web' } }), (_r, vm) => expect(vm.xenstore_data['vm-data/role']).toBe('web'));
    await step(['auto_poweron'], 'true', set({ auto_poweron: true }), (_r, vm) => expect(vm.other_config.auto_poweron).toBe('true'));
    await step(['start_order', 'start_delay', 'shutdown_delay'], 'set', set({ start_order: 2, start_delay: 10, shutdown_delay: 5 }), (_r, vm) => expect([vm.order, vm.start_delay, vm.shutdown_delay]).toEqual([2, 10, 5]));
    await step(['actions_after_shutdown', 'actions_after_reboot', 'actions_after_crash'], 'set', set({ actions_after_shutdown: 'restart', actions_after_reboot: 'destroy', actions_after_crash: 'preserve' }),
      (_r, vm) => expect([vm.actions_after_shutdown, vm.actions_after_reboot, vm.actions_after_crash]).toEqual(['restart', 'destroy', 'preserve']));
    await step(['blocked_operations'], 'block hard_reboot', set({ blocked_operations: { hard_reboot: 'no' } }), (_r, vm) => expect(vm.blocked_operations).toEqual({ hard_reboot: 'no' }));
    await step(['blocked_operations'], 'unblock', set({ blocked_operations: {} }), (_r, vm) => expect(vm.blocked_operations).toEqual({}));
  });

  test('in place: affinity, suspend SR, CD, appliance, knobs and blocks with no XAPI effect', async () => {
    await step(['affinity'], 'host by name', set({ affinity: 'dc1-host2' }), (r, vm) => expect(r.get('host', vm.affinity)?.name_label).toBe('dc1-host2'));
    await step(['suspend_sr'], 'SR by name', set({ suspend_sr: SHARED }), (r, vm) => expect(r.get('SR', vm.suspend_SR)?.name_label).toBe(SHARED));
    await step(['cdrom'], 'insert', set({ cdrom: ISO }), (r, vm) => {
      const cd = vm.VBDs.map((b) => r.get('VBD', b)!).find((b) => b.type === 'CD')!;
      expect(r.get('VDI', cd.VDI)?.name_label).toBe(ISO);
    });
    await step(['installation_method'], 'cdrom: the ISO boots first (boot order "dc")', set({ installation_method: 'cdrom', boot_order: null }), (r, vm) => expect(vm.HVM_boot_params.order).toBe('dc'));
    await step(['installation_method'], 'template again: the boot order stays', set({ installation_method: 'template' }), (r, vm) => expect(vm.HVM_boot_params.order).toBe('dc'));
    await step(['cdrom'], 'eject', set({ cdrom: null }), (r, vm) => expect(vm.VBDs.map((b) => r.get('VBD', b)!).filter((b) => b.type === 'CD' && !b.empty)).toEqual([]));
    const c = hx.client('dc1');
    const app = await c.call<string>('VM_appliance.create', { name_label: 'app', name_description: '' });
    applianceUuid = await c.call<string>('VM_appliance.get_uuid', app);
    await step(['appliance'], 'join', set({ appliance: applianceUuid }), (r, vm) => expect(r.get('VM_appliance', vm.appliance)?.uuid).toBe(applianceUuid));
    await step(['appliance'], 'leave', set({ appliance: null }), (_r, vm) => expect(vm.appliance).toBe('OpaqueRef:NULL'));
    await step(['shutdown_timeout', 'force_shutdown', 'allow_restart'], 'state only', set({ shutdown_timeout: 30, force_shutdown: false, allow_restart: false }), (_r, _vm, s) => expect([s.shutdown_timeout, s.force_shutdown, s.allow_restart]).toEqual([30, false, false]));
    await step([], 'restore knobs', set({ shutdown_timeout: null, force_shutdown: null, allow_restart: null }), () => undefined);
    await step(['wait_for_ip', 'wait_for_ip.cidr'], 'cidr', set({ wait_for_ip: { timeout: 20, cidr: '10.0.0.0/8' } }), (_r, _vm, s) => expect(s.ip_address).toMatch(/^10\./));
    await step(['placement', 'placement.pools', 'placement.strategy', 'placement.sr_map'], 'state only (the planner chooses the pool and the SR)', set({ placement: { pools: ['dc1'], strategy: 'spread', sr_map: { cloud1: 'ssd' } } }), () => undefined);
    await step(['cloud_init', 'cloud_init.on_change', 'cloud_init.drop_drive_after_boot'], 'knobs only (no data: nothing to deliver)', set({ cloud_init: { on_change: 'ignore', drop_drive_after_boot: true, user_data: null, network_config: null, meta_data: null } }), () => undefined);
  });

  test('in place: disks by userdevice (add, grow, rename, bootable, mode, attach, detach)', async () => {
    const disk0 = (config.disk as ObjectValue[])[0];
    await step(['disk'], 'add userdevice 1', set({ disk: [disk0, { userdevice: '1', size: GiB, name_label: 'data', sr: null, bootable: null, mode: null, vdi: null }] }),
      (r, vm) => expect(disksOf(r, vm).map((d) => [d.vbd.userdevice, d.vdi.virtual_size, d.vdi.name_label, d.vbd.currently_attached])).toEqual([['0', 20 * GiB, 'web-1 0', true], ['1', GiB, 'data', true]]));
    await step(['disk.size'], 'grow 20 → 24 GiB while running', setDisk(0, { size: 24 * GiB }), (r, vm) => expect(disksOf(r, vm)[0].vdi.virtual_size).toBe(24 * GiB));
    await step(['disk.name_label'], 'rename', setDisk(0, { name_label: 'root' }), (r, vm) => expect(disksOf(r, vm)[0].vdi.name_label).toBe('root'));
    await step(['disk.name_description'], 'describe', setDisk(0, { name_description: 'root file system' }), (r, vm) => expect(disksOf(r, vm)[0].vdi.name_description).toBe('root file system'));
    await step(['disk.bootable'], 'true', setDisk(1, { bootable: true }), (r, vm) => expect(disksOf(r, vm)[1].vbd.bootable).toBe(true));
    await step(['disk.mode'], 'RO (unplug, set, replug)', setDisk(1, { mode: 'RO' }), (r, vm) => { expect(disksOf(r, vm)[1].vbd.mode).toBe('RO'); expect(disksOf(r, vm)[1].vbd.currently_attached).toBe(true); });
    await step(['disk.attached'], 'false: VBD.unplug, the disk stays on the VM', setDisk(1, { attached: false }), (r, vm) => expect(disksOf(r, vm).map((d) => d.vbd.currently_attached)).toEqual([true, false]));
    await step(['disk.attached'], 'true: VBD.plug', setDisk(1, { attached: true }), (r, vm) => expect(disksOf(r, vm).map((d) => d.vbd.currently_attached)).toEqual([true, true]));
    const c = hx.client('dc1');
    const srs = await c.getAllRecords('SR');
    const shared = [...srs].find(([, s]) => s.name_label === SHARED)![0];
    const vdiRef = await c.call<string>('VDI.create', { name_label: 'shared-data', SR: shared, virtual_size: 2 * GiB, type: 'user', sharable: false, read_only: false, other_config: {} });
    sharedVdi = await c.call<string>('VDI.get_uuid', vdiRef);
    const disks = config.disk as ObjectValue[];
    await step(['disk.vdi'], 'attach an existing VDI at userdevice 2', set({ disk: [...disks, { userdevice: '2', size: 2 * GiB, name_label: null, sr: null, bootable: null, mode: null, vdi: sharedVdi }] }),
      (r, vm) => expect(disksOf(r, vm).find((d) => d.vbd.userdevice === '2')?.vdi.uuid).toBe(sharedVdi));
    await step(['disk', 'disk.userdevice'], 'remove the attached VDI and the data disk (userdevice is identity)', set({ disk: [disks[0]] }), (r, vm) => {
      expect(disksOf(r, vm).map((d) => d.vbd.userdevice)).toEqual(['0']);
      expect(r.byUuid('VDI', sharedVdi)).toBeDefined(); // attached, not owned: kept
      expect([...r.all('VDI').values()].some((v) => v.name_label === 'data')).toBe(false); // owned: destroyed
    });
  });

  test('in place: NICs by device (add, VIF.move, MAC, locking, rate limit, MTU, remove)', async () => {
    const nic0 = (config.nic as ObjectValue[])[0];
    const nicCfg = (extra: ObjectValue): ObjectValue => ({ network: NET1, device: null, mac: null, mtu: null, locking_mode: null, ipv4_allowed: null, ipv6_allowed: null, rate_limit_kbps: null, ...extra });
    await step(['nic'], 'add device 1', set({ nic: [nic0, nicCfg({ device: '1' })] }), (r, vm) => expect(vifOf(r, vm, '1')?.currently_attached).toBe(true));
    const vif0 = String((state.nic as ObjectValue[])[0].vif_uuid);
    await step(['nic.network'], 'VIF.move keeps UUID and MAC', setNic(0, { network: NET1 }), (r, vm) => {
      expect(vifOf(r, vm, '0')?.uuid).toBe(vif0);
      expect(r.get('network', vifOf(r, vm, '0')!.network)?.name_label).toBe(NET1);
    });
    await step(['nic.mac'], 'recreate with a MAC', setNic(1, { mac: 'aa:bb:cc:00:11:22' }), (r, vm) => expect(vifOf(r, vm, '1')?.MAC).toBe('aa:bb:cc:00:11:22'));
    await step(['nic.locking_mode', 'nic.ipv4_allowed', 'nic.ipv6_allowed'], 'locked', setNic(1, { locking_mode: 'locked', ipv4_allowed: ['10.0.0.5'], ipv6_allowed: ['fd00::5'] }),
      (r, vm) => expect([vifOf(r, vm, '1')?.locking_mode, vifOf(r, vm, '1')?.ipv4_allowed, vifOf(r, vm, '1')?.ipv6_allowed]).toEqual(['locked', ['10.0.0.5'], ['fd00::5']]));
    await step(['nic.rate_limit_kbps'], '1000', setNic(1, { rate_limit_kbps: 1000 }), (r, vm) => expect(vifOf(r, vm, '1')?.qos_algorithm_params).toEqual({ kbps: '1000' }));
    await step(['nic.mtu'], '9000 (recreated, MAC kept)', setNic(1, { mtu: 9000 }), (r, vm) => expect([vifOf(r, vm, '1')?.MTU, vifOf(r, vm, '1')?.MAC]).toEqual([9000, 'aa:bb:cc:00:11:22']));
    await step(['nic.attached'], 'false: VIF.unplug, the VIF stays', setNic(1, { attached: false }), (r, vm) => expect([vifOf(r, vm, '0')?.currently_attached, vifOf(r, vm, '1')?.currently_attached]).toEqual([true, false]));
    await step(['nic.attached'], 'true: VIF.plug', setNic(1, { attached: true }), (r, vm) => expect(vifOf(r, vm, '1')?.currently_attached).toBe(true));
    await step(['nic.wait_for_ip'], 'wait for an address on device 0 (no XAPI change)', setNic(0, { wait_for_ip: '0.0.0.0/0' }),
      (r, vm) => expect(r.get('VM_guest_metrics', vm.guest_metrics)?.networks['0/ip']).toMatch(/^\d+\.\d+\.\d+\.\d+$/));
    await step(['nic', 'nic.device'], 'remove device 1 (device is identity)', set({ nic: [(config.nic as ObjectValue[])[0]] }), (r, vm) => expect(vifOf(r, vm, '1')).toBeUndefined());
  });

  test('in place: power states, and host of a halted VM', async () => {
    await step(['power_state'], 'pause', set({ power_state: 'paused' }), (_r, vm) => expect(vm.power_state).toBe('Paused'));
    await step(['power_state'], 'suspend', set({ power_state: 'suspended' }), (_r, vm) => expect(vm.power_state).toBe('Suspended'));
    await step(['power_state'], 'halt', set({ power_state: 'halted' }), (_r, vm) => expect(vm.power_state).toBe('Halted'));
    const other = await otherHost();
    await step(['host'], 'halted: where it starts next (no migration)', set({ host: other }), (r, vm) => expect(vm.other_config['xcpform:host']).toBe([...r.all('host').values()].find((h) => h.name_label === other)!.uuid));
    await step(['power_state'], 'start on that host', set({ power_state: null }), (r, vm) => {
      expect(vm.power_state).toBe('Running');
      expect(r.get('host', vm.resident_on)?.name_label).toBe(other);
    });
  });

  test('halt-class: shut down cleanly, change, start again; allow_restart = false is a plan error', async () => {
    const world = await hx.world(vmResource.classes);
    const refused = planWith(vmResource, state, set({ vcpus_max: 6, allow_restart: false }), world);
    expect(refused.hook.diagnostics?.map((d) => d.code)).toContain('xcp_vm.restart-not-allowed');
    const planned = planWith(vmResource, state, set({ vcpus_max: 6 }), world);
    expect(planned.hook.notes?.join('\n')).toMatch(/shut down cleanly, updated and started again/);
    await step(['vcpus_max'], '4 → 6', set({ vcpus_max: 6 }), (_r, vm) => { expect(vm.VCPUs_max).toBe(6); expect(vm.power_state).toBe('Running'); }, { halt: true });
    await step(['vcpus'], '3 → 8 beyond vcpus_max (vcpus_max follows)', set({ vcpus: 8, vcpus_max: null }), (_r, vm) => expect([vm.VCPUs_at_startup, vm.VCPUs_max, vm.power_state]).toEqual([8, 8, 'Running']), { halt: true });
    await step(['memory', 'memory_static_min'], 'grow static max, lower static min', set({ memory: 6 * GiB, memory_static_min: 256 * MiB, memory_dynamic_max: 5 * GiB }),
      (_r, vm) => expect([vm.memory_static_min, vm.memory_static_max, vm.memory_dynamic_max, vm.power_state]).toEqual([256 * MiB, 6 * GiB, 5 * GiB, 'Running']), { halt: true });
    await step(['cores_per_socket', 'nested_hvm', 'viridian', 'vga', 'videoram', 'secure_boot'], 'platform flags', set({ cores_per_socket: 2, nested_hvm: true, viridian: true, vga: 'std', videoram: 8, secure_boot: true }),
      (_r, vm) => expect(vm.platform).toMatchObject({ 'cores-per-socket': '2', 'nested-virt': 'true', viridian: 'true', vga: 'std', videoram: '8', secureboot: 'true' }), { halt: true });
    await step(['firmware'], 'bios → uefi (HVM_boot_params:firmware on the halted VM, same VM)', set({ firmware: 'uefi' }),
      (_r, vm) => expect([vm.HVM_boot_params.firmware, vm.uuid, vm.power_state]).toEqual(['uefi', uuid, 'Running']), { halt: true });
    await step(['has_vendor_device', 'hvm_shadow_multiplier'], 'set', set({ has_vendor_device: true, hvm_shadow_multiplier: 2 }),
      (_r, vm) => expect([vm.has_vendor_device, vm.HVM_shadow_multiplier, vm.power_state]).toEqual([true, 2, 'Running']), { halt: true });
  });

  test('migrate: live to another host, storage motion, then cross-pool with disks (UUID kept)', async () => {
    const other = await otherHost();
    await step(['host'], 'running: VM.pool_migrate', set({ host: other }), (r, vm) => expect(r.get('host', vm.resident_on)?.name_label).toBe(other), { action: 'migrate' });
    const r0 = await hx.records('dc1');
    const vm0 = vmOf(r0, uuid);
    const local = [...r0.all('SR')].find(([, s]) => s.type === 'ext' && s.PBDs.some((p) => r0.get('PBD', p)?.host === vm0.resident_on))!;
    const world = await hx.world(vmResource.classes);
    const plannedMove = planWith(vmResource, state, setDisk(0, { sr: local[1].uuid }), world);
    expect(plannedMove.hook.bytesToMove).toBe(24 * GiB);
    await step(['disk.sr'], 'VDI.pool_migrate to the host\'s local SR', setDisk(0, { sr: local[1].uuid }), (r, vm) => expect(r.get('SR', disksOf(r, vm)[0].vdi.SR)?.uuid).toBe(local[1].uuid), { action: 'migrate' });
    const world2 = await hx.world(vmResource.classes);
    const stale = planWith(vmResource, state, set({ pool: 'cloud1', host: null }), world2);
    expect(stale.hook.diagnostics?.filter((d) => d.severity === 'error').map((d) => d.path?.join('.'))).toEqual(['affinity', 'disk.0.sr']); // dc1 objects, caught at plan time
    const cross = set({ pool: 'cloud1', host: null, affinity: null, disk: [{ ...(config.disk as ObjectValue[])[0], sr: SHARED }] });
    const plannedPool = planWith(vmResource, state, cross, world2);
    expect(plannedPool.hook.action).toBe('migrate');
    expect(plannedPool.hook.bytesToMove).toBe(24 * GiB);
    await step(['pool'], 'cross-pool VM.migrate_send', cross, (r, vm) => {
      expect(r.pool).toBe('cloud1');
      expect(vm.uuid).toBe(uuid);
      expect(vm.power_state).toBe('Running');
      expect(r.get('SR', disksOf(r, vm)[0].vdi.SR)?.name_label).toBe(SHARED);
    }, { action: 'migrate' });
    const dc1 = await hx.records('dc1');
    expect(dc1.byUuid('VM', uuid)).toBeUndefined();
  });

  test('delete: shuts down, destroys the VM and its own disks, keeps attached VDIs', async () => {
    const before = await hx.records('cloud1');
    await vmResource.delete({ prior: state, ctx: hx.ctx('xcp_vm.web') });
    const after = await hx.records('cloud1');
    expect(after.byUuid('VM', uuid)).toBeUndefined();
    expect(after.all('VDI').size).toBe(before.all('VDI').size - 1);
    expect(after.all('VBD').size).toBeLessThan(before.all('VBD').size);
    const world = await hx.world(vmResource.classes);
    expect(vmResource.read({ prior: state, world }).state).toBeNull();
    expect((await hx.records('dc1')).byUuid('VDI', sharedVdi)).toBeDefined();
  });
});

describe('xcp_vm out of band, adoption, import, refusals', () => {
  test('out-of-band rename, removed VIF, resized disk are read; out-of-band deletion reads as gone', async () => {
    const config = cfg({ name_label: 'oob', nic: [{ network: NET0 }, { network: NET1 }], wait_for_ip: null, power_state: 'halted' });
    const state = await create('xcp_vm.oob', config);
    const c = hx.client('dc1');
    const ref = await c.call<string>('VM.get_by_uuid', state.uuid as string);
    await c.call('VM.set_name_label', ref, 'renamed');
    const vifs = await c.call<string[]>('VM.get_VIFs', ref);
    const second = (await Promise.all(vifs.map(async (v) => [v, await c.call<string>('VIF.get_device', v)] as const))).find(([, d]) => d === '1')![0];
    await c.call('VIF.destroy', second);
    const vdi = await c.call<string>('VDI.get_by_uuid', ((state.disk as ObjectValue[])[0].vdi_uuid) as string);
    await c.call('VDI.resize', vdi, 30 * GiB);
    const world = await hx.world(vmResource.classes);
    const read = vmResource.read({ prior: state, world }).state!;
    expect(read.name_label).toBe('renamed');
    expect((read.nic as ObjectValue[]).map((n) => n.device)).toEqual(['0']);
    expect((read.disk as ObjectValue[])[0].size).toBe(30 * GiB);
    const { hook } = planWith(vmResource, read, config, world);
    expect(hook.changes?.map((ch) => ch.path.join('.'))).toEqual(expect.arrayContaining(['name_label', 'nic.1']));
    expect(hook.diagnostics?.map((d) => d.code)).toContain('xcp_vm.disk-shrink'); // 30 GiB → 20 GiB is refused at plan time
    await c.call('VM.destroy', ref);
    const gone = vmResource.read({ prior: state, world: await hx.world(vmResource.classes) });
    expect(gone.state).toBeNull();
    expect(gone.diagnostics ?? []).toEqual([]);
  });

  test('an interrupted create is adopted, not duplicated', async () => {
    const config = cfg({ name_label: 'adopt', wait_for_ip: null });
    hx.sim.world.faults.add({ method: 'VIF.create', kind: 'INTERNAL_ERROR', times: 10 });
    // A failed create removes its VM; when that fails too (as after a crash) the VM stays, tagged.
    hx.sim.world.faults.add({ method: 'VM.destroy', kind: 'INTERNAL_ERROR', times: 10 });
    await expect(create('xcp_vm.adopt', config)).rejects.toThrow();
    hx.sim.world.faults.clear?.();
    const mid = await hx.records('dc1');
    const tagged = [...mid.all('VM').values()].filter((v) => v.other_config['xcpform:address'] === 'xcp_vm.adopt');
    expect(tagged).toHaveLength(1);
    const state = await create('xcp_vm.adopt', config);
    expect(state.uuid).toBe(tagged[0].uuid);
    const after = await hx.records('dc1');
    expect([...after.all('VM').values()].filter((v) => v.other_config['xcpform:address'] === 'xcp_vm.adopt')).toHaveLength(1);
    expect((state.nic as ObjectValue[]).length).toBe(1);
    await vmResource.delete({ prior: state, ctx: hx.ctx('xcp_vm.adopt') });
  });

  test('a create that fails after the VM exists reports the VM it made (to be recorded tainted); replacing it leaves exactly one', async () => {
    const config = cfg({ name_label: 'failed', wait_for_ip: null });
    hx.sim.world.faults.add({ method: 'VIF.create', kind: 'INTERNAL_ERROR', times: 10 });
    const failure = await create('xcp_vm.failed', config).then(() => undefined, (err: unknown) => err);
    hx.sim.world.faults.clear?.();
    expect(failure).toBeInstanceOf(CreatedButFailed);
    const left = (failure as CreatedButFailed).state;
    const tagged = async (): Promise<string[]> => [...(await hx.records('dc1')).all('VM').values()]
      .filter((v) => v.other_config['xcpform:address'] === 'xcp_vm.failed' || v.name_label.includes('xcp_vm.failed')).map((v) => v.uuid);
    // The VM stays, and the failure carries its state: the executor records it tainted.
    expect(await tagged()).toEqual([left.uuid]);
    // What the next apply does with a tainted instance: destroy it, then create.
    await vmResource.delete({ prior: left, ctx: hx.ctx('xcp_vm.failed') });
    expect(await tagged()).toEqual([]);
    const state = await create('xcp_vm.failed', config);
    expect(await tagged()).toEqual([state.uuid]);
    await vmResource.delete({ prior: state, ctx: hx.ctx('xcp_vm.failed') });
  });

  test('import by <pool>/<uuid>: the next plan of the matching configuration is a no-op', async () => {
    const config = cfg({ name_label: 'imp', wait_for_ip: null, other_config: { team: 'x' }, disk: [{ size: 20 * GiB }, { size: GiB, name_label: 'data' }] });
    const created = await create('xcp_vm.imp', config);
    const world = await hx.world(vmResource.classes);
    const imported = vmResource.import!({ id: `dc1/${created.uuid}`, world, defaultPool: 'dc1' });
    expect(imported.diagnostics ?? []).toEqual([]);
    const { diff, hook } = planWith(vmResource, imported.state, config, world);
    expect(hook.changes).toEqual([]);
    expect(hook.action).toBe('no-op');
    // Without a prior state the network reads as its UUID; the name in the configuration is the
    // same network (the hook sees it), the schema diff alone sees a spelling change.
    expect(diff.changes.map((c) => c.path.join('.'))).toEqual(['nic.0.network']);
    const netUuid = (imported.state!.nic as ObjectValue[])[0].network;
    const byUuid = { ...config, nic: [{ ...(config.nic as ObjectValue[])[0], network: netUuid }] };
    expect(planWith(vmResource, imported.state, byUuid, world).diff.action).toBe('no-op');
    const missing = vmResource.import!({ id: 'dc1/00000000-0000-4000-8000-000000000000', world, defaultPool: 'dc1' });
    expect(missing.state).toBeNull();
    expect(missing.diagnostics?.[0].code).toBe('import.not-found');
    await vmResource.delete({ prior: imported.state!, ctx: hx.ctx('xcp_vm.imp') });
  });

  test('plan refusals and replacements: shrink, template back to VM, template, clone type, cloud-init data', async () => {
    const config = cfg({ name_label: 'plan-only', power_state: 'halted', wait_for_ip: null, cloud_init: { user_data: '#cloud-config\n' } });
    const state = await create('xcp_vm.plan', config);
    const world = await hx.world(vmResource.classes);
    const with_ = (extra: ObjectValue): ObjectValue => ({ ...config, ...extra });
    for (const [path, next] of [
      ['template', with_({ template: 'Rocky Linux 9' })],
      ['clone_type', with_({ clone_type: 'full' })],
      ['cloud_init.user_data', with_({ cloud_init: { ...(config.cloud_init as ObjectValue), user_data: '#cloud-config\npackages: [nginx]\n' } })],
      ['cloud_init.network_config', with_({ cloud_init: { ...(config.cloud_init as ObjectValue), network_config: 'version: 2\n' } })],
      ['cloud_init.meta_data', with_({ cloud_init: { ...(config.cloud_init as ObjectValue), meta_data: 'local-hostname: x\n' } })],
    ] as const) {
      const { diff, hook } = planWith(vmResource, state, next, world);
      expect([path, diff.action, hook.action]).toEqual([path, 'replace', 'replace']);
      exercised.set(path, 'replace (plan)');
    }
    const ignored = planWith(vmResource, state, with_({ cloud_init: { ...(config.cloud_init as ObjectValue), on_change: 'ignore', user_data: 'changed' } }), world);
    expect(ignored.hook.action).toBe('update');
    expect(ignored.hook.diagnostics?.map((d) => d.code)).toContain('xcp_vm.cloud-init-ignored');
    const shrink = planWith(vmResource, state, with_({ disk: [{ size: 10 * GiB }] }), world);
    expect(shrink.hook.diagnostics?.map((d) => d.code)).toContain('xcp_vm.disk-shrink');
    const drive = [...(await hx.records('dc1')).all('VDI').values()].find((v) => v.other_config['xcpform:config-drive'] === 'true' && v.other_config['xcpform:vm'] === state.uuid);
    expect(drive).toBeDefined();
    expect(hx.sim.world.contents.get(drive!.uuid)?.length).toBeGreaterThan(0);
    const tpl = await (async () => {
      const res = await vmResource.update({ prior: state, planned: planWith(vmResource, state, with_({ is_template: true }), world).hook.planned, config: with_({ is_template: true }), ctx: hx.ctx('xcp_vm.plan') });
      return res.state;
    })();
    expect(tpl.is_template).toBe(true);
    exercised.set('is_template', 'convert in place (one way)');
    const back = planWith(vmResource, tpl, with_({ is_template: false }), await hx.world(vmResource.classes));
    expect(back.hook.diagnostics?.map((d) => d.code)).toContain('xcp_vm.template-one-way');
    await vmResource.delete({ prior: tpl, ctx: hx.ctx('xcp_vm.plan') });
  });

  test('ha_restart_priority and vtpm apply (VM.set_ha_restart_priority, VTPM.create / destroy), then plan empty', async () => {
    const config = cfg({ name_label: 'ha-tpm', power_state: 'halted', wait_for_ip: null });
    let state = await create('xcp_vm.ha-tpm', config);
    const vtpms = async (): Promise<number> => {
      const db = hx.sim.world.pool('dc1').db;
      const ref = db.refByUuid('VM', state.uuid as string)!;
      return (db.require('VM', ref).VTPMs as string[]).length;
    };
    for (const [path, extra, check] of [
      ['ha_restart_priority', { ha_restart_priority: 'best-effort' }, async () => expect(vmOf(await hx.records('dc1'), state.uuid as string).ha_restart_priority).toBe('best-effort')],
      ['vtpm', { vtpm: true }, async () => expect(await vtpms()).toBe(1)],
    ] as const) {
      const next = { ...config, ...extra };
      const { hook } = planWith(vmResource, state, next, await hx.world(vmResource.classes));
      state = (await vmResource.update({ prior: state, planned: hook.planned, config: next, ctx: hx.ctx('xcp_vm.ha-tpm') })).state;
      await check();
      const reread = vmResource.read({ prior: state, world: await hx.world(vmResource.classes) }).state!;
      expect([path, planWith(vmResource, reread, next, await hx.world(vmResource.classes)).hook.action]).toEqual([path, 'no-op']);
      Object.assign(config, extra);
      state = reread;
      exercised.set(path, 'applied with VM.set_ha_restart_priority / VTPM.create, re-planned empty');
    }
    // Drift: the VTPM destroyed behind xcpform's back reads as vtpm = false and plans it back.
    const db = hx.sim.world.pool('dc1').db;
    const vmRef = db.refByUuid('VM', state.uuid as string)!;
    db.destroy('VTPM', (db.require('VM', vmRef).VTPMs as string[])[0]);
    const drifted = vmResource.read({ prior: state, world: await hx.world(vmResource.classes) }).state!;
    expect(drifted.vtpm).toBe(false);
    const back = planWith(vmResource, drifted, config, await hx.world(vmResource.classes)).hook;
    expect(back.action).not.toBe('no-op');
    state = (await vmResource.update({ prior: drifted, planned: back.planned, config, ctx: hx.ctx('xcp_vm.ha-tpm') })).state;
    expect(await vtpms()).toBe(1);
    // vtpm = false destroys the VM's VTPM again.
    const off = { ...config, vtpm: false };
    state = (await vmResource.update({ prior: state, planned: planWith(vmResource, state, off, await hx.world(vmResource.classes)).hook.planned, config: off, ctx: hx.ctx('xcp_vm.ha-tpm') })).state;
    expect(await vtpms()).toBe(0);
    await vmResource.delete({ prior: state, ctx: hx.ctx('xcp_vm.ha-tpm') });
  });
});

describe('timeouts (as the catalog serves xcp_vm: src/resources/timeouts)', () => {
  test('a timeout changed alone is an update of the state only; read keeps it; re-plan is empty', async () => {
    const rt = resourceType('xcp_vm')!;
    const config = cfg({ name_label: 'timed', power_state: 'halted', wait_for_ip: null, timeouts: { create: '10m', update: null, delete: null } });
    const world = await hx.world(rt.classes);
    const made = (await rt.create({ planned: planWith(rt, null, config, world).hook.planned, config, ctx: hx.ctx('xcp_vm.timed') })).state;
    expect(made.timeouts).toEqual({ create: '10m', update: null, delete: null });
    const next = { ...config, timeouts: { create: '10m', update: '5m', delete: '1m' } };
    const { hook } = planWith(rt, rt.read({ prior: made, world: await hx.world(rt.classes) }).state!, next, await hx.world(rt.classes));
    expect(hook.action).toBe('update');
    const updated = (await rt.update({ prior: made, planned: hook.planned, config: next, ctx: hx.ctx('xcp_vm.timed') })).state;
    const reread = rt.read({ prior: updated, world: await hx.world(rt.classes) }).state!;
    expect(reread.timeouts).toEqual(next.timeouts);
    expect(planWith(rt, reread, next, await hx.world(rt.classes)).hook.action).toBe('no-op');
    for (const p of ['timeouts', 'timeouts.create', 'timeouts.update', 'timeouts.delete']) exercised.set(p, 'state only (test/timeouts.test.ts bounds the operations)');
    await rt.delete({ prior: reread, ctx: hx.ctx('xcp_vm.timed') });
  });
});

describe('schema enumeration', () => {
  test('every configurable attribute of xcp_vm is exercised by an update, halt, migrate or replace test', () => {
    const configurable: string[] = [];
    forEachAttribute(vmSchema.block, (path, attr) => {
      if (isConfigurable(attr)) configurable.push(path.join('.'));
    });
    for (const b of Object.keys(vmSchema.block.blockTypes ?? {})) if (!exercised.has(b)) configurable.push(b);
    const missing = configurable.filter((p) => !exercised.has(p));
    expect(missing).toEqual([]);
  });
});
