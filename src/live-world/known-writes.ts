/**
 * Writes whose whole effect on the pool the caller knows once XAPI accepted them: a plain field
 * setter (`VM.set_name_label(vm, "a")` makes `name_label` "a" and changes nothing else) and the
 * map edits of `other_config`. After one of these an apply step need not wait for the live
 * world to catch up with `event.from` to see its own write: the live world patches the record
 * itself (LiveWorld.patch). A VM create makes about ten such writes; each catch-up it waited
 * for was a round trip on the pool's single chain of catch-ups, which the ten steps in flight
 * all queue on.
 *
 * Only methods xapi implements as the field write alone are listed (its generated setters); a
 * setter with side effects (`VM.set_is_a_template` also changes the allowed operations, memory
 * setters check and change the others) or a create whose new record only xapi knows is not,
 * and is caught up as before.
 */
import type { XapiClass, XapiEncodable } from '../xenapi';

/** A new record with the write's effect (records are replaced, never changed in place). */
export type RecordEdit = (record: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** The known write: its class, the object it changes and how. */
export interface KnownWrite {
  readonly cls: XapiClass;
  readonly ref: string;
  readonly edit: RecordEdit;
}

/** Setters of a string field: `<class>.set_<field>(ref, string)`. */
const STRING_SETTERS = new Set(['name_label', 'name_description']);
/** Setters of a boolean field, by class. */
const BOOLEAN_SETTERS: Readonly<Record<string, ReadonlySet<string>>> = { VBD: new Set(['bootable']) };

const isRef = (v: unknown): v is string => typeof v === 'string' && v.startsWith('OpaqueRef:') && v !== 'OpaqueRef:NULL';
const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/**
 * The effect of `method(...args)` (the arguments after the session) when it is a known write
 * that succeeded; undefined for any other call.
 */
export function knownWrite(method: string, args: readonly XapiEncodable[]): KnownWrite | undefined {
  const m = /^([A-Za-z_]+)\.(set|add_to|remove_from)_([a-z_]+)$/.exec(method);
  if (!m || !isRef(args[0])) return undefined;
  const [, cls, verb, field] = m;
  const ref = args[0];
  const value = args[1];
  const write = (edit: RecordEdit): KnownWrite => ({ cls: cls as XapiClass, ref, edit });
  if (field === 'other_config') {
    const map = (r: Readonly<Record<string, unknown>>): Record<string, string> => ({ ...(r.other_config as Record<string, string> | undefined) });
    if (verb === 'set' && args.length === 2 && isStringMap(value)) return write((r) => ({ ...r, other_config: { ...value } }));
    if (verb === 'add_to' && args.length === 3 && typeof value === 'string' && typeof args[2] === 'string') {
      const v = args[2];
      return write((r) => ({ ...r, other_config: { ...map(r), [value]: v } }));
    }
    if (verb === 'remove_from' && args.length === 2 && typeof value === 'string') {
      return write((r) => {
        const oc = map(r);
        delete oc[value];
        return { ...r, other_config: oc };
      });
    }
    return undefined;
  }
  if (verb !== 'set' || args.length !== 2) return undefined;
  if (STRING_SETTERS.has(field) && typeof value === 'string') return write((r) => ({ ...r, [field]: value }));
  if (BOOLEAN_SETTERS[cls]?.has(field) && typeof value === 'boolean') return write((r) => ({ ...r, [field]: value }));
  return undefined;
}
