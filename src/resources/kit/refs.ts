/**
 * References to other objects written as "UUID or name" (an SR, a host, a network). Apply code
 * resolves them to refs and fails with a diagnostic listing candidates when a name is ambiguous;
 * read writes back the form the user chose (the name while it still names the same object, else
 * the UUID), so a name in the configuration never causes a perpetual diff.
 */
import { isRef, type Ref, type XapiClass } from '../../xenapi';
import type { Value } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import type { XapiOps } from './xapi-ops';

interface Named {
  uuid: string;
  name_label?: string;
}

/** Objects of `cls` that `value` names: the one with that UUID, else every one with that name_label. */
export function lookup<C extends XapiClass>(records: PoolRecords, cls: C, value: string): Ref<C>[] {
  const byUuid = records.byUuid(cls, value);
  if (byUuid) return [byUuid.ref];
  return records.byName(cls, value).map((x) => x.ref);
}

/**
 * Resolves "UUID or name" to exactly one ref, or throws a diagnostic naming the attribute, the
 * candidates (for an ambiguous name) and how to fix it.
 */
export function resolve<C extends XapiClass>(ops: XapiOps, records: PoolRecords, cls: C, value: string, attribute: string): Ref<C> {
  const found = lookup(records, cls, value);
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    throw ops.refuse('resource.reference-not-found', `${attribute} "${value}" matches no ${cls}`,
      `No ${cls} of pool "${records.pool}" has the UUID or name "${value}". Check the spelling, or create it first.`, [attribute]);
  }
  const uuids = found.map((r) => (records.get(cls, r) as unknown as Named).uuid).sort();
  throw ops.refuse('resource.reference-ambiguous', `${attribute} "${value}" matches ${found.length} objects`,
    `Several ${cls} objects of pool "${records.pool}" are named "${value}": ${uuids.join(', ')}. Use the UUID instead.`, [attribute]);
}

/** UUID of the object behind `ref`, or null for a null or dangling ref. */
export function uuidOf(records: PoolRecords, cls: XapiClass, ref: string | undefined): string | null {
  if (!ref || !isRef(ref)) return null;
  const rec = records.get(cls, ref) as unknown as Named | undefined;
  return rec ? rec.uuid : null;
}

/**
 * The state value for a reference field: the prior value when it still names exactly this object
 * (keeps a user's name), else the UUID; null when the field is empty.
 */
export function formOf(records: PoolRecords, cls: XapiClass, ref: string | undefined, prior: Value | undefined): string | null {
  const uuid = uuidOf(records, cls, ref);
  if (uuid === null) return null;
  if (typeof prior === 'string') {
    const found = lookup(records, cls, prior);
    if (found.length === 1 && found[0] === ref) return prior;
  }
  return uuid;
}

/** Like `formOf` for a set of references (hosts of a VLAN): keeps each prior spelling that still matches. */
export function formsOf(records: PoolRecords, cls: XapiClass, refs: readonly string[], prior: Value | undefined): string[] {
  const priorForms = Array.isArray(prior) ? prior.filter((x): x is string => typeof x === 'string') : [];
  const out: string[] = [];
  for (const ref of refs) {
    const kept = priorForms.find((p) => { const f = lookup(records, cls, p); return f.length === 1 && f[0] === ref; });
    const uuid = uuidOf(records, cls, ref);
    if (kept !== undefined) out.push(kept);
    else if (uuid !== null) out.push(uuid);
  }
  return out.sort();
}
