/**
 * `xcp_vm` create: adopt a VM left by an interrupted create of the same address, or clone the
 * template (`VM.clone`, or `VM.copy` to an SR for `clone_type = "full"`), tag it at once with
 * `xcpform:address` (then `xcpform:created`, for usage billing), provision the template's disks on the configured SRs, take ownership of
 * the disks, then converge (settings, disks, NICs, config drive, power state, IP wait).
 */
import { XapiTransportError, type XapiRecord } from '../../xenapi';
import { isUnknown, type ObjectValue } from '../../values/value';
import { CreatedButFailed, type ApplyContext, type ApplyResponse, type CreateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { block, blocks, str } from '../kit/attrs';
import { diskRecords } from './devices-read';
import { mustResolve } from '../kit/resolve';
import { ADDRESS_KEY, CLONE_TYPE_KEY, setKnownKey, TEMPLATE_KEY, VDI_OWNER_KEY } from '../kit/owned-keys';
import { LINEAGE_KEY, ownedBy, setKey } from '../kit/owned-keys';
import { DISK_IDENTITY, assignPositions } from './positions';
import { isGuest, VM_CLASSES } from './read';
import { findTemplate, parseProvision, provisionXml, rewriteProvision } from './template';
import { converge, stateAfter } from './update';
import { CREATED_KEY, createdNow, stampCreated } from './created';
import { placeAtApply } from './place-at-apply';
import { VmHandle } from './vm-handle';
import { deleteVm } from './delete';
import { together } from '../kit/concurrent';

/**
 * The name a clone carries until it is tagged: `VM.clone` cannot set `other_config`, so a crash
 * right after it would otherwise leave a VM nothing identifies as this create's.
 */
export function pendingName(address: string, lineage?: string): string {
  return `xcpform:creating ${lineage ?? '-'} ${address}`;
}

/** A VM a previous, interrupted create of `address` (by the state of `lineage`, when given) left behind. */
export function findAdoptable(records: PoolRecords, address: string, lineage?: string): string | undefined {
  const hits = candidates(records, address, lineage).filter(([, vm]) => isGuest(vm)
    && (ownedBy(vm.other_config, address, lineage) || (!(ADDRESS_KEY in vm.other_config) && vm.name_label === pendingName(address, lineage))));
  hits.sort(([, a], [, b]) => (a.uuid < b.uuid ? -1 : 1));
  return hits[0]?.[0];
}

/** VMs tagged with `address` or named as its pending clone: by index, not a scan of the pool per create. */
function candidates(records: PoolRecords, address: string, lineage?: string): [string, XapiRecord<'VM'>][] {
  const seen = new Map<string, XapiRecord<'VM'>>();
  for (const { ref, record } of [...records.byKey('VM', 'address', address), ...records.byName('VM', pendingName(address, lineage))]) seen.set(ref, record);
  return [...seen];
}

async function takeOwnership(h: VmHandle): Promise<void> {
  let wrote = false;
  for (const d of diskRecords(h.records, h.vm)) {
    if (d.vdi.other_config[VDI_OWNER_KEY] === h.uuid) continue;
    await setKnownKey(h.client, 'VDI', d.vdiRef, VDI_OWNER_KEY, h.uuid, d.vdi.other_config);
    wrote = true;
  }
  if (wrote) await h.refresh();
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

async function cloneTemplate(ctx: ApplyContext, pool: string, planned: ObjectValue, made: (ref: string) => void): Promise<VmHandle> {
  const client = await ctx.client(pool);
  const records = await ctx.records(pool, VM_CLASSES, { ownWritesOnly: true });
  const cp = clonePlan(ctx, records, planned);
  const name = pendingName(ctx.address, ctx.lineage);
  ctx.progress({ kind: 'message', text: `${cp.full ? 'copying' : 'cloning'} ${cp.tpl.record.name_label}` });
  const ref = await cloneOnce(ctx, pool, name, () => (cp.full
    ? client.callAsync<string>('VM.copy', cp.tpl.ref, name, cp.copySr ?? 'OpaqueRef:NULL')
    : client.callAsync<string>('VM.clone', cp.tpl.ref, name)));
  made(ref);
  // The step's records after the clone show it with the other_config it copied from the
  // template (the step waits for its own write to be seen): no read of its own.
  const h = await VmHandle.open(ctx, pool, ref);
  const cloned = h.records.get('VM', ref)?.other_config ?? await client.call<Record<string, string>>('VM.get_other_config', ref);
  // Nobody else knows the new VM yet, so one write of its whole other_config is safe: every key
  // xcpform owns at once (address and lineage first of all), instead of a remove-and-add pair
  // per key. finishClone then finds them written and writes none again.
  // A template without disks of its own gets them by provisioning: its spec goes in the same write.
  const spec = parseProvision(cloned.disks);
  const provision = spec.length && diskRecords(records, cp.tpl.record, true).length === 0 ? { disks: provisionFor(records, cp, spec) } : {};
  await client.call('VM.set_other_config', ref, { ...cloned, ...ownedAtClone(ctx, planned, cp), [CREATED_KEY]: createdNow(), ...provision });
  await h.refresh();
  return finishClone(ctx, pool, ref, planned, cp, h);
}

/** The `disks` provisioning spec (other_config) that puts the template's disks on the configured SRs. */
function provisionFor(records: PoolRecords, cp: ReturnType<typeof clonePlan>, spec: ReturnType<typeof parseProvision>): string {
  const [poolRec] = records.all('pool').values();
  const defaultSr = records.get('SR', poolRec?.default_SR ?? 'OpaqueRef:NULL')?.uuid ?? '';
  const wanted = cp.disks.map((disk, i) => ({ userdevice: cp.positions[i] ?? '', disk, srUuid: cp.srUuid(i) ?? (cp.copySr ? records.get('SR', cp.copySr)?.uuid ?? defaultSr : defaultSr) }));
  return provisionXml(rewriteProvision(spec, wanted, defaultSr));
}

/** The keys a create writes on its clone before anything else. */
function ownedAtClone(ctx: ApplyContext, planned: ObjectValue, cp: ReturnType<typeof clonePlan>): Record<string, string> {
  return {
    [ADDRESS_KEY]: ctx.address,
    ...(ctx.lineage ? { [LINEAGE_KEY]: ctx.lineage } : {}),
    [TEMPLATE_KEY]: str(planned, 'template') ?? cp.tpl.record.uuid,
    [CLONE_TYPE_KEY]: cp.full ? 'full' : 'fast',
  };
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
async function finishClone(ctx: ApplyContext, pool: string, ref: string, planned: ObjectValue, cp: ReturnType<typeof clonePlan>, opened?: VmHandle): Promise<VmHandle> {
  const client = await ctx.client(pool);
  const h = opened ?? await VmHandle.open(ctx, pool, ref);
  const owned = ownedAtClone(ctx, planned, cp);
  // Address and lineage first: a crash after them leaves a VM the next create adopts.
  let tagged = false;
  for (const key of [ADDRESS_KEY, LINEAGE_KEY, TEMPLATE_KEY, CLONE_TYPE_KEY]) {
    if (owned[key] !== undefined && h.vm.other_config[key] !== owned[key]) {
      await setKnownKey(client, 'VM', ref, key, owned[key], h.vm.other_config);
      tagged = true;
    }
  }
  if (tagged) await h.refresh();
  // Tagged: the clone may now take its real name, beside the rest (each safe to repeat).
  const name = str(planned, 'name_label') ?? cp.tpl.record.name_label;
  const vm = h.vm;
  const spec = parseProvision(vm.other_config.disks);
  const provision = spec.length > 0 && vm.is_a_template && diskRecords(h.records, vm, true).length === 0;
  await together(
    async () => { if (vm.name_label !== name) await client.call('VM.set_name_label', ref, name); },
    () => stampCreated(client, ref, vm.other_config, cp.tpl.record.other_config[CREATED_KEY]),
    () => takeOwnership(h.fork()),
    async () => { if (provision) await provisionDisks(h.fork(), cp, spec); },
  );
  await h.refresh();
  return h;
}

/** `VM.provision` of a clone whose template has no disks: the disks of the spec, on the configured SRs. */
async function provisionDisks(h: VmHandle, cp: ReturnType<typeof clonePlan>, spec: ReturnType<typeof parseProvision>): Promise<void> {
  const xml = provisionFor(h.records, cp, spec);
  if (h.vm.other_config.disks !== xml) await setKey(h.client, 'VM', h.ref, 'disks', xml);
  try {
    await h.client.callAsync('VM.provision', h.ref);
  } catch (err) {
    // A lost reply (xapi acted, the connection reset): the disks, if made, are this VM's to
    // own; failing here would remove the VM and leave them behind, owned by no one.
    if (!(err instanceof XapiTransportError) || !err.maybeProcessed) throw err;
    await h.refresh();
    if (diskRecords(h.records, h.vm, true).length === 0) throw err;
  }
}

/**
 * The last step of a clone, run beside the first settings of the create (`converge`'s
 * `alongside`): the disks become the VM's (`takeOwnership`) and the clone stops being a
 * template. Its power state comes after both.
 */
async function finishTemplate(h: VmHandle): Promise<void> {
  await together(
    () => takeOwnership(h.fork()),
    async () => { if (h.vm.is_a_template) await h.client.call('VM.set_is_a_template', h.ref, false); },
  );
}

/** `xcp_vm` create. */
export async function createVm(req: CreateRequest): Promise<ApplyResponse> {
  // The plan's pool, or (planned unknown by terraform-provider-xcp) the pool holding what an
  // interrupted create of this address left, or the one placement chooses now.
  const placed = await leftoverPlacement(req.ctx, req.planned) ?? await placeAtApply(req.ctx, req.planned);
  try {
    const planned = placed.host && !str(req.planned, 'host') ? { ...req.planned, pool: placed.pool, host: placed.host } : { ...req.planned, pool: placed.pool };
    return await createIn(req.ctx, placed.pool, planned);
  } finally {
    placed.release();
  }
}

/**
 * When placement is left to the apply (terraform-provider-xcp), a candidate pool holding a VM an
 * interrupted create of this address left: the VM is adopted there. Placed afresh, the leftover's
 * memory sent the VM to another pool, and without a lineage (terraform passes none) the
 * leftover was neither adopted nor removed: two VMs of one address.
 */
async function leftoverPlacement(ctx: ApplyContext, planned: ObjectValue): Promise<{ pool: string; host?: string; release(): void } | undefined> {
  const placement = block(planned, 'placement');
  if ((str(planned, 'pool') && !isUnknown(planned.pool)) || !placement || !Array.isArray(placement.pools)) return undefined;
  for (const pool of placement.pools) {
    if (typeof pool !== 'string' || !ctx.pools.includes(pool)) continue;
    if (findAdoptable(await ctx.records(pool, VM_CLASSES), ctx.address, ctx.lineage)) return { pool, release: () => undefined };
  }
  return undefined;
}

async function createIn(ctx: ApplyContext, chosen: string, chosenPlan: ObjectValue): Promise<ApplyResponse> {
  const pool = await leftoverPool(ctx, chosenPlan, chosen) ?? chosen;
  // Adopted in another of its placement pools: the host the plan chose there does not apply.
  const planned = pool === chosen ? chosenPlan : { ...chosenPlan, pool, host: null };
  await removeLeftoversElsewhere(ctx, pool);
  const records = await ctx.records(pool, VM_CLASSES, { ownWritesOnly: true });
  const adopted = findAdoptable(records, ctx.address, ctx.lineage);
  // The VM this create made or took, once it exists: removed again if the create fails.
  let made: string | undefined = adopted;
  try {
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
      await finishTemplate(h);
      await h.refresh();
      prior = stateAfter(h, planned);
    } else {
      h = await cloneTemplate(ctx, pool, planned, (ref) => { made = ref; });
    }
    // A new clone is finished beside its first settings (finishTemplate is done for an adopted one).
    await converge(h, prior, { ...planned, pool }, { create: !adopted || !hasConfigDrive(h), alongside: finishTemplate });
    return { state: stateAfter(h, { ...planned, pool }) };
  } catch (err) {
    if (!made) throw err;
    // The VM exists: recorded tainted (the next plan replaces it), as Terraform records a
    // failed create; removed only when it is not yet a VM of its own (still a template).
    const state = await stateOfFailed(ctx, pool, made, { ...planned, pool });
    if (state) throw new CreatedButFailed(err, state);
    await removeFailedCreate(ctx, pool, made);
    throw err;
  }
}

/** The state of the VM a failed create left, when it is a finished clone (tagged, not a template). */
async function stateOfFailed(ctx: ApplyContext, pool: string, ref: string, planned: ObjectValue): Promise<ObjectValue | undefined> {
  try {
    const h = await VmHandle.open(ctx, pool, ref);
    if (!h.records.get('VM', ref) || h.vm.is_a_template || h.vm.other_config[ADDRESS_KEY] !== ctx.address) return undefined;
    return stateAfter(h, planned);
  } catch {
    return undefined;
  }
}

/**
 * Another of the VM's placement pools holding what an interrupted create of this address by
 * this state left: the VM is adopted there instead of made again where the plan placed it (the
 * leftover's memory is why the plan chose another pool; once it was removed, the next plan would
 * move the new VM back, a cross-pool migration right after the recovery).
 */
async function leftoverPool(ctx: ApplyContext, planned: ObjectValue, chosen: string): Promise<string | undefined> {
  const placement = block(planned, 'placement');
  if (!ctx.lineage || !placement || !Array.isArray(placement.pools)) return undefined;
  for (const p of placement.pools) {
    if (typeof p !== 'string' || p === chosen || !ctx.pools.includes(p)) continue;
    if (leftovers(await ctx.records(p, VM_CLASSES), ctx).length) return p;
  }
  return undefined;
}

/**
 * Removes what an interrupted create of this address by this state left in the other pools:
 * placement may choose another pool the next time (the leftover held memory), and adopting
 * only in the target pool made a second VM while the first stayed behind. Only VMs recorded
 * with this state's lineage are taken (another state's, or a lineage-less provider's, never).
 */
async function removeLeftoversElsewhere(ctx: ApplyContext, pool: string): Promise<void> {
  if (!ctx.lineage) return;
  for (const other of ctx.pools) {
    if (other === pool) continue;
    for (const ref of leftovers(await ctx.records(other, VM_CLASSES), ctx)) await removeFailedCreate(ctx, other, ref);
  }
}

/** VMs of `records` an interrupted create of this address by this very state (its lineage) left. */
export function leftovers(records: PoolRecords, ctx: ApplyContext): string[] {
  return candidates(records, ctx.address, ctx.lineage).filter(([, vm]) => isGuest(vm)
    && ((vm.other_config[ADDRESS_KEY] === ctx.address && vm.other_config[LINEAGE_KEY] === ctx.lineage)
      || (!(ADDRESS_KEY in vm.other_config) && vm.name_label === pendingName(ctx.address, ctx.lineage)))).map(([ref]) => ref);
}

/**
 * Removes the VM of a create that failed while it was still a template (its clone unfinished),
 * or whose state cannot be read: the state will not record it, so left behind it would hold its
 * disks and memory and the next apply would make another. Its disks go with it (those it owns). When the
 * removal fails too, the VM stays tagged with its address and lineage and the next create adopts it.
 */
async function removeFailedCreate(ctx: ApplyContext, pool: string, ref: string): Promise<void> {
  try {
    const vm = (await ctx.records(pool, VM_CLASSES, { ownWritesOnly: true })).get('VM', ref);
    if (!vm) return;
    ctx.progress({ kind: 'message', text: `removing VM ${vm.uuid}: its create failed` });
    await deleteVm({ prior: { uuid: vm.uuid, pool, disk: [], shutdown_timeout: 0 }, ctx });
  } catch {
    // Adopted by the next create (see above).
  }
}

function hasConfigDrive(h: VmHandle): boolean {
  return diskRecords(h.records, h.vm, true).length !== diskRecords(h.records, h.vm).length;
}
