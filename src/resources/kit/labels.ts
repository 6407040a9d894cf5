/**
 * name_label, name_description, tags and user other_config: read the same way and updated the
 * same way for every infra resource. Tags change with `add_tags` / `remove_tags` (never a whole
 * `set_tags` that could race another tool); other_config changes key by key, and only the keys
 * xcpform manages, so keys of other tools are never clobbered.
 */
import type { ObjectValue } from '../../values/value';
import { ADDRESS_KEY, MANAGED_KEY, ownedEntries, userOtherConfig } from './owned-keys';
import { changed, sorted, str, strList, strMap } from './values';
import type { XapiOps } from './xapi-ops';

/** The label fields every infra XAPI object has. */
export interface LabelledRecord {
  readonly name_label: string;
  readonly name_description: string;
  readonly tags: readonly string[];
  readonly other_config: Readonly<Record<string, string>>;
}

/** State attributes name_label, name_description, tags and other_config from a record. */
export function readLabels(rec: LabelledRecord, prior: ObjectValue | null, excludeKeys: readonly string[] = []): ObjectValue {
  return {
    name_label: rec.name_label,
    name_description: rec.name_description,
    tags: sorted(new Set(rec.tags)),
    other_config: userOtherConfig(rec.other_config, prior?.other_config, excludeKeys),
  };
}

/** Sets or removes one other_config key (remove first: `add_to_other_config` refuses a duplicate). */
export async function setOtherConfigKey(ops: XapiOps, cls: string, ref: string, current: Readonly<Record<string, string>>, key: string, value: string | undefined): Promise<void> {
  if (current[key] === value) return;
  if (key in current) await ops.call(`remove other_config key "${key}"`, `${cls}.remove_from_other_config`, ref, key);
  if (value !== undefined) await ops.call(`set other_config key "${key}"`, `${cls}.add_to_other_config`, ref, key, value);
}

/** Writes `xcpform:address` and `xcpform:managed` for the given user keys. */
export async function writeOwnedKeys(ops: XapiOps, cls: string, ref: string, current: Readonly<Record<string, string>>, userKeys: Iterable<string>): Promise<void> {
  const owned = ownedEntries(ops.ctx.address, userKeys);
  await setOtherConfigKey(ops, cls, ref, current, ADDRESS_KEY, owned[ADDRESS_KEY]);
  await setOtherConfigKey(ops, cls, ref, current, MANAGED_KEY, owned[MANAGED_KEY]);
}

export interface LabelUpdateOptions {
  /** Whether name_label/name_description have setters (`<cls>.set_name_label`). Default true. */
  readonly names?: boolean;
  /** Whether to (re)write the owned keys even when nothing else changed (create, adopt). */
  readonly writeOwned?: boolean;
  /** False when the object belongs to another resource (an existing network a VLAN uses): never write owned keys. */
  readonly ownKeys?: boolean;
}

/**
 * Applies changed labels: names, tags (added and removed one by one), user other_config keys
 * (set when changed, removed when dropped from the configuration) and the owned keys.
 * `current` is the object's record as read just before, `prior` the state being updated.
 */
export async function applyLabels(ops: XapiOps, cls: string, ref: string, current: LabelledRecord, prior: ObjectValue, planned: ObjectValue, opts: LabelUpdateOptions = {}): Promise<void> {
  if (opts.names !== false) {
    const name = str(planned.name_label);
    if (name !== undefined && name !== current.name_label) await ops.call('rename', `${cls}.set_name_label`, ref, name);
    const desc = str(planned.name_description);
    if (desc !== undefined && desc !== current.name_description) await ops.call('set the description', `${cls}.set_name_description`, ref, desc);
  }
  const wantTags = strList(planned.tags);
  if (wantTags) {
    const have = new Set(current.tags);
    for (const t of new Set(wantTags)) if (!have.has(t)) await ops.call(`add tag "${t}"`, `${cls}.add_tags`, ref, t);
    for (const t of have) if (!wantTags.includes(t)) await ops.call(`remove tag "${t}"`, `${cls}.remove_tags`, ref, t);
  }
  const want = strMap(planned.other_config);
  let oc: Record<string, string> = { ...current.other_config };
  if (want) {
    const before = strMap(prior.other_config) ?? {};
    for (const [k, v] of Object.entries(want)) {
      await setOtherConfigKey(ops, cls, ref, oc, k, v);
      oc = { ...oc, [k]: v };
    }
    for (const k of Object.keys(before)) {
      if (k in want) continue;
      await setOtherConfigKey(ops, cls, ref, oc, k, undefined);
      delete oc[k];
    }
  }
  if (opts.ownKeys !== false && (want || opts.writeOwned)) await writeOwnedKeys(ops, cls, ref, oc, Object.keys(want ?? strMap(prior.other_config) ?? {}));
}

/** True when any label attribute differs between prior and planned. */
export function labelsChanged(prior: ObjectValue, planned: ObjectValue): boolean {
  return ['name_label', 'name_description', 'tags', 'other_config'].some((k) => changed(prior[k], planned[k]));
}
