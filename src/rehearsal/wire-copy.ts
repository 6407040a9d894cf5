/**
 * A deep copy of a XenAPI value in exactly the form a trip through JSON-RPC text gives it
 * (`JSON.parse(encodeJson(v))`), without writing or parsing text. The rehearsal's in-process
 * transport hands every argument and every answer through it: the copy's database never holds
 * an object of the caller's, the caller never holds one of the database's (the simulator answers
 * with its stored records as they are), and values look as they would after the wire.
 *
 * The text round trip cost a third of a rehearsal's CPU; this walk allocates only the copy.
 */
import { encodeJson } from '../xenapi/wire/jsonrpc';
import { formatDateTime, XmlRpcScalar, type XapiEncodable, type XapiValue } from '../xenapi/wire/values';

/** Nesting beyond which the walk stops and the text round trip decides (JSON's own limits apply). */
const MAX_DEPTH = 500;

/** Thrown inside the walk when a value is not plain data; the caller falls back to JSON text. */
const NOT_PLAIN: unique symbol = Symbol('not plain');

/**
 * The copy of `value` as the JSON-RPC wire would deliver it: dates as xapi datetimes, numeric
 * hints as numbers, non-finite numbers and `undefined` array members as `null`, `undefined`
 * members of structs dropped, `-0` as `0`, and `undefined` (void) as `""`.
 */
export function wireCopy(value: XapiEncodable | readonly XapiEncodable[]): XapiValue {
  if (value === undefined) return '';
  try {
    const out = copy(value, 0);
    return out === undefined ? '' : out;
  } catch (err) {
    if (err !== NOT_PLAIN) throw err;
    // Anything that is not plain data (a class with toJSON, a bigint...) takes the wire's own path.
    return JSON.parse(encodeJson(value as XapiEncodable)) as XapiValue;
  }
}

/** The copy of one value; `undefined` where JSON would leave the value out. */
function copy(v: unknown, depth: number): XapiValue | undefined {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'undefined':
      return undefined;
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (v === null) return null;
  if (depth > MAX_DEPTH) throw NOT_PLAIN;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype || typeof (v as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN;
    const out: XapiValue[] = new Array<XapiValue>(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = copy(v[i], depth + 1);
      out[i] = x === undefined ? null : x;
    }
    return out;
  }
  if (v instanceof Date) return formatDateTime(v);
  // A hinted number is written as its value: `-0` is `0` on the wire, as for a plain number.
  if (v instanceof XmlRpcScalar) return Number.isFinite(v.value) ? (v.value === 0 ? 0 : v.value) : null;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const obj = v as Record<string, unknown>;
  if (typeof obj.toJSON === 'function') throw NOT_PLAIN;
  const out: Record<string, XapiValue> = {};
  for (const key of Object.keys(obj)) {
    const x = copy(obj[key], depth + 1);
    if (x === undefined) continue;
    // JSON.parse makes `__proto__` an own member; plain assignment would set the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: x, enumerable: true, writable: true, configurable: true });
    else out[key] = x;
  }
  return out;
}
