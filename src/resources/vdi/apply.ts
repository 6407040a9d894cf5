/**
 * `xcp_vdi` create / update / delete. Create passes the owned keys in the `VDI.create` record
 * itself, so there is no window in which a new disk lacks them. Update grows the disk with
 * `VDI.resize` (a shrink never reaches apply: the plan refuses it) and sets each flag with its
 * own call.
 */
import type { Ref } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyResponse, CreateRequest, DeleteRequest, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { applyLabels } from '../kit/labels';
import { findByAddress, ownedEntries } from '../kit/owned-keys';
import { resolve } from '../kit/refs';
import { ApplySession, extraField, openSession } from '../kit/session';
import { bool, num, str, strList, strMap } from '../kit/values';
import { VDI_CLASSES, vdiState } from './read';
import { importSource } from './source';
import { remoteSourceSize, roundUpMiB } from './source-size';

const TYPE = 'xcp_vdi';
/**
 * When xcpform created the disk (ISO 8601), read by `xcpform usage` so a standalone disk is
 * billed from its creation, not from the start of the period (the same key as src/plan/usage.ts).
 */
export const CREATED_KEY = 'xcpform:created';

/** The state after a change, or a diagnostic when the disk vanished meanwhile. */
export async function vdiStateAfter(s: ApplySession, uuid: string, prior: ObjectValue): Promise<ObjectValue> {
  const state = vdiState(await s.records(), uuid, prior);
  if (!state) throw s.ops.refuse('resource.gone', `VDI ${uuid} disappeared`, 'The disk was destroyed outside xcpform while it was being changed. Run plan again.');
  return state;
}

/** The size of a disk left unsized with a raw image behind a URL (the plan sized every other). */
async function sizeFromUrl(s: ApplySession, source: string | undefined): Promise<number> {
  const sized = source ? await remoteSourceSize(source) : { problem: 'no source is given' };
  if ('problem' in sized) throw s.ops.refuse('xcp_vdi.size-unknown', 'the disk cannot be sized from its source', `${sized.problem}. Set size (in bytes).`, ['size']);
  return roundUpMiB(sized.bytes);
}

/** Creates (or adopts) the disk, fills it from `source` when given, then sets its flags. */
export async function createVdi(req: CreateRequest): Promise<ApplyResponse> {
  const { planned, ctx } = req;
  const s = await openSession(ctx, TYPE, planned, VDI_CLASSES);
  let records = await s.records();
  let ref = findByAddress(records, 'VDI', ctx.address, ctx.lineage)[0]?.ref;
  if (ref) {
    ctx.progress({ kind: 'message', text: 'adopting the disk left by an interrupted create' });
  } else {
    const sr = resolve(s.ops, records, 'SR', str(planned.sr)!, 'sr');
    const userOc = strMap(planned.other_config) ?? {};
    const size = num(planned.size) ?? await sizeFromUrl(s, str(planned.source));
    ref = await s.ops.create<Ref<'VDI'>>('create the disk', 'VDI', {
      name_label: str(planned.name_label) ?? '',
      name_description: str(planned.name_description) ?? '',
      SR: sr,
      virtual_size: size,
      type: str(planned.type) ?? 'user',
      sharable: bool(planned.sharable) ?? false,
      read_only: false,
      other_config: { ...userOc, ...ownedEntries(ctx.address, Object.keys(userOc), ctx.lineage), [CREATED_KEY]: new Date().toISOString() },
      tags: strList(planned.tags) ?? [],
      sm_config: {},
      xenstore_data: {},
    });
    const source = str(planned.source);
    if (source) await importSource(s.ops, ref, source, str(planned.source_format) ?? 'raw');
    records = await s.records();
  }
  const uuid = records.get('VDI', ref)!.uuid;
  await converge(s, records, ref, vdiState(records, uuid, null)!, planned, true);
  return { state: await vdiStateAfter(s, uuid, planned) };
}

/** Applies every changed in-place attribute; an SR change goes through `migrate`. */
export async function updateVdi(req: UpdateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.prior, VDI_CLASSES);
  const uuid = str(req.prior.uuid)!;
  const records = await s.records();
  const found = records.byUuid('VDI', uuid);
  if (!found) throw s.ops.refuse('resource.gone', `VDI ${uuid} disappeared`, 'The disk was destroyed outside xcpform. Run plan again: it will plan to create it.');
  await converge(s, records, found.ref, req.prior, req.planned, false);
  return { state: await vdiStateAfter(s, uuid, req.planned) };
}

/** Labels, size and flags of an existing disk (also used after a migration). */
export async function converge(s: ApplySession, records: PoolRecords, ref: Ref<'VDI'>, prior: ObjectValue, planned: ObjectValue, adopting: boolean): Promise<void> {
  const { ops } = s;
  const v = records.get('VDI', ref)!;
  await applyLabels(ops, 'VDI', ref, v, prior, planned, { writeOwned: adopting });
  const size = num(planned.size);
  if (size !== undefined && size !== v.virtual_size) {
    if (size < v.virtual_size) {
      throw ops.refuse('resource.vdi-shrink', `cannot shrink the disk from ${v.virtual_size} to ${size} bytes`,
        'XAPI cannot shrink a disk. Keep the size, or replace the disk (taint it) to create a smaller one; its data is lost.', ['size']);
    }
    await ops.callAsync(`grow the disk to ${size} bytes`, 'VDI.resize', ref, size);
  }
  const flag = async (attr: string, current: boolean, set: (want: boolean) => Promise<unknown>): Promise<void> => {
    const want = bool(planned[attr]);
    if (want !== undefined && want !== current) await set(want);
  };
  await flag('sharable', v.sharable, (x) => ops.call('set sharable (the disk must be detached)', 'VDI.set_sharable', ref, x));
  await flag('read_only', v.read_only, (x) => ops.call('set read_only (the disk must be detached)', 'VDI.set_read_only', ref, x));
  await flag('allow_caching', extraField(v, 'allow_caching', false), (x) => ops.call('set allow_caching', 'VDI.set_allow_caching', ref, x));
  await flag('cbt_enabled', v.cbt_enabled ?? false, (x) => ops.call(x ? 'enable changed block tracking' : 'disable changed block tracking', x ? 'VDI.enable_cbt' : 'VDI.disable_cbt', ref));
  const onBoot = str(planned.on_boot);
  if (onBoot !== undefined && onBoot !== (v.on_boot ?? 'persist')) await ops.call(`set on_boot to ${onBoot} (the disk must be detached)`, 'VDI.set_on_boot', ref, onBoot);
}

/** Destroys the disk (XAPI refuses while a VM has it attached: the diagnostic says so). */
export async function deleteVdi(req: DeleteRequest): Promise<void> {
  const s = await openSession(req.ctx, TYPE, req.prior, VDI_CLASSES);
  const found = (await s.records()).byUuid('VDI', str(req.prior.uuid) ?? '');
  if (!found) return;
  await s.ops.callAsync('destroy the disk', 'VDI.destroy', found.ref);
}
