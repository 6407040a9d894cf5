/**
 * Replacing a network resource (`xcp_network`, `xcp_vlan`, `xcp_private_network`) destroys its
 * network first, which XAPI refuses while any VIF is on it (`NETWORK_CONTAINS_VIF`, halted VMs,
 * templates and snapshots included). So a replacement of a network that VM interfaces use is a
 * plan-time error naming them, unless the plan removes those VMs first (`PlanRequest.leaving`).
 */
import { error, type Diagnostic } from '../../diagnostics';
import type { ResourceSchema } from '../../schema/model';
import { isUnknown, valuesEqual, type ObjectValue } from '../../values/value';
import type { XapiClass } from '../../xenapi';
import type { PlanRequest, PlanResponse } from '../resource';
import type { PoolRecords } from '../snapshot';
import { str } from '../kit/values';

/** Classes the check reads beyond the network's own: who has interfaces on it. */
export const NETWORK_USER_CLASSES: readonly XapiClass[] = ['VIF', 'VM'];

/** Shown in full up to this many interfaces; the rest are counted. */
const LISTED = 10;

/** Interfaces on the network, except those of VMs `leaving` says the plan destroys first. */
export function vifsInUse(records: PoolRecords, networkUuid: string, leaving: (uuid: string) => boolean = () => false): { vm: string; vif: string }[] {
  const net = records.byUuid('network', networkUuid);
  if (!net || !records.has('VIF') || !records.has('VM')) return [];
  const out: { vm: string; vif: string }[] = [];
  for (const vifRef of net.record.VIFs) {
    const vif = records.get('VIF', vifRef);
    const vm = vif ? records.get('VM', vif.VM) : undefined;
    if (!vif || !vm || leaving(vm.uuid)) continue;
    const kind = vm.is_a_snapshot ? 'snapshot' : vm.is_a_template ? 'template' : vm.is_control_domain ? 'control domain' : 'VM';
    out.push({ vm: `${kind} "${vm.name_label}" (${vm.uuid}, ${vm.power_state.toLowerCase()})`, vif: `VIF ${vif.device} (${vif.uuid})` });
  }
  return out.sort((a, b) => (a.vm + a.vif < b.vm + b.vif ? -1 : 1));
}

/** Replace-class attributes whose planned value differs from the prior state. */
function replaceCauses(schema: ResourceSchema, prior: ObjectValue, planned: ObjectValue): string[] {
  return Object.entries(schema.block.attributes)
    .filter(([name, a]) => a.update === 'replace' && !isUnknown(planned[name]) && !valuesEqual(prior[name] ?? null, planned[name] ?? null))
    .map(([name]) => name);
}

/**
 * Adds the refusal to `res` when the plan replaces the network (the planned UUID is unknown
 * again) and interfaces of VMs that stay are on it. `destroys` says whether deleting the prior
 * object destroys its network (a VLAN on a network it did not create leaves it).
 */
export function withReplaceInUseCheck(req: PlanRequest, res: PlanResponse, schema: ResourceSchema, destroys: (records: PoolRecords, uuid: string) => boolean = () => true): PlanResponse {
  const { prior } = req;
  const planned = res.planned;
  if (!prior || typeof prior.uuid !== 'string' || !isUnknown(planned.uuid)) return res;
  const pool = str(prior.pool);
  if (!pool || !req.world.poolNames().includes(pool)) return res;
  const records = req.world.pool(pool);
  if (!destroys(records, prior.uuid)) return res;
  const users = vifsInUse(records, prior.uuid, (uuid) => req.leaving?.(pool, uuid) ?? false);
  if (!users.length) return res;
  const vms = new Set(users.map((u) => u.vm));
  const causes = replaceCauses(schema, prior, planned);
  const listed = users.slice(0, LISTED).map((u) => `${u.vm}: ${u.vif}`);
  if (users.length > LISTED) listed.push(`and ${users.length - LISTED} more`);
  const diag: Diagnostic = error(`${schema.typeName}.replace-in-use`, `network "${str(prior.name_label) ?? prior.uuid}" must be replaced, but ${users.length} interface(s) of ${vms.size} VM(s) are on it`, {
    detail: `${causes.length ? `Changing ${causes.join(', ')} forces a new network. ` : ''}The old network is destroyed first, which XAPI refuses while interfaces are on it: ${listed.join('; ')}. Move those interfaces to another network (their nic block's network) or remove the VMs in an apply before this change, or keep ${causes.length ? causes.join(', ') : 'the network\'s settings'} as they are.`,
    path: causes.length ? [causes[0]] : undefined,
  });
  return { ...res, diagnostics: [...(res.diagnostics ?? []), diag] };
}
