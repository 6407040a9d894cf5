/**
 * `xcp_vm` delete: shut down (clean, hard fallback), destroy the VM (XAPI removes its VBDs and
 * VIFs), then destroy the VDIs this VM owns (created by its create or listed as created in the
 * state, and the config drive); attached VDIs of others are never touched. A VM already gone
 * is not an error; a VM whose blocked_operations block destroy is refused before it is shut down.
 */
import { error } from '../../diagnostics';
import { ResourceError, type DeleteRequest } from '../resource';
import { blocks, num, str } from '../kit/attrs';
import { diskRecords } from './devices-read';
import { ownsVdi } from './disks';
import { byKey } from './positions';
import { VM_CLASSES } from './read';
import { shutdown } from './power';
import { VmHandle } from './vm-handle';

/** `xcp_vm` delete. */
export async function deleteVm(req: DeleteRequest): Promise<void> {
  const { prior, ctx } = req;
  const pool = str(prior, 'pool') ?? ctx.pools[0];
  const records = await ctx.records(pool, VM_CLASSES, { ownWritesOnly: true });
  const hit = records.byUuid('VM', str(prior, 'uuid') ?? '');
  if (!hit) return;
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
  await h.client.callAsync('VM.destroy', h.ref);
  for (const d of owned) await h.client.callAsync('VDI.destroy', d.vdiRef);
}
