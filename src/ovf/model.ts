/**
 * The typed model of an OVF envelope (DMTF DSP0243 1.x and 2.x) as xcpform reads it. Sizes are
 * in bytes (allocation units already applied), delays in seconds. Elements xcpform does not
 * use are not modelled; the raw hardware items are kept for tools that want more.
 */

/** `1` for `http://schemas.dmtf.org/ovf/envelope/1`, `2` for `.../envelope/2`, `0.9` for VMware's pre-standard draft. */
export type OvfVersion = '0.9' | '1' | '2';

/** A `References/File`. */
export interface OvfFile {
  readonly id: string;
  /** Relative name inside the package (URLs are refused by the reader). */
  readonly href: string;
  readonly size?: number;
  /** `gzip` when the file is stored compressed. */
  readonly compression?: 'gzip';
  /** When set the file is stored as `href.000000000`, `href.000000001`, ... of this size. */
  readonly chunkSize?: number;
}

/** Disk image formats xcpform tells apart (from `ovf:format` or the file extension). */
export type DiskFormat = 'raw' | 'vhd' | 'vmdk' | 'qcow2' | 'unknown';

/** A `DiskSection/Disk`: a virtual disk, blank when it has no file. */
export interface OvfDisk {
  readonly diskId: string;
  readonly fileRef?: string;
  /** From `ovf:capacity`, or (when the descriptor leaves it out) the disk file's virtual size; 0 until read. */
  readonly capacityBytes: number;
  /** True when `ovf:capacity` is missing: the package reader takes the size from the disk file. */
  readonly capacityFromFile?: boolean;
  readonly populatedSize?: number;
  readonly formatUri?: string;
  readonly format: DiskFormat;
  readonly parentRef?: string;
}

/** A `NetworkSection/Network`. */
export interface OvfNetwork {
  readonly name: string;
  readonly description?: string;
  /**
   * Not declared by the package: a NIC without a connection (or naming a network the
   * NetworkSection lacks) gets a network of its own, which the configuration leaves to a variable.
   */
  readonly implicit?: boolean;
}

/** A `DeploymentOptionSection/Configuration`. */
export interface OvfDeploymentOption {
  readonly id: string;
  readonly label?: string;
  readonly description?: string;
  readonly default: boolean;
}

/** The package's deployment options and the one this read chose. */
export interface OvfDeployment {
  readonly options: readonly OvfDeploymentOption[];
  readonly chosen: string;
}

/** One `rasd:Item` (or OVF 2 `StorageItem` / `EthernetPortItem`), fields by local name. */
export interface HardwareItem {
  readonly instanceId: string;
  readonly resourceType: number;
  readonly fields: Readonly<Record<string, string>>;
  /** `HostResource` may repeat; all values in order. */
  readonly hostResources: readonly string[];
  readonly required: boolean;
  readonly line: number;
}

/** A controller the disks hang on (ResourceType 5 IDE, 6 SCSI, 20 other storage). */
export interface OvfController {
  readonly instanceId: string;
  readonly resourceType: number;
  readonly subType?: string;
  readonly address?: string;
}

/** A disk drive item bound to its `DiskSection` disk. */
export interface OvfDiskDrive {
  readonly instanceId: string;
  readonly disk: OvfDisk;
  /** The file of the disk, when it is not blank. */
  readonly file?: OvfFile;
  readonly controller?: OvfController;
  readonly addressOnParent?: string;
  readonly name?: string;
}

/** An Ethernet adapter (ResourceType 10) on a named network. */
export interface OvfNic {
  readonly instanceId: string;
  readonly network: string;
  /** MAC address, lowercase and colon-separated, when given. */
  readonly mac?: string;
  readonly subType?: string;
  readonly addressOnParent?: string;
}

/** A CD/DVD (15/16) or floppy (14) drive, optionally with an ISO/image file. */
export interface OvfRemovableDrive {
  readonly instanceId: string;
  readonly kind: 'cd' | 'floppy';
  readonly file?: OvfFile;
}

/** The interpreted `VirtualHardwareSection`. */
export interface OvfHardware {
  readonly systemType?: string;
  readonly vcpus: number;
  readonly memoryBytes: number;
  readonly controllers: readonly OvfController[];
  /** In the order the VM should see them (controller, then slot, then document order). */
  readonly disks: readonly OvfDiskDrive[];
  readonly nics: readonly OvfNic[];
  readonly removable: readonly OvfRemovableDrive[];
  readonly items: readonly HardwareItem[];
}

/** `OperatingSystemSection`: a CIM OSType number and text. */
export interface OvfOperatingSystem {
  readonly id: number;
  readonly version?: string;
  readonly description?: string;
}

/** A `ProductSection/Property`. */
export interface OvfProperty {
  readonly key: string;
  readonly type: string;
  readonly value?: string;
  readonly userConfigurable: boolean;
  readonly password: boolean;
  readonly qualifiers?: string;
  readonly label?: string;
  readonly description?: string;
}

/** A `ProductSection`. */
export interface OvfProduct {
  readonly class?: string;
  readonly instance?: string;
  readonly product?: string;
  readonly vendor?: string;
  readonly version?: string;
  readonly fullVersion?: string;
  readonly productUrl?: string;
  readonly vendorUrl?: string;
  readonly properties: readonly OvfProperty[];
}

/** A `StartupSection/Item`. */
export interface OvfStartupItem {
  /** The `ovf:id` of a VirtualSystem or nested collection. */
  readonly id: string;
  readonly order: number;
  readonly startDelay: number;
  readonly stopDelay: number;
  readonly waitingForGuest: boolean;
  readonly startAction?: string;
  readonly stopAction?: string;
}

/** A `VirtualSystem`. */
export interface OvfVirtualSystem {
  readonly kind: 'system';
  readonly id: string;
  readonly name?: string;
  readonly info?: string;
  readonly annotation?: string;
  readonly hardware: OvfHardware;
  readonly os?: OvfOperatingSystem;
  readonly products: readonly OvfProduct[];
  /** Xen data (`xenovf:VirtualSystemOtherConfigurationData` Name → Value), when present. */
  readonly xenData: Readonly<Record<string, string>>;
}

/** A `VirtualSystemCollection` (possibly nested). */
export interface OvfCollection {
  readonly kind: 'collection';
  readonly id: string;
  readonly name?: string;
  readonly info?: string;
  readonly annotation?: string;
  readonly startup: readonly OvfStartupItem[];
  readonly products: readonly OvfProduct[];
  readonly members: readonly (OvfVirtualSystem | OvfCollection)[];
}

/** A whole envelope. */
export interface OvfEnvelope {
  readonly version: OvfVersion;
  readonly files: readonly OvfFile[];
  readonly disks: readonly OvfDisk[];
  readonly networks: readonly OvfNetwork[];
  readonly content: OvfVirtualSystem | OvfCollection;
  /** Present when the package has a DeploymentOptionSection. */
  readonly deployment?: OvfDeployment;
}

/** A virtual system with its effective start settings from the enclosing StartupSections. */
export interface OrderedSystem {
  readonly system: OvfVirtualSystem;
  readonly order: number;
  readonly startDelay: number;
  readonly stopDelay: number;
}

/**
 * The virtual systems of an envelope in start order (ascending `order`, then document order).
 * A system's settings come from the nearest StartupSection item naming it or one of its
 * enclosing collections; systems no item names get order 0.
 */
export function systemsInStartOrder(envelope: OvfEnvelope): OrderedSystem[] {
  const out: (OrderedSystem & { seq: number })[] = [];
  const walk = (node: OvfVirtualSystem | OvfCollection, inherited: OvfStartupItem | undefined, parentStartup: readonly OvfStartupItem[]): void => {
    const own = parentStartup.find((s) => s.id === node.id) ?? inherited;
    if (node.kind === 'system') {
      out.push({ system: node, order: own?.order ?? 0, startDelay: own?.startDelay ?? 0, stopDelay: own?.stopDelay ?? 0, seq: out.length });
      return;
    }
    for (const m of node.members) walk(m, own, node.startup);
  };
  walk(envelope.content, undefined, []);
  out.sort((a, b) => a.order - b.order || a.seq - b.seq);
  return out.map(({ seq: _seq, ...rest }) => rest);
}
