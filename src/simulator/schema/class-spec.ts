/**
 * A class table: the single description of a XAPI class from which the simulator derives
 * record defaults, wire encoding, implicit messages (`get_*`, `set_*`, `add_to_*`, …) and
 * `create` validation. Field lists follow xapi's datamodel (`ocaml/idl/datamodel*.ml`).
 */
import { FieldSpec, StoredRecord, cloneValue, field, str } from '../model/types';

export interface ClassSpec {
  /** Wire name, e.g. `VM`, `host`, `VM_metrics`. */
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Implicit `create(record)` / `destroy(self)` (VM, VDI, VBD, VIF, PBD, network, VM_appliance). */
  readonly implicitCreate: boolean;
  /** Fields `create` requires in its record (xapi: the RW and RO/constructor fields without defaults). */
  readonly createRequired: readonly string[];
  /** Listed by `system.listMethods` with `get_all_records` (false for session). */
  readonly listed: boolean;
  /** Whether `get_by_name_label` exists (xapi: not for pool, although it has a name_label). */
  readonly byNameLabel: boolean;
  /** Whether fields get their own getters and setters (xapi: not for message). */
  readonly fieldMessages: boolean;
  /** Fields xapi's data model marks removed: still in records (older pools send them), no getter. */
  readonly removed: readonly string[];
}

export interface ClassOptions {
  implicitCreate?: boolean;
  createRequired?: string[];
  listed?: boolean;
  byNameLabel?: boolean;
  fieldMessages?: boolean;
  removed?: string[];
}

/** Declares a class; `uuid` (RO) is added first. */
export function defineClass(name: string, fields: Record<string, FieldSpec>, opts: ClassOptions = {}): ClassSpec {
  return {
    name,
    fields: { uuid: field(str, 'RO'), ...fields },
    implicitCreate: opts.implicitCreate ?? false,
    createRequired: opts.createRequired ?? [],
    listed: opts.listed ?? true,
    byNameLabel: opts.byNameLabel ?? 'name_label' in fields,
    fieldMessages: opts.fieldMessages ?? true,
    removed: opts.removed ?? [],
  };
}

/** Per class: every field's default, and the fields whose default is an object (copied per record). */
const DEFAULTS = new WeakMap<ClassSpec, { readonly record: StoredRecord; readonly objects: readonly ObjectDefault[] }>();

/** A field whose default is a set or a map: empty (a literal is far cheaper than a copy), or copied. */
interface ObjectDefault {
  readonly name: string;
  readonly kind: 'empty-set' | 'empty-map' | 'copy';
}

/** A fresh record holding every field's default. */
export function defaultRecord(spec: ClassSpec): StoredRecord {
  let d = DEFAULTS.get(spec);
  if (!d) {
    const record: StoredRecord = {};
    const objects: ObjectDefault[] = [];
    for (const [name, f] of Object.entries(spec.fields)) {
      const v = f.default;
      record[name] = cloneValue(v);
      if (typeof v !== 'object' || v === null) continue;
      const empty = Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
      objects.push({ name, kind: !empty ? 'copy' : Array.isArray(v) ? 'empty-set' : 'empty-map' });
    }
    // The template itself is a spread copy too: spreading from a dictionary-mode object is slow.
    d = { record: { ...record }, objects };
    DEFAULTS.set(spec, d);
  }
  // Adding dozens of properties one by one leaves V8 with a slow dictionary-mode object; the
  // spread copy has fast properties, which made serializing 10,000 VM records ~2x faster.
  // Scalars are shared with the template as they are immutable; sets and maps are the record's own.
  const rec: StoredRecord = { ...d.record };
  for (const { name, kind } of d.objects) rec[name] = kind === 'empty-set' ? [] : kind === 'empty-map' ? {} : cloneValue(d.record[name]);
  return rec;
}

/** True when the class has a `name_label` field (and so `get_by_name_label`). */
export function hasNameLabel(spec: ClassSpec): boolean {
  return 'name_label' in spec.fields;
}
