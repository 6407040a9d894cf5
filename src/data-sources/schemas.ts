/**
 * Data source schemas. Every data source is pool-qualified and fails on ambiguity with a
 * diagnostic listing the candidates (default templates share UUIDs across pools, so lookups are
 * always per pool).
 */
import { t } from '../schema/cty-type';
import { arg, defineDataSource, ro } from '../schema/dsl';
import { AttributeSchema } from '../schema/model';
import { hostsDataSchema, pifDataSchema, vdiDataSchema, vmsDataSchema } from './schemas-more';
import { cloudConfigDataSchema } from './cloud-config/schema';

export { hostsDataSchema, pifDataSchema, vdiDataSchema, vmsDataSchema };

function lookupAttributes(what: string): Record<string, AttributeSchema> {
  return {
    id: ro(t.string, `UUID of the ${what} found.`),
    pool: arg(t.string, 'optional-computed', 'Pool to search (a key of the provider\'s `pools`). Defaults to the provider\'s default pool.'),
    uuid: arg(t.string, 'optional-computed', `UUID of the ${what}.`),
    name_label: arg(t.string, 'optional-computed', `Name of the ${what}. The lookup fails, listing the candidates, when several match.`),
    name_description: ro(t.string, 'Description.'),
    other_config: ro(t.map(t.string), 'The `other_config` map.'),
  };
}

const diskObject = t.object({ userdevice: t.string, size: t.number, sr: t.string, bootable: t.bool, vdi_uuid: t.string });
const nicObject = t.object({ device: t.string, network: t.string, mac: t.string });

export const poolDataSchema = defineDataSource({
  typeName: 'xcp_pool',
  description: 'Looks up a pool: its coordinator, hosts, default SR, HA state and versions.',
  attributes: {
    ...lookupAttributes('pool'),
    master: ro(t.string, 'UUID of the coordinator host.'),
    hosts: ro(t.list(t.string), 'UUIDs of the hosts.'),
    default_sr: ro(t.string, 'UUID of the default SR.'),
    ha_enabled: ro(t.bool, 'Whether HA is enabled.'),
    cpu_info: ro(t.map(t.string), 'Common CPU features.'),
    software_version: ro(t.map(t.string), 'Software version of the coordinator.'),
    tags: ro(t.set(t.string), 'Tags.'),
  },
});

export const hostDataSchema = defineDataSource({
  typeName: 'xcp_host',
  description: 'Looks up a host by name, UUID or address.',
  attributes: {
    ...lookupAttributes('host'),
    address: arg(t.string, 'optional-computed', 'Management address of the host.'),
    enabled: ro(t.bool, 'Whether new VMs may start on the host.'),
    memory_total: ro(t.number, 'Total memory in bytes.'),
    memory_free: ro(t.number, 'Free memory in bytes.'),
    cpu_count: ro(t.number, 'Number of physical CPUs.'),
    resident_vms: ro(t.list(t.string), 'UUIDs of the VMs running on the host.'),
    pifs: ro(t.list(t.string), 'UUIDs of the physical interfaces.'),
    is_coordinator: ro(t.bool, 'Whether the host is the pool coordinator.'),
    hostname: ro(t.string, 'Host name.'),
    software_version: ro(t.map(t.string), 'Product version and build.'),
    tags: ro(t.set(t.string), 'Tags.'),
  },
});

export const srDataSchema = defineDataSource({
  typeName: 'xcp_sr',
  description: 'Looks up a storage repository by name or UUID, optionally narrowed by type, host (for local SRs) and tags.',
  attributes: {
    ...lookupAttributes('SR'),
    type: arg(t.string, 'optional-computed', 'SR type to match (`nfs`, `lvm`, `ext`, `iso`, ...).'),
    host: arg(t.string, 'optional', 'Only SRs with a PBD on this host (name or UUID): picks one host\'s local SR.'),
    tags: arg(t.set(t.string), 'optional-computed', 'Only SRs carrying all these tags.'),
    physical_size: ro(t.number, 'Physical size in bytes.'),
    physical_utilisation: ro(t.number, 'Bytes used.'),
    virtual_allocation: ro(t.number, 'Sum of the virtual sizes of the VDIs.'),
    shared: ro(t.bool, 'Whether the SR is shared by all hosts.'),
    content_type: ro(t.string, 'Content type (`user`, `iso`).'),
    pbds: ro(t.list(t.string), 'UUIDs of the PBDs.'),
    hosts: ro(t.list(t.string), 'UUIDs of the hosts with a plugged PBD.'),
  },
});

export const networkDataSchema = defineDataSource({
  typeName: 'xcp_network',
  description: 'Looks up a network by name, UUID, bridge, or VLAN tag and device.',
  attributes: {
    ...lookupAttributes('network'),
    bridge: arg(t.string, 'optional-computed', 'Bridge name (`xenbr0`, `xapi3`).'),
    vlan: arg(t.number, 'optional-computed', 'VLAN tag of the network\'s PIFs.'),
    device: arg(t.string, 'optional', 'Physical device of the VLAN (with `vlan`).'),
    mtu: ro(t.number, 'MTU.'),
    pifs: ro(t.list(t.string), 'UUIDs of the PIFs on the network.'),
    default_locking_mode: ro(t.string, 'Default locking mode of VIFs.'),
    managed: ro(t.bool, 'Whether XAPI manages the bridge.'),
    tags: ro(t.set(t.string), 'Tags.'),
  },
});

export const templateDataSchema = defineDataSource({
  typeName: 'xcp_template',
  description: 'Looks up a VM template of a pool, with its defaults: firmware, vCPUs, memory, disks and install methods.',
  attributes: {
    ...lookupAttributes('template'),
    default_only: arg(t.bool, 'optional', 'Only the templates installed with the pool (not custom ones).'),
    firmware: ro(t.string, '`bios` or `uefi`.'),
    vcpus: ro(t.number, 'Default vCPUs.'),
    memory: ro(t.number, 'Default static maximum memory in bytes.'),
    disks: ro(t.list(diskObject), 'Disks the template provisions.'),
    nics: ro(t.list(nicObject), 'Interfaces of the template.'),
    platform: ro(t.map(t.string), 'Platform flags.'),
    install_methods: ro(t.list(t.string), 'Supported install methods (`cdrom`, `http`, `ftp`, `nfs`).'),
    is_default: ro(t.bool, 'Whether the template is one of the pool\'s defaults.'),
    tags: ro(t.set(t.string), 'Tags.'),
  },
});

export const vmDataSchema = defineDataSource({
  typeName: 'xcp_vm',
  description: 'Looks up a VM by name, UUID or tags.',
  attributes: {
    ...lookupAttributes('VM'),
    tags: arg(t.set(t.string), 'optional-computed', 'Only VMs carrying all these tags.'),
    power_state: ro(t.string, 'Power state (`running`, `halted`, `suspended`, `paused`).'),
    host: ro(t.string, 'UUID of the host the VM runs on, empty when halted.'),
    ip_addresses: ro(t.list(t.string), 'IP addresses reported by the guest tools.'),
    vcpus: ro(t.number, 'vCPUs at startup.'),
    memory: ro(t.number, 'Static maximum memory in bytes.'),
    disks: ro(t.list(diskObject), 'Disks of the VM.'),
    nics: ro(t.list(nicObject), 'Interfaces of the VM.'),
    is_template: ro(t.bool, 'Whether it is a template.'),
  },
});

export const DATA_SOURCE_SCHEMAS = [poolDataSchema, hostDataSchema, srDataSchema, networkDataSchema, templateDataSchema, vmDataSchema, vdiDataSchema, pifDataSchema, hostsDataSchema, vmsDataSchema, cloudConfigDataSchema] as const;
