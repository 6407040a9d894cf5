/**
 * `xcp_vdi`: a virtual disk (schema in `schema.ts`). Read maps the bulk records (`read.ts`);
 * create/update/delete in `apply.ts`; an SR change is a migration (`migrate.ts`). The plan hook
 * refuses a shrink (XAPI cannot shrink a disk) and changed block tracking XAPI would refuse
 * (`plan-cbt.ts`), and states the bytes an SR change moves.
 */
import { error } from '../../diagnostics';
import type { PlanRequest, PlanResponse, ResourceType } from '../resource';
import { locateImport } from '../kit/import-id';
import { lookup } from '../kit/refs';
import { num, str } from '../kit/values';
import { createVdi, deleteVdi, updateVdi } from './apply';
import { migrateVdi } from './migrate';
import { runningAttachment, VDI_CLASSES, vdiState } from './read';
import { cbtDiagnostics } from './plan-cbt';
import { vdiSchema } from './schema';
import { isUrl, localSourceSize, roundUpMiB } from './source-size';
import { isUnknown } from '../../values/value';

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(bytes % 2 ** 30 === 0 ? 0 : 1)} GiB`;
}

/**
 * A new disk without `size` takes its source image's size (`source-size.ts`): known now for a
 * local file, at apply for a raw image behind a URL. Without a source there is nothing to size
 * it from.
 */
function planNewSize(req: PlanRequest): PlanResponse {
  const { planned, config } = req;
  if (config.size !== null) return { planned };
  const source = str(planned.source);
  const format = str(planned.source_format) ?? 'raw';
  const refuse = (summary: string, detail: string, path: string): PlanResponse =>
    ({ planned, diagnostics: [error('xcp_vdi.size-unknown', summary, { path: [path], detail })] });
  if (isUnknown(planned.source)) return { planned };
  if (!source) return refuse('a disk needs a size', 'Set size (in bytes), or give a source image: the disk then takes the image\'s size.', 'size');
  if (isUrl(source)) {
    if (format === 'vhd') return refuse('a VHD image behind a URL needs a size', `The virtual size of ${source} is in its footer, at the end of the download. Set size (in bytes, at least the image's virtual size), or download the image and give its path.`, 'size');
    return { planned };
  }
  const sized = localSourceSize(source, format);
  if ('problem' in sized) return refuse('the disk cannot be sized from its source', `${sized.problem}. Fix source, or set size.`, 'source');
  return { planned: { ...planned, size: roundUpMiB(sized.bytes) } };
}

function planVdi(req: PlanRequest): PlanResponse {
  const cbt = cbtDiagnostics(req.planned);
  if (cbt.length) return { planned: req.planned, diagnostics: cbt };
  const { prior, planned } = req;
  if (!prior) return planNewSize(req);
  const before = num(prior.size);
  const after = num(planned.size);
  if (before !== undefined && after !== undefined && after < before) {
    return {
      planned,
      diagnostics: [error('plan.vdi-shrink', 'a disk cannot shrink', {
        path: ['size'],
        detail: `size goes from ${before} to ${after} bytes, but XAPI cannot shrink a disk. Keep size at ${before} or more; to start over with a smaller empty disk, replace it explicitly (-replace), which destroys its data.`,
      })],
    };
  }
  const records = req.world.pool(str(prior.pool) ?? '');
  const fromSr = str(prior.sr);
  const toSr = str(planned.sr);
  if (!fromSr || !toSr || fromSr === toSr) return { planned };
  const a = lookup(records, 'SR', fromSr);
  const b = lookup(records, 'SR', toSr);
  if (a.length === 1 && b.length === 1 && a[0] === b[0]) return { planned };
  const bytes = before ?? 0;
  const live = runningAttachment(records, str(prior.uuid) ?? '');
  const how = live ? `live storage motion (VM "${live.vm}" keeps running)` : 'copy to the new SR, then the old disk is destroyed';
  return { planned, bytesToMove: bytes, notes: [`moves ${gib(bytes)} by ${how}; the disk gets a new UUID`] };
}

/** The `xcp_vdi` resource type. */
export const vdiResource = {
  schema: vdiSchema,
  classes: VDI_CLASSES,
  read: ({ prior, world }) => ({ state: vdiState(world.pool(str(prior.pool) ?? ''), str(prior.uuid) ?? '', prior) }),
  plan: planVdi,
  create: createVdi,
  update: updateVdi,
  migrate: migrateVdi,
  delete: deleteVdi,
  import: ({ id, world, defaultPool }) => {
    const at = locateImport('xcp_vdi', id, world, defaultPool, 'VDI');
    return 'records' in at ? { state: vdiState(at.records, at.uuid, null) } : at;
  },
  capabilities: {
    seconds: { create: 10, delete: 5 },
    hourlyCost: (attrs, card) => (typeof attrs.size === 'number' ? attrs.size : 0) / 1024 ** 3 * card.storageGibHour,
  },
} satisfies ResourceType;
