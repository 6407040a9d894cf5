/**
 * How a virtual system of a package lands on XCP: resource names, disk `userdevice`s and NIC
 * `device`s. Shared by the configuration writer (`ovf import`) and the appliance importer, so
 * the VMs the importer creates carry the addresses of the `xcp_vm` blocks the writer emits and
 * those blocks adopt them instead of creating duplicates.
 */
import type { OrderedSystem, OvfCollection, OvfDiskDrive, OvfEnvelope, OvfFile, OvfNic, OvfVirtualSystem } from './model';
import { systemsInStartOrder } from './model';

/** XAPI puts the CD drive at userdevice 3 (xe and XenCenter do); disks skip it when there is one. */
export const CD_USERDEVICE = '3';
/** The template the imported VMs are made from: the blank HVM template every pool has. */
export const IMPORT_TEMPLATE = 'Other install media';

/** A Terraform identifier from free text: `Web Server 1` → `web_server_1`. */
export function resourceName(text: string): string {
  let s = text.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').replace(/__+/g, '_');
  if (!s) s = 'unnamed';
  if (!/^[a-z_]/.test(s)) s = `_${s}`;
  return s;
}

export interface DiskSlot {
  readonly drive: OvfDiskDrive;
  readonly userdevice: string;
  readonly bootable: boolean;
}

export interface NicSlot {
  readonly nic: OvfNic;
  readonly device: string;
}

/** One VM to create, with its place in the appliance. */
export interface VmLayout extends OrderedSystem {
  /** Name of the `xcp_vm` block (unique in the package). */
  readonly resource: string;
  readonly nameLabel: string;
  readonly disks: readonly DiskSlot[];
  readonly nics: readonly NicSlot[];
  readonly hasCd: boolean;
}

export interface ApplianceLayout {
  /** Name of the `xcp_appliance` block. */
  readonly resource: string;
  readonly nameLabel: string;
  readonly description: string;
  /** In start order. */
  readonly vms: readonly VmLayout[];
}

function slots(system: OvfVirtualSystem): { disks: DiskSlot[]; nics: NicSlot[]; hasCd: boolean } {
  const hasCd = system.hardware.removable.some((r) => r.kind === 'cd');
  const disks: DiskSlot[] = [];
  let next = 0;
  for (const drive of system.hardware.disks) {
    if (hasCd && String(next) === CD_USERDEVICE) next++;
    disks.push({ drive, userdevice: String(next++), bootable: disks.length === 0 });
  }
  return { disks, nics: system.hardware.nics.map((nic, i) => ({ nic, device: String(i) })), hasCd };
}

/** The layout of a whole package: names are unique, VMs in start order. */
export function applianceLayout(envelope: OvfEnvelope): ApplianceLayout {
  const content = envelope.content;
  const taken = new Set<string>();
  const unique = (base: string): string => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };
  const vms = systemsInStartOrder(envelope).map((o): VmLayout => ({
    ...o,
    resource: unique(resourceName(o.system.id || o.system.name || 'vm')),
    nameLabel: o.system.name || o.system.id,
    ...slots(o.system),
  }));
  const label = content.name || content.id || 'appliance';
  return {
    resource: resourceName(content.id || label),
    nameLabel: label,
    description: (content.kind === 'collection' ? (content as OvfCollection).annotation ?? content.info : content.annotation ?? content.info) ?? '',
    vms,
  };
}

/** The address the importer records on a VM (`xcpform:address`) so `xcp_vm.<name>` adopts it. */
export function vmAddress(vm: VmLayout): string {
  return `xcp_vm.${vm.resource}`;
}

/**
 * Name of the VDI an appliance import makes for a package ISO (`csr.iso (appliance <uuid>)`):
 * unique per imported appliance, so the `cdrom` of the `xcp_vm` block that adopts the VM names
 * exactly this ISO.
 */
export function isoVdiName(href: string, applianceUuid: string): string {
  return `${href} (appliance ${applianceUuid})`;
}

/** The ISO of the package attached to the VM's CD drive, when there is one. */
export function packageIso(vm: VmLayout): OvfFile | undefined {
  return vm.system.hardware.removable.find((r) => r.kind === 'cd' && r.file)?.file;
}
