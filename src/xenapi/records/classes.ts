/**
 * The registry of XAPI classes xcpform reads: class name (spelled as in the datamodel, as in
 * method names) → field table → record type. Event records name classes in lowercase
 * (`vm_metrics`); `classFromEventName` maps them back.
 */
import type { FieldTable, RecordOf } from './field-kinds';
import { HOST_FIELDS, HOST_METRICS_FIELDS, POOL_FIELDS } from './pool-host';
import { PBD_FIELDS, SR_FIELDS, VBD_FIELDS, VDI_FIELDS } from './storage';
import { BOND_FIELDS, NETWORK_FIELDS, PIF_FIELDS, TUNNEL_FIELDS, VIF_FIELDS, VLAN_FIELDS } from './network';
import {
  VM_APPLIANCE_FIELDS,
  VM_FIELDS,
  VM_GUEST_METRICS_FIELDS,
  VM_METRICS_FIELDS,
} from './vm';
import { MESSAGE_FIELDS, SECRET_FIELDS, TASK_FIELDS } from './task-message';

/** Field tables by class name; the keys are exactly the typed classes. */
export const CLASS_FIELDS = {
  pool: POOL_FIELDS,
  host: HOST_FIELDS,
  host_metrics: HOST_METRICS_FIELDS,
  SR: SR_FIELDS,
  PBD: PBD_FIELDS,
  VDI: VDI_FIELDS,
  VBD: VBD_FIELDS,
  network: NETWORK_FIELDS,
  PIF: PIF_FIELDS,
  Bond: BOND_FIELDS,
  VLAN: VLAN_FIELDS,
  tunnel: TUNNEL_FIELDS,
  VIF: VIF_FIELDS,
  VM: VM_FIELDS,
  VM_metrics: VM_METRICS_FIELDS,
  VM_guest_metrics: VM_GUEST_METRICS_FIELDS,
  VM_appliance: VM_APPLIANCE_FIELDS,
  secret: SECRET_FIELDS,
  task: TASK_FIELDS,
  message: MESSAGE_FIELDS,
} as const satisfies Record<string, FieldTable>;

/** A class the client has a typed record for. */
export type XapiClass = keyof typeof CLASS_FIELDS;

/** The decoded record type of class `C`, e.g. `XapiRecord<'VM'>` = `VmRecord`. */
export type XapiRecord<C extends XapiClass> = RecordOf<(typeof CLASS_FIELDS)[C]>;

/** Every typed class, in the order above (stable, for `get_all_records` sweeps). */
export const XAPI_CLASSES: readonly XapiClass[] = Object.keys(CLASS_FIELDS) as XapiClass[];

const BY_LOWERCASE = new Map<string, XapiClass>(XAPI_CLASSES.map((c) => [c.toLowerCase(), c]));

/** True when `name` is one of the typed classes (exact spelling). */
export function isXapiClass(name: string): name is XapiClass {
  return Object.prototype.hasOwnProperty.call(CLASS_FIELDS, name);
}

/**
 * Maps an event's lowercase class (`vm_guest_metrics`) to the datamodel spelling
 * (`VM_guest_metrics`); `undefined` for classes without a typed record.
 */
export function classFromEventName(name: string): XapiClass | undefined {
  return BY_LOWERCASE.get(name.toLowerCase());
}
