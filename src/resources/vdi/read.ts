/**
 * `xcp_vdi` state from bulk records. The import source (`source`, `source_format`) is a
 * create-time input XAPI does not remember: it keeps its prior value.
 */
import type { XapiClass } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { readLabels } from '../kit/labels';
import { formOf, uuidOf } from '../kit/refs';
import { extraField } from '../kit/session';
import { sorted, str } from '../kit/values';

/** Classes `xcp_vdi` reads (VBD and VM to know whether a disk is attached to a running VM). */
export const VDI_CLASSES: readonly XapiClass[] = ['VDI', 'SR', 'VBD', 'VM'];

/** Maps a VDI to `xcp_vdi` state; null when it was destroyed. */
export function vdiState(records: PoolRecords, uuid: string, prior: ObjectValue | null): ObjectValue | null {
  const found = records.byUuid('VDI', uuid);
  if (!found) return null;
  const v = found.record;
  return {
    id: v.uuid,
    uuid: v.uuid,
    pool: records.pool,
    ...readLabels(v, prior),
    sr: formOf(records, 'SR', v.SR, prior?.sr),
    size: v.virtual_size,
    type: v.type,
    sharable: v.sharable,
    read_only: v.read_only,
    on_boot: v.on_boot ?? 'persist',
    allow_caching: extraField(v, 'allow_caching', false),
    cbt_enabled: v.cbt_enabled ?? false,
    source: str(prior?.source) ?? null,
    source_format: str(prior?.source_format) ?? 'raw',
    physical_utilisation: v.physical_utilisation,
    is_a_snapshot: v.is_a_snapshot,
    snapshot_of: uuidOf(records, 'VDI', v.snapshot_of),
    vbds: sorted(v.VBDs.map((b) => records.get('VBD', b)?.uuid ?? '').filter(Boolean)),
  };
}

/** The VBD attaching the VDI to a running VM, if any (decides storage motion vs copy). */
export function runningAttachment(records: PoolRecords, uuid: string) {
  const found = records.byUuid('VDI', uuid);
  if (!found) return undefined;
  for (const b of found.record.VBDs) {
    const vbd = records.get('VBD', b);
    const vm = vbd && records.get('VM', vbd.VM);
    if (vbd && vm && vbd.currently_attached && vm.power_state === 'Running') return { vbd: b, vm: vm.name_label };
  }
  return undefined;
}
