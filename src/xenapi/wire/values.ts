/**
 * Values as they travel on the XenAPI wire, shared by the XML-RPC and JSON-RPC codecs.
 *
 * A decoded value is a plain JSON-like tree plus `Date` for XML-RPC `dateTime.iso8601`.
 * The codecs do not know the datamodel: over XML-RPC xapi writes 64-bit ints as bare
 * decimal *strings*, over JSON-RPC as numbers, so callers that need typed values decode them
 * by the datamodel type (see reference/xenapi.md section 1.2).
 */

/** A decoded XenAPI wire value. */
export type XapiValue = string | number | boolean | Date | null | XapiValue[] | XapiStruct;

/** A struct / map / record on the wire. Keys are always strings. */
export interface XapiStruct {
  [key: string]: XapiValue;
}

/**
 * Forces a specific XML-RPC scalar tag when encoding a number. xapi writes `int` fields as bare
 * decimal text, `float` fields as `<double>` (even when integral, e.g. task `progress` 1.0),
 * and the int32 `valid_ref_counts` of `event.from` as `<i4>`.
 */
export class XmlRpcScalar {
  constructor(
    readonly tag: 'double' | 'i4' | 'int' | 'i8',
    readonly value: number,
  ) {}
}

/** `<double>` even for an integral number. */
export function xmlrpcDouble(value: number): XmlRpcScalar {
  return new XmlRpcScalar('double', value);
}

/** `<i4>`: xapi's encoding of int32 values. */
export function xmlrpcI4(value: number): XmlRpcScalar {
  return new XmlRpcScalar('i4', value);
}

/** What the encoders accept: a value tree that may carry {@link XmlRpcScalar} hints. */
export type XapiEncodable =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | XmlRpcScalar
  | readonly XapiEncodable[]
  | { readonly [key: string]: XapiEncodable };

/** The XenAPI result envelope carried inside an XML-RPC response. */
export type XapiEnvelope =
  | { Status: 'Success'; Value: XapiValue }
  | { Status: 'Failure'; ErrorDescription: string[] };

/** Outcome of a XenAPI call after the envelope (either transport) is removed. */
export type XapiOutcome = { ok: true; value: XapiValue } | { ok: false; error: string[] };

/** Thrown when wire input cannot be decoded; `message` says what and where, never secrets. */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

/** Limits applied while decoding untrusted input. */
export interface DecodeLimits {
  /** Maximum input length in characters (default 512 Mi). */
  maxLength?: number;
  /** Maximum element / container nesting (default 200). */
  maxDepth?: number;
}

/** Responses for large pools are big (VM.get_all_records with 10,000 VMs is ~67 MB of XML), so the
 * default only stops absurd input; servers should cap request bodies themselves. */
export const DEFAULT_MAX_LENGTH = 512 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 200;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Formats a date the way xapi does: `YYYYMMDDTHH:MM:SSZ` (UTC, whole seconds). */
export function formatDateTime(d: Date): string {
  if (Number.isNaN(d.getTime())) return '19700101T00:00:00Z';
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`
  );
}

const DATETIME_RE = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses the three datetime forms xapi has written over the years: `20250319T04:16:24Z`,
 * the same without `Z` (taken as UTC), and with a `+hh:mm` offset. ISO 8601 with dashes is
 * also accepted. Returns `undefined` when the text is not a datetime.
 */
export function parseDateTime(text: string): Date | undefined {
  const m = DATETIME_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** True for a plain struct (not an array, Date, null or scalar hint). */
export function isStruct(v: unknown): v is XapiStruct {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof XmlRpcScalar);
}

/** Sets `key` on `obj` without letting `__proto__` change the prototype. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** Interprets a decoded XenAPI envelope (the struct inside an XML-RPC response). */
export function unwrapEnvelope(v: XapiValue): XapiOutcome {
  if (isStruct(v) && typeof v.Status === 'string') {
    if (v.Status === 'Success') {
      if (!('Value' in v)) throw new WireFormatError('XenAPI envelope: Status is Success but Value is missing');
      return { ok: true, value: v.Value };
    }
    if (v.Status === 'Failure') {
      const desc = v.ErrorDescription;
      if (!Array.isArray(desc)) throw new WireFormatError('XenAPI envelope: Status is Failure but ErrorDescription is not an array');
      return { ok: false, error: desc.map((x) => (x instanceof Date ? formatDateTime(x) : String(x))) };
    }
    throw new WireFormatError(`XenAPI envelope: unknown Status ${JSON.stringify(v.Status).slice(0, 40)}`);
  }
  // system.listMethods over XML-RPC returns the bare value; so does anything non-XenAPI.
  return { ok: true, value: v };
}

/** Builds the XenAPI success envelope. */
export function successEnvelope(value: XapiEncodable): { Status: 'Success'; Value: XapiEncodable } {
  return { Status: 'Success', Value: value === undefined ? '' : value };
}

/** Builds the XenAPI failure envelope `[code, ...params]`. */
export function failureEnvelope(code: string, params: readonly string[] = []): { Status: 'Failure'; ErrorDescription: string[] } {
  return { Status: 'Failure', ErrorDescription: [code, ...params] };
}
