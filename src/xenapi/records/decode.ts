/**
 * Decodes records by the datamodel type, not the wire type: over XML-RPC xapi sends int64 as bare
 * text (a string to any generic parser) and datetimes as `dateTime.iso8601`, over JSON-RPC as
 * numbers and strings. Both decode to the same record.
 */
import { XapiProtocolError } from '../errors';
import type { FieldKind, FieldTable, RecordOf } from './field-kinds';
import { CLASS_FIELDS, type XapiClass, type XapiRecord } from './classes';

/**
 * Returns a decoded copy of a raw record of class `cls`: listed fields are converted to their
 * datamodel type, unlisted fields are kept as sent. Missing fields stay missing (xapi always
 * sends them; a partial reply is the server's problem, not a crash).
 * @throws XapiProtocolError when a value cannot be read as its declared type.
 */
export function decodeRecord<C extends XapiClass>(cls: C, raw: unknown): XapiRecord<C> {
  return decodeWithTable(CLASS_FIELDS[cls], raw, cls) as XapiRecord<C>;
}

/** Like `decodeRecord` for any field table (e.g. one the caller defines for another class). */
export function decodeWithTable<T extends FieldTable>(
  table: T,
  raw: unknown,
  what = 'record',
): RecordOf<T> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new XapiProtocolError(`${what}: expected a struct, got ${describe(raw)}`);
  }
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [field, kind] of Object.entries(table)) {
    if (field in out) out[field] = decodeField(kind, out[field], `${what}.${field}`);
  }
  return out as RecordOf<T>;
}

/**
 * Decodes one value of datamodel kind `kind`.
 * @throws XapiProtocolError naming `path` when the value does not fit.
 */
export function decodeField(kind: FieldKind, value: unknown, path: string): unknown {
  switch (kind) {
    case 'int':
      return toInt(value, path);
    case 'float':
      return toFloat(value, path);
    case 'bool':
      return toBool(value, path);
    case 'datetime':
      return toIsoDate(value, path);
    case 'ints':
      return toArray(value, path).map((v, i) => toInt(v, `${path}[${i}]`));
    case 'intmap':
    case 'floatmap': {
      const conv = kind === 'intmap' ? toInt : toFloat;
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(toStruct(value, path))) out[k] = conv(v, `${path}.${k}`);
      return out;
    }
    case 'strings':
      return toArray(value, path);
    case 'map':
      return toStruct(value, path);
    default:
      if (kind.startsWith('refs:') || kind.startsWith('enums:')) return toArray(value, path);
      return value;
  }
}

function toInt(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  throw new XapiProtocolError(`${path}: expected an int, got ${describe(value)}`);
}

function toFloat(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  throw new XapiProtocolError(`${path}: expected a float, got ${describe(value)}`);
}

function toBool(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  throw new XapiProtocolError(`${path}: expected a bool, got ${describe(value)}`);
}

// xapi writes `20250319T04:16:24Z`; older hosts omit the `Z` or append `+hh:mm`.
const XAPI_DATE = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Converts a XAPI datetime (a `Date` from a codec, or xapi's basic or extended ISO 8601 text)
 * to `YYYY-MM-DDTHH:MM:SSZ`. A value without a zone is read as UTC, as xapi means it.
 * @throws XapiProtocolError for anything else.
 */
export function toIsoDate(value: unknown, path = 'datetime'): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (typeof value === 'string') {
    const m = XAPI_DATE.exec(value.trim());
    if (m) {
      const zone = m[8] === undefined || m[8] === 'Z' ? 'Z' : m[8].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
      const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
      if (!Number.isNaN(d.getTime())) return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
  }
  throw new XapiProtocolError(`${path}: expected a datetime, got ${describe(value)}`);
}

function toArray(value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new XapiProtocolError(`${path}: expected an array, got ${describe(value)}`);
}

function toStruct(value: unknown, path: string): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new XapiProtocolError(`${path}: expected a struct, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return typeof value === 'object' ? 'a struct' : `${typeof value} ${String(value)}`;
}
