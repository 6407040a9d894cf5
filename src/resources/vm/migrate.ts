/**
 * `xcp_vm` migrate: a cross-pool move (`host.migrate_receive` on the target pool, then
 * `VM.migrate_send` with a VDI map to the target SRs and a VIF map to the networks the NIC
 * configuration names in the target pool; the VM keeps its UUID), a live move to another host
 * of the pool (`VM.pool_migrate`, after moving the disks whose SR changes, so the target host
 * reaches them), and storage motion of disks whose SR changed. The remaining
 * in-place changes of the same plan are applied afterwards.
 */
import type { ObjectValue } from '../../values/value';
import { NULL_REF } from '../../xenapi';
import type { ApplyResponse, UpdateRequest } from '../resource';
import { blocks, str } from '../kit/attrs';
import { cdDrives, diskRecords } from './devices-read';
import { moveDisk, ownsVdi, srRefOf } from './disks';
import { mustResolve } from '../kit/resolve';
import { setKey, VDI_OWNER_KEY } from '../kit/owned-keys';
import { byKey } from './positions';
import { VM_CLASSES } from './read';
import { converge, stateAfter } from './update';
import { nicNetwork } from './nic-routing';
import { VmHandle } from './vm-handle';

async function crossPool(h: VmHandle, toPool: string, prior: ObjectValue, planned: ObjectValue): Promise<VmHandle> {
  const ctx = h.ctx;
  const dest = await ctx.client(toPool);
  const destRecords = await ctx.records(toPool, [...VM_CLASSES, 'PIF']);
  const [poolRec] = destRecords.all('pool').values();
  const hostKey = str(planned, 'host');
  const destHost = hostKey ? mustResolve(destRecords, { cls: 'host', what: 'host', path: ['host'] }, hostKey).ref : poolRec.master;
  const mgmt = [...destRecords.all('PIF').values()].find((p) => p.host === destHost && p.management);
  const network = mgmt?.network ?? [...destRecords.all('network').keys()][0];
  for (const cd of cdDrives(h.records, h.vm)) if (!cd.vbd.empty) await h.client.callAsync('VBD.eject', cd.ref);
  await h.refresh();
  const vdiMap: Record<string, string> = {};
  let total = 0;
  for (const d of diskRecords(h.records, h.vm, true)) {
    const want = blocks(planned, 'disk').find((x) => x.userdevice === d.vbd.userdevice);
    const srKey = str(want, 'sr');
    vdiMap[d.vdiRef] = srKey
      ? mustResolve(destRecords, { cls: 'SR', what: 'SR', path: ['disk'] }, srKey).ref
      : poolRec.default_SR;
    total += d.vdi.virtual_size;
  }
  const vifMap: Record<string, string> = {};
  for (const ref of h.vm.VIFs) {
    const vif = h.records.get('VIF', ref);
    if (!vif) continue;
    const nics = blocks(planned, 'nic');
    const index = nics.findIndex((n) => n.device === vif.device);
    const key = str(nics[index], 'network') ?? h.records.get('network', vif.network)?.name_label ?? '';
    // A network of another pool (the one the VM leaves, typically) is reached over a VPN link.
    vifMap[ref] = (await nicNetwork(ctx, toPool, destRecords, key, Math.max(0, index))).ref;
  }
  const live = h.vm.power_state === 'Running';
  const receive = await dest.call<Record<string, string>>('host.migrate_receive', destHost, network, {});
  ctx.progress({ kind: 'message', text: `migrating to pool "${toPool}"${live ? ' (live)' : ''}` });
  ctx.progress({ kind: 'bytes', done: 0, total });
  await h.client.call('VM.assert_can_migrate', h.ref, receive, live, vdiMap, vifMap, {}, {});
  await h.client.callAsync('VM.migrate_send', h.ref, receive, live, vdiMap, vifMap, {}, {});
  ctx.progress({ kind: 'bytes', done: total, total });
  const moved = await VmHandle.byUuid(ctx, toPool, h.uuid);
  for (const d of diskRecords(moved.records, moved.vm, true)) {
    const p = byKey(blocks(prior, 'disk'), 'userdevice', d.vbd.userdevice);
    const owned = p ? p.vdi === null || p.vdi === undefined : d.vdi.other_config[VDI_OWNER_KEY] !== undefined;
    if (owned && d.vdi.other_config[VDI_OWNER_KEY] !== moved.uuid) await setKey(moved.client, 'VDI', d.vdiRef, VDI_OWNER_KEY, moved.uuid);
  }
  await moved.refresh();
  return moved;
}

/** Disks whose planned SR differs from theirs, moved while the VM stays where it runs. */
async function moveStorageFirst(h: VmHandle, prior: ObjectValue, planned: ObjectValue): Promise<void> {
  const want = blocks(planned, 'disk');
  for (const d of diskRecords(h.records, h.vm)) {
    const i = want.findIndex((x) => x.userdevice === d.vbd.userdevice);
    if (i < 0 || !str(want[i], 'sr')) continue;
    const srRef = srRefOf(h, want[i], i);
    if (srRef === d.vdi.SR) continue;
    const p = byKey(blocks(prior, 'disk'), 'userdevice', d.vbd.userdevice);
    await moveDisk(h, d, srRef, ownsVdi(d.vdi, h.uuid, p !== undefined && (p.vdi === null || p.vdi === undefined)));
  }
  await h.refresh();
}

/** `xcp_vm` migrate. */
export async function migrateVm(req: UpdateRequest): Promise<ApplyResponse> {
  const { prior, planned, ctx } = req;
  const fromPool = str(prior, 'pool') ?? ctx.pools[0];
  const toPool = str(planned, 'pool') ?? fromPool;
  let h = await VmHandle.byUuid(ctx, fromPool, str(prior, 'uuid') ?? '');
  if (toPool !== fromPool) {
    h = await crossPool(h, toPool, prior, planned);
  } else {
    const hostKey = str(planned, 'host');
    if (hostKey && h.vm.power_state === 'Running') {
      const target = mustResolve(h.records, { cls: 'host', what: 'host', path: ['host'] }, hostKey).ref;
      if (target !== h.vm.resident_on && target !== NULL_REF) {
        // Storage the target host cannot reach moves first (the plan refuses a move without it).
        await moveStorageFirst(h, prior, planned);
        ctx.progress({ kind: 'message', text: `live migration to ${h.records.get('host', target)!.name_label}` });
        await h.client.callAsync('VM.pool_migrate', h.ref, target, { live: 'true' });
        await h.refresh();
      }
    }
  }
  await converge(h, { ...prior, pool: toPool }, { ...planned, pool: toPool }, { create: false });
  return { state: stateAfter(h, { ...planned, pool: toPool }) };
}
