/**
 * The `other_config` keys xcpform owns on the objects it manages:
 * - `xcpform:address`: the resource address that created or adopted the object, so a create
 *   interrupted between the XAPI call and the state write is adopted by the next run instead of
 *   duplicated;
 * - `xcpform:lineage`: the lineage of the state that created the object, so adoption takes only
 *   objects of the same state: two workspaces (or a copy of a folder with a fresh state) that
 *   use the same addresses never adopt each other's objects. Objects without it (made before
 *   lineages were recorded, or through the Terraform provider, whose state lineage xcpform
 *   cannot see) are still adopted by address alone;
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
export const LINEAGE_KEY = `${OWNED_KEY_PREFIX}lineage`;

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

/** The owned entries to write for `address` managing `userKeys` (and the state `lineage` when known). */
export function ownedEntries(address: string, userKeys: Iterable<string>, lineage?: string): Record<string, string> {
  return { [ADDRESS_KEY]: address, [MANAGED_KEY]: JSON.stringify([...new Set(userKeys)].sort()), ...(lineage ? { [LINEAGE_KEY]: lineage } : {}) };
}

/**
 * True when an object's `other_config` says it was made for `address` by the state of `lineage`:
 * a different recorded lineage is another state's object; no recorded lineage (or no lineage
 * asked for) matches on the address alone.
 */
export function ownedBy(otherConfig: Readonly<Record<string, string>> | undefined, address: string, lineage?: string): boolean {
  if (!otherConfig || otherConfig[ADDRESS_KEY] !== address) return false;
  const recorded = otherConfig[LINEAGE_KEY];
  return !lineage || recorded === undefined || recorded === lineage;
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

/** Objects of `cls` carrying `xcpform:address = address` (and no other state's lineage): candidates for adoption. */
export function findByAddress<C extends XapiClass>(records: PoolRecords, cls: C, address: string, lineage?: string): { ref: Ref<C>; record: XapiRecord<C> }[] {
  const out: { ref: Ref<C>; record: XapiRecord<C> }[] = [];
  for (const [ref, rec] of records.all(cls)) {
    const oc = (rec as { other_config?: Record<string, string> }).other_config;
    if (ownedBy(oc, address, lineage)) out.push({ ref, record: rec });
  }
  return out;
}
