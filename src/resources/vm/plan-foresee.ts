/**
 * Changes of an existing VM that XAPI would refuse at apply, refused at plan time instead from
 * the prior state and the pool's records:
 * - a replacement of a VM whose `blocked_operations` blocks `destroy` (OPERATION_BLOCKED);
 * - a change that needs a paused or suspended VM halted while `force_shutdown = false`: XAPI
 *   stops such a VM only by a hard shutdown;
 * - a live migration to a host that cannot reach one of the VM's disks (a disk on another
 *   host's local SR: VM_REQUIRES_SR). A disk moved in the same change to an SR the target host
 *   reaches is fine: apply moves the storage before the VM;
 * - a disk attaching read-write a VDI another VM holds read-write (VDI_IN_USE).
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, type ObjectValue } from '../../values/value';
import { NULL_REF, type XapiRecord } from '../../xenapi';
import type { PoolRecords } from '../snapshot';
import { blocks, bool, str, strMap } from '../kit/attrs';
import { resolve } from '../kit/resolve';

type Path = readonly (string | number)[];

/** The old VM of a replacement is destroyed: refused when its blocked_operations block destroy. */
export function checkDestroyBlocked(prior: ObjectValue, replacePaths: readonly Path[]): Diagnostic[] {
  const reason = strMap(prior, 'blocked_operations').destroy;
  if (reason === undefined) return [];
  return [error('xcp_vm.destroy-blocked', 'this change replaces the VM, but its blocked_operations block destroy', {
    detail: `Changing ${replacePaths.map((p) => p.join('.')).join(', ')} destroys the VM and creates a new one, and XAPI refuses to destroy it (blocked_operations destroy = "${reason}"). Remove destroy from blocked_operations and apply that first if the VM may go, or undo the change.`,
    path: ['blocked_operations'],
  })];
}

/**
 * A paused or suspended VM that the change must halt (a halt-class change, or power_state
 * "halted") needs a hard shutdown: refused when force_shutdown is false.
 */
export function checkHardShutdown(prior: ObjectValue, planned: ObjectValue, haltPaths: readonly Path[]): Diagnostic[] {
  const state = str(prior, 'power_state');
  if ((state !== 'paused' && state !== 'suspended') || bool(planned, 'force_shutdown') !== false) return [];
  const halts = str(planned, 'power_state') === 'halted' ? [['power_state'] as Path, ...haltPaths] : haltPaths;
  if (!halts.length) return [];
  return [error('xcp_vm.hard-shutdown-needed', `the VM is ${state} and this change needs it halted, but force_shutdown is false`, {
    detail: `Changing ${halts.map((p) => p.join('.')).join(', ')} needs the VM halted, and XAPI stops a ${state} VM only by a hard shutdown. Set force_shutdown = true to allow it, or set power_state = "running" and apply that first, then make this change.`,
    path: halts[0],
  })];
}

/**
 * A suspended or paused VM whose dynamic memory range changes: XAPI sets it on a halted or
 * running VM only (VM_BAD_POWER_STATE), and apply sets the memory before it changes the power
 * state.
 */
export function checkSuspendedMemory(prior: ObjectValue, planned: ObjectValue, changed: readonly Path[]): Diagnostic[] {
  const state = str(prior, 'power_state');
  if (state !== 'suspended' && state !== 'paused') return [];
  const memory = changed.find((p) => p[0] === 'memory_dynamic_max') ?? changed.find((p) => p[0] === 'memory_dynamic_min');
  if (!memory) return [];
  const resume = state === 'paused' ? 'Unpause the VM first' : 'Resume the VM first';
  return [error('xcp_vm.suspended-memory', `the VM is ${state}, and XAPI changes ${String(memory[0])} only on a running or halted VM`, {
    detail: `${resume} (apply power_state = "running" alone), then change the memory; or keep the memory as it is while the VM is ${state}.`,
    path: memory,
  })];
}

/** True when `host` has an attached PBD of `sr` (a shared SR is attached on every host). */
function reaches(records: PoolRecords, srRef: string, hostRef: string): boolean {
  const sr = records.get('SR', srRef);
  if (!sr) return true;
  if (!records.has('PBD')) return sr.shared;
  return sr.PBDs.some((p) => {
    const pbd = records.get('PBD', p);
    return pbd !== undefined && pbd.host === hostRef && pbd.currently_attached;
  });
}

/**
 * UUIDs of the pool's hosts that reach every SR the VM's disks will be on (`undefined`: no
 * constraint known, e.g. every SR shared or the records incomplete). A disk's SR is its planned
 * `sr`, else the SR of the VDI it attaches (a disk with neither is left to XAPI: it may stay on
 * the template's SR); for an existing VM, the
 * SRs of its attached VDIs too. XAPI refuses to start a VM on a host that cannot see one of them
 * (VM_REQUIRES_SR), so the capacity ledger counts the VM only on these hosts.
 */
export function hostsReachingStorage(records: PoolRecords | undefined, planned: ObjectValue, vmUuid?: string): Set<string> | undefined {
  if (!records || !records.has('SR') || !records.has('PBD') || !records.has('host')) return undefined;
  const srs = new Set<string>();
  blocks(planned, 'disk').forEach((d, i) => {
    if (isUnknown(d.sr) || isUnknown(d.vdi)) return;
    if (typeof d.sr === 'string') {
      const r = resolve(records, { cls: 'SR', what: 'SR', path: ['disk', i, 'sr'] }, d.sr);
      if (r.ok) srs.add(r.found.ref);
    } else if (typeof d.vdi === 'string' && records.has('VDI')) {
      const r = resolve(records, { cls: 'VDI', what: 'VDI', path: ['disk', i, 'vdi'] }, d.vdi);
      if (r.ok) srs.add(r.found.record.SR);
    }
  });
  const vm = vmUuid ? records.byUuid('VM', vmUuid) : undefined;
  if (vm && records.has('VBD') && records.has('VDI')) {
    for (const vbdRef of vm.record.VBDs) {
      const vbd = records.get('VBD', vbdRef);
      const vdi = vbd && !vbd.empty && vbd.VDI !== NULL_REF ? records.get('VDI', vbd.VDI) : undefined;
      if (vdi) srs.add(vdi.SR);
    }
  }
  const local = [...srs].filter((ref) => records.get('SR', ref)?.shared === false);
  if (!local.length) return undefined;
  const hosts = new Set<string>();
  for (const [ref, host] of records.all('host')) {
    if (local.every((sr) => reaches(records, sr, ref))) hosts.add(host.uuid);
  }
  return hosts;
}

/**
 * True when the plan knows every disk's SR or VDI and the pool has it: a disk on an SR (or VDI)
 * the same plan creates may land on a host's local storage, so the VM is not pinned to a host
 * before then.
 */
export function storageKnown(records: PoolRecords | undefined, planned: ObjectValue): boolean {
  const exists = (cls: 'SR' | 'VDI', key: unknown): boolean => typeof key !== 'string' || !records?.has(cls)
    || resolve(records, { cls, what: cls, path: [] }, key).ok;
  return blocks(planned, 'disk').every((d) => !isUnknown(d.sr) && !isUnknown(d.vdi) && exists('SR', d.sr) && exists('VDI', d.vdi));
}

/**
 * A VM the plan starts or creates running on a named host that cannot reach one of its disks'
 * SRs (XAPI: VM_REQUIRES_SR at start).
 */
export function checkHostReachesStorage(records: PoolRecords | undefined, planned: ObjectValue, eligible: ReadonlySet<string> | undefined): Diagnostic[] {
  const key = planned.host;
  const state = str(planned, 'power_state');
  if (!records || !eligible || typeof key !== 'string' || isUnknown(key) || (state !== 'running' && state !== 'paused')) return [];
  const target = resolve(records, { cls: 'host', what: 'host', path: ['host'] }, key);
  if (!target.ok || eligible.has(target.found.record.uuid)) return [];
  const names = [...records.all('host').values()].filter((h) => eligible.has(h.uuid)).map((h) => h.name_label).sort();
  return [error('xcp_vm.host-cannot-reach-storage', `host ${target.found.record.name_label} cannot reach every SR of this VM's disks`, {
    detail: `A disk of this VM is on a local SR of another host, and XAPI starts a VM only on a host that sees all its disks (VM_REQUIRES_SR). ${names.length ? `Hosts that can run it: ${names.join(', ')}.` : 'No host of the pool sees all its disks: put them on one host\'s SR or a shared SR.'} Change host, or move the disk (disk.sr).`,
    path: ['host'],
  })];
}

/**
 * A live migration (host change of a running VM) to a host that cannot reach a disk's SR after
 * the change: the SR planned for the disk when the change moves it, else the SR it is on.
 */
export function checkMigrationStorage(prior: ObjectValue, planned: ObjectValue, records: PoolRecords): Diagnostic[] {
  const hostKey = planned.host;
  if (typeof hostKey !== 'string' || isUnknown(hostKey) || !records.has('VM') || !records.has('VBD') || !records.has('VDI') || !records.has('SR')) return [];
  const target = resolve(records, { cls: 'host', what: 'host', path: ['host'] }, hostKey);
  const vm = records.byUuid('VM', str(prior, 'uuid') ?? '');
  if (!target.ok || !vm) return [];
  const hostName = target.found.record.name_label;
  const out: Diagnostic[] = [];
  const disks = blocks(planned, 'disk');
  for (const vbdRef of vm.record.VBDs) {
    const vbd = records.get('VBD', vbdRef);
    if (!vbd || vbd.empty || vbd.VDI === NULL_REF) continue;
    const vdi = records.get('VDI', vbd.VDI);
    if (!vdi) continue;
    const index = vbd.type === 'Disk' ? disks.findIndex((d) => d.userdevice === vbd.userdevice) : -1;
    const wanted = index >= 0 ? disks[index].sr : undefined;
    let srRef = vdi.SR;
    if (typeof wanted === 'string' && !isUnknown(wanted)) {
      const r = resolve(records, { cls: 'SR', what: 'SR', path: ['disk', index, 'sr'] }, wanted);
      if (r.ok) srRef = r.found.ref;
    }
    if (reaches(records, srRef, target.found.ref)) continue;
    const sr = records.get('SR', srRef);
    const what = vbd.type === 'CD' ? `the CD (ISO "${vdi.name_label}")` : index >= 0 ? `disk ${vbd.userdevice} ("${vdi.name_label}")` : `the disk "${vdi.name_label}" at userdevice ${vbd.userdevice}`;
    out.push(error('xcp_vm.migrate-needs-storage', `host ${hostName} cannot reach ${what}: it is on SR "${sr?.name_label ?? srRef}" (${sr?.uuid ?? '?'}), which is not shared`, {
      detail: `A live migration keeps the VM's disks where they are, so host ${hostName} must see every SR the VM uses. Move the disk to a shared SR in the same change (disk.sr; apply moves the storage before the VM), or keep the VM on its host.`,
      path: ['host'],
    }));
  }
  return out;
}

/**
 * A disk newly attaching an existing VDI read-write that another VM holds read-write (and the
 * VDI is not sharable): XAPI refuses the second attachment (VDI_IN_USE) or the start.
 */
export function checkVdiInUse(records: PoolRecords, vdi: XapiRecord<'VDI'>, disk: ObjectValue, index: number, vmUuid: string | undefined): Diagnostic[] {
  if (vdi.sharable || (str(disk, 'mode') ?? 'RW') !== 'RW' || !records.has('VBD')) return [];
  for (const ref of vdi.VBDs) {
    const vbd = records.get('VBD', ref);
    const holder = vbd ? records.get('VM', vbd.VM) : undefined;
    if (!vbd || !holder || vbd.mode !== 'RW' || holder.uuid === vmUuid || holder.is_a_template || holder.is_a_snapshot) continue;
    return [error('xcp_vm.vdi-in-use', `VDI "${vdi.name_label}" is attached read-write to VM "${holder.name_label}" (${holder.uuid})`, {
      detail: `A VDI that is not sharable is attached read-write to one VM at a time, and XAPI refuses a second attachment. Detach it from that VM first (or in an earlier apply), attach it with mode = "RO", or make the VDI sharable.`,
      path: ['disk', index, 'vdi'],
    })];
  }
  return [];
}

/**
 * A paused VM moved to another pool: XAPI migrates a VM across pools only when it is halted,
 * suspended or running (VM_BAD_POWER_STATE), and apply moves it before it changes the power
 * state.
 */
export function checkPausedPoolMove(prior: ObjectValue): Diagnostic[] {
  if (str(prior, 'power_state') !== 'paused') return [];
  return [error('xcp_vm.paused-pool-move', 'the VM is paused, and XAPI moves a VM to another pool only when it is halted, suspended or running', {
    detail: 'Unpause the VM first (apply power_state = "running" alone), then change pool; or halt or suspend it.',
    path: ['pool'],
  })];
}
