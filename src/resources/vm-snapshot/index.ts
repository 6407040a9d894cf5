/**
 * `xcp_vm_snapshot`: `VM.snapshot` (disks) or `VM.checkpoint` (disks and memory) of a VM;
 * raising `revert_generation` reverts the VM's disks (`VM.revert`, `revert.ts`) and keeps its
 * settings and power state as its own resource has them;
 * delete destroys the snapshot VM and its VDIs. The applied generation is recorded on the
 * snapshot (`xcpform:revert-generation`) so an import never reverts again.
 */
import { error } from '../../diagnostics';
import type { ObjectValue } from '../../values/value';
import { NULL_REF, type XapiClass } from '../../xenapi';
import type { ApplyContext, ApplyResponse, CreateRequest, DeleteRequest, ImportRequest, PlanRequest, PlanResponse, ReadRequest, ReadResponse, ResourceType, UpdateRequest } from '../resource';
import { ResourceError } from '../resource';
import type { PoolRecords } from '../snapshot';
import { num, orderedSet, str, strMap, strings } from '../kit/attrs';
import { parseImportId } from '../vm';
import { ADDRESS_KEY, applyTags, applyUserOtherConfig, REVERT_GENERATION_KEY, setKey, userOtherConfig } from '../kit/owned-keys';
import { LINEAGE_KEY, ownedBy } from '../kit/owned-keys';
import { revertKeepingSettings } from './revert';
import { vmSnapshotSchema } from './schema';

const CLASSES: readonly XapiClass[] = ['VM', 'VBD', 'VDI'];

function snapshotState(records: PoolRecords, pool: string, ref: string, prior: ObjectValue | null): ObjectValue {
  const snap = records.get('VM', ref)!;
  const vm = snap.snapshot_of !== NULL_REF ? records.get('VM', snap.snapshot_of) : undefined;
  const vdis = snap.VBDs.map((b) => records.get('VBD', b)).filter((b) => b && b.type === 'Disk' && b.VDI !== NULL_REF)
    .sort((a, b) => Number(a!.userdevice) - Number(b!.userdevice)).map((b) => records.get('VDI', b!.VDI)).filter((v) => v !== undefined);
  const gen = Number(snap.other_config[REVERT_GENERATION_KEY]);
  return {
    id: snap.uuid,
    uuid: snap.uuid,
    pool,
    name_label: snap.name_label,
    name_description: snap.name_description,
    tags: orderedSet(snap.tags, strings(prior, 'tags')),
    other_config: userOtherConfig(snap.other_config),
    vm: vm?.uuid ?? str(prior, 'vm') ?? null,
    with_memory: snap.power_state === 'Suspended' || snap.suspend_VDI !== NULL_REF,
    revert_generation: Number.isFinite(gen) ? gen : num(prior, 'revert_generation') ?? 0,
    snapshot_time: snap.snapshot_time,
    vdis: vdis.map((v) => v!.uuid),
    size: vdis.reduce((n, v) => n + v!.physical_utilisation, 0),
  };
}

function locate(records: PoolRecords, uuid: string): string | undefined {
  const hit = records.byUuid('VM', uuid);
  return hit && hit.record.is_a_snapshot ? hit.ref : undefined;
}

async function fresh(ctx: ApplyContext, pool: string): Promise<PoolRecords> {
  return ctx.records(pool, CLASSES);
}

async function labels(ctx: ApplyContext, pool: string, ref: string, planned: ObjectValue): Promise<void> {
  const client = await ctx.client(pool);
  const snap = (await fresh(ctx, pool)).get('VM', ref)!;
  if (str(planned, 'name_label') !== undefined && str(planned, 'name_label') !== snap.name_label) await client.call('VM.set_name_label', ref, str(planned, 'name_label')!);
  if (str(planned, 'name_description') !== undefined && str(planned, 'name_description') !== snap.name_description) await client.call('VM.set_name_description', ref, str(planned, 'name_description')!);
  await applyTags(client, 'VM', ref, snap.tags, strings(planned, 'tags'));
  await applyUserOtherConfig(client, 'VM', ref, snap.other_config, strMap(planned, 'other_config'));
  const gen = String(num(planned, 'revert_generation') ?? 0);
  if (snap.other_config[REVERT_GENERATION_KEY] !== gen) await setKey(client, 'VM', ref, REVERT_GENERATION_KEY, gen);
}

async function create(req: CreateRequest): Promise<ApplyResponse> {
  const { planned, ctx } = req;
  const pool = str(planned, 'pool') ?? ctx.pools[0];
  const client = await ctx.client(pool);
  let records = await fresh(ctx, pool);
  const adopted = [...records.all('VM')].find(([, v]) => v.is_a_snapshot && ownedBy(v.other_config, ctx.address, ctx.lineage))?.[0];
  let ref: string | undefined = adopted;
  if (!ref) {
    const vm = records.byUuid('VM', str(planned, 'vm') ?? '');
    if (!vm || vm.record.is_a_snapshot || vm.record.is_a_template) {
      throw new ResourceError(error('xcp_vm_snapshot.no-vm', `no VM ${str(planned, 'vm')} in pool "${pool}"`, {
        detail: 'The snapshot\'s vm must be the UUID of a VM (not a template or snapshot) of the same pool.', address: ctx.address, path: ['vm'],
      }));
    }
    const memory = planned.with_memory === true;
    ref = await client.callAsync<string>(memory ? 'VM.checkpoint' : 'VM.snapshot', vm.ref, str(planned, 'name_label') ?? `${vm.record.name_label} snapshot`, ...(memory ? [] : [[]]));
    await setKey(client, 'VM', ref, ADDRESS_KEY, ctx.address);
    if (ctx.lineage) await setKey(client, 'VM', ref, LINEAGE_KEY, ctx.lineage);
  }
  const made: string = ref;
  await labels(ctx, pool, made, planned);
  records = await fresh(ctx, pool);
  return { state: snapshotState(records, pool, made, planned) };
}

async function update(req: UpdateRequest): Promise<ApplyResponse> {
  const { prior, planned, ctx } = req;
  const pool = str(prior, 'pool') ?? ctx.pools[0];
  const client = await ctx.client(pool);
  let records = await fresh(ctx, pool);
  const ref = locate(records, str(prior, 'uuid') ?? '');
  if (!ref) throw new ResourceError(error('xcp_vm_snapshot.gone', `snapshot ${str(prior, 'uuid')} no longer exists`, { detail: 'It was deleted outside xcpform. Plan again to take a new one.', address: ctx.address }));
  if ((num(planned, 'revert_generation') ?? 0) > (num(prior, 'revert_generation') ?? 0)) {
    const vmRef = records.get('VM', ref)!.snapshot_of;
    const vm = vmRef !== NULL_REF ? records.get('VM', vmRef) : undefined;
    if (!vm) throw new ResourceError(error('xcp_vm_snapshot.no-vm', 'the snapshot\'s VM no longer exists: nothing to revert', { detail: 'Lower revert_generation back, or remove the snapshot.', address: ctx.address, path: ['revert_generation'] }));
    ctx.progress({ kind: 'message', text: `reverting VM ${vm.name_label} to snapshot ${records.get('VM', ref)!.name_label}` });
    await revertKeepingSettings(client, vmRef, ref);
  }
  await labels(ctx, pool, ref, planned);
  records = await fresh(ctx, pool);
  return { state: snapshotState(records, pool, ref, planned) };
}

async function remove(req: DeleteRequest): Promise<void> {
  const { prior, ctx } = req;
  const pool = str(prior, 'pool') ?? ctx.pools[0];
  const client = await ctx.client(pool);
  const records = await fresh(ctx, pool);
  const ref = locate(records, str(prior, 'uuid') ?? '');
  if (!ref) return;
  const snap = records.get('VM', ref)!;
  const vdis = snap.VBDs.map((b) => records.get('VBD', b)).filter((b) => b && b.type === 'Disk' && b.VDI !== NULL_REF).map((b) => b!.VDI);
  await client.callAsync('VM.destroy', ref);
  for (const vdi of vdis) await client.callAsync('VDI.destroy', vdi);
}

function read(req: ReadRequest): ReadResponse {
  const pool = str(req.prior, 'pool') ?? req.world.poolNames()[0] ?? '';
  const records = req.world.pool(pool);
  const ref = locate(records, str(req.prior, 'uuid') ?? '');
  return { state: ref ? snapshotState(records, pool, ref, req.prior) : null };
}

function importSnapshot(req: ImportRequest): ReadResponse {
  const { pool, uuid } = parseImportId(req.id, req.defaultPool);
  const records = req.world.pool(pool);
  const ref = locate(records, uuid);
  if (!ref) return { state: null, diagnostics: [error('import.not-found', `no snapshot ${uuid} in pool "${pool}"`, { detail: 'Import ids are "<pool>/<snapshot uuid>".' })] };
  return { state: snapshotState(records, pool, ref, null) };
}

/**
 * A checkpoint (`with_memory`) of a VM that is not running: XAPI refuses `VM.checkpoint`
 * (VM_BAD_POWER_STATE), so the plan does, when it makes the snapshot and the VM is known.
 */
function plan(req: PlanRequest): PlanResponse {
  // A new checkpoint: a create, or a replacement (with_memory turned on forces one).
  const makes = !req.prior || req.prior.with_memory !== true || req.prior.uuid !== req.planned.uuid;
  const vmUuid = str(req.planned, 'vm') ?? str(req.config, 'vm');
  const pool = str(req.planned, 'pool') ?? str(req.prior, 'pool');
  if (!makes || req.planned.with_memory !== true || !vmUuid || !pool || !req.world.poolNames().includes(pool)) return { planned: req.planned };
  const vm = req.world.pool(pool).byUuid('VM', vmUuid)?.record;
  if (!vm || vm.power_state === 'Running') return { planned: req.planned };
  return {
    planned: req.planned,
    diagnostics: [error('xcp_vm_snapshot.checkpoint-needs-running', `a snapshot with memory needs a running VM, and VM "${vm.name_label}" is ${vm.power_state.toLowerCase()}`, {
      detail: 'XAPI takes a checkpoint (VM.checkpoint) of a running VM only. Set with_memory = false for a disk-only snapshot, or start the VM first (apply its power_state = "running", then this snapshot).',
      path: ['with_memory'],
    })],
  };
}

/** The `xcp_vm_snapshot` resource type. */
export const vmSnapshotResource = {
  schema: vmSnapshotSchema,
  classes: CLASSES,
  read,
  plan,
  create,
  update,
  delete: remove,
  import: importSnapshot,
  capabilities: {
    seconds: { create: 10, delete: 5 },
    hourlyCost: (attrs, card) => (typeof attrs.size === 'number' ? attrs.size : 0) / 1024 ** 3 * card.storageGibHour,
  },
} satisfies ResourceType;
