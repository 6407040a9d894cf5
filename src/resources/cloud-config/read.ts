/**
 * Cloud configs in the pool: XAPI `secret` objects carrying `xcpform:cloud-config` = name in
 * their `other_config`; the template is the secret's value. Shared by the resource and the data
 * source.
 */
import type { XapiClass, XapiRecord } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { OWNED_KEY_PREFIX } from '../common-schema';

/** The `other_config` key holding a cloud config's name. */
export const CLOUD_CONFIG_KEY = `${OWNED_KEY_PREFIX}cloud-config`;

/** Classes the resource and the data source read. */
export const CLOUD_CONFIG_CLASSES: readonly XapiClass[] = ['secret'];

/** The pool's cloud configs, as (uuid, name, template), sorted by name. */
export function cloudConfigs(records: PoolRecords): { uuid: string; name: string; template: string }[] {
  const out: { uuid: string; name: string; template: string }[] = [];
  for (const [, s] of records.all('secret')) {
    const name = s.other_config[CLOUD_CONFIG_KEY];
    if (name !== undefined) out.push({ uuid: s.uuid, name, template: s.value });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.uuid.localeCompare(b.uuid));
}

/** Whether a secret is a cloud config. */
export function isCloudConfig(s: XapiRecord<'secret'>): boolean {
  return CLOUD_CONFIG_KEY in s.other_config;
}

/** Maps a cloud config's secret to state; null when it is gone (or no longer a cloud config). */
export function cloudConfigState(records: PoolRecords, uuid: string): ObjectValue | null {
  const found = records.byUuid('secret', uuid);
  if (!found || !isCloudConfig(found.record)) return null;
  const s = found.record;
  return { id: s.uuid, uuid: s.uuid, pool: records.pool, name: s.other_config[CLOUD_CONFIG_KEY], template: s.value };
}
