/**
 * The `xcp_sr` plan hook: a replacement forgets or destroys the SR first, which XAPI refuses
 * while VMs use disks on it (`VDI_IN_USE` when a PBD is unplugged under a running VM,
 * `SR_NOT_EMPTY` on destroy), and a forget would cut halted VMs from their disks. So a
 * replacement of an SR that holds disks of VMs is a plan-time error naming them. The host of a
 * local SR must exist too, and IntelliCache needs a local file-based SR (`plan-caching.ts`).
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, valuesEqual, type ObjectValue } from '../../values/value';
import type { XapiClass } from '../../xenapi';
import type { PlanRequest, PlanResponse } from '../resource';
import type { PoolRecords } from '../snapshot';
import { str } from '../kit/values';
import { ADDRESS_KEY } from '../kit/owned-keys';
import { resolve } from '../kit/resolve';
import { cachingDiagnostics } from './plan-caching';
import { srSchema } from './schema';

/** Classes the hook reads beyond the SR's own: who uses its disks. */
export const SR_USER_CLASSES: readonly XapiClass[] = ['VDI', 'VBD', 'VM'];

/** Shown in full up to this many disks; the rest are counted. */
const LISTED = 10;

/**
 * Disks on the SR attached to a VM (templates and snapshots included: they go with the SR too),
 * and disks another resource manages (`xcp_vdi`), except those `leaving` says the plan destroys first.
 */
export function disksInUse(records: PoolRecords, srUuid: string, leaving: (uuid: string) => boolean = () => false): { vm: string; disk: string }[] {
  const sr = records.byUuid('SR', srUuid);
  if (!sr || !records.has('VDI') || !records.has('VBD') || !records.has('VM')) return [];
  const out: { vm: string; disk: string }[] = [];
  for (const vdiRef of sr.record.VDIs) {
    const vdi = records.get('VDI', vdiRef);
    if (!vdi) continue;
    // A disk another resource manages (an xcp_vdi) goes with the SR too, attached or not: its
    // resource would find it gone (a replaced SR starts empty).
    const owner = vdi.other_config?.[ADDRESS_KEY];
    if (owner && !owner.startsWith('xcp_vm.') && !vdi.VBDs.length && !leaving(vdi.uuid)) {
      out.push({ vm: `${owner} (not attached to a VM)`, disk: `disk "${vdi.name_label}" (${vdi.uuid})` });
      continue;
    }
    for (const vbdRef of vdi.VBDs) {
      const vbd = records.get('VBD', vbdRef);
      const vm = vbd ? records.get('VM', vbd.VM) : undefined;
      if (!vm || vm.is_control_domain || leaving(vm.uuid)) continue;
      const kind = vm.is_a_snapshot ? 'snapshot' : vm.is_a_template ? 'template' : 'VM';
      out.push({ vm: `${kind} "${vm.name_label}" (${vm.uuid}, ${vm.power_state.toLowerCase()})`, disk: `disk "${vdi.name_label}" (${vdi.uuid})` });
    }
  }
  return out.sort((a, b) => (a.vm + a.disk < b.vm + b.disk ? -1 : 1));
}

/** Replace-class attributes whose planned value differs from the prior state. */
function replaceCauses(prior: ObjectValue, planned: ObjectValue): string[] {
  return Object.entries(srSchema.block.attributes)
    .filter(([name, a]) => a.update === 'replace' && !isUnknown(planned[name]) && !valuesEqual(prior[name] ?? null, planned[name] ?? null))
    .map(([name]) => name);
}

/** The host of a local SR the plan creates must be a host of the pool (`SR.create` needs it). */
function checkHost(req: PlanRequest): Diagnostic[] {
  const { prior, planned } = req;
  const pool = str(planned.pool) ?? str(prior?.pool);
  const host = planned.host;
  if (typeof host !== 'string' || !pool || !req.world.poolNames().includes(pool)) return [];
  const records = req.world.pool(pool);
  if (!records.has('host')) return [];
  const found = resolve(records, { cls: 'host', what: 'host', path: ['host'] }, host);
  return found.ok ? [] : [found.diagnostic];
}

/** The `xcp_sr` plan hook (pure). */
export function planSr(req: PlanRequest): PlanResponse {
  const { prior, planned } = req;
  const caching = cachingDiagnostics(planned);
  if (caching.length) return { planned, diagnostics: caching };
  if (!prior || isUnknown(planned.uuid)) {
    const diags = checkHost(req);
    if (diags.length) return { planned, diagnostics: diags };
  }
  // A replacement is planned from scratch: the new SR's uuid is not known yet.
  if (!prior || typeof prior.uuid !== 'string' || !isUnknown(planned.uuid)) return { planned };
  const pool = str(prior.pool);
  if (!pool || !req.world.poolNames().includes(pool)) return { planned };
  const users = disksInUse(req.world.pool(pool), prior.uuid, (uuid) => req.leaving?.(pool, uuid) ?? false);
  if (!users.length) return { planned };
  const vms = new Set(users.map((u) => u.vm));
  const causes = replaceCauses(prior, planned);
  const listed = users.slice(0, LISTED).map((u) => `${u.vm}: ${u.disk}`);
  if (users.length > LISTED) listed.push(`and ${users.length - LISTED} more`);
  const diag: Diagnostic = error('xcp_sr.replace-in-use', `SR "${str(prior.name_label) ?? prior.uuid}" must be replaced, but ${users.length} disk(s) of ${vms.size} VM(s) are on it`, {
    detail: `${causes.length ? `Changing ${causes.join(', ')} forces a new SR. ` : ''}The old SR is ${str(prior.on_destroy) === 'destroy' ? 'destroyed' : 'forgotten'} first, which XAPI refuses while VMs use disks on it (and a forget would cut halted VMs from them): ${listed.join('; ')}. Move those disks to another SR (their disk block's sr) or remove the VMs in an apply before this change, or keep ${causes.length ? causes.join(', ') : 'the SR\'s settings'} as they are.`,
    path: causes.length ? [causes[0]] : undefined,
  });
  return { planned, diagnostics: [diag] };
}
