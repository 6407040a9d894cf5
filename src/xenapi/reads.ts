/**
 * Bulk and single reads returning typed records. Refresh reads each class once with
 * `get_all_records` (one round trip for 10,000 VMs) rather than one `get_record` per object.
 */
import type { CallOptions, XapiClient } from './client';
import { XapiProtocolError } from './errors';
import type { Ref } from './records/field-kinds';
import type { XapiClass, XapiRecord } from './records/classes';
import { decodeRecordInPlace } from './records/decode';
import { isStruct } from './wire/values';

/**
 * `<cls>.get_all_records`, decoded: a map from ref to record, in the server's order.
 * @throws XapiProtocolError when the reply is not a struct of records.
 */
export async function getAllRecords<C extends XapiClass>(
  client: XapiClient,
  cls: C,
  options?: CallOptions,
): Promise<Map<Ref<C>, XapiRecord<C>>> {
  const raw = await client.invoke(`${cls}.get_all_records`, [], options);
  return decodeRecordMap(cls, raw, `${cls}.get_all_records`);
}

/**
 * `<cls>.get_all_records_where(expr)`, decoded; `expr` is xapi's query language, e.g.
 * `field "is_a_template" = "false"`.
 */
export async function getAllRecordsWhere<C extends XapiClass>(
  client: XapiClient,
  cls: C,
  expr: string,
  options?: CallOptions,
): Promise<Map<Ref<C>, XapiRecord<C>>> {
  const raw = await client.invoke(`${cls}.get_all_records_where`, [expr], options);
  return decodeRecordMap(cls, raw, `${cls}.get_all_records_where`);
}

/** `<cls>.get_record(ref)`, decoded. Fails with `HANDLE_INVALID` when the object is gone. */
export async function getRecord<C extends XapiClass>(
  client: XapiClient,
  cls: C,
  ref: Ref<C>,
  options?: CallOptions,
): Promise<XapiRecord<C>> {
  return decodeRecordInPlace(cls, await client.invoke(`${cls}.get_record`, [ref], options));
}

/**
 * Decodes a ref → record struct as returned by `get_all_records`. The records of `raw` are
 * converted in place (the caller hands over a reply it owns), which matters at 10,000 VMs.
 */
export function decodeRecordMap<C extends XapiClass>(cls: C, raw: unknown, what: string): Map<Ref<C>, XapiRecord<C>> {
  if (!isStruct(raw)) throw new XapiProtocolError(`${what}: expected a struct of records`);
  const out = new Map<Ref<C>, XapiRecord<C>>();
  for (const ref of Object.keys(raw)) out.set(ref as Ref<C>, decodeRecordInPlace(cls, raw[ref]));
  return out;
}
