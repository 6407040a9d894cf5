/**
 * `xcp_host` state from bulk records. Free memory is computed the way `host.compute_free_memory`
 * does (total minus overhead minus the memory of running and paused residents), so refresh needs
 * no call per host. Create-time inputs (join credentials) and `allow_eject` keep their prior value.
 */
import type { XapiClass, XapiRecord } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { poolObject } from '../pool/read';
import { readLabels } from '../kit/labels';
import { formOf } from '../kit/refs';
import { extraField } from '../kit/session';
import { bool, sorted, str } from '../kit/values';

/** Classes `xcp_host` reads. */
export const HOST_CLASSES: readonly XapiClass[] = ['host', 'host_metrics', 'pool', 'PIF', 'VM', 'VM_metrics', 'SR'];

/** The other_config key XenCenter uses to mark maintenance mode; xcpform uses the same. */
export const MAINTENANCE_KEY = 'MAINTENANCE_MODE';

/** Free memory of a host, as `host.compute_free_memory` would answer. */
export function hostFreeMemory(records: PoolRecords, host: XapiRecord<'host'>): number {
  const total = records.get('host_metrics', host.metrics)?.memory_total ?? 0;
  let used = host.memory_overhead ?? 0;
  for (const vmRef of host.resident_VMs) {
    const vm = records.get('VM', vmRef);
    if (!vm || (vm.power_state !== 'Running' && vm.power_state !== 'Paused')) continue;
    used += records.get('VM_metrics', vm.metrics)?.memory_actual || vm.memory_dynamic_max || 0;
  }
  return Math.max(0, total - used);
}

/** Read-only facts of a host, shared with the `xcp_host` data source. */
export function hostFacts(records: PoolRecords, ref: string, host: XapiRecord<'host'>): ObjectValue {
  const pool = poolObject(records);
  return {
    memory_total: records.get('host_metrics', host.metrics)?.memory_total ?? 0,
    memory_free: hostFreeMemory(records, host),
    cpu_count: Number(host.cpu_info.cpu_count ?? host.host_CPUs.length) || host.host_CPUs.length,
    cpu_info: { ...host.cpu_info },
    resident_vms: sorted(host.resident_VMs.map((v) => records.get('VM', v)).filter((vm) => vm && !vm.is_control_domain).map((vm) => vm!.uuid)),
    pifs: sorted(host.PIFs.map((p) => records.get('PIF', p)).filter((p) => p?.physical).map((p) => p!.uuid)),
    is_coordinator: pool?.record.master === ref,
    software_version: { ...host.software_version },
  };
}

/** Maps a host record to `xcp_host` state; null when the host left the pool. */
export function hostState(records: PoolRecords, uuid: string, prior: ObjectValue | null): ObjectValue | null {
  const found = records.byUuid('host', uuid);
  if (!found) return null;
  const { ref, record: h } = found;
  const maintenance = h.other_config[MAINTENANCE_KEY] === 'true';
  return {
    id: h.uuid,
    uuid: h.uuid,
    pool: records.pool,
    ...readLabels(h, prior, [MAINTENANCE_KEY]),
    address: h.address,
    join_username: str(prior?.join_username) ?? 'root',
    join_password: str(prior?.join_password) ?? null,
    // In maintenance the host is disabled by the maintenance itself; `enabled` keeps the wish
    // for after it, so `enabled = true, maintenance = true` is a stable configuration.
    enabled: maintenance ? bool(prior?.enabled) ?? true : h.enabled,
    maintenance,
    hostname: h.hostname,
    suspend_image_sr: formOf(records, 'SR', h.suspend_image_sr, prior?.suspend_image_sr),
    crash_dump_sr: formOf(records, 'SR', h.crash_dump_sr, prior?.crash_dump_sr),
    logging: { ...extraField<Record<string, string>>(h, 'logging', {}) },
    power_on_mode: extraField(h, 'power_on_mode', ''),
    iscsi_iqn: extraField(h, 'iscsi_iqn', ''),
    allow_eject: bool(prior?.allow_eject) ?? false,
    ...hostFacts(records, ref, h),
  };
}
