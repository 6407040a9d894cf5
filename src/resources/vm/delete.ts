/**
 * `xcp_vm` delete: shut down (clean, hard fallback), destroy the VDIs this VM owns (created by
 * its create or listed as created in the state, the config drive, and owned disks an interrupted
 * create never attached), then the VM (XAPI removes its other VBDs and VIFs); attached VDIs of
 * others are never touched. A VM already gone is not an error (its owned disks that nothing
 * attaches are removed); a VM whose blocked_operations block destroy is refused before it is
 * shut down.
 */
import { error } from '../../diagnostics';
import { ResourceError, type DeleteRequest } from '../resource';
import { blocks, num, str } from '../kit/attrs';
import { diskRecords } from './devices-read';
import { ownsVdi, unattachedOwnedVdis } from './disks';
import { byKey } from './positions';
import { VM_CLASSES } from './read';
import { shutdown } from './power';
import { VmHandle } from './vm-handle';
import { VDI_OWNER_KEY } from '../kit/owned-keys';

/** `xcp_vm` delete. */
export async function deleteVm(req: DeleteRequest): Promise<void> {
  const { prior, ctx } = req;
  const pool = str(prior, 'pool') ?? ctx.pools[0];
  const records = await ctx.records(pool, VM_CLASSES, { ownWritesOnly: true });
  const uuid = str(prior, 'uuid') ?? '';
  const hit = records.byUuid('VM', uuid);
  if (!hit) {
    // Gone already, perhaps by a destroy interrupted before its disks went (a crash, a lost
    // reply): the disks it owned that nothing attaches are still this delete's to remove.
    const left = [...records.all('VDI')].filter(([, vdi]) => uuid !== '' && vdi.other_config[VDI_OWNER_KEY] === uuid && vdi.VBDs.length === 0 && !vdi.is_a_snapshot);
    if (left.length) {
      const client = await ctx.client(pool);
      for (const [ref] of left) await client.callAsync('VDI.destroy', ref);
    }
    return;
  }
  const h = await VmHandle.open(ctx, pool, hit.ref);
  const blocked = h.vm.blocked_operations.destroy;
  if (blocked !== undefined) {
    // Refused before the shutdown: XAPI would refuse the destroy after the VM was stopped.
    throw new ResourceError(error('xcp_vm.destroy-blocked', `VM "${h.vm.name_label}" cannot be destroyed: its blocked_operations block destroy`, {
      detail: `blocked_operations destroy = "${blocked}". Remove destroy from blocked_operations and apply that first if the VM may go; until then it is left as it is (running or not).`,
      address: ctx.address, path: ['blocked_operations'],
    }));
  }
  await shutdown(h, { timeoutS: num(prior, 'shutdown_timeout') ?? 120, force: true });
  const owned = diskRecords(h.records, h.vm, true).filter((d) => {
    const p = byKey(blocks(prior, 'disk'), 'userdevice', d.vbd.userdevice);
    return ownsVdi(d.vdi, h.uuid, p !== undefined && (p.vdi === null || p.vdi === undefined));
  });
  // The disks go first and the VM last: a crash in between leaves a VM the state still names,
  // so the next destroy finds it and finishes (the other way round, the disks were left to no one).
  // The VM is halted: xapi destroys a VDI whose VBDs are not attached, and those VBDs with it.
  for (const d of owned) await h.client.callAsync('VDI.destroy', d.vdiRef);
  for (const { ref } of unattachedOwnedVdis(h)) await h.client.callAsync('VDI.destroy', ref);
  await h.client.callAsync('VM.destroy', h.ref);
}
