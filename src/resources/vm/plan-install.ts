/**
 * The installation method of a VM (`installation_method`): `template` (the template's disks
 * hold the system), `cdrom` (boot the ISO in `cdrom` first) or `network` (PXE boot first). The
 * method sets the boot order unless `boot_order` is given; the combinations that cannot work
 * are plan errors on the attribute to change.
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, type ObjectValue } from '../../values/value';
import { str } from '../kit/attrs';

/** Boot order each method gives when `boot_order` is not configured. */
const BOOT_ORDER: Readonly<Record<string, string>> = { cdrom: 'dc', network: 'nc' };
/** The boot device letter a method needs first. */
const FIRST: Readonly<Record<string, string>> = { cdrom: 'd', network: 'n' };

/** Sets the planned boot order from the method when the configuration leaves it out. */
export function plannedBootOrder(planned: ObjectValue, config: ObjectValue): void {
  const method = str(planned, 'installation_method');
  if (method && BOOT_ORDER[method] && (config.boot_order ?? null) === null) planned.boot_order = BOOT_ORDER[method];
}

export function installDiagnostics(planned: ObjectValue): Diagnostic[] {
  const method = str(planned, 'installation_method');
  if (!method || method === 'template') return [];
  const out: Diagnostic[] = [];
  const cdrom = planned.cdrom ?? null;
  if (method === 'cdrom' && cdrom === null) {
    out.push(error('xcp_vm.install-needs-cdrom', 'installation_method "cdrom" needs an ISO in cdrom', {
      detail: 'The VM boots its CD drive first to install from it. Set cdrom to the installer ISO (name or UUID), or use installation_method = "network" or "template".',
      path: ['installation_method'],
    }));
  }
  if (method === 'network' && cdrom !== null) {
    out.push(error('xcp_vm.install-conflict', 'installation_method "network" and cdrom exclude each other', {
      detail: 'A network (PXE) install boots from the network, not from an ISO. Remove cdrom, or use installation_method = "cdrom".',
      path: ['cdrom'],
    }));
  }
  const order = planned.boot_order;
  if (typeof order === 'string' && !isUnknown(order) && !order.startsWith(FIRST[method])) {
    out.push(error('xcp_vm.install-boot-order', `boot_order "${order}" does not boot the ${method === 'cdrom' ? 'CD drive' : 'network'} first`, {
      detail: `installation_method "${method}" needs boot_order to start with "${FIRST[method]}". Leave boot_order out (the method sets "${BOOT_ORDER[method]}"), or change it.`,
      path: ['boot_order'],
    }));
  }
  return out;
}
