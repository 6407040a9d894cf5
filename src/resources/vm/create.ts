/**
 * `xcp_vm` create: adopt a VM left by an interrupted create of the same address, or clone the
 * template (`VM.clone`, or `VM.copy` to an SR for `clone_type = "full"`), tag it at once with
 * `xcpform:address` (then `xcpform:created`, for usage billing), provision the template's disks on the configured SRs, take ownership of
 * the disks, then converge (settings, disks, NICs, config drive, power state, IP wait).
 */
import { XapiTransportError } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyContext, ApplyResponse, CreateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { block, blocks, str } from '../kit/attrs';
import { diskRecords } from './devices-read';
import { mustResolve } from '../kit/resolve';
import { ADDRESS_KEY, CLONE_TYPE_KEY, setKey, TEMPLATE_KEY, VDI_OWNER_KEY } from '../kit/owned-keys';
import { LINEAGE_KEY, ownedBy } from '../kit/owned-keys';
import { DISK_IDENTITY, assignPositions } from './positions';
import { isGuest, VM_CLASSES } from './read';
import { findTemplate, parseProvision, provisionXml, rewriteProvision } from './template';
import { converge, stateAfter } from './update';
import { CREATED_KEY, stampCreated } from './created';
import { placeAtApply } from './place-at-apply';
import { VmHandle } from './vm-handle';

/**
 * The name a clone carries until it is tagged: `VM.clone` cannot set `other_config`, so a crash
 * right after it would otherwise leave a VM nothing identifies as this create's.
 */
export function pendingName(address: string, lineage?: string): string {
  return `xcpform:creating ${lineage ?? '-'} ${address}`;
}

/** A VM a previous, interrupted create of `address` (by the state of `lineage`, when given) left behind. */
export function findAdoptable(records: PoolRecords, address: string, lineage?: string): string | undefined {
  const hits = [...records.all('VM')].filter(([, vm]) => isGuest(vm)
    && (ownedBy(vm.other_config, address, lineage) || (!(ADDRESS_KEY in vm.other_config) && vm.name_label === pendingName(address, lineage))));
  hits.sort(([, a], [, b]) => (a.uuid < b.uuid ? -1 : 1));
  return hits[0]?.[0];
}

async function takeOwnership(h: VmHandle): Promise<void> {
  for (const d of diskRecords(h.records, h.vm)) {
    if (d.vdi.other_config[VDI_OWNER_KEY] === h.uuid) continue;
    await setKey(h.client, 'VDI', d.vdiRef, VDI_OWNER_KEY, h.uuid);
  }
  await h.refresh();
}

/** What cloning the template needs, resolved from the records: the template, disk SRs, copy target. */
function clonePlan(ctx: ApplyContext, records: PoolRecords, planned: ObjectValue) {
  const tpl = findTemplate(records, str(planned, 'template') ?? '');
  const disks = blocks(planned, 'disk');
  const positions = assignPositions(disks, DISK_IDENTITY.key, DISK_IDENTITY.slots);
  const srUuid = (i: number): string | undefined => {
    const key = str(disks[i], 'sr');
    return key ? mustResolve(records, { cls: 'SR', what: 'SR', path: ['disk', i, 'sr'] }, key).record.uuid : undefined;
  };
  const full = str(planned, 'clone_type') === 'full';
  const copySr = full ? (srUuid(0) ? records.byUuid('SR', srUuid(0)!)!.ref : [...records.all('pool').values()][0]?.default_SR) : undefined;
  return { tpl, disks, positions, srUuid, full, copySr, ctx };
}

async function cloneTemplate(ctx: ApplyContext, pool: string, planned: ObjectValue): Promise<VmHandle> {
  const client = await ctx.client(pool);
  const records = await ctx.records(pool, VM_CLASSES);
  const cp = clonePlan(ctx, records, planned);
  const name = pendingName(ctx.address, ctx.lineage);
  ctx.progress({ kind: 'message', text: `${cp.full ? 'copying' : 'cloning'} ${cp.tpl.record.name_label}` });
  const ref = await cloneOnce(ctx, pool, name, () => (cp.full
    ? client.callAsync<string>('VM.copy', cp.tpl.ref, name, cp.copySr ?? 'OpaqueRef:NULL')
    : client.callAsync<string>('VM.clone', cp.tpl.ref, name)));
  return finishClone(ctx, pool, ref, planned, cp);
}

/**
 * Runs a clone or copy whose reply may be lost (a reset connection after xapi acted): the
 * clone's name is unique to this address and state, so after an ambiguous failure the VM is
 * looked for by that name and used if it exists, instead of cloning twice or failing.
 */
async function cloneOnce(ctx: ApplyContext, pool: string, name: string, clone: () => Promise<string>): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await clone();
    } catch (err) {
      if (!(err instanceof XapiTransportError) || !err.maybeProcessed || attempt >= 3) throw err;
      const found = (await ctx.records(pool, ['VM'])).byName('VM', name);
      if (found.length === 1) return found[0].ref;
    }
  }
}

/**
 * The steps after the clone, each safe to repeat: a crash anywhere between `VM.clone` and
 * `VM.set_is_a_template false` leaves a VM that is still a template, which the next create
 * adopts and finishes here (provisioning only when the clone has no disks yet).
 */
async function finishClone(ctx: ApplyContext, pool: string, ref: string, planned: ObjectValue, cp: ReturnType<typeof clonePlan>): Promise<VmHandle> {
  const client = await ctx.client(pool);
  await setKey(client, 'VM', ref, ADDRESS_KEY, ctx.address);
  if (ctx.lineage) await setKey(client, 'VM', ref, LINEAGE_KEY, ctx.lineage);
  // Tagged: the clone may now take its real name.
  await client.call('VM.set_name_label', ref, str(planned, 'name_label') ?? cp.tpl.record.name_label);
  await setKey(client, 'VM', ref, TEMPLATE_KEY, str(planned, 'template') ?? cp.tpl.record.uuid);
  await setKey(client, 'VM', ref, CLONE_TYPE_KEY, cp.full ? 'full' : 'fast');
  const h = await VmHandle.open(ctx, pool, ref);
  await stampCreated(client, ref, h.vm.other_config, cp.tpl.record.other_config[CREATED_KEY]);
  await takeOwnership(h);
  const spec = parseProvision(h.vm.other_config.disks);
  if (spec.length && h.vm.is_a_template && diskRecords(h.records, h.vm, true).length === 0) {
    const defaultSr = h.records.get('SR', h.defaultSr())?.uuid ?? '';
    const wanted = cp.disks.map((disk, i) => ({ userdevice: cp.positions[i] ?? '', disk, srUuid: cp.srUuid(i) ?? (cp.copySr ? h.records.get('SR', cp.copySr)?.uuid ?? defaultSr : defaultSr) }));
    await setKey(client, 'VM', ref, 'disks', provisionXml(rewriteProvision(spec, wanted, defaultSr)));
    await client.callAsync('VM.provision', ref);
    await h.refresh();
    await takeOwnership(h);
  }
  if (h.vm.is_a_template) await client.call('VM.set_is_a_template', ref, false);
  await h.refresh();
  return h;
}

/** `xcp_vm` create. */
export async function createVm(req: CreateRequest): Promise<ApplyResponse> {
  const placed = await placeAtApply(req.ctx, req.planned);
  try {
    return await createIn(req.ctx, placed.pool, placed.host && !str(req.planned, 'host') ? { ...req.planned, host: placed.host } : req.planned);
  } finally {
    placed.release();
  }
}

async function createIn(ctx: ApplyContext, pool: string, planned: ObjectValue): Promise<ApplyResponse> {
  const records = await ctx.records(pool, VM_CLASSES);
  const adopted = findAdoptable(records, ctx.address, ctx.lineage);
  let h: VmHandle;
  let prior: ObjectValue | null = null;
  if (adopted) {
    ctx.progress({ kind: 'message', text: `adopting VM ${records.get('VM', adopted)!.uuid} left by an interrupted create` });
    // Still a template: the create was interrupted before the clone was finished.
    const left = records.get('VM', adopted)!;
    h = left.is_a_template || !(ADDRESS_KEY in left.other_config) || (ctx.lineage && !(LINEAGE_KEY in left.other_config))
      ? await finishClone(ctx, pool, adopted, planned, clonePlan(ctx, records, planned))
      : await VmHandle.open(ctx, pool, adopted);
    await stampCreated(h.client, h.ref, h.vm.other_config, undefined);
    await takeOwnership(h);
    prior = stateAfter(h, planned);
  } else {
    h = await cloneTemplate(ctx, pool, planned);
  }
  await converge(h, prior, { ...planned, pool }, { create: !adopted || !hasConfigDrive(h) });
  return { state: stateAfter(h, { ...planned, pool }) };
}

function hasConfigDrive(h: VmHandle): boolean {
  return diskRecords(h.records, h.vm, true).length !== diskRecords(h.records, h.vm).length;
}
