/** Class tables: task, message, secret; and the registry of every class the simulator serves. */
import { datetime, enumOf, field, float, int, ref, setOf, smap, str } from '../model/types';
import { ClassSpec, defineClass } from './class-spec';
import { allowedOps, currentOps } from './operations';
import { pool, host, host_metrics, host_cpu, session } from './pool-host';
import { SR, PBD, VDI, VBD } from './storage';
import { network, PIF, Bond, VLAN, tunnel, VIF } from './network';
import { VM, VM_metrics, VM_guest_metrics, VM_appliance, VTPM } from './vm';

export const TASK_STATUS = ['pending', 'success', 'failure', 'cancelling', 'cancelled'] as const;

export const task = defineClass('task', {
  name_label: field(str),
  name_description: field(str),
  allowed_operations: field(allowedOps('task'), 'RO', ['cancel', 'destroy']),
  current_operations: field(currentOps('task')),
  created: field(datetime),
  finished: field(datetime),
  status: field(enumOf('task_status_type', ...TASK_STATUS)),
  resident_on: field(ref('host')),
  progress: field(float),
  type: field(str, 'RO', '<none/>'),
  result: field(str),
  error_info: field(setOf(str)),
  other_config: field(smap, 'RW'),
  subtask_of: field(ref('task')),
  subtasks: field(setOf(ref('task'))),
  backtrace: field(str, 'RO', '()'),
});

export const message = defineClass('message', {
  name: field(str),
  priority: field(int),
  cls: field(enumOf('cls', 'VM', 'Host', 'SR', 'Pool', 'VMPP', 'VMSS', 'PVS_proxy', 'VDI', 'Certificate')),
  obj_uuid: field(str),
  timestamp: field(datetime),
  body: field(str),
}, { fieldMessages: false });

/**
 * secret: a value only pool admins and operators may read (xapi's roles), kept in the pool
 * database; xcp_cloud_config stores its template in one.
 */
export const secret = defineClass('secret', {
  value: field(str, 'RW'),
  other_config: field(smap, 'RW'),
}, { implicitCreate: true, createRequired: ['value'] });

/** Every class, by wire name. Order is the order of `system.listMethods`. */
export const CLASSES: ReadonlyMap<string, ClassSpec> = new Map(
  [pool, host, host_metrics, host_cpu, session, SR, PBD, VDI, VBD, network, PIF, Bond, VLAN, tunnel, VIF, VM, VM_metrics, VM_guest_metrics, VM_appliance, VTPM, secret, task, message].map(
    (c) => [c.name, c],
  ),
);

/** Lowercase class name (as events spell it) → wire name. */
export const CLASS_BY_LOWER: ReadonlyMap<string, string> = new Map([...CLASSES.keys()].map((n) => [n.toLowerCase(), n]));

export function classSpec(name: string): ClassSpec {
  const spec = CLASSES.get(name);
  if (!spec) throw new Error(`no class table for ${name}`);
  return spec;
}
