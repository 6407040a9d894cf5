/**
 * `xcp_sr` state from bulk records. `device_config` lives in the PBDs; it is read back for the
 * keys the configuration manages (all non-secret keys on import), never the secret ones.
 * Create-time inputs XAPI does not echo (size, sm_config, secrets) and `on_destroy` keep their
 * prior value.
 */
import type { XapiClass, XapiRecord } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { poolObject } from '../pool/read';
import { readLabels } from '../kit/labels';
import { formOf } from '../kit/refs';
import { num, sorted, str, strMap } from '../kit/values';

/** Classes `xcp_sr` reads. */
export const SR_CLASSES: readonly XapiClass[] = ['SR', 'PBD', 'host', 'pool'];

/** device_config keys that hold secrets or that XAPI adds itself: never reported. */
export function isHiddenDeviceKey(key: string): boolean {
  return /password|secret/i.test(key) || key === 'SRmaster';
}

/** The non-secret device_config of an SR as its PBDs hold it. */
export function deviceConfigOf(records: PoolRecords, sr: XapiRecord<'SR'>, prior: ObjectValue | null): Record<string, string> {
  const pbd = sr.PBDs.map((p) => records.get('PBD', p)).find(Boolean);
  const dc = pbd?.device_config ?? {};
  const priorDc = strMap(prior?.device_config);
  const secretKeys = Object.keys(strMap(prior?.device_config_secrets) ?? {});
  const keys = priorDc ? Object.keys(priorDc) : Object.keys(dc);
  const out: Record<string, string> = {};
  for (const k of keys.sort()) if (k in dc && !secretKeys.includes(k) && (priorDc || !isHiddenDeviceKey(k))) out[k] = dc[k];
  return out;
}

/** Read-only facts shared with the `xcp_sr` data source. */
export function srFacts(records: PoolRecords, sr: XapiRecord<'SR'>): ObjectValue {
  const pbds = sr.PBDs.map((p) => records.get('PBD', p)).filter((p): p is XapiRecord<'PBD'> => Boolean(p));
  return {
    physical_size: sr.physical_size,
    physical_utilisation: sr.physical_utilisation,
    virtual_allocation: sr.virtual_allocation,
    pbds: sorted(pbds.map((p) => p.uuid)),
    hosts: sorted(pbds.filter((p) => p.currently_attached).map((p) => records.get('host', p.host)?.uuid ?? '').filter(Boolean)),
  };
}

/** Maps an SR to `xcp_sr` state; null when it was forgotten or destroyed. */
export function srState(records: PoolRecords, uuid: string, prior: ObjectValue | null): ObjectValue | null {
  const found = records.byUuid('SR', uuid);
  if (!found) return null;
  const { ref, record: sr } = found;
  const pbdHost = sr.PBDs.map((p) => records.get('PBD', p)?.host).find(Boolean);
  return {
    id: sr.uuid,
    uuid: sr.uuid,
    pool: records.pool,
    ...readLabels(sr, prior),
    type: sr.type,
    content_type: sr.content_type,
    shared: sr.shared,
    device_config: deviceConfigOf(records, sr, prior),
    device_config_secrets: strMap(prior?.device_config_secrets) ?? {},
    // A shared SR has no single host: the value is the create-time choice.
    host: sr.shared ? str(prior?.host) ?? null : formOf(records, 'host', pbdHost, prior?.host),
    size: num(prior?.size) ?? null,
    sm_config: strMap(prior?.sm_config) ?? {},
    default_for_pool: poolObject(records)?.record.default_SR === ref,
    local_caching: sr.local_cache_enabled ?? false,
    on_destroy: str(prior?.on_destroy) ?? 'forget',
    ...srFacts(records, sr),
  };
}
