/**
 * `xcp_vm` create: adopt a VM left by an interrupted create of the same address, or clone the
 * template (`VM.clone`, or `VM.copy` to an SR for `clone_type = "full"`), tag it at once with
 * `xcpform:address`, provision the template's disks on the configured SRs, take ownership of
 * the disks, then converge (settings, disks, NICs, config drive, power state, IP wait).
 */
import type { ObjectValue } from '../../values/value';
import type { ApplyContext, ApplyResponse, CreateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { block, blocks, str } from './attrs';
import { diskRecords } from './devices-read';
import { mustResolve } from './lookup';
import { ADDRESS_KEY, CLONE_TYPE_KEY, setKey, TEMPLATE_KEY, VDI_OWNER_KEY } from './owned-keys';
import { assignPositions } from './positions';
import { isGuest, VM_CLASSES } from './read';
import { findTemplate, parseProvision, provisionXml, rewriteProvision } from './template';
import { converge, stateAfter } from './update';
import { VmHandle } from './vm-handle';

/** The pool a new VM goes to: `pool`, else the first of `placement.pools`, else the default. */
export function targetPool(planned: ObjectValue, ctx: ApplyContext): string {
  const placement = block(planned, 'placement');
  const candidates = Array.isArray(placement?.pools) ? placement.pools.filter((p): p is string => typeof p === 'string') : [];
  return str(planned, 'pool') ?? candidates[0] ?? ctx.pools[0];
}

/** A VM a previous, interrupted create of `address` left behind. */
export function findAdoptable(records: PoolRecords, address: string): string | undefined {
  const hits = [...records.all('VM')].filter(([, vm]) => isGuest(vm) && vm.other_config[ADDRESS_KEY] === address);
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

async function cloneTemplate(ctx: ApplyContext, pool: string, planned: ObjectValue): Promise<VmHandle> {
  const client = await ctx.client(pool);
  const records = await ctx.records(pool, VM_CLASSES);
  const tpl = findTemplate(records, str(planned, 'template') ?? '');
  const name = str(planned, 'name_label') ?? tpl.record.name_label;
  const disks = blocks(planned, 'disk');
  const positions = assignPositions(disks, 'userdevice', 16);
  const srUuid = (i: number): string | undefined => {
    const key = str(disks[i], 'sr');
    return key ? mustResolve(records, { cls: 'SR', what: 'SR', path: ['disk', i, 'sr'] }, key).record.uuid : undefined;
  };
  const full = str(planned, 'clone_type') === 'full';
  const copySr = full ? (srUuid(0) ? records.byUuid('SR', srUuid(0)!)!.ref : [...records.all('pool').values()][0]?.default_SR) : undefined;
  ctx.progress({ kind: 'message', text: `${full ? 'copying' : 'cloning'} ${tpl.record.name_label}` });
  const ref = full
    ? await client.callAsync<string>('VM.copy', tpl.ref, name, copySr ?? 'OpaqueRef:NULL')
    : await client.callAsync<string>('VM.clone', tpl.ref, name);
  await setKey(client, 'VM', ref, ADDRESS_KEY, ctx.address);
  await setKey(client, 'VM', ref, TEMPLATE_KEY, str(planned, 'template') ?? tpl.record.uuid);
  await setKey(client, 'VM', ref, CLONE_TYPE_KEY, full ? 'full' : 'fast');
  const h = await VmHandle.open(ctx, pool, ref);
  await takeOwnership(h);
  const spec = parseProvision(h.vm.other_config.disks);
  if (spec.length) {
    const defaultSr = h.records.get('SR', h.defaultSr())?.uuid ?? '';
    const wanted = disks.map((disk, i) => ({ userdevice: positions[i] ?? '', disk, srUuid: srUuid(i) ?? (copySr ? h.records.get('SR', copySr)?.uuid ?? defaultSr : defaultSr) }));
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
  const { planned, ctx } = req;
  const pool = targetPool(planned, ctx);
  const records = await ctx.records(pool, VM_CLASSES);
  const adopted = findAdoptable(records, ctx.address);
  let h: VmHandle;
  let prior: ObjectValue | null = null;
  if (adopted) {
    ctx.progress({ kind: 'message', text: `adopting VM ${records.get('VM', adopted)!.uuid} left by an interrupted create` });
    h = await VmHandle.open(ctx, pool, adopted);
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
