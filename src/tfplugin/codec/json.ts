/**
 * cty values in JSON (reference tfplugin.md section 4.2): the form of `RawState.json` in
 * UpgradeResourceState and of `attributes` in state files. JSON cannot carry unknowns. Dynamic
 * values are `{"value": ..., "type": <type JSON>}`. Numbers may be JSON numbers or decimal
 * strings (numbers.ts); JSON numbers are parsed by `JSON.parse`, so integers beyond 2^53 in a
 * state file lose precision (XAPI sizes stay far below that).
 */
import { BigNum, numberText } from '../../values/bignum';
import { isObjectValue, isUnknown, Value } from '../../values/value';
import { CodecError, PathStep } from './errors';
import { inferType } from './infer';
import { decodeNumber, encodeNumber, isDecimalString } from './numbers';
import { parseTypeJson, WireType } from './types';

/** Decodes JSON text holding a value of `type`; throws CodecError. */
export function decodeJson(type: WireType, text: string | Uint8Array): Value {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
  } catch (err) {
    throw new CodecError(`malformed JSON: ${(err as Error).message}`);
  }
  return fromJson(type, raw, [], false);
}

/**
 * Decodes an already parsed JSON value. With `lenient`, attributes the type does not have are
 * dropped instead of rejected: state written by an older schema version may hold removed ones.
 */
export function fromJson(type: WireType, raw: unknown, path: PathStep[], lenient: boolean): Value {
  if (raw === null || raw === undefined) return null;
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        if (typeof raw === 'string') return raw;
        if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
        if (raw instanceof BigNum) return numberText(raw);
        throw new CodecError('expected a string', path);
      case 'bool':
        if (typeof raw === 'boolean') return raw;
        if (raw === 'true' || raw === 'false') return raw === 'true';
        throw new CodecError('expected a bool', path);
      case 'number':
        if (typeof raw === 'number' || raw instanceof BigNum) return raw;
        if (typeof raw === 'string' && isDecimalString(raw)) return decodeNumber(raw);
        throw new CodecError('expected a number', path);
      case 'dynamic': {
        const obj = raw as { value?: unknown; type?: unknown };
        if (typeof raw !== 'object' || Array.isArray(raw) || !('type' in obj)) throw new CodecError('expected a dynamic value {"value", "type"}', path);
        let inner: WireType;
        try {
          inner = parseTypeJson(obj.type);
        } catch (err) {
          throw new CodecError(`bad type in dynamic value: ${(err as Error).message}`, path);
        }
        return fromJson(inner, obj.value, path, lenient);
      }
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set':
      if (!Array.isArray(raw)) throw new CodecError(`expected a ${type[0]}`, path);
      return raw.map((item, i) => fromJson(type[1], item, [...path, i], lenient));
    case 'tuple':
      if (!Array.isArray(raw) || raw.length !== type[1].length) throw new CodecError(`expected a tuple of ${type[1].length} elements`, path);
      return raw.map((item, i) => fromJson(type[1][i], item, [...path, i], lenient));
    case 'map': {
      const obj = jsonObject(raw, path);
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(obj)) out[k] = fromJson(type[1], v, [...path, k], lenient);
      return out;
    }
    case 'object': {
      const obj = jsonObject(raw, path);
      const attrs = type[1];
      if (!lenient) for (const k of Object.keys(obj)) if (!(k in attrs)) throw new CodecError(`unsupported attribute "${k}"`, path);
      const out: Record<string, Value> = {};
      for (const [name, t] of Object.entries(attrs)) out[name] = fromJson(t, obj[name], [...path, name], lenient);
      return out;
    }
  }
}

function jsonObject(raw: unknown, path: PathStep[]): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CodecError('expected an object', path);
  return raw as Record<string, unknown>;
}

/** Encodes a wholly known value of `type` as JSON text; throws CodecError on unknowns. */
export function encodeJson(type: WireType, value: Value): string {
  return JSON.stringify(toJson(type, value, []));
}

function toJson(type: WireType, value: Value, path: PathStep[]): unknown {
  if (value === null) return null;
  if (isUnknown(value)) throw new CodecError('JSON cannot hold an unknown value', path);
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        if (value instanceof BigNum) return numberText(value);
        if (typeof value === 'object') throw new CodecError('expected a string', path);
        return String(value);
      case 'bool':
        if (typeof value === 'boolean') return value;
        if (value === 'true' || value === 'false') return value === 'true';
        throw new CodecError('expected a bool', path);
      case 'number': {
        if (typeof value !== 'number' && typeof value !== 'string' && !(value instanceof BigNum)) throw new CodecError('expected a number', path);
        // A BigNum stays a decimal string: JSON.stringify cannot print every digit of a number.
        if (value instanceof BigNum) return numberText(value);
        const n = encodeNumber(value);
        // A decimal string stays a string: JSON.stringify cannot print it as a number exactly.
        return typeof n === 'string' && typeof value === 'number' ? value : n;
      }
      case 'dynamic': {
        const inner = inferType(value);
        return { value: toJson(inner, value, path), type: inner };
      }
    }
  }
  switch (type[0]) {
    case 'list':
    case 'set':
    case 'tuple':
      if (!Array.isArray(value)) throw new CodecError(`expected a ${type[0]}`, path);
      return value.map((item, i) => toJson(type[0] === 'tuple' ? type[1][i] : type[1], item, [...path, i]));
    case 'map':
    case 'object': {
      if (!isObjectValue(value)) throw new CodecError(`expected a ${type[0]}`, path);
      const out: Record<string, unknown> = {};
      if (type[0] === 'map') {
        for (const k of Object.keys(value).sort()) out[k] = toJson(type[1], value[k], [...path, k]);
      } else {
        for (const k of Object.keys(value)) if (!(k in type[1])) throw new CodecError(`unsupported attribute "${k}"`, path);
        for (const k of Object.keys(type[1]).sort()) out[k] = toJson(type[1][k], value[k] ?? null, [...path, k]);
      }
      return out;
    }
  }
}
