/**
 * SR change of a disk, without rebuilding it:
 * - attached to a running VM: `VDI.pool_migrate` (live storage motion);
 * - otherwise: `VDI.copy` to the target SR, the VBDs of halted VMs re-pointed at the copy
 *   (same userdevice, mode, bootable), then the source destroyed.
 * The copy is marked `xcpform:copy-of = <source uuid>` (and `xcpform:attach`, the VBDs it must
 * get) until the source is gone, so an apply interrupted half-way resumes with that copy instead
 * of copying again, and re-attaches a disk it had detached. Both paths give the disk
 * a new UUID; the returned state carries it.
 */
import { NULL_REF, type Ref } from '../../xenapi';
import type { ApplyResponse, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { setOtherConfigKey } from '../kit/labels';
import { OWNED_KEY_PREFIX } from '../common-schema';
import { resolve } from '../kit/refs';
import { ApplySession, openSession } from '../kit/session';
import { str } from '../kit/values';
import { converge, vdiStateAfter } from './apply';
import { runningAttachment, VDI_CLASSES, vdiState } from './read';

const COPY_OF_KEY = `${OWNED_KEY_PREFIX}copy-of`;
const ATTACH_KEY = `${OWNED_KEY_PREFIX}attach`;

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
    // Interrupted after the source was destroyed: re-attach what was recorded, then unmark.
    await attachCopy(s, resumed, recordedAttachments(records, resumed));
    await finish(s, resumed);
  }
  records = await s.records();
  const newUuid = records.get('VDI', ref)!.uuid;
  await converge(s, records, ref, vdiState(records, newUuid, prior)!, planned, false);
  return { state: await vdiStateAfter(s, newUuid, planned) };
}

interface Attachment {
  vm: string;
  userdevice: string;
  bootable: boolean;
  mode: string;
  type: string;
  unpluggable: boolean;
}

/** Attachments a copy must end up with, recorded on it before any VBD is touched. */
function recordedAttachments(records: PoolRecords, copy: Ref<'VDI'>): Attachment[] {
  try {
    const raw = records.get('VDI', copy)?.other_config[ATTACH_KEY];
    return raw ? (JSON.parse(raw) as Attachment[]) : [];
  } catch {
    return [];
  }
}

/** Creates the VBDs of `copy` that `attachments` list and that do not exist yet. */
async function attachCopy(s: ApplySession, copy: Ref<'VDI'>, attachments: readonly Attachment[]): Promise<void> {
  const records = await s.records();
  for (const a of attachments) {
    const vm = records.byUuid('VM', a.vm);
    if (!vm) continue;
    const has = vm.record.VBDs.some((b) => { const x = records.get('VBD', b); return x?.VDI === copy && x.userdevice === a.userdevice; });
    if (has) continue;
    await s.ops.call(`attach the copy to VM "${vm.record.name_label}"`, 'VBD.create', {
      VM: vm.ref, VDI: copy, userdevice: a.userdevice, bootable: a.bootable, mode: a.mode, type: a.type,
      unpluggable: a.unpluggable, empty: false, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
    });
  }
}

async function copyAndSwap(s: ApplySession, records: PoolRecords, source: Ref<'VDI'>, uuid: string, target: Ref<'SR'>, resumed: Ref<'VDI'> | undefined): Promise<Ref<'VDI'>> {
  const { ops } = s;
  let copy = resumed && records.get('VDI', resumed)?.SR === target ? resumed : undefined;
  if (resumed && !copy) await ops.callAsync('remove an unfinished copy on another SR', 'VDI.destroy', resumed);
  if (!copy) {
    ops.ctx.progress({ kind: 'message', text: 'copying the disk to the new SR' });
    copy = await ops.callAsync<Ref<'VDI'>>('copy the disk to the new SR', 'VDI.copy', source, target, NULL_REF, NULL_REF);
    await ops.call('mark the copy', 'VDI.add_to_other_config', copy, COPY_OF_KEY, uuid);
  }
  // XAPI refuses a second VBD with the same userdevice, so each old VBD goes before its new one;
  // the list on the copy lets an interrupted apply re-create what it had removed.
  const attachments: Attachment[] = [...recordedAttachments(records, copy)];
  for (const b of records.get('VDI', source)!.VBDs) {
    const vbd = records.get('VBD', b);
    const vm = vbd && records.get('VM', vbd.VM);
    if (!vbd || !vm || attachments.some((a) => a.vm === vm.uuid && a.userdevice === vbd.userdevice)) continue;
    attachments.push({ vm: vm.uuid, userdevice: vbd.userdevice, bootable: vbd.bootable, mode: vbd.mode, type: vbd.type, unpluggable: vbd.unpluggable });
  }
  const oc = (await s.records()).get('VDI', copy)!.other_config;
  await setOtherConfigKey(ops, 'VDI', copy, oc, ATTACH_KEY, JSON.stringify(attachments));
  for (const b of records.get('VDI', source)!.VBDs) {
    const vm = records.get('VM', records.get('VBD', b)?.VM ?? '')?.name_label ?? '';
    await ops.call(`detach the old disk from VM "${vm}"`, 'VBD.destroy', b);
  }
  await attachCopy(s, copy, attachments);
  await ops.callAsync('destroy the disk on the old SR', 'VDI.destroy', source);
  await finish(s, copy);
  return copy;
}

/** Drops the migration marks once the source is gone. */
async function finish(s: ApplySession, copy: Ref<'VDI'>): Promise<void> {
  let oc = (await s.records()).get('VDI', copy)!.other_config;
  await setOtherConfigKey(s.ops, 'VDI', copy, oc, ATTACH_KEY, undefined);
  oc = (await s.records()).get('VDI', copy)!.other_config;
  await setOtherConfigKey(s.ops, 'VDI', copy, oc, COPY_OF_KEY, undefined);
}
