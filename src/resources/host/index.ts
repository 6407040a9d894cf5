/**
 * `xcp_host`: a pool member (schema in `schema.ts`). Read maps the bulk records (`read.ts`);
 * create joins or adopts, delete ejects only with `allow_eject` (`apply.ts`, `join.ts`). The
 * plan hook checks, before anything runs, that the other hosts can take the VMs of a host going
 * into maintenance.
 */
import { error, type Diagnostic } from '../../diagnostics';
import type { PlanRequest, PlanResponse, ResourceType } from '../resource';
import { locateImport } from '../kit/import-id';
import { bool, str } from '../kit/values';
import { createHost, deleteHost, updateHost } from './apply';
import { HOST_CLASSES, hostFreeMemory, hostState } from './read';
import { hostSchema } from './schema';

function planHost(req: PlanRequest): PlanResponse {
  const { prior, planned } = req;
  if (!prior || bool(planned.maintenance) !== true || bool(prior.maintenance) === true) return { planned };
  const records = req.world.pool(str(prior.pool) ?? '');
  const me = records.byUuid('host', str(prior.uuid) ?? '');
  if (!me) return { planned };
  let needed = 0;
  const guests = me.record.resident_VMs.map((v) => records.get('VM', v)).filter((vm) => vm && !vm.is_control_domain && vm.power_state === 'Running');
  for (const vm of guests) needed += records.get('VM_metrics', vm!.metrics)?.memory_actual || vm!.memory_dynamic_max || 0;
  let available = 0;
  for (const [ref, h] of records.all('host')) if (ref !== me.ref && h.enabled) available += hostFreeMemory(records, h);
  const notes = [`host is disabled and its ${guests.length} running VM(s) migrate to other hosts`];
  const diagnostics: Diagnostic[] = [];
  if (guests.length > 0 && needed > available) {
    diagnostics.push(error('plan.host-evacuate-capacity', `the other hosts cannot take the VMs of ${me.record.name_label}`, {
      path: ['maintenance'],
      detail: `Maintenance evacuates ${guests.length} running VM(s) needing ${needed} bytes of memory, but the other enabled hosts of pool "${records.pool}" have ${available} bytes free. Free memory, enable or add a host, or shut VMs down first.`,
    }));
  }
  return { planned, notes, diagnostics };
}

/** The `xcp_host` resource type. */
export const hostResource = {
  schema: hostSchema,
  classes: HOST_CLASSES,
  read: ({ prior, world }) => ({ state: hostState(world.pool(str(prior.pool) ?? ''), str(prior.uuid) ?? '', prior) }),
  plan: planHost,
  create: createHost,
  update: updateHost,
  delete: deleteHost,
  import: ({ id, world, defaultPool }) => {
    const at = locateImport('xcp_host', id, world, defaultPool, 'host');
    return 'records' in at ? { state: hostState(at.records, at.uuid, null) } : at;
  },
  capabilities: { seconds: { create: 120, delete: 5 } },
} satisfies ResourceType;
