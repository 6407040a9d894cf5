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

/**
 * `decodeRecord` that converts `raw` itself instead of a copy: for replies the caller owns
 * (a freshly parsed `get_all_records`), where copying 10,000 records would only cost time.
 */
export function decodeRecordInPlace<C extends XapiClass>(cls: C, raw: unknown): XapiRecord<C> {
  return decodeWithTable(CLASS_FIELDS[cls], raw, cls, true) as XapiRecord<C>;
}

/** Like `decodeRecord` for any field table (e.g. one the caller defines for another class). */
export function decodeWithTable<T extends FieldTable>(
  table: T,
  raw: unknown,
  what = 'record',
  inPlace = false,
): RecordOf<T> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new XapiProtocolError(`${what}: expected a struct, got ${describe(raw)}`);
  }
  // Hot path (10,000 records × ~90 fields per refresh): a spread copy keeps the record's shape
  // fast, then only the fields whose wire form can differ are converted in place.
  const out = inPlace ? (raw as Record<string, unknown>) : { ...(raw as Record<string, unknown>) };
  for (const [field, kind] of convertible(table)) {
    const value = out[field];
    if (value !== undefined) out[field] = decodeField(kind, value, what, field);
  }
  return out as RecordOf<T>;
}

const CONVERTIBLE = new WeakMap<FieldTable, ReadonlyArray<readonly [string, FieldKind]>>();

/** The fields of `table` whose wire form may differ from their decoded form. */
function convertible(table: FieldTable): ReadonlyArray<readonly [string, FieldKind]> {
  let list = CONVERTIBLE.get(table);
  if (!list) {
    list = Object.entries(table).filter(
      ([, kind]) => !(kind === 'string' || kind === 'any' || kind.startsWith('ref:') || kind.startsWith('enum:')),
    );
    CONVERTIBLE.set(table, list);
  }
  return list;
}

/**
 * Decodes one value of datamodel kind `kind`; `what` and `field` name it in errors (the path is
 * only built when a value is wrong).
 * @throws XapiProtocolError naming `what.field` when the value does not fit.
 */
export function decodeField(kind: FieldKind, value: unknown, what: string, field = ''): unknown {
  switch (kind) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? value : toInt(value, what, field);
    case 'float':
      return typeof value === 'number' ? value : toFloat(value, what, field);
    case 'bool':
      return typeof value === 'boolean' ? value : toBool(value, what, field);
    case 'datetime':
      return toIsoDate(value, join(what, field));
    case 'ints':
      return toArray(value, what, field).map((v) => toInt(v, what, field));
    case 'intmap':
    case 'floatmap': {
      const conv = kind === 'intmap' ? toInt : toFloat;
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(toStruct(value, what, field))) out[k] = conv(v, what, field);
      return out;
    }
    case 'strings':
      return toArray(value, what, field);
    case 'map':
      return toStruct(value, what, field);
    default:
      if (kind.startsWith('refs:') || kind.startsWith('enums:')) return toArray(value, what, field);
      return value;
  }
}

const join = (what: string, field: string): string => (field ? `${what}.${field}` : what);

function toInt(value: unknown, what: string, field = ''): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  throw new XapiProtocolError(`${join(what, field)}: expected an int, got ${describe(value)}`);
}

function toFloat(value: unknown, what: string, field = ''): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  throw new XapiProtocolError(`${join(what, field)}: expected a float, got ${describe(value)}`);
}

function toBool(value: unknown, what: string, field = ''): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  throw new XapiProtocolError(`${join(what, field)}: expected a bool, got ${describe(value)}`);
}

// xapi writes `20250319T04:16:24Z`; older hosts omit the `Z` or append `+hh:mm`.
const XAPI_DATE = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

const DATE_CACHE = new Map<string, string>();
const DATE_CACHE_SIZE = 4096;

function remember(text: string, iso: string): string {
  if (DATE_CACHE.size >= DATE_CACHE_SIZE) DATE_CACHE.clear();
  DATE_CACHE.set(text, iso);
  return iso;
}

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
    // Most datetimes of a bulk read are repeats (the epoch for "never", a boot time shared
    // by many VMs): remembering recent conversions saves a regex and two Dates each.
    const known = DATE_CACHE.get(value);
    if (known !== undefined) return known;
    const m = XAPI_DATE.exec(value.trim());
    if (m) {
      const zone = m[8] === undefined || m[8] === 'Z' ? 'Z' : m[8].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
      const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
      if (!Number.isNaN(d.getTime())) return remember(value, d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    }
  }
  throw new XapiProtocolError(`${path}: expected a datetime, got ${describe(value)}`);
}

function toArray(value: unknown, what: string, field = ''): unknown[] {
  if (Array.isArray(value)) return value;
  throw new XapiProtocolError(`${join(what, field)}: expected an array, got ${describe(value)}`);
}

function toStruct(value: unknown, what: string, field = ''): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new XapiProtocolError(`${join(what, field)}: expected a struct, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return typeof value === 'object' ? 'a struct' : `${typeof value} ${String(value)}`;
}
