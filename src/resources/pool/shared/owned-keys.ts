/**
 * The `other_config` keys xcpform owns on the objects it manages (DESIGN.md "Resources"):
 * - `xcpform:address`: the resource address that created or adopted the object, so a create
 *   interrupted between the XAPI call and the state write is adopted by the next run instead of
 *   duplicated;
 * - `xcpform:managed`: a JSON array of the user `other_config` keys xcpform manages, so import
 *   and refresh report those keys and never the keys of other tools.
 * Everything else in `other_config` belongs to someone else and is never removed.
 */
import { OWNED_KEY_PREFIX } from '../../common-schema';
import type { Ref, XapiClass, XapiRecord } from '../../../xenapi';
import type { ObjectValue, Value } from '../../../values/value';
import type { PoolRecords } from '../../snapshot';
import { strMap } from './values';

export const ADDRESS_KEY = `${OWNED_KEY_PREFIX}address`;
export const MANAGED_KEY = `${OWNED_KEY_PREFIX}managed`;

/** True for keys xcpform reserves (`xcpform:*`). */
export function isOwnedKey(key: string): boolean {
  return key.startsWith(OWNED_KEY_PREFIX);
}

/** The user keys listed in `xcpform:managed` (empty when absent or unreadable). */
export function managedKeys(otherConfig: Readonly<Record<string, string>>): string[] {
  const raw = otherConfig[MANAGED_KEY];
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** The owned entries to write for `address` managing `userKeys`. */
export function ownedEntries(address: string, userKeys: Iterable<string>): Record<string, string> {
  return { [ADDRESS_KEY]: address, [MANAGED_KEY]: JSON.stringify([...new Set(userKeys)].sort()) };
}

/**
 * The user `other_config` xcpform reports: the keys it manages (those in the prior state and
 * those listed in `xcpform:managed`) that still exist, never `xcpform:*` keys nor `exclude`d
 * keys (the ones another attribute maps, like a network's `automatic`). An object xcpform never
 * managed reports `{}`: importing it does not take over other tools' keys.
 */
export function userOtherConfig(otherConfig: Readonly<Record<string, string>>, prior: Value | undefined, exclude: readonly string[] = []): ObjectValue {
  const keys = new Set([...Object.keys(strMap(prior) ?? {}), ...managedKeys(otherConfig)]);
  const out: ObjectValue = {};
  for (const k of [...keys].sort()) {
    if (isOwnedKey(k) || exclude.includes(k)) continue;
    if (k in otherConfig) out[k] = otherConfig[k];
  }
  return out;
}

/** Objects of `cls` carrying `xcpform:address = address`: candidates for adoption. */
export function findByAddress<C extends XapiClass>(records: PoolRecords, cls: C, address: string): { ref: Ref<C>; record: XapiRecord<C> }[] {
  const out: { ref: Ref<C>; record: XapiRecord<C> }[] = [];
  for (const [ref, rec] of records.all(cls)) {
    const oc = (rec as { other_config?: Record<string, string> }).other_config;
    if (oc && oc[ADDRESS_KEY] === address) out.push({ ref, record: rec });
  }
  return out;
}
