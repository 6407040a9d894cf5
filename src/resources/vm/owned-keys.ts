/**
 * The `other_config` keys xcpform owns on VMs and VDIs, and the management of user keys. User
 * keys are managed one by one (remove then add, never `set_other_config`), and the list of keys
 * xcpform manages is itself recorded (`xcpform:keys`), so keys set by other tools (templates
 * set `install-methods`, `mac_seed`, ...) are never reported as drift nor removed, and an
 * import knows which keys were managed.
 */
import { classifyFailure, type XapiClient } from '../../xenapi';
import { OWNED_KEY_PREFIX } from '../common-schema';

/** The resource address that created the object: an interrupted create is adopted by it. */
export const ADDRESS_KEY = `${OWNED_KEY_PREFIX}address`;
/** The template the VM was cloned from, as the configuration spelled it. */
export const TEMPLATE_KEY = `${OWNED_KEY_PREFIX}template`;
export const CLONE_TYPE_KEY = `${OWNED_KEY_PREFIX}clone-type`;
/** Host a halted VM starts on next (its `host` attribute while halted). */
export const HOST_KEY = `${OWNED_KEY_PREFIX}host`;
/** JSON list of the user `other_config` keys xcpform manages on the object. */
export const KEYS_KEY = `${OWNED_KEY_PREFIX}keys`;
/** On a VDI: UUID of the VM whose create made it; only such VDIs are ever destroyed. */
export const VDI_OWNER_KEY = `${OWNED_KEY_PREFIX}vm`;
/** On a VDI: marks the cloud-init config drive (hidden from `disk`). */
export const CONFIG_DRIVE_KEY = `${OWNED_KEY_PREFIX}config-drive`;
/** On a snapshot: the last applied `revert_generation`, so an import does not revert again. */
export const REVERT_GENERATION_KEY = `${OWNED_KEY_PREFIX}revert-generation`;

/** The user keys recorded as managed on an object. */
export function managedKeys(otherConfig: Readonly<Record<string, string>>): string[] {
  const raw = otherConfig[KEYS_KEY];
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** The user `other_config` of a record: only managed keys that are present. */
export function userOtherConfig(otherConfig: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of managedKeys(otherConfig).sort()) {
    if (k in otherConfig && !k.startsWith(OWNED_KEY_PREFIX)) out[k] = otherConfig[k];
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
 * Brings the user keys of `current` to `desired`: changed keys are rewritten, keys managed
 * before but no longer desired are removed, other tools' keys are left alone; the managed-key
 * list is updated last.
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
    if (k.startsWith(OWNED_KEY_PREFIX)) continue;
    if (current[k] !== v) await setKey(client, cls, ref, k, v);
  }
  for (const k of before) if (!(k in desired) && k in current) await setKey(client, cls, ref, k, null);
  const list = JSON.stringify(Object.keys(desired).filter((k) => !k.startsWith(OWNED_KEY_PREFIX)).sort());
  if ((current[KEYS_KEY] ?? '[]') !== list) await setKey(client, cls, ref, KEYS_KEY, list);
}

/** Adds and removes tags so that the object carries exactly `desired`. */
export async function applyTags(client: XapiClient, cls: string, ref: string, current: readonly string[], desired: readonly string[]): Promise<void> {
  const want = new Set(desired);
  const have = new Set(current);
  for (const t of have) if (!want.has(t)) await client.call(`${cls}.remove_tags`, ref, t);
  for (const t of want) if (!have.has(t)) await client.call(`${cls}.add_tags`, ref, t);
}
