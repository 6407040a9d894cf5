/**
 * cty values in msgpack (reference tfplugin.md section 4.1), decoded into and encoded from the
 * Value model, driven by the type: msgpack alone cannot tell a set from a list or an object
 * from a map. Unknowns are msgpack extensions: type 0 (plain) and type 12 (refinements, a
 * map keyed by small integers); any other extension decodes as a plain unknown. Numbers follow
 * `numbers.ts`. Objects are always encoded with every attribute; on input a missing attribute
 * reads as null and an attribute the type does not have is an error.
 */
import { decode as msgpackDecode, encode as msgpackEncode, ExtData } from '@msgpack/msgpack';
import { isObjectValue, isUnknown, UNKNOWN, Unknown, UnknownRefinements, Value } from '../../values/value';
import { CodecError, PathStep } from './errors';
import { BigNum, numberText } from '../../values/bignum';
import { decodeNumber, encodeNumber, NumberCodecError } from './numbers';
import { parseTypeJson, TypeJsonError, WireType } from './types';
import { inferType } from './infer';

/** Decodes msgpack bytes holding a value of `type`; throws CodecError. */
export function decodeMsgpack(type: WireType, bytes: Uint8Array): Value {
  let raw: unknown;
  try {
    raw = msgpackDecode(bytes, { useBigInt64: true });
  } catch (err) {
    throw new CodecError(`malformed msgpack: ${(err as Error).message}`);
  }
  return fromRaw(type, raw, []);
}

/** Encodes a value of `type` as msgpack; throws CodecError when the value does not fit. */
export function encodeMsgpack(type: WireType, value: Value): Uint8Array {
  return msgpackEncode(toRaw(type, value, []), { useBigInt64: true });
}

const REFINEMENT_KEYS = { notNull: 1, stringPrefix: 2, numberLower: 3, numberUpper: 4, lengthLower: 5, lengthUpper: 6 } as const;

function unknownFromExt(ext: ExtData): Unknown {
  const data = ext.data instanceof Uint8Array ? ext.data : new Uint8Array(0);
  if (ext.type !== 12 || data.length <= 1) return UNKNOWN;
  let payload: unknown;
  try {
    payload = msgpackDecode(data);
  } catch {
    return UNKNOWN;
  }
  if (typeof payload !== 'object' || payload === null) return UNKNOWN;
  const p = payload as Record<string, unknown>;
  const r: { -readonly [K in keyof UnknownRefinements]: UnknownRefinements[K] } = {};
  if (p['1'] === false) r.notNull = true;
  if (typeof p['2'] === 'string') r.stringPrefix = p['2'];
  const bound = (x: unknown): number | undefined => {
    // Bounds arrive as [number, inclusive]; only the number is kept (see UnknownRefinements).
    const n = Array.isArray(x) ? x[0] : undefined;
    return typeof n === 'number' ? n : undefined;
  };
  const lo = bound(p['3']);
  const hi = bound(p['4']);
  if (lo !== undefined) r.numberLower = lo;
  if (hi !== undefined) r.numberUpper = hi;
  if (typeof p['5'] === 'number') r.lengthLower = p['5'];
  if (typeof p['6'] === 'number') r.lengthUpper = p['6'];
  return Object.keys(r).length ? new Unknown(r) : UNKNOWN;
}

function extFromUnknown(u: Unknown): ExtData {
  const r = u.refinements;
  const entries: [number, unknown][] = [];
  if (r.notNull) entries.push([REFINEMENT_KEYS.notNull, false]);
  if (r.stringPrefix !== undefined) entries.push([REFINEMENT_KEYS.stringPrefix, r.stringPrefix]);
  if (r.numberLower !== undefined) entries.push([REFINEMENT_KEYS.numberLower, [r.numberLower, true]]);
  if (r.numberUpper !== undefined) entries.push([REFINEMENT_KEYS.numberUpper, [r.numberUpper, true]]);
  if (r.lengthLower !== undefined) entries.push([REFINEMENT_KEYS.lengthLower, r.lengthLower]);
  if (r.lengthUpper !== undefined) entries.push([REFINEMENT_KEYS.lengthUpper, r.lengthUpper]);
  if (!entries.length) return new ExtData(0, new Uint8Array([0]));
  return new ExtData(12, encodeIntKeyMap(entries));
}

/** @msgpack/msgpack writes object keys as strings; refinements need integer keys. */
function encodeIntKeyMap(entries: [number, unknown][]): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0x80 | entries.length])];
  for (const [k, v] of entries) {
    parts.push(new Uint8Array([k]), msgpackEncode(v));
  }
  return Buffer.concat(parts);
}

function fromRaw(type: WireType, raw: unknown, path: PathStep[]): Value {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof ExtData) return unknownFromExt(raw);
  if (typeof type === 'string') return primitiveFromRaw(type, raw, path);
  switch (type[0]) {
    case 'list':
    case 'set': {
      if (!Array.isArray(raw)) throw new CodecError(`expected a ${type[0]}`, path);
      return raw.map((item, i) => fromRaw(type[1], item, [...path, i]));
    }
    case 'tuple': {
      if (!Array.isArray(raw) || raw.length !== type[1].length) throw new CodecError(`expected a tuple of ${type[1].length} elements`, path);
      return raw.map((item, i) => fromRaw(type[1][i], item, [...path, i]));
    }
    case 'map': {
      const obj = asMap(raw, path);
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(obj)) out[k] = fromRaw(type[1], v, [...path, k]);
      return out;
    }
    case 'object': {
      const obj = asMap(raw, path);
      const attrs = type[1];
      for (const k of Object.keys(obj)) if (!(k in attrs)) throw new CodecError(`unsupported attribute "${k}"`, path);
      const out: Record<string, Value> = {};
      for (const [name, t] of Object.entries(attrs)) out[name] = fromRaw(t, obj[name], [...path, name]);
      return out;
    }
  }
}

function asMap(raw: unknown, path: PathStep[]): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Uint8Array) throw new CodecError('expected a map', path);
  return raw as Record<string, unknown>;
}

function primitiveFromRaw(type: 'string' | 'number' | 'bool' | 'dynamic', raw: unknown, path: PathStep[]): Value {
  switch (type) {
    case 'string':
      if (typeof raw !== 'string') throw new CodecError('expected a string', path);
      return raw;
    case 'bool':
      if (typeof raw !== 'boolean') throw new CodecError('expected a bool', path);
      return raw;
    case 'number':
      if (typeof raw !== 'number' && typeof raw !== 'bigint' && typeof raw !== 'string') throw new CodecError('expected a number', path);
      try {
        return decodeNumber(raw);
      } catch (err) {
        throw new CodecError((err as NumberCodecError).message, path);
      }
    case 'dynamic': {
      if (!Array.isArray(raw) || raw.length !== 2 || !(raw[0] instanceof Uint8Array)) {
        throw new CodecError('expected a dynamic value [type JSON, value]', path);
      }
      let inner: WireType;
      try {
        inner = parseTypeJson(JSON.parse(Buffer.from(raw[0]).toString('utf8')));
      } catch (err) {
        throw new CodecError(`bad type in dynamic value: ${(err as TypeJsonError).message}`, path);
      }
      return fromRaw(inner, raw[1], path);
    }
  }
}

function toRaw(type: WireType, value: Value, path: PathStep[]): unknown {
  if (value === null) return null;
  if (isUnknown(value)) return extFromUnknown(value);
  if (typeof type === 'string') return primitiveToRaw(type, value, path);
  switch (type[0]) {
    case 'list':
    case 'set':
      if (!Array.isArray(value)) throw new CodecError(`expected a ${type[0]}`, path);
      return value.map((item, i) => toRaw(type[1], item, [...path, i]));
    case 'tuple':
      if (!Array.isArray(value) || value.length !== type[1].length) throw new CodecError(`expected a tuple of ${type[1].length} elements`, path);
      return value.map((item, i) => toRaw(type[1][i], item, [...path, i]));
    case 'map': {
      const obj = valueMap(value, path);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(obj).sort()) out[k] = toRaw(type[1], obj[k], [...path, k]);
      return out;
    }
    case 'object': {
      const obj = valueMap(value, path);
      const attrs = type[1];
      for (const k of Object.keys(obj)) if (!(k in attrs)) throw new CodecError(`unsupported attribute "${k}"`, path);
      const out: Record<string, unknown> = {};
      for (const name of Object.keys(attrs).sort()) out[name] = toRaw(attrs[name], obj[name] ?? null, [...path, name]);
      return out;
    }
  }
}

function valueMap(value: Value, path: PathStep[]): Record<string, Value> {
  if (!isObjectValue(value)) throw new CodecError('expected a map or object', path);
  return value;
}

function primitiveToRaw(type: 'string' | 'number' | 'bool' | 'dynamic', value: Value, path: PathStep[]): unknown {
  switch (type) {
    case 'string':
      // cty converts numbers and bools to strings; so do we, the way Terraform prints them.
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (value instanceof BigNum) return numberText(value);
      throw new CodecError('expected a string', path);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new CodecError('expected a bool', path);
    case 'number':
      if (typeof value !== 'number' && typeof value !== 'string' && !(value instanceof BigNum)) throw new CodecError('expected a number', path);
      try {
        return encodeNumber(value);
      } catch (err) {
        throw new CodecError((err as NumberCodecError).message, path);
      }
    case 'dynamic': {
      const inner = inferType(value);
      return [Buffer.from(JSON.stringify(inner)), toRaw(inner, value, path)];
    }
  }
}
