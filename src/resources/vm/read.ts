/**
 * `xcp_vm` read: maps bulk-read records to the state (pure). The VM is found by UUID in its
 * pool, or in another pool of the snapshot when it was migrated out of band; gone means null.
 * Values XAPI cannot report (the template spelling, behaviour knobs, cloud-init data) come
 * from the VM's `xcpform:` keys or the prior state.
 */
import type { ObjectValue, Value } from '../../values/value';
import { NULL_REF, type XapiClass, type XapiRecord } from '../../xenapi';
import type { PoolRecords, WorldSnapshot } from '../snapshot';
import { block, bool, blocks, num, orderedSet, sorted, sortedMap, str, strings } from '../kit/attrs';
import { readCdrom, readDisks, readNics } from './devices-read';
import { spell } from '../kit/resolve';
import { CLONE_TYPE_KEY, HOST_KEY, TEMPLATE_KEY, userOtherConfig } from '../kit/owned-keys';
import { guestAddresses, inCidr, readMaps } from './platform';

/** Classes `read` needs in the snapshot. */
export const VM_CLASSES: readonly XapiClass[] = [
  'pool', 'host', 'VM', 'VM_metrics', 'VM_guest_metrics', 'VBD', 'VDI', 'VIF', 'network', 'SR', 'VM_appliance',
  // The plan checks which hosts reach an SR before a live migration.
  'PBD',
];

/** Lowercase XAPI power state (`Running` → `running`). */
export function powerState(vm: XapiRecord<'VM'>): string {
  return vm.power_state.toLowerCase();
}

/** True for a normal VM (not dom0, not a snapshot). Templates count: `is_template` converts VMs. */
export function isGuest(vm: XapiRecord<'VM'>): boolean {
  return !vm.is_control_domain && !vm.is_a_snapshot;
}

export interface LocatedVm {
  readonly pool: string;
  readonly records: PoolRecords;
  readonly ref: string;
  readonly vm: XapiRecord<'VM'>;
}

/** Finds the VM `uuid`: first in `pool`, then in the other pools of the snapshot. */
export function locateVm(world: WorldSnapshot, pool: string, uuid: string): LocatedVm | undefined {
  const order = [pool, ...world.poolNames().filter((p) => p !== pool)];
  for (const name of order) {
    const records = world.pool(name);
    if (!records.has('VM')) continue;
    const hit = records.byUuid('VM', uuid);
    if (hit && isGuest(hit.record)) return { pool: name, records, ref: hit.ref, vm: hit.record };
  }
  return undefined;
}

/** Behaviour knobs with no XAPI counterpart: kept from the prior state, else their defaults. */
const KNOB_DEFAULTS: Record<string, Value> = { shutdown_timeout: 120, force_shutdown: true, allow_restart: true };

/** The state of the VM at `ref` in `records`, given the prior state (null on import). */
export function vmState(records: PoolRecords, pool: string, ref: string, prior: ObjectValue | null): ObjectValue {
  const vm = records.get('VM', ref)!;
  const oc = vm.other_config;
  const metrics = records.get('VM_metrics', vm.metrics);
  const guest = vm.guest_metrics !== NULL_REF ? records.get('VM_guest_metrics', vm.guest_metrics) : undefined;
  const state = powerState(vm);
  const live = vm.resident_on !== NULL_REF && state !== 'halted';
  const hostRef = live ? vm.resident_on : oc[HOST_KEY] ? records.byUuid('host', oc[HOST_KEY])?.ref : undefined;
  const addresses = guestAddresses(guest?.networks ?? {});
  const waitCidr = str(block(prior, 'wait_for_ip'), 'cidr');
  const appliance = vm.appliance !== NULL_REF ? records.get('VM_appliance', vm.appliance) : undefined;
  const knobs = Object.fromEntries(Object.entries(KNOB_DEFAULTS).map(([k, d]) => [k, prior?.[k] ?? d]));
  return {
    id: vm.uuid,
    uuid: vm.uuid,
    pool,
    name_label: vm.name_label,
    name_description: vm.name_description,
    tags: orderedSet(vm.tags, strings(prior, 'tags')),
    other_config: userOtherConfig(oc),
    template: oc[TEMPLATE_KEY] ?? str(prior, 'template') ?? null,
    clone_type: oc[CLONE_TYPE_KEY] ?? str(prior, 'clone_type') ?? 'fast',
    host: hostRef ? spell(records, 'host', hostRef, str(prior, 'host')) : null,
    affinity: vm.affinity !== NULL_REF ? spell(records, 'host', vm.affinity, str(prior, 'affinity')) : null,
    vcpus: vm.VCPUs_at_startup,
    vcpus_max: vm.VCPUs_max,
    memory: vm.memory_static_max,
    memory_static_min: vm.memory_static_min,
    memory_dynamic_min: vm.memory_dynamic_min,
    memory_dynamic_max: vm.memory_dynamic_max,
    ...readMaps(vm),
    has_vendor_device: vm.has_vendor_device,
    hvm_shadow_multiplier: vm.HVM_shadow_multiplier,
    // Pools before XAPI's VTPM class send no VTPMs field: the prior value stands there.
    vtpm: Array.isArray(vm.VTPMs) ? vm.VTPMs.length > 0 : bool(prior, 'vtpm') ?? false,
    power_state: state,
    ...knobs,
    auto_poweron: oc.auto_poweron === 'true',
    ha_restart_priority: vm.ha_restart_priority,
    start_order: vm.order,
    start_delay: vm.start_delay,
    shutdown_delay: vm.shutdown_delay,
    appliance: appliance ? appliance.uuid : null,
    actions_after_shutdown: vm.actions_after_shutdown,
    actions_after_reboot: vm.actions_after_reboot,
    actions_after_crash: vm.actions_after_crash,
    blocked_operations: sortedMap(vm.blocked_operations),
    suspend_sr: vm.suspend_SR !== NULL_REF ? spell(records, 'SR', vm.suspend_SR, str(prior, 'suspend_sr')) : null,
    cdrom: readCdrom(records, vm, str(prior, 'cdrom')),
    // How the system was to be installed: a choice of the configuration, not a fact of XAPI.
    installation_method: str(prior, 'installation_method') ?? 'template',
    is_template: vm.is_a_template,
    ip_addresses: addresses.all,
    ip_address: addresses.v4.find((ip) => !waitCidr || inCidr(ip, waitCidr)) ?? null,
    os_version: sortedMap(guest?.os_version ?? {}),
    pv_drivers_version: sortedMap(guest?.PV_drivers_version ?? {}),
    domid: live ? vm.domid : -1,
    start_time: live && metrics && !metrics.start_time.startsWith('1970') ? metrics.start_time : null,
    requires_reboot: (vm as { requires_reboot?: boolean }).requires_reboot ?? false,
    allowed_operations: sorted(vm.allowed_operations),
    monthly_cost: num(prior, 'monthly_cost') ?? null,
    disk: readDisks(records, vm, blocks(prior, 'disk')),
    nic: readNics(records, vm, blocks(prior, 'nic')),
    cloud_init: block(prior, 'cloud_init'),
    wait_for_ip: block(prior, 'wait_for_ip'),
    placement: block(prior, 'placement'),
  };
}
