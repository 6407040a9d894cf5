/**
 * `xcp_vm`: the resource type. Files: `read.ts` (pure mapping from bulk records), `plan.ts`
 * (identity-aware plan refinement), `create.ts`, `update.ts` (in place and halt-cycle),
 * `migrate.ts` (host, pool, storage), `delete.ts`; devices in `disks.ts`, `nics.ts`,
 * `devices-read.ts`; settings in `settings.ts`, `platform.ts`; `cloud-init.ts` builds the
 * config drive.
 */
import { error } from '../../diagnostics';
import type { DeleteRequest, ImportRequest, ReadRequest, ReadResponse, ResourceType } from '../resource';
import { blocks, num, str } from '../kit/attrs';
import { withAttachment } from './attachment';
import { createVm, leftovers } from './create';
import { deleteVm } from './delete';
import { migrateVm } from './migrate';
import { planVm } from './plan';
import { locateVm, VM_CLASSES, vmState } from './read';
import { vmSchema } from './schema';
import { updateVm } from './update';

const GIB = 1024 ** 3;

/** Parses `<pool>/<uuid>` or a bare UUID (default pool). */
export function parseImportId(id: string, defaultPool: string): { pool: string; uuid: string } {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? { pool: defaultPool, uuid: id.trim().toLowerCase() } : { pool: id.slice(0, slash), uuid: id.slice(slash + 1).trim().toLowerCase() };
}

function read(req: ReadRequest): ReadResponse {
  const uuid = str(req.prior, 'uuid') ?? str(req.prior, 'id');
  if (!uuid) return { state: null };
  const found = locateVm(req.world, str(req.prior, 'pool') ?? req.world.poolNames()[0] ?? '', uuid);
  return { state: found ? vmState(found.records, found.pool, found.ref, req.prior) : null };
}

function importVm(req: ImportRequest): ReadResponse {
  const { pool, uuid } = parseImportId(req.id, req.defaultPool);
  const found = locateVm(req.world, pool, uuid);
  if (!found || found.pool !== pool) {
    return {
      state: null,
      diagnostics: [error('import.not-found', `no VM ${uuid} in pool "${pool}"`, {
        detail: `Import ids are "<pool>/<vm uuid>". ${found ? `The VM is in pool "${found.pool}".` : 'Check the UUID with `xe vm-list` or the data source xcp_vm.'}`,
      })],
    };
  }
  return { state: vmState(found.records, found.pool, found.ref, null) };
}

/** The `xcp_vm` resource type. */
export const vmResource = {
  schema: vmSchema,
  classes: VM_CLASSES,
  read,
  plan: (req) => withAttachment(planVm(req), req.prior),
  create: createVm,
  update: updateVm,
  migrate: migrateVm,
  delete: deleteWithStrays,
  import: importVm,
  capabilities: {
    placed: true,
    routesNics: true,
    seconds: { create: 60, delete: 20 },
    hourlyCost: (attrs, card) => {
      const diskBytes = blocks(attrs, 'disk').reduce((sum, d) => sum + (num(d, 'size') ?? 0), 0);
      return (num(attrs, 'vcpus') ?? 0) * card.vcpuHour + ((num(attrs, 'memory') ?? 0) / GIB) * card.memoryGibHour + (diskBytes / GIB) * card.storageGibHour;
    },
  },
} satisfies ResourceType;

/**
 * `xcp_vm` delete, then the VMs of this address and this state's lineage the state lost (a
 * create interrupted in another pool, a duplicate of an earlier version): destroy leaves the
 * pools as they were before the state's first apply.
 */
async function deleteWithStrays(req: DeleteRequest): Promise<void> {
  await deleteVm(req);
  const { ctx } = req;
  if (!ctx.lineage) return;
  for (const pool of ctx.pools) {
    for (const ref of leftovers(await ctx.records(pool, VM_CLASSES), ctx)) {
      const vm = (await ctx.records(pool, VM_CLASSES)).get('VM', ref);
      if (vm) await deleteVm({ prior: { uuid: vm.uuid, pool, disk: [], shutdown_timeout: 0 }, ctx });
    }
  }
}
