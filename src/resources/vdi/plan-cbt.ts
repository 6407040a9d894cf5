/**
 * Changed block tracking as XAPI allows it: only on `user` and `system` disks
 * (VDI_INCOMPATIBLE_TYPE otherwise) and not on a disk reset at every boot
 * (VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION). Refused at plan time, where the fix is clear.
 */
import { error, type Diagnostic } from '../../diagnostics';
import type { ObjectValue } from '../../values/value';
import { bool, str } from '../kit/values';

export function cbtDiagnostics(planned: ObjectValue): Diagnostic[] {
  if (bool(planned.cbt_enabled) !== true) return [];
  const type = str(planned.type);
  if (type !== undefined && !['user', 'system'].includes(type)) {
    return [error('xcp_vdi.cbt-type', `changed block tracking needs a user or system disk, not "${type}"`, {
      detail: 'XAPI tracks changed blocks only on user and system disks. Set cbt_enabled = false, or type = "user".',
      path: ['cbt_enabled'],
    })];
  }
  if (str(planned.on_boot) === 'reset') {
    return [error('xcp_vdi.cbt-on-boot-reset', 'changed block tracking cannot run on a disk reset at every boot', {
      detail: 'XAPI refuses changed block tracking when on_boot = "reset" (the disk is thrown away at each boot). Set cbt_enabled = false, or on_boot = "persist".',
      path: ['cbt_enabled'],
    })];
  }
  return [];
}
