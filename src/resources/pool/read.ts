/**
 * `xcp_pool` state from bulk records. HA settings that only mean something while HA is on
 * (heartbeat SRs, failures to tolerate) keep their configured value while HA is off, so a
 * configuration prepared for enabling HA does not show a perpetual diff.
 */
import type { XapiClass } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { readLabels } from '../kit/labels';
import { formOf, lookup, uuidOf } from '../kit/refs';
import { extraField } from '../kit/session';
import { num, sorted, str, strList } from '../kit/values';

/** Classes `xcp_pool` reads. */
export const POOL_CLASSES: readonly XapiClass[] = ['pool', 'host', 'SR', 'VDI'];

/** The single pool object of a pool's records. */
export function poolObject(records: PoolRecords) {
  const first = records.all('pool').entries().next();
  return first.done ? undefined : { ref: first.value[0], record: first.value[1] };
}

/**
 * The coordinator as the configuration spelled it. A name that named the coordinator when it was
 * designated stays while that host is still the coordinator, even once it names no host: the
 * host's name has its own owner (`xcp_host.name_label` may rename it in the same configuration),
 * and the coordinator did not change. Another coordinator reads as its UUID (drift).
 */
function masterForm(records: PoolRecords, master: string, prior: ObjectValue | null): string | null {
  const form = formOf(records, 'host', master, prior?.master);
  const spelled = str(prior?.master);
  if (form === spelled || spelled === undefined) return form;
  const stillDesignated = str(prior?.master_uuid) === uuidOf(records, 'host', master);
  return stillDesignated && lookup(records, 'host', spelled).length === 0 ? spelled : form;
}

/** Maps the pool record to `xcp_pool` state; null when the pool object is not the one in state. */
export function poolState(records: PoolRecords, prior: ObjectValue | null): ObjectValue | null {
  const found = poolObject(records);
  if (!found) return null;
  const { record: rec } = found;
  const priorUuid = str(prior?.uuid);
  if (priorUuid && priorUuid !== rec.uuid) return null;
  const ha = rec.ha_enabled;
  const statefileSrs = extraField<string[]>(rec, 'ha_statefiles', [])
    .map((vdi) => records.get('VDI', vdi)?.SR)
    .filter((sr): sr is NonNullable<typeof sr> => Boolean(sr));
  const master = records.get('host', rec.master);
  return {
    id: rec.uuid,
    uuid: rec.uuid,
    pool: records.pool,
    ...readLabels(rec, prior),
    default_sr: formOf(records, 'SR', rec.default_SR, prior?.default_sr),
    suspend_image_sr: formOf(records, 'SR', rec.suspend_image_SR, prior?.suspend_image_sr),
    crash_dump_sr: formOf(records, 'SR', rec.crash_dump_SR, prior?.crash_dump_sr),
    ha_enabled: ha,
    ha_heartbeat_srs: ha
      ? sorted(statefileSrs.map((sr) => formOf(records, 'SR', sr, (strList(prior?.ha_heartbeat_srs) ?? []).find((p) => formOf(records, 'SR', sr, p) === p)) ?? ''))
      : strList(prior?.ha_heartbeat_srs) ?? [],
    ha_host_failures_to_tolerate: ha ? rec.ha_host_failures_to_tolerate : num(prior?.ha_host_failures_to_tolerate) ?? rec.ha_host_failures_to_tolerate,
    master: masterForm(records, rec.master, prior),
    migration_compression: rec.migration_compression,
    live_patching_disabled: extraField(rec, 'live_patching_disabled', false),
    hosts: sorted([...records.all('host').values()].map((h) => h.uuid)),
    master_uuid: uuidOf(records, 'host', rec.master),
    cpu_info: { ...rec.cpu_info },
    software_version: master ? { ...master.software_version } : {},
    restrictions: { ...rec.restrictions },
    ha_state: ha ? (extraField(rec, 'ha_overcommitted', false) ? 'overcommitted' : 'enabled') : 'disabled',
  };
}
