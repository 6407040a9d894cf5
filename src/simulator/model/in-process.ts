/**
 * Results for a caller in the same process (the rehearsal's in-process transport): the JSON-RPC
 * wire form, built as fresh values that share no object with the database. Over HTTP the reply
 * is serialized before the database changes again, so `toWire` may hand over a stored record as
 * it is; a caller in process keeps what it gets (its client decodes records in place), so it
 * needs its own copy. Building that copy from the field types here costs one typed walk; the
 * generic alternative (check the record is in wire form, hand it over, copy the whole reply)
 * walked every record twice.
 */
import { encodeJson } from '../../xenapi/wire/jsonrpc';
import { isStruct, type XapiEncodable } from '../../xenapi/wire/values';
import type { FieldSpec, FieldType, StoredRecord, StoredValue } from './types';

/** A number as JSON text gives it back: non-finite as `null`, `-0` as `0`. */
const jsonNumber = (n: number): number | null => (Number.isFinite(n) ? (n === 0 ? 0 : n) : null);

/** Field names per table, in order (a record is encoded field by field). */
const FIELD_NAMES = new WeakMap<object, readonly string[]>();

function fieldNames(fields: Readonly<Record<string, FieldSpec>>): readonly string[] {
  let names = FIELD_NAMES.get(fields);
  if (!names) {
    names = Object.keys(fields);
    FIELD_NAMES.set(fields, names);
  }
  return names;
}

/**
 * `JSON.parse(encodeJson(toWire(t, v, 'json')))` without the text: equal to it, and holding no
 * object of `v`'s. `undefined` takes the type's default (`defaultOf`), given by the caller.
 * An `any` value is handed over as it is: only event methods return one, built for the call.
 */
export function inProcessValue(t: FieldType, v: StoredValue, defaultOf: (t: FieldType) => StoredValue): XapiEncodable {
  switch (t.k) {
    case 'int':
    case 'float':
      return jsonNumber(Number(v));
    case 'datetime':
      return String(v);
    case 'set': {
      if (!Array.isArray(v)) return [];
      const out = new Array<XapiEncodable>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = inProcessValue(t.of, v[i] === undefined ? defaultOf(t.of) : v[i], defaultOf);
      return out;
    }
    case 'map': {
      if (!isStruct(v)) return {};
      const out: Record<string, XapiEncodable> = {};
      const obj = v as Record<string, StoredValue>;
      for (const key of Object.keys(obj)) {
        const x = inProcessValue(t.value, obj[key] === undefined ? defaultOf(t.value) : obj[key], defaultOf);
        // JSON.parse makes `__proto__` an own member; plain assignment would set the prototype.
        if (key === '__proto__') Object.defineProperty(out, key, { value: x, enumerable: true, writable: true, configurable: true });
        else out[key] = x;
      }
      return out;
    }
    case 'record': {
      const rec = (isStruct(v) ? v : {}) as StoredRecord;
      const out: Record<string, XapiEncodable> = {};
      for (const name of fieldNames(t.fields)) {
        const f = t.fields[name];
        const x = rec[name];
        out[name] = inProcessValue(f.type, x === undefined ? f.default : x, defaultOf);
      }
      return out;
    }
    case 'any':
      return v as XapiEncodable;
    default:
      // string, ref, enum, bool: stored as text or a boolean; anything else as the wire has it.
      if (typeof v === 'number') return jsonNumber(v);
      return typeof v === 'object' && v !== null ? (JSON.parse(encodeJson(v as XapiEncodable)) as XapiEncodable) : v;
  }
}
