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
    case 'record':
      return recordEncoder(t.fields, defaultOf)((isStruct(v) ? v : {}) as StoredRecord);
    case 'any':
      return v as XapiEncodable;
    default:
      // string, ref, enum, bool: stored as text or a boolean; anything else as the wire has it.
      if (typeof v === 'number') return jsonNumber(v);
      return typeof v === 'object' && v !== null ? (JSON.parse(encodeJson(v as XapiEncodable)) as XapiEncodable) : v;
  }
}

type Encoder = (x: StoredValue | undefined) => XapiEncodable;
type RecordEncoder = (rec: StoredRecord) => XapiEncodable;

/** A record encoder per table (event.from sends thousands of records of a few tables). */
const RECORD_ENCODERS = new WeakMap<object, RecordEncoder>();

/**
 * The encoder of a table's records: one object literal holding every field, each encoded by a
 * function chosen for its type. The literal is written as code once per table (its field names
 * are the schema's own, quoted as JSON strings): V8 then builds each record in one allocation
 * with a fixed shape, where adding ninety names one by one cost about five times as much.
 */
function recordEncoder(fields: Readonly<Record<string, FieldSpec>>, defaultOf: (t: FieldType) => StoredValue): RecordEncoder {
  let encode = RECORD_ENCODERS.get(fields);
  if (encode) return encode;
  const names = Object.keys(fields);
  const encoders = names.map((n) => fieldEncoder(fields[n].type, fields[n].default, defaultOf));
  if (names.includes('__proto__')) {
    // A literal would set the prototype; no table has such a field, but the walk stays right.
    encode = (rec) => {
      const out: Record<string, XapiEncodable> = {};
      names.forEach((n, i) => Object.defineProperty(out, n, { value: encoders[i](rec[n]), enumerable: true, writable: true, configurable: true }));
      return out;
    };
  } else {
    const members = names.map((n, i) => `${JSON.stringify(n)}: E[${i}](rec[${JSON.stringify(n)}])`).join(',\n');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, no-new-func
    encode = new Function('E', `return (rec) => ({\n${members}\n});`)(encoders) as RecordEncoder;
  }
  RECORD_ENCODERS.set(fields, encode);
  return encode;
}

const isText = (t: FieldType): boolean => t.k === 'string' || t.k === 'ref' || t.k === 'enum';

/**
 * A field's encoder: the common case (text, a finite number, a set or map of text) handed on or
 * copied flat, anything else through {@link inProcessValue}. A missing field takes its default.
 */
function fieldEncoder(t: FieldType, dflt: StoredValue, defaultOf: (t: FieldType) => StoredValue): Encoder {
  const general: Encoder = (x) => inProcessValue(t, x === undefined ? dflt : x, defaultOf);
  switch (t.k) {
    case 'string':
    case 'ref':
    case 'enum':
    case 'bool':
      return (x) => (typeof x === 'string' || typeof x === 'boolean' ? x : general(x));
    case 'int':
    case 'float':
      return (x) => (typeof x === 'number' && x !== 0 && Number.isFinite(x) ? x : general(x));
    case 'datetime':
      return (x) => (typeof x === 'string' ? x : general(x));
    case 'set':
      return isText(t.of) ? (x) => (Array.isArray(x) ? textArray(x) ?? general(x) : general(x)) : general;
    case 'map':
      return isText(t.value) ? (x) => (isStruct(x) ? textMap(x as Record<string, StoredValue>) ?? general(x) : general(x)) : general;
    default:
      return general;
  }
}

/** A copy of an array of strings; undefined when a member is anything else. */
function textArray(x: readonly StoredValue[]): string[] | undefined {
  const out = new Array<string>(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'string') return undefined;
    out[i] = v;
  }
  return out;
}

/** A copy of a map of strings; undefined when a value is anything else, or a key is `__proto__`. */
function textMap(x: Readonly<Record<string, StoredValue>>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const key of Object.keys(x)) {
    const v = x[key];
    if (typeof v !== 'string' || key === '__proto__') return undefined;
    out[key] = v;
  }
  return out;
}
