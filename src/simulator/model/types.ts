/**
 * The datamodel type DSL. One table per XAPI class (see `schema/`) is written with these
 * constructors; the same table drives record defaults, wire encoding per transport, argument
 * validation and the implicit getters/setters. Values are stored as plain JSON-able data:
 * datetimes as xapi-format strings, refs as `OpaqueRef:` strings.
 */
import { XapiEncodable, XapiValue, formatDateTime, isStruct, parseDateTime, xmlrpcDouble } from '../../xenapi/wire/values';
import { XapiFailure } from '../errors';
import { inProcessValue } from './in-process';

export type FieldType =
  | { readonly k: 'string' }
  | { readonly k: 'int' }
  | { readonly k: 'float' }
  | { readonly k: 'bool' }
  | { readonly k: 'datetime' }
  | { readonly k: 'ref'; readonly cls: string }
  | { readonly k: 'enum'; readonly name: string; readonly values: readonly string[] }
  | { readonly k: 'set'; readonly of: FieldType }
  | { readonly k: 'map'; readonly key: FieldType; readonly value: FieldType }
  /** A whole record of a class, encoded field by field from its table. */
  | { readonly k: 'record'; readonly cls: string; readonly fields: Readonly<Record<string, FieldSpec>> }
  /** Already in wire form (used for `event.from` results and the like). */
  | { readonly k: 'any' };

/** RO = read-only runtime, RC = read-only but settable at construction, RW = has a setter. */
export type Qualifier = 'RO' | 'RC' | 'RW';

export interface FieldSpec {
  readonly type: FieldType;
  readonly q: Qualifier;
  readonly default: StoredValue;
}

/** A stored field value. */
export type StoredValue = string | number | boolean | StoredValue[] | { [key: string]: StoredValue };
export type StoredRecord = Record<string, StoredValue>;

export const NULL_REF = 'OpaqueRef:NULL';
export const EPOCH = '19700101T00:00:00Z';

export const str: FieldType = { k: 'string' };
export const int: FieldType = { k: 'int' };
export const float: FieldType = { k: 'float' };
export const bool: FieldType = { k: 'bool' };
export const datetime: FieldType = { k: 'datetime' };
export const any: FieldType = { k: 'any' };
export const ref = (cls: string): FieldType => ({ k: 'ref', cls });
export const enumOf = (name: string, ...values: string[]): FieldType => ({ k: 'enum', name, values });
export const setOf = (of: FieldType): FieldType => ({ k: 'set', of });
export const mapOf = (key: FieldType, value: FieldType): FieldType => ({ k: 'map', key, value });
/** map (string → string), the most common map. */
export const smap: FieldType = mapOf(str, str);

/** Default value of a type. */
export function defaultOf(t: FieldType): StoredValue {
  switch (t.k) {
    case 'string':
    case 'any':
      return '';
    case 'record':
      return {};
    case 'int':
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'datetime':
      return EPOCH;
    case 'ref':
      return NULL_REF;
    case 'enum':
      return t.values[0];
    case 'set':
      return [];
    case 'map':
      return {};
  }
}

/** Builds a field spec; the default is the type's unless given. */
export function field(type: FieldType, q: Qualifier = 'RO', dflt?: StoredValue): FieldSpec {
  return { type, q, default: dflt === undefined ? defaultOf(type) : dflt };
}

/**
 * How a result travels: XML-RPC or JSON-RPC text, or `inproc`, JSON-RPC's values handed to a
 * caller in the same process (the rehearsal's transport): fresh, sharing nothing with the
 * database (see in-process.ts).
 */
export type Transport = 'xml' | 'json' | 'inproc';

/** Converts a stored value to its wire form for a transport (xapi: ints as text in XML-RPC). */
export function toWire(t: FieldType, v: StoredValue | undefined, transport: Transport): XapiEncodable {
  if (v === undefined) v = defaultOf(t);
  if (transport === 'inproc') return inProcessValue(t, v, defaultOf);
  switch (t.k) {
    case 'int':
      return transport === 'xml' ? String(v) : Number(v);
    case 'float':
      return transport === 'xml' ? xmlrpcDouble(Number(v)) : Number(v);
    case 'datetime':
      return transport === 'xml' ? (parseDateTime(String(v)) ?? new Date(0)) : String(v);
    case 'set':
      return Array.isArray(v) ? v.map((x) => toWire(t.of, x, transport)) : [];
    case 'map': {
      if (!isStruct(v)) return {};
      const out: Record<string, XapiEncodable> = {};
      const obj = v as Record<string, StoredValue>;
      for (const key of Object.keys(obj)) {
        // `__proto__` stays a member (assignment would set the prototype and drop the key).
        if (key === '__proto__') Object.defineProperty(out, key, { value: toWire(t.value, obj[key], transport), enumerable: true, writable: true, configurable: true });
        else out[key] = toWire(t.value, obj[key], transport);
      }
      return out;
    }
    case 'record':
      // Hot path of get_all_records over JSON-RPC: copying 10,000 VM records cost more than
      // serializing them. A record already in its JSON wire form is handed over as is; the
      // reply is serialized before the database can change it.
      if (transport === 'json' && isJsonWireForm(t.fields, v as StoredRecord)) return v as XapiEncodable;
      return encodeRecord(t.fields, v as StoredRecord, transport);
    case 'any':
      return v as XapiEncodable;
    default:
      return v as XapiEncodable;
  }
}

/**
 * Converts an incoming wire value to the stored form, or throws the failure xapi raises when a
 * parameter cannot be unmarshalled (`FIELD_TYPE_ERROR [name]`), or `INVALID_VALUE` for an
 * unknown enum member.
 */
export function fromWire(t: FieldType, v: XapiValue | undefined, name: string): StoredValue {
  const bad = (): never => {
    throw new XapiFailure('FIELD_TYPE_ERROR', [name]);
  };
  if (v === undefined) return bad();
  switch (t.k) {
    case 'string':
      if (typeof v === 'string') return v;
      if (v instanceof Date) return formatDateTime(v);
      return bad();
    case 'ref':
      return typeof v === 'string' ? (v === '' ? NULL_REF : v) : bad();
    case 'int': {
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) return Number(v.trim());
      return bad();
    }
    case 'float': {
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      return bad();
    }
    case 'bool':
      return typeof v === 'boolean' ? v : bad();
    case 'datetime': {
      if (v instanceof Date) return formatDateTime(v);
      if (typeof v === 'string') {
        const d = parseDateTime(v);
        if (d) return formatDateTime(d);
      }
      return bad();
    }
    case 'enum': {
      if (typeof v !== 'string') return bad();
      const hit = t.values.find((x) => x.toLowerCase() === v.toLowerCase());
      if (hit === undefined) throw new XapiFailure('INVALID_VALUE', [name, v]);
      return hit;
    }
    case 'set':
      if (!Array.isArray(v)) return bad();
      return v.map((x) => fromWire(t.of, x, name));
    case 'map': {
      if (!isStruct(v)) return bad();
      const out: Record<string, StoredValue> = {};
      for (const key of Object.keys(v)) out[key] = fromWire(t.value, v[key], name);
      return out;
    }
    case 'record': {
      if (!isStruct(v)) return bad();
      const out: Record<string, StoredValue> = {};
      for (const key of Object.keys(v)) {
        const f = t.fields[key];
        if (f) out[key] = fromWire(f.type, v[key], key);
      }
      return out;
    }
    case 'any':
      return v as StoredValue;
  }
}

/** Encodes a record field by field; fields missing from the stored record get their default. */
export function encodeRecord(fields: Readonly<Record<string, FieldSpec>>, rec: StoredRecord, transport: Transport): Record<string, XapiEncodable> {
  const out: Record<string, XapiEncodable> = {};
  for (const name of Object.keys(fields)) {
    const f = fields[name];
    const v = rec[name];
    out[name] = toWire(f.type, v === undefined ? f.default : v, transport);
  }
  return out;
}

/**
 * True when encoding `rec` for JSON-RPC would give an equal value: it has exactly the table's
 * fields, numbers and datetimes are stored as such, and nothing nested needs converting.
 */
function isJsonWireForm(fields: Readonly<Record<string, FieldSpec>>, rec: StoredRecord): boolean {
  if (!isStruct(rec)) return false;
  let count = 0;
  for (const name in rec) {
    const f = fields[name];
    // `f.type` undefined: a member named after Object.prototype's (`__proto__`), not a field.
    if (f === undefined || f.type === undefined || !isJsonValue(f.type, rec[name])) return false;
    count++;
  }
  return count === fieldCount(fields);
}

const FIELD_COUNTS = new WeakMap<object, number>();

function fieldCount(fields: Readonly<Record<string, FieldSpec>>): number {
  let n = FIELD_COUNTS.get(fields);
  if (n === undefined) {
    n = Object.keys(fields).length;
    FIELD_COUNTS.set(fields, n);
  }
  return n;
}

/** True when `toWire(t, v, 'json')` would return a value equal to `v`. */
function isJsonValue(t: FieldType, v: StoredValue | undefined): boolean {
  switch (t.k) {
    case 'string':
    case 'ref':
    case 'enum':
    case 'bool':
    case 'any':
      return v !== undefined;
    case 'int':
    case 'float':
      return typeof v === 'number';
    case 'datetime':
      return typeof v === 'string';
    case 'set': {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (!isJsonValue(t.of, v[i])) return false;
      return true;
    }
    case 'map': {
      if (!isStruct(v)) return false;
      const obj = v as Record<string, StoredValue>;
      for (const key in obj) if (!isJsonValue(t.value, obj[key])) return false;
      return true;
    }
    case 'record':
      return isJsonWireForm(t.fields, v as StoredRecord);
  }
}

/**
 * Deep copy of a stored value (records handed out must not alias the database). Stored values
 * are plain data (strings, numbers, booleans, arrays, plain objects), so a walk copies them;
 * `structuredClone` cost several times more per record, and records are copied on every
 * create (their defaults) and clone.
 */
export function cloneValue<T extends StoredValue>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out: StoredValue[] = new Array<StoredValue>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneValue(v[i] as StoredValue);
    return out as T;
  }
  const out: Record<string, StoredValue> = {};
  const obj = v as Record<string, StoredValue>;
  for (const key of Object.keys(obj)) {
    // `__proto__` stays an own member (assignment would set the prototype).
    if (key === '__proto__') Object.defineProperty(out, key, { value: cloneValue(obj[key]), enumerable: true, writable: true, configurable: true });
    else out[key] = cloneValue(obj[key]);
  }
  return out as T;
}
