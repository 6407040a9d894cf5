/**
 * SR change of a disk, without rebuilding it:
 * - attached to a running VM: `VDI.pool_migrate` (live storage motion);
 * - otherwise: `VDI.copy` to the target SR, the VBDs of halted VMs re-pointed at the copy
 *   (same userdevice, mode, bootable), then the source destroyed.
 * The copy is marked `xcpform:copy-of = <source uuid>` until the source is gone, so an apply
 * interrupted half-way resumes with that copy instead of copying again. Both paths give the disk
 * a new UUID; the returned state carries it.
 */
import { NULL_REF, type Ref } from '../../xenapi';
import type { ApplyResponse, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { setOtherConfigKey } from '../pool/shared/labels';
import { OWNED_KEY_PREFIX } from '../common-schema';
import { resolve } from '../pool/shared/refs';
import { ApplySession, openSession } from '../pool/shared/session';
import { str } from '../pool/shared/values';
import { converge, vdiStateAfter } from './apply';
import { runningAttachment, VDI_CLASSES, vdiState } from './read';

const COPY_OF_KEY = `${OWNED_KEY_PREFIX}copy-of`;

function copyOf(records: PoolRecords, sourceUuid: string): Ref<'VDI'> | undefined {
  for (const [ref, v] of records.all('VDI')) if (v.other_config[COPY_OF_KEY] === sourceUuid) return ref;
  return undefined;
}

/** Moves the disk to the planned SR, then applies the other changed attributes. */
export async function migrateVdi(req: UpdateRequest): Promise<ApplyResponse> {
  const { ctx, prior, planned } = req;
  const s = await openSession(ctx, 'xcp_vdi', prior, VDI_CLASSES);
  const uuid = str(prior.uuid)!;
  let records = await s.records();
  const found = records.byUuid('VDI', uuid);
  const resumed = copyOf(records, uuid);
  if (!found && !resumed) throw s.ops.refuse('resource.gone', `VDI ${uuid} disappeared`, 'The disk was destroyed outside xcpform. Run plan again: it will plan to create it.');
  const target = resolve(s.ops, records, 'SR', str(planned.sr)!, 'sr');
  let ref: Ref<'VDI'> = found?.ref ?? resumed!;
  const size = records.get('VDI', ref)!.virtual_size;
  if (found && found.record.SR !== target) {
    ctx.progress({ kind: 'bytes', done: 0, total: size });
    const live = runningAttachment(records, uuid);
    if (live) {
      ctx.progress({ kind: 'message', text: `storage motion of the disk of running VM "${live.vm}"` });
      ref = await s.ops.callAsync<Ref<'VDI'>>('move the disk to the new SR (storage motion)', 'VDI.pool_migrate', found.ref, target, {});
    } else {
      ref = await copyAndSwap(s, records, found.ref, uuid, target, resumed);
    }
    ctx.progress({ kind: 'bytes', done: size, total: size });
  } else if (found && resumed) {
    // Interrupted after the copy, but the copy never went to the target: drop it.
    await s.ops.callAsync('remove an unfinished copy', 'VDI.destroy', resumed);
  } else if (!found && resumed) {
    await setOtherConfigKey(s.ops, 'VDI', resumed, records.get('VDI', resumed)!.other_config, COPY_OF_KEY, undefined);
  }
  records = await s.records();
  const newUuid = records.get('VDI', ref)!.uuid;
  await converge(s, records, ref, vdiState(records, newUuid, prior)!, planned, false);
  return { state: await vdiStateAfter(s, newUuid, planned) };
}

async function copyAndSwap(s: ApplySession, records: PoolRecords, source: Ref<'VDI'>, uuid: string, target: Ref<'SR'>, resumed: Ref<'VDI'> | undefined): Promise<Ref<'VDI'>> {
  const { ops } = s;
  let copy = resumed && records.get('VDI', resumed)?.SR === target ? resumed : undefined;
  if (!copy) {
    ops.ctx.progress({ kind: 'message', text: 'copying the disk to the new SR' });
    copy = await ops.callAsync<Ref<'VDI'>>('copy the disk to the new SR', 'VDI.copy', source, target, NULL_REF, NULL_REF);
    await ops.call('mark the copy', 'VDI.add_to_other_config', copy, COPY_OF_KEY, uuid);
  }
  for (const b of records.get('VDI', source)!.VBDs) {
    const vbd = records.get('VBD', b);
    if (!vbd) continue;
    const vm = records.get('VM', vbd.VM)?.name_label ?? vbd.VM;
    // XAPI refuses a second VBD with the same userdevice, so the old one goes first.
    await ops.call(`detach the old disk from VM "${vm}"`, 'VBD.destroy', b);
    await ops.call(`attach the copy to VM "${vm}"`, 'VBD.create', {
      VM: vbd.VM, VDI: copy, userdevice: vbd.userdevice, bootable: vbd.bootable, mode: vbd.mode, type: vbd.type,
      unpluggable: vbd.unpluggable, empty: false, other_config: vbd.other_config, qos_algorithm_type: vbd.qos_algorithm_type, qos_algorithm_params: vbd.qos_algorithm_params,
    });
  }
  await ops.callAsync('destroy the disk on the old SR', 'VDI.destroy', source);
  await ops.call('unmark the copy', 'VDI.remove_from_other_config', copy, COPY_OF_KEY);
  return copy;
}
