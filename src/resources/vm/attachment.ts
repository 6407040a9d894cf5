/**
 * `attached` on `disk` and `nic` blocks: whether a device is plugged into the running VM. A
 * device unplugged behind xcpform's back (VBD.unplug / VIF.unplug) reads as `attached = false`,
 * so the plan shows the re-plug; `attached = false` in the configuration unplugs it. Plugging is
 * an in-place change matched by userdevice / device like every other device attribute.
 */
import { UNKNOWN, type ObjectValue } from '../../values/value';
import { blocks, bool } from '../kit/attrs';
import { diskRecords } from './devices-read';
import type { VmChange, VmPlanResponse } from './plan';
import { DISK_IDENTITY, NIC_IDENTITY, byKey } from './positions';
import { tolerate, type VmHandle } from './vm-handle';

const DEVICES = [['disk', DISK_IDENTITY.key], ['nic', NIC_IDENTITY.key]] as const;

/** The plug-state changes between the prior state and the planned one. */
export function attachmentChanges(prior: ObjectValue, planned: ObjectValue): VmChange[] {
  const out: VmChange[] = [];
  for (const [name, key] of DEVICES) {
    const before = blocks(prior, name);
    blocks(planned, name).forEach((d, i) => {
      const p = typeof d[key] === 'string' ? byKey(before, key, d[key] as string) : undefined;
      const want = bool(d, 'attached');
      if (p && want !== undefined && want !== (bool(p, 'attached') ?? true)) out.push({ path: [name, i, 'attached'], update: 'in-place' });
    });
  }
  return out;
}

/**
 * Adds the plug-state changes to the VM's plan decision: an otherwise empty plan becomes an
 * in-place update, and a NIC re-plug leaves the guest's reported addresses unknown until read.
 */
export function withAttachment(res: VmPlanResponse, prior: ObjectValue | null): VmPlanResponse {
  if (!prior || res.action === 'create' || res.action === 'replace') return res;
  const extra = attachmentChanges(prior, res.planned);
  if (!extra.length) return res;
  const planned = { ...res.planned };
  if (extra.some((c) => c.path[0] === 'nic')) for (const k of ['ip_addresses', 'ip_address']) planned[k] = UNKNOWN;
  const notes = extra.map((c) => {
    const d = blocks(res.planned, String(c.path[0]))[c.path[1] as number];
    const id = c.path[0] === 'disk' ? `disk ${String(d.userdevice)}` : `nic ${String(d.device)}`;
    return `${id}: ${bool(d, 'attached') ? 'plugged back into' : 'unplugged from'} the running VM`;
  });
  return {
    ...res, planned, changes: [...res.changes, ...extra],
    action: res.action === 'no-op' ? 'update' : res.action,
    notes: [...(res.notes ?? []), ...notes],
  };
}

/** The VM's plugged-in devices by position: disk VBDs by userdevice, VIFs by device. */
function devices(h: VmHandle, name: 'disk' | 'nic'): Map<string, { ref: string; attached: boolean }> {
  const out = new Map<string, { ref: string; attached: boolean }>();
  if (name === 'disk') for (const d of diskRecords(h.records, h.vm)) out.set(d.vbd.userdevice, { ref: d.vbdRef, attached: d.vbd.currently_attached });
  else {
    for (const ref of h.vm.VIFs) {
      const vif = h.records.get('VIF', ref);
      if (vif) out.set(vif.device, { ref, attached: vif.currently_attached });
    }
  }
  return out;
}

/** Plugs or unplugs the VM's devices to match `planned` (a running VM only: XAPI plugs at start). */
export async function applyAttachment(h: VmHandle, planned: ObjectValue): Promise<void> {
  await h.refresh();
  if (h.vm.power_state !== 'Running') return;
  let changed = false;
  for (const [name, key] of DEVICES) {
    const have = devices(h, name);
    for (const d of blocks(planned, name)) {
      const want = bool(d, 'attached');
      const cur = typeof d[key] === 'string' ? have.get(d[key] as string) : undefined;
      if (want === undefined || !cur || cur.attached === want) continue;
      const cls = name === 'disk' ? 'VBD' : 'VIF';
      h.ctx.progress({ kind: 'message', text: `${want ? 'plugging' : 'unplugging'} ${name} ${String(d[key])}` });
      await tolerate([want ? 'DEVICE_ALREADY_ATTACHED' : 'DEVICE_ALREADY_DETACHED'], () => h.client.callAsync(`${cls}.${want ? 'plug' : 'unplug'}`, cur.ref));
      changed = true;
    }
  }
  if (changed) await h.refresh();
}
