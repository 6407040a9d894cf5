/**
 * The messages xapi generates for every class from its table: `get_all`, `get_all_records`,
 * `get_all_records_where`, `get_record`, `get_by_uuid`, `get_by_name_label`, `get_<field>`,
 * `set_<field>` (RW), `add_to_`/`remove_from_` (RW maps), `add_`/`remove_` (RW sets), and
 * `create`/`destroy` for classes with implicit constructors. Class modules override any of them.
 */
import { XapiFailure } from '../errors';
import { FieldType, NULL_REF, StoredRecord, StoredValue, cloneValue, mapOf, ref, setOf, str } from '../model/types';
import { ClassSpec } from '../schema/class-spec';
import { CLASSES } from '../schema/misc';
import { CallContext, MethodSpec, p } from './method';
import { compileWhere } from './where';

export function recordType(spec: ClassSpec): FieldType {
  return { k: 'record', cls: spec.name, fields: spec.fields };
}

/** Checks that a non-null ref field points at a live object of its class. */
export function checkRefs(ctx: CallContext, spec: ClassSpec, rec: StoredRecord): void {
  for (const [name, value] of Object.entries(rec)) {
    const t = spec.fields[name]?.type;
    if (t?.k === 'ref' && value !== NULL_REF && CLASSES.has(t.cls) && !ctx.db.get(t.cls, value as string)) {
      throw new XapiFailure('HANDLE_INVALID', [t.cls, value as string]);
    }
  }
}

/**
 * Validates and completes a `create` record: required fields present, refs valid. Returns only
 * the fields the class knows, converted from the wire already by the declared param type.
 */
export function createRecord(ctx: CallContext, spec: ClassSpec, rec: StoredRecord): StoredRecord {
  for (const f of spec.createRequired) if (!(f in rec)) throw new XapiFailure('FIELD_TYPE_ERROR', [f]);
  const out: StoredRecord = {};
  for (const [k, v] of Object.entries(rec)) {
    const f = spec.fields[k];
    if (f && (f.q !== 'RO' || k === 'uuid')) out[k] = v;
  }
  delete out.uuid;
  checkRefs(ctx, spec, out);
  return out;
}

export function implicitMethods(spec: ClassSpec): MethodSpec[] {
  const cls = spec.name;
  const self = p('self', ref(cls));
  const out: MethodSpec[] = [];
  const add = (name: string, params: MethodSpec['params'], result: FieldType | null, impl: MethodSpec['impl'], isAsync = false): void => {
    out.push({ name: `${cls}.${name}`, params, result, impl, session: true, async: isAsync });
  };
  const rt = recordType(spec);

  add('get_all', [], setOf(ref(cls)), (ctx) => [...ctx.db.table(cls).keys()]);
  add('get_all_records', [], mapOf(ref(cls), rt), (ctx) => Object.fromEntries(ctx.db.table(cls)));
  add('get_all_records_where', [p('expr', str)], mapOf(ref(cls), rt), (ctx, [expr]) => {
    const pred = compileWhere(expr as string);
    return Object.fromEntries([...ctx.db.table(cls)].filter(([, r]) => pred(r)));
  });
  add('get_record', [self], rt, (ctx, [r]) => ctx.db.require(cls, r as string));
  add('get_by_uuid', [p('uuid', str)], ref(cls), (ctx, [uuid]) => {
    const found = ctx.db.refByUuid(cls, uuid as string);
    if (!found) throw new XapiFailure('UUID_INVALID', [cls, uuid as string]);
    return found;
  });
  if (spec.byNameLabel) {
    add('get_by_name_label', [p('label', str)], setOf(ref(cls)), (ctx, [label]) =>
      [...ctx.db.table(cls)].filter(([, r]) => r.name_label === label).map(([k]) => k),
    );
  }
  for (const [name, f] of Object.entries(spec.fields)) {
    if (!spec.fieldMessages || spec.removed.includes(name)) continue;
    add(`get_${name}`, [self], f.type, (ctx, [r]) => ctx.db.require(cls, r as string)[name]);
    if (f.q !== 'RW') continue;
    add(`set_${name}`, [self, p('value', f.type)], null, (ctx, [r, value]) => {
      ctx.db.require(cls, r as string);
      checkRefs(ctx, spec, { [name]: value });
      ctx.db.set(cls, r as string, name, value);
    });
    if (f.type.k === 'map') {
      const keyType = f.type.key;
      const valueType = f.type.value;
      add(`add_to_${name}`, [self, p('key', keyType), p('value', valueType)], null, (ctx, [r, key, value]) => {
        const rec = ctx.db.require(cls, r as string);
        const map = rec[name] as Record<string, StoredValue>;
        if (String(key) in map) throw new XapiFailure('MAP_DUPLICATE_KEY', [cls, name, rec.uuid as string, String(key)]);
        ctx.db.set(cls, r as string, name, { ...map, [String(key)]: value });
      });
      add(`remove_from_${name}`, [self, p('key', keyType)], null, (ctx, [r, key]) => {
        const rec = ctx.db.require(cls, r as string);
        const map = { ...(rec[name] as Record<string, StoredValue>) };
        if (!(String(key) in map)) return;
        delete map[String(key)];
        ctx.db.set(cls, r as string, name, map);
      });
    } else if (f.type.k === 'set') {
      const of = f.type.of;
      add(`add_${name}`, [self, p('value', of)], null, (ctx, [r, value]) => {
        const rec = ctx.db.require(cls, r as string);
        const set = rec[name] as StoredValue[];
        if (!set.includes(value)) ctx.db.set(cls, r as string, name, [...set, value]);
      });
      add(`remove_${name}`, [self, p('value', of)], null, (ctx, [r, value]) => {
        const rec = ctx.db.require(cls, r as string);
        const set = rec[name] as StoredValue[];
        if (set.includes(value)) ctx.db.set(cls, r as string, name, set.filter((x) => x !== value));
      });
    }
  }
  if (spec.implicitCreate) {
    add('create', [p('args', rt)], ref(cls), (ctx, [rec]) => ctx.db.create(cls, createRecord(ctx, spec, rec as StoredRecord)), true);
    add('destroy', [self], null, (ctx, [r]) => {
      ctx.db.require(cls, r as string);
      ctx.db.destroy(cls, r as string);
    }, true);
  }
  return out;
}

/** A defensive copy of a stored record. */
export function copyRecord(rec: StoredRecord): StoredRecord {
  return cloneValue(rec);
}

/** An explicit setter for a field that is RO/constructor in the table (e.g. `SR.set_name_label`). */
export function explicitSetter(cls: string, fieldName: string, type: FieldType, selfName = 'self'): MethodSpec {
  return {
    name: `${cls}.set_${fieldName}`,
    params: [p(selfName, ref(cls)), p('value', type)],
    result: null,
    session: true,
    async: false,
    impl: (ctx, [r, value]) => {
      ctx.db.require(cls, r as string);
      ctx.db.set(cls, r as string, fieldName, value);
    },
  };
}
