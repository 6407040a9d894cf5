/**
 * Interprets a `VirtualHardwareSection`: rasd `Item`s (and OVF 2 `StorageItem` /
 * `EthernetPortItem`) become vCPUs, memory, controllers, disk drives bound to `DiskSection`
 * disks, NICs bound to `NetworkSection` networks, and removable drives. ResourceTypes xcpform
 * cannot honour are errors, or warnings when the item says `ovf:required="false"`.
 */
import { inConfiguration } from './deployment';
import type { HardwareItem, OvfController, OvfDeployment, OvfDisk, OvfDiskDrive, OvfFile, OvfHardware, OvfNetwork, OvfNic, OvfRemovableDrive } from './model';
import { ovfAttr, ovfBool, OvfReport } from './report';
import { bytesPerUnit, parseCount } from './units';
import { child, childText, type XmlElement } from './xml-tree';

/** CIM ResourceType numbers this reader understands. */
export const RESOURCE_TYPES = {
  processor: 3, memory: 4, ide: 5, scsi: 6, ethernet: 10, floppy: 14, cd: 15, dvd: 16, disk: 17, storageExtent: 19, otherStorage: 20,
} as const;
const SUPPORTED = new Set<number>(Object.values(RESOURCE_TYPES));
/**
 * Devices desktop and vSphere exports always carry that an XCP VM does without: a warning
 * naming the item, never a refusal (a VirtualBox export has USB and sound, ovftool's a floppy).
 */
const DROPPED: Readonly<Record<number, string>> = { 14: 'floppy drive', 21: 'serial port', 22: 'parallel port', 23: 'USB controller', 25: 'IEEE 1394 controller', 35: 'sound card' };
const CONTROLLERS = new Set<number>([5, 6, 20]);

/** What the hardware reader looks things up in. */
export interface HardwareLookups {
  readonly disks: ReadonlyMap<string, OvfDisk>;
  readonly files: ReadonlyMap<string, OvfFile>;
  readonly networks: ReadonlySet<string>;
  /** Networks made for NICs without a (declared) connection; the reader appends to it. */
  readonly implicitNetworks?: OvfNetwork[];
  /** The chosen deployment configuration: items of other configurations are skipped. */
  readonly deployment?: OvfDeployment;
  /** The `ovf:id` of the VirtualSystem, for names of implicit networks. */
  readonly systemId?: string;
}

function readItem(el: XmlElement): HardwareItem {
  const fields: Record<string, string> = {};
  const hostResources: string[] = [];
  for (const c of el.children) {
    if (c.local === 'HostResource') hostResources.push(c.text);
    else if (!(c.local in fields)) fields[c.local] = c.text;
  }
  return {
    instanceId: fields.InstanceID ?? '',
    resourceType: Number(fields.ResourceType ?? NaN),
    fields,
    hostResources,
    required: ovfBool(el, 'required', true),
    line: el.line,
  };
}

const itemLabel = (item: HardwareItem): string => `Item (InstanceID ${item.instanceId || '?'})`;

/** `aa-bb-...` or `AABBCC...` to `aa:bb:cc:dd:ee:ff`; undefined when not a MAC. */
export function normalizeMac(text: string): string | undefined {
  const hex = text.trim().toLowerCase().replace(/[-:.]/g, '');
  return /^[0-9a-f]{12}$/.test(hex) ? hex.match(/../g)!.join(':') : undefined;
}

/** The id in `ovf:/disk/<id>` (also `/disk/<id>`), or the file id in `ovf:/file/<id>`. */
function hostRef(value: string): { kind: 'disk' | 'file'; id: string } | undefined {
  const m = /^(?:ovf:)?\/(disk|file)\/(.+)$/.exec(value.trim());
  return m ? { kind: m[1] as 'disk' | 'file', id: m[2] } : undefined;
}

function quantity(item: HardwareItem, report: OvfReport, fallback: number): number | undefined {
  const raw = item.fields.VirtualQuantity;
  if (raw === undefined) return fallback;
  const n = parseCount(raw);
  if (n === undefined) {
    report.error('bad-value', itemLabel(item), `VirtualQuantity "${raw}" is not a whole number`, 'Fix the descriptor: VirtualQuantity must be a non-negative integer.', item.line);
  }
  return n;
}

/**
 * The network of an Ethernet item. A NIC without a Connection (vCloud writes "none") or naming
 * a network the NetworkSection lacks gets an implicit network of its own: the configuration
 * asks for it in a variable instead of refusing the package.
 */
function nicNetwork(item: HardwareItem, lookups: HardwareLookups, report: OvfReport): string {
  const connection = item.fields.Connection?.trim();
  if (connection && connection.toLowerCase() !== 'none' && lookups.networks.has(connection)) return connection;
  const declared = connection && connection.toLowerCase() !== 'none';
  const name = declared ? connection : `${lookups.systemId || 'vm'} nic ${item.instanceId || lookups.implicitNetworks?.length || 0}`;
  const implicit = lookups.implicitNetworks;
  if (implicit && !implicit.some((n) => n.name === name)) {
    implicit.push({ name, implicit: true, description: declared ? `named by NIC ${item.instanceId} of ${lookups.systemId ?? 'the VM'} but not declared in the NetworkSection` : `NIC ${item.instanceId} of ${lookups.systemId ?? 'the VM'} is not connected in the package` });
  }
  report.warning('unconnected-nic', itemLabel(item), declared ? `Connection "${connection}" is not a network of the NetworkSection` : 'Ethernet adapter is not connected to a network', `The configuration asks for the pool network of this adapter in a variable (network "${name}").`, item.line);
  return name;
}

/** Reads one VirtualHardwareSection; problems go to `report`. */
export function readHardware(section: XmlElement, lookups: HardwareLookups, report: OvfReport): OvfHardware {
  const items = section.children.filter((c) => ['Item', 'StorageItem', 'EthernetPortItem'].includes(c.local) && inConfiguration(c, lookups.deployment)).map(readItem);
  const system = child(section, 'System');
  let vcpus = 0;
  let memoryBytes = 0;
  const controllers = new Map<string, OvfController>();
  const controllerOrder = new Map<string, number>();
  for (const item of items) {
    if (!CONTROLLERS.has(item.resourceType)) continue;
    controllers.set(item.instanceId, { instanceId: item.instanceId, resourceType: item.resourceType, subType: item.fields.ResourceSubType, address: item.fields.Address });
    controllerOrder.set(item.instanceId, controllerOrder.size);
  }
  const disks: { drive: OvfDiskDrive; seq: number }[] = [];
  const nics: OvfNic[] = [];
  const removable: OvfRemovableDrive[] = [];
  items.forEach((item, seq) => {
    const label = itemLabel(item);
    const dropped = DROPPED[item.resourceType];
    if (dropped) {
      report.warning('ignored-item', label, `${dropped} "${item.fields.ElementName ?? item.fields.Description ?? 'unnamed'}" (ResourceType ${item.resourceType}) is left out`, `XCP VMs get no ${dropped} from a package; the VM is imported without it.`, item.line);
      return;
    }
    if (!SUPPORTED.has(item.resourceType)) {
      const what = Number.isNaN(item.resourceType) ? 'has no ResourceType' : `unsupported ResourceType ${item.resourceType}`;
      if (item.required) report.error('unsupported-resource-type', label, what, `xcpform cannot create this device (${item.fields.ElementName ?? 'no name'}) on XCP. Remove the item, or mark it ovf:required="false" to skip it.`, item.line);
      else report.warning('ignored-item', label, `${what}: ignored`, 'The item is marked ovf:required="false", so the import goes on without it.', item.line);
      return;
    }
    switch (item.resourceType) {
      case RESOURCE_TYPES.processor:
        vcpus += quantity(item, report, 1) ?? 0;
        return;
      case RESOURCE_TYPES.memory: {
        const n = quantity(item, report, 0) ?? 0;
        const units = item.fields.AllocationUnits ?? 'byte * 2^20';
        const factor = bytesPerUnit(units);
        if (factor === undefined) {
          report.error('unknown-unit', label, `unknown AllocationUnits "${units}"`, 'Memory must be given in byte units such as "byte * 2^20" (MiB) or "byte * 2^30" (GiB).', item.line);
          return;
        }
        memoryBytes += n * factor;
        return;
      }
      case RESOURCE_TYPES.ethernet: {
        const network = nicNetwork(item, lookups, report);
        let mac: string | undefined;
        if (item.fields.Address) {
          mac = normalizeMac(item.fields.Address);
          if (!mac) report.warning('bad-value', label, `Address "${item.fields.Address}" is not a MAC address: ignored`, 'XAPI will generate a MAC address for the interface.', item.line);
        }
        nics.push({ instanceId: item.instanceId, network, mac, subType: item.fields.ResourceSubType, addressOnParent: item.fields.AddressOnParent });
        return;
      }
      case RESOURCE_TYPES.disk:
      case RESOURCE_TYPES.storageExtent: {
        const ref = item.hostResources.map(hostRef).find(Boolean);
        if (!ref || ref.kind !== 'disk') {
          report.error('bad-reference', label, `disk drive has no HostResource "ovf:/disk/<id>"${item.hostResources.length ? ` (got "${item.hostResources[0]}")` : ''}`, 'Point the disk drive at a DiskSection disk with HostResource ovf:/disk/<diskId>.', item.line);
          return;
        }
        const disk = lookups.disks.get(ref.id);
        if (!disk) {
          report.error('bad-reference', label, `HostResource names disk "${ref.id}", which the DiskSection does not declare`, 'Declare the disk in the DiskSection or fix the HostResource.', item.line);
          return;
        }
        const parent = item.fields.Parent;
        const controller = parent !== undefined ? controllers.get(parent) : undefined;
        if (parent !== undefined && !controller) {
          report.error('bad-reference', label, `Parent "${parent}" is not the InstanceID of a controller`, 'Parent must name an IDE (5), SCSI (6) or other storage (20) controller item.', item.line);
          return;
        }
        const file = disk.fileRef !== undefined ? lookups.files.get(disk.fileRef) : undefined;
        const drive: OvfDiskDrive = { instanceId: item.instanceId, disk, file, controller, addressOnParent: item.fields.AddressOnParent, name: item.fields.ElementName };
        disks.push({ drive, seq });
        return;
      }
      case RESOURCE_TYPES.cd:
      case RESOURCE_TYPES.dvd:
      case RESOURCE_TYPES.floppy: {
        const ref = item.hostResources.map(hostRef).find(Boolean);
        let file: OvfFile | undefined;
        if (ref?.kind === 'file') file = lookups.files.get(ref.id);
        if (ref?.kind === 'disk') file = lookups.disks.get(ref.id)?.fileRef !== undefined ? lookups.files.get(lookups.disks.get(ref.id)!.fileRef!) : undefined;
        if (ref && !file) {
          report.error('bad-reference', label, `HostResource "${item.hostResources[0]}" names no file of the package`, 'Fix the HostResource or add the file to References.', item.line);
          return;
        }
        removable.push({ instanceId: item.instanceId, kind: item.resourceType === RESOURCE_TYPES.floppy ? 'floppy' : 'cd', file });
        return;
      }
      default:
        return; // controllers, handled above
    }
  });
  const slot = (d: OvfDiskDrive): number => parseCount(d.addressOnParent) ?? 0;
  const ctl = (d: OvfDiskDrive): number => (d.controller ? controllerOrder.get(d.controller.instanceId)! : Number.MAX_SAFE_INTEGER);
  disks.sort((a, b) => ctl(a.drive) - ctl(b.drive) || slot(a.drive) - slot(b.drive) || a.seq - b.seq);
  return {
    systemType: system ? childText(system, 'VirtualSystemType') : undefined,
    vcpus: vcpus || 1,
    memoryBytes,
    controllers: [...controllers.values()],
    disks: disks.map((d) => d.drive),
    nics,
    removable,
    items,
  };
}
