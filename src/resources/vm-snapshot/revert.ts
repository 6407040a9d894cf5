/**
 * `VM.revert` for `xcp_vm_snapshot.revert_generation`. XAPI restores the snapshot's disks and
 * also its configuration: other_config (with the snapshot's own `xcpform:*` keys), description,
 * memory, vCPUs, platform and boot parameters, and halts the VM. Those belong to the VM's
 * `xcp_vm` resource, not to the snapshot: the revert puts them back as they were before (while
 * the VM is halted, where XAPI accepts every one of them) and restores the power state, so the
 * VM is what its resource expects and the next plan is empty. What the revert is for, the disks'
 * contents, stays reverted.
 */
import { NULL_REF, type XapiClient } from '../../xenapi';

/** A VM record's fields that `VM.revert` overwrites and the VM's own resource owns. */
interface VmSettings {
  readonly other_config: Record<string, string>;
  readonly name_description: string;
  readonly memory_static_min: number;
  readonly memory_static_max: number;
  readonly memory_dynamic_min: number;
  readonly memory_dynamic_max: number;
  readonly VCPUs_max: number;
  readonly VCPUs_at_startup: number;
  readonly platform: Record<string, string>;
  readonly HVM_boot_params: Record<string, string>;
  readonly power_state: string;
  readonly resident_on: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(sortKeys(b)) || JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

function sortKeys(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Reverts `vmRef` to the snapshot `snapRef`, keeping the VM's own settings and power state. */
export async function revertKeepingSettings(client: XapiClient, vmRef: string, snapRef: string): Promise<void> {
  const before = await client.getRecord('VM', vmRef as never) as unknown as VmSettings;
  await client.callAsync('VM.revert', snapRef);
  const after = await client.getRecord('VM', vmRef as never) as unknown as VmSettings;
  const set = (field: keyof VmSettings, method: string): Promise<unknown> | undefined =>
    same(after[field], before[field]) ? undefined : client.call(method, vmRef, before[field] as never);
  await set('other_config', 'VM.set_other_config');
  await set('name_description', 'VM.set_name_description');
  await set('platform', 'VM.set_platform');
  await set('HVM_boot_params', 'VM.set_HVM_boot_params');
  const memory = ['memory_static_min', 'memory_static_max', 'memory_dynamic_min', 'memory_dynamic_max'] as const;
  if (memory.some((f) => after[f] !== before[f])) await client.call('VM.set_memory_limits', vmRef, ...memory.map((f) => before[f]));
  if (after.VCPUs_max !== before.VCPUs_max || after.VCPUs_at_startup !== before.VCPUs_at_startup) {
    // The maximum bounds the number at startup: lower the number first, raise the maximum first.
    if (before.VCPUs_at_startup < after.VCPUs_at_startup) await client.call('VM.set_VCPUs_at_startup', vmRef, before.VCPUs_at_startup);
    if (after.VCPUs_max !== before.VCPUs_max) await client.call('VM.set_VCPUs_max', vmRef, before.VCPUs_max);
    if (before.VCPUs_at_startup > after.VCPUs_at_startup) await client.call('VM.set_VCPUs_at_startup', vmRef, before.VCPUs_at_startup);
  }
  const now = after.power_state;
  if (before.power_state === 'Running' && now === 'Halted') {
    await (before.resident_on !== NULL_REF ? client.callAsync('VM.start_on', vmRef, before.resident_on, false, false) : client.callAsync('VM.start', vmRef, false, false));
  } else if (before.power_state === 'Running' && now === 'Suspended') {
    await client.callAsync('VM.resume', vmRef, false, false);
  }
}
