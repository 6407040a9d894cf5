/**
 * The `other_config` keys xcpform owns on the objects it manages, one convention for every
 * resource:
 * - `xcpform:address`: the resource address that created or adopted the object, so a create
 *   interrupted between the XAPI call and the state write is adopted by the next run instead of
 *   duplicated;
 * - `xcpform:lineage`: the lineage of the state that created the object, so adoption takes only
 *   objects of the same state: two workspaces (or a copy of a folder with a fresh state) that
 *   use the same addresses never adopt each other's objects. Objects without it (made before
 *   lineages were recorded, or through the Terraform provider, whose state lineage xcpform
 *   cannot see) are still adopted by address alone;
 * - `xcpform:managed`: a JSON array of the user `other_config` keys xcpform manages, so import
 *   and refresh report those keys and never the keys of other tools. VMs and VDIs written by
 *   earlier versions list them under `xcpform:keys`: that list is still read (and replaced by
 *   `xcpform:managed` at the next write), so those objects keep their managed keys;
 * - per resource: the template and clone type of a VM, the host a halted VM starts on, the VM
 *   that owns a VDI, the config-drive mark, a snapshot's revert generation.
 * Everything else in `other_config` belongs to someone else and is never removed. User keys
 * change one by one (remove then add, never `set_other_config`).
 */
import { OWNED_KEY_PREFIX } from '../common-schema';
import { classifyFailure, type Ref, type XapiClass, type XapiClient, type XapiRecord } from '../../xenapi';
import type { Value } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { strMap } from './values';

export const ADDRESS_KEY = `${OWNED_KEY_PREFIX}address`;
/** JSON list of the user `other_config` keys xcpform manages on the object. */
export const MANAGED_KEY = `${OWNED_KEY_PREFIX}managed`;
export const LINEAGE_KEY = `${OWNED_KEY_PREFIX}lineage`;
/** The earlier name of `MANAGED_KEY` on VMs, snapshots and VDIs: read, never written. */
export const LEGACY_MANAGED_KEY = `${OWNED_KEY_PREFIX}keys`;
/** The template the VM was cloned from, as the configuration spelled it. */
export const TEMPLATE_KEY = `${OWNED_KEY_PREFIX}template`;
export const CLONE_TYPE_KEY = `${OWNED_KEY_PREFIX}clone-type`;
/** Host a halted VM starts on next (its `host` attribute while halted). */
export const HOST_KEY = `${OWNED_KEY_PREFIX}host`;
/** On a VDI: UUID of the VM whose create made it; only such VDIs are ever destroyed. */
export const VDI_OWNER_KEY = `${OWNED_KEY_PREFIX}vm`;
/** On a VDI: marks the cloud-init config drive (hidden from `disk`). */
export const CONFIG_DRIVE_KEY = `${OWNED_KEY_PREFIX}config-drive`;
/** On a snapshot: the last applied `revert_generation`, so an import does not revert again. */
export const REVERT_GENERATION_KEY = `${OWNED_KEY_PREFIX}revert-generation`;

/** True for keys xcpform reserves (`xcpform:*`). */
export function isOwnedKey(key: string): boolean {
  return key.startsWith(OWNED_KEY_PREFIX);
}

function keyList(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** The user keys recorded as managed (`xcpform:managed`, and the legacy `xcpform:keys`), sorted. */
export function managedKeys(otherConfig: Readonly<Record<string, string>>): string[] {
  return [...new Set([...keyList(otherConfig[MANAGED_KEY]), ...keyList(otherConfig[LEGACY_MANAGED_KEY])])].sort();
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
 * The user `other_config` xcpform reports: the keys it manages (those in the prior state, when
 * given, and those recorded as managed) that still exist, never `xcpform:*` keys nor `exclude`d
 * keys (the ones another attribute maps, like a network's `automatic`). An object xcpform never
 * managed reports `{}`: importing it does not take over other tools' keys.
 */
export function userOtherConfig(otherConfig: Readonly<Record<string, string>>, prior?: Value, exclude: readonly string[] = []): Record<string, string> {
  const keys = new Set([...Object.keys(strMap(prior) ?? {}), ...managedKeys(otherConfig)]);
  const out: Record<string, string> = {};
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

/**
 * Sets one `other_config` key (remove then add: `add_to_` fails on an existing key). The pair
 * is harmless to repeat though `add_to_` alone is not, so an `add_to_` that failed ambiguously
 * (connection reset mid-call) is retried as the pair, not given up on.
 */
export async function setKey(client: XapiClient, cls: string, ref: string, key: string, value: string | null): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await client.call(`${cls}.remove_from_other_config`, ref, key);
    if (value === null) return;
    try {
      await client.call(`${cls}.add_to_other_config`, ref, key, value);
      return;
    } catch (err) {
      if (attempt >= 3 || classifyFailure(err) !== 'transient-if-idempotent') throw err;
    }
  }
}

/**
 * Sets one `other_config` key of an object whose `other_config` the caller read after its own
 * last write (`current`): nothing when it already holds `value`, one `add_to_other_config` when
 * the key is absent (instead of the remove-then-add pair), the pair otherwise. Should the key
 * have appeared since (`MAP_DUPLICATE_KEY`, another writer), the pair is used after all.
 */
export async function setKnownKey(client: XapiClient, cls: string, ref: string, key: string, value: string, current: Readonly<Record<string, string>>): Promise<void> {
  if (current[key] === value) return;
  if (key in current) return setKey(client, cls, ref, key, value);
  try {
    await client.call(`${cls}.add_to_other_config`, ref, key, value);
  } catch (err) {
    if (classifyFailure(err) === 'permanent' && (err as { code?: string }).code !== 'MAP_DUPLICATE_KEY') throw err;
    await setKey(client, cls, ref, key, value);
  }
}

/**
 * Brings the user keys of `current` to `desired`: changed keys are rewritten, keys managed
 * before but no longer desired are removed, other tools' keys are left alone; the managed-key
 * list (`xcpform:managed`) is updated last, and a legacy `xcpform:keys` list is dropped.
 */
export async function applyUserOtherConfig(
  client: XapiClient,
  cls: string,
  ref: string,
  current: Readonly<Record<string, string>>,
  desired: Readonly<Record<string, string>>,
): Promise<void> {
  const before = new Set(managedKeys(current));
  for (const [k, v] of Object.entries(desired)) {
    if (isOwnedKey(k)) continue;
    if (current[k] !== v) await setKey(client, cls, ref, k, v);
  }
  for (const k of before) if (!(k in desired) && k in current) await setKey(client, cls, ref, k, null);
  const list = JSON.stringify(Object.keys(desired).filter((k) => !isOwnedKey(k)).sort());
  if ((current[MANAGED_KEY] ?? '[]') !== list || LEGACY_MANAGED_KEY in current) await setKey(client, cls, ref, MANAGED_KEY, list);
  if (LEGACY_MANAGED_KEY in current) await setKey(client, cls, ref, LEGACY_MANAGED_KEY, null);
}

/** Adds and removes tags so that the object carries exactly `desired`. */
export async function applyTags(client: XapiClient, cls: string, ref: string, current: readonly string[], desired: readonly string[]): Promise<void> {
  const want = new Set(desired);
  const have = new Set(current);
  for (const t of have) if (!want.has(t)) await client.call(`${cls}.remove_tags`, ref, t);
  for (const t of want) if (!have.has(t)) await client.call(`${cls}.add_tags`, ref, t);
}
