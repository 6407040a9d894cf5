/**
 * Writes an OVF 2.0 descriptor for one VM with the sections in the order DSP0243 requires:
 * `References`, `DiskSection`, `NetworkSection`, then the `VirtualSystem` with `Info`, `Name`,
 * `AnnotationSection`, `OperatingSystemSection` and `VirtualHardwareSection` (System, then
 * items in the alphabetical child order the CIM schemas want). XenServer extras (boot policy,
 * platform flags) go in `xenovf:VirtualSystemOtherConfigurationData` as XenCenter writes them.
 */
import { escapeXml as x } from './xml-tree';
import { OVF_NS_2 } from './report';

/** Format URI for raw images (the one oVirt and virt-v2v write; a de facto convention). */
export const RAW_FORMAT_URI = 'http://en.wikipedia.org/wiki/Byte';
const RASD = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData';
const VSSD = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData';
const SASD = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData';
const EPASD = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData';
const XENOVF = 'http://schemas.citrix.com/ovf/envelope/1';

export interface ExportDisk {
  readonly userdevice: string;
  readonly name: string;
  readonly capacityBytes: number;
  readonly bootable: boolean;
  /** Name of the image file in the package. */
  readonly href: string;
  readonly fileSize: number;
}

export interface ExportNic {
  readonly device: string;
  readonly network: string;
  readonly networkDescription: string;
  readonly mac: string;
}

/** What the writer needs to know about the VM. */
export interface ExportVmModel {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly vcpus: number;
  readonly vcpusMax: number;
  readonly memoryBytes: number;
  /** `hvm-3.0-x86_64` or `xen-3.0-x86_64`. */
  readonly systemType: string;
  readonly disks: readonly ExportDisk[];
  readonly nics: readonly ExportNic[];
  readonly hasCd: boolean;
  readonly xenData: Readonly<Record<string, string>>;
}

const rasd = (fields: Record<string, string | undefined>, prefix = 'rasd'): string =>
  Object.keys(fields).sort().filter((k) => fields[k] !== undefined).map((k) => `<${prefix}:${k}>${x(fields[k]!)}</${prefix}:${k}>`).join('');

/** The descriptor text. */
export function writeEnvelope(vm: ExportVmModel): string {
  const out: string[] = [];
  const push = (indent: number, s: string): void => { out.push(`${'  '.repeat(indent)}${s}`); };
  push(0, '<?xml version="1.0" encoding="UTF-8"?>');
  push(0, `<Envelope xmlns="${OVF_NS_2}" xmlns:ovf="${OVF_NS_2}" xmlns:rasd="${RASD}" xmlns:vssd="${VSSD}" xmlns:sasd="${SASD}" xmlns:epasd="${EPASD}" xmlns:xenovf="${XENOVF}">`);
  push(1, '<References>');
  vm.disks.forEach((d, i) => push(2, `<File ovf:id="file${i + 1}" ovf:href="${x(d.href)}" ovf:size="${d.fileSize}"/>`));
  push(1, '</References>');
  push(1, '<DiskSection>');
  push(2, '<Info>Virtual disks</Info>');
  vm.disks.forEach((d, i) => push(2, `<Disk ovf:diskId="vmdisk${i + 1}" ovf:fileRef="file${i + 1}" ovf:capacity="${d.capacityBytes}" ovf:capacityAllocationUnits="byte" ovf:populatedSize="${d.fileSize}" ovf:format="${RAW_FORMAT_URI}"/>`));
  push(1, '</DiskSection>');
  const networks = [...new Map(vm.nics.map((n) => [n.network, n.networkDescription])).entries()];
  push(1, '<NetworkSection>');
  push(2, '<Info>Logical networks</Info>');
  for (const [name, description] of networks) push(2, `<Network ovf:name="${x(name)}"><Description>${x(description)}</Description></Network>`);
  push(1, '</NetworkSection>');
  push(1, `<VirtualSystem ovf:id="${x(vm.id)}">`);
  push(2, '<Info>A virtual machine exported by xcpform</Info>');
  push(2, `<Name>${x(vm.name)}</Name>`);
  if (vm.description) push(2, `<AnnotationSection><Info>Description</Info><Annotation>${x(vm.description)}</Annotation></AnnotationSection>`);
  push(2, '<OperatingSystemSection ovf:id="1"><Info>Guest operating system</Info><Description>Other</Description></OperatingSystemSection>');
  push(2, '<VirtualHardwareSection>');
  push(3, '<Info>Virtual hardware</Info>');
  push(3, `<System>${rasd({ ElementName: 'Virtual Hardware Family', InstanceID: '0', VirtualSystemIdentifier: vm.id, VirtualSystemType: vm.systemType }, 'vssd')}</System>`);
  let id = 1;
  push(3, `<Item>${rasd({ AllocationUnits: 'count', Description: 'Number of virtual CPUs', ElementName: `${vm.vcpus} virtual CPU(s)`, InstanceID: String(id++), Limit: String(vm.vcpusMax), ResourceType: '3', VirtualQuantity: String(vm.vcpus) })}</Item>`);
  push(3, `<Item>${rasd({ AllocationUnits: 'byte * 2^20', Description: 'Memory size', ElementName: `${vm.memoryBytes / 2 ** 20} MB of memory`, InstanceID: String(id++), ResourceType: '4', VirtualQuantity: String(Math.ceil(vm.memoryBytes / 2 ** 20)) })}</Item>`);
  const controller = String(id++);
  push(3, `<Item>${rasd({ Address: '0', Description: 'Virtual disk controller', ElementName: 'Xen virtual block device controller', InstanceID: controller, ResourceType: '20' })}</Item>`);
  vm.disks.forEach((d, i) => push(3, `<StorageItem>${rasd({ AddressOnParent: d.userdevice, Description: d.bootable ? 'Bootable disk' : 'Disk', ElementName: d.name, HostResource: `ovf:/disk/vmdisk${i + 1}`, InstanceID: String(id++), Parent: controller, ResourceType: '17' }, 'sasd')}</StorageItem>`));
  if (vm.hasCd) push(3, `<Item ovf:required="false">${rasd({ AddressOnParent: '3', ElementName: 'CD/DVD drive', InstanceID: String(id++), Parent: controller, ResourceType: '16' })}</Item>`);
  for (const n of vm.nics) {
    push(3, `<EthernetPortItem>${rasd({ Address: n.mac || undefined, AddressOnParent: n.device, Connection: n.network, ElementName: `Network interface ${n.device}`, InstanceID: String(id++), ResourceType: '10' }, 'epasd')}</EthernetPortItem>`);
  }
  for (const [name, value] of Object.entries(vm.xenData).sort(([a], [b]) => a.localeCompare(b))) {
    push(3, `<xenovf:VirtualSystemOtherConfigurationData ovf:required="false" Name="${x(name)}"><xenovf:Info>XenServer setting</xenovf:Info><xenovf:Value>${x(value)}</xenovf:Value></xenovf:VirtualSystemOtherConfigurationData>`);
  }
  push(2, '</VirtualHardwareSection>');
  push(1, '</VirtualSystem>');
  push(0, '</Envelope>');
  return `${out.join('\n')}\n`;
}
