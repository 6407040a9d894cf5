/**
 * Applying `disk` blocks to a VM, matched by userdevice: new disks (VDI.create + VBD.create,
 * plugged when the VM runs), attached VDIs (`vdi`), growth (online where XAPI allows, else with
 * the disk unplugged), VBD mode and bootable flag, renames, removal (the VDI is destroyed only
 * when this VM owns it), and storage motion of a disk to another SR.
 */
import { error } from '../../diagnostics';
import { isXapiError, NULL_REF, type XapiRecord } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import { ResourceError } from '../resource';
import { blocks, bool, num, str } from '../kit/attrs';
import { diskRecords, isForeignVdi, type DiskRecords } from './devices-read';
import { mustResolve } from '../kit/resolve';
import { ADDRESS_KEY, VDI_OWNER_KEY } from '../kit/owned-keys';
import { DISK_IDENTITY, assignPositions, byKey } from './positions';
import { CREATED_KEY, createdNow } from './created';
import { tolerate, type VmHandle } from './vm-handle';
import { together } from '../kit/concurrent';

/** True when xcpform may destroy the VDI with the VM: tagged for this VM, or listed as created in the state. */
export function ownsVdi(vdi: XapiRecord<'VDI'>, vmUuid: string, stateSaysOwned: boolean): boolean {
  if (vdi.other_config[VDI_OWNER_KEY] === vmUuid) return true;
  return stateSaysOwned && !isForeignVdi(vdi, vmUuid) && vdi.VBDs.length <= 1 && !vdi.read_only;
}

function running(h: VmHandle): boolean {
  return h.vm.power_state === 'Running';
}

/** Resolves a disk's SR (name or UUID) or the pool's default SR. */
export function srRefOf(h: VmHandle, disk: ObjectValue, index: number): string {
  const sr = str(disk, 'sr');
  if (!sr) return h.defaultSr();
  return mustResolve(h.records, { cls: 'SR', what: 'SR', path: ['disk', index, 'sr'], filter: (r) => r.content_type !== 'iso' }, sr).ref;
}

async function unplug(h: VmHandle, vbdRef: string): Promise<void> {
  if (running(h) && h.records.get('VBD', vbdRef)?.currently_attached) await tolerate(['DEVICE_ALREADY_DETACHED'], () => h.client.callAsync('VBD.unplug', vbdRef));
}

async function plug(h: VmHandle, vbdRef: string): Promise<void> {
  if (running(h)) await tolerate(['DEVICE_ALREADY_ATTACHED'], () => h.client.callAsync('VBD.plug', vbdRef));
}

/** Detaches a disk; destroys its VDI when owned. */
export async function removeDisk(h: VmHandle, d: DiskRecords, stateSaysOwned: boolean): Promise<void> {
  await unplug(h, d.vbdRef);
  await h.client.call('VBD.destroy', d.vbdRef);
  if (ownsVdi(d.vdi, h.uuid, stateSaysOwned)) await h.client.callAsync('VDI.destroy', d.vdiRef);
}

/** The description of a disk xcpform creates when the configuration sets none. */
export const CREATED_DESCRIPTION = 'Created by xcpform';

async function attach(h: VmHandle, vdiRef: string, disk: ObjectValue, userdevice: string): Promise<void> {
  const vbd = await h.client.call<string>('VBD.create', {
    VM: h.ref, VDI: vdiRef, userdevice, bootable: bool(disk, 'bootable') ?? false, mode: str(disk, 'mode') ?? 'RW', type: 'Disk',
    unpluggable: true, empty: false, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
  });
  await plug(h, vbd);
}

/**
 * VDIs this VM owns that no VBD attaches: what a create interrupted between `VDI.create` and
 * `VBD.create` left (a crash, a lost reply). Reused by the next create of the same disk,
 * destroyed with the VM.
 */
export function unattachedOwnedVdis(h: VmHandle): { ref: string; vdi: XapiRecord<'VDI'> }[] {
  return [...h.records.all('VDI')].filter(([, vdi]) => vdi.other_config[VDI_OWNER_KEY] === h.uuid && vdi.VBDs.length === 0 && !vdi.is_a_snapshot)
    .map(([ref, vdi]) => ({ ref, vdi })).sort((a, b) => (a.vdi.uuid < b.vdi.uuid ? -1 : 1));
}

/** Creates an owned disk at `userdevice` (or attaches the one an interrupted create left). */
async function createDisk(h: VmHandle, disk: ObjectValue, index: number, userdevice: string): Promise<void> {
  const name = str(disk, 'name_label') ?? `${h.vm.name_label} ${userdevice}`;
  const sr = srRefOf(h, disk, index);
  const left = unattachedOwnedVdis(h).find(({ vdi }) => vdi.SR === sr && vdi.virtual_size === (num(disk, 'size') ?? 0) && vdi.name_label === name);
  if (left) {
    await attach(h, left.ref, disk, userdevice);
    return;
  }
  const vdi = await h.client.call<string>('VDI.create', {
    name_label: name, name_description: str(disk, 'name_description') ?? CREATED_DESCRIPTION,
    SR: sr, virtual_size: num(disk, 'size') ?? 0, type: 'user', sharable: false, read_only: false,
    other_config: { [VDI_OWNER_KEY]: h.uuid, [CREATED_KEY]: createdNow() }, sm_config: {}, xenstore_data: {}, tags: [],
  });
  await attach(h, vdi, disk, userdevice);
}

/**
 * Grows a VDI: online when the VM runs and the SR allows it, else with the disk unplugged.
 * xapi resizes an attached disk with VDI.resize itself (VDI.resize_online is removed from its
 * API) and refuses when the SR cannot.
 */
async function grow(h: VmHandle, d: DiskRecords, size: number): Promise<void> {
  if (!running(h) || !d.vbd.currently_attached) {
    await h.client.callAsync('VDI.resize', d.vdiRef, size);
    return;
  }
  try {
    await h.client.callAsync('VDI.resize', d.vdiRef, size);
  } catch (err) {
    if (!isXapiError(err) || !['SR_OPERATION_NOT_SUPPORTED', 'VDI_IN_USE', 'OPERATION_NOT_ALLOWED'].includes(err.code)) throw err;
    await unplug(h, d.vbdRef);
    await h.client.callAsync('VDI.resize', d.vdiRef, size);
    await plug(h, d.vbdRef);
  }
}

/**
 * Moves a disk to another SR of the pool: `VDI.pool_migrate` while the VM runs, else a copy that
 * replaces the original. Reports the bytes moved.
 */
export async function moveDisk(h: VmHandle, d: DiskRecords, srRef: string, owned: boolean): Promise<void> {
  const total = d.vdi.virtual_size;
  h.ctx.progress({ kind: 'bytes', done: 0, total });
  if (running(h) && d.vbd.currently_attached) {
    await h.client.callAsync('VDI.pool_migrate', d.vdiRef, srRef, {});
  } else {
    const copy = await h.client.callAsync<string>('VDI.copy', d.vdiRef, srRef, NULL_REF, NULL_REF);
    await h.client.call('VBD.destroy', d.vbdRef);
    await tolerate(['MAP_DUPLICATE_KEY'], () => h.client.call('VDI.remove_from_other_config', copy, VDI_OWNER_KEY));
    await h.client.call('VDI.add_to_other_config', copy, VDI_OWNER_KEY, h.uuid);
    await h.client.call('VDI.set_name_label', copy, d.vdi.name_label);
    await attach(h, copy, { bootable: d.vbd.bootable, mode: d.vbd.mode }, d.vbd.userdevice);
    if (owned) await h.client.callAsync('VDI.destroy', d.vdiRef);
  }
  h.ctx.progress({ kind: 'bytes', done: total, total });
}

function sameSr(h: VmHandle, srRef: string, d: DiskRecords): boolean {
  return srRef === d.vdi.SR;
}

/**
 * Brings the VM's disks to `planned` (matched by userdevice). `priorDisks` are the state's
 * blocks (they say which disks were created rather than attached). `moveStorage` allows SR
 * changes (migrate); otherwise a disk on another SR is left there.
 */
export async function applyDisks(h: VmHandle, planned: ObjectValue, priorDisks: readonly ObjectValue[], moveStorage: boolean): Promise<void> {
  const want = blocks(planned, 'disk');
  const positions = assignPositions(want, DISK_IDENTITY.key, DISK_IDENTITY.slots);
  const have = new Map(diskRecords(h.records, h.vm).map((d) => [d.vbd.userdevice, d]));
  const stateOwned = (ud: string): boolean => {
    const p = byKey(priorDisks, 'userdevice', ud);
    return p ? p.vdi === null || p.vdi === undefined : false;
  };
  for (const [ud, d] of have) {
    if (!positions.includes(ud)) await removeDisk(h, d, stateOwned(ud));
  }
  // Every VDI that leaves its userdevice is detached before any is attached: a VDI moving to
  // another userdevice of this VM (two disks swapping VDIs) is still plugged at its old one
  // otherwise, and XAPI refuses a second read-write attachment (VDI_IN_USE).
  for (let i = 0; i < want.length; i++) {
    const ud = positions[i];
    const cur = ud === undefined ? undefined : have.get(ud);
    if (ud === undefined || !cur) continue;
    const vdiKey = str(want[i], 'vdi');
    const leaves = vdiKey
      ? mustResolve(h.records, { cls: 'VDI', what: 'VDI', path: ['disk', i, 'vdi'] }, vdiKey).ref !== cur.vdiRef
      : isForeignVdi(cur.vdi, h.uuid) && !stateOwned(ud);
    if (!leaves) continue;
    await removeDisk(h, cur, vdiKey ? stateOwned(ud) : false);
    have.delete(ud);
  }
  for (let i = 0; i < want.length; i++) {
    const disk = want[i];
    const ud = positions[i];
    if (ud === undefined) throw new Error('disk userdevice unknown at apply');
    const cur = have.get(ud);
    const vdiKey = str(disk, 'vdi');
    if (vdiKey) {
      const target = mustResolve(h.records, { cls: 'VDI', what: 'VDI', path: ['disk', i, 'vdi'] }, vdiKey);
      if (!cur) {
        await attach(h, target.ref, disk, ud);
        await h.refresh();
      }
      // A plain VDI is grown to the configured size and named as configured; one an xcp_vdi
      // manages keeps its size and name (that resource's: the plan refuses a mismatch).
      const now = diskRecords(h.records, h.vm).find((d) => d.vbd.userdevice === ud);
      if (!now) continue;
      const managed = ADDRESS_KEY in now.vdi.other_config;
      const want = num(disk, 'size');
      if (!managed && want !== undefined && want > now.vdi.virtual_size) await grow(h, now, want);
      await settings(h, now, managed ? { ...disk, name_label: null, name_description: null } : disk);
      continue;
    }
    if (!cur) {
      await createDisk(h, disk, i, ud);
      continue;
    }
    const size = num(disk, 'size') ?? cur.vdi.virtual_size;
    if (size < cur.vdi.virtual_size) {
      throw new ResourceError(error('xcp_vm.disk-shrink', `disk ${ud} cannot shrink from ${cur.vdi.virtual_size} to ${size} bytes`, {
        detail: 'XAPI cannot shrink a virtual disk; the disk was changed outside the plan. Keep its size in the configuration.',
        path: ['disk', i, 'size'], address: h.ctx.address,
      }));
    }
    if (size > cur.vdi.virtual_size) await grow(h, cur, size);
    const srRef = srRefOf(h, disk, i);
    if (moveStorage && str(disk, 'sr') && !sameSr(h, srRef, cur)) await moveDisk(h, cur, srRef, ownsVdi(cur.vdi, h.uuid, stateOwned(ud)));
    await h.refresh();
    const now = diskRecords(h.records, h.vm).find((d) => d.vbd.userdevice === ud);
    if (now) await settings(h, now, disk);
  }
  await h.refresh();
}

/** VDI name and description, VBD bootable flag and mode (a mode change unplugs and replugs the disk). */
async function settings(h: VmHandle, d: DiskRecords, disk: ObjectValue): Promise<void> {
  const name = str(disk, 'name_label');
  const description = str(disk, 'name_description');
  const bootable = bool(disk, 'bootable');
  // Plain fields of the VDI and the VBD: written together.
  await together(
    async () => { if (name !== undefined && name !== d.vdi.name_label) await h.client.call('VDI.set_name_label', d.vdiRef, name); },
    async () => { if (description !== undefined && description !== d.vdi.name_description) await h.client.call('VDI.set_name_description', d.vdiRef, description); },
    async () => { if (bootable !== undefined && bootable !== d.vbd.bootable) await h.client.call('VBD.set_bootable', d.vbdRef, bootable); },
  );
  const mode = str(disk, 'mode');
  if (mode !== undefined && mode !== d.vbd.mode) {
    const attached = d.vbd.currently_attached && running(h);
    if (attached) await unplug(h, d.vbdRef);
    await h.client.call('VBD.set_mode', d.vbdRef, mode);
    if (attached) await plug(h, d.vbdRef);
  }
}
