/**
 * Schemas of the data sources added for issue 21: one VDI, one PIF, and the lists of hosts and
 * VMs of a pool (sorted, so an output over them does not change order between runs).
 */
import { t } from '../schema/cty-type';
import { arg, defineDataSource, ro } from '../schema/dsl';
import { v } from '../schema/validators';

const poolArg = arg(t.string, 'optional-computed', 'Pool to search (a key of the provider\'s `pools`). Defaults to the provider\'s default pool.');
const sortOrder = arg(t.string, 'optional', 'Sort order of the list, `asc` (default) or `desc`.', { validators: [v.oneOf('asc', 'desc')] });

export const vdiDataSchema = defineDataSource({
  typeName: 'xcp_vdi',
  description: 'Looks up one virtual disk (VDI) of a pool by UUID, name, SR and tags.',
  attributes: {
    id: ro(t.string, 'UUID of the VDI found.'),
    pool: poolArg,
    uuid: arg(t.string, 'optional-computed', 'UUID of the VDI.'),
    name_label: arg(t.string, 'optional-computed', 'Name of the VDI. The lookup fails, listing the candidates, when several match.'),
    sr: arg(t.string, 'optional', 'Only VDIs on this SR (name or UUID).'),
    tags: arg(t.set(t.string), 'optional-computed', 'Only VDIs carrying all these tags.'),
    name_description: ro(t.string, 'Description.'),
    sr_uuid: ro(t.string, 'UUID of the SR holding the VDI.'),
    size: ro(t.number, 'Virtual size in bytes.'),
    type: ro(t.string, 'VDI type (`user`, `system`, `suspend`, ...).'),
    read_only: ro(t.bool, 'Whether the VDI is read-only.'),
    sharable: ro(t.bool, 'Whether several VMs may attach it at once.'),
    vms: ro(t.list(t.string), 'UUIDs of the VMs it is attached to, sorted.'),
    other_config: ro(t.map(t.string), 'The `other_config` map.'),
  },
});

export const pifDataSchema = defineDataSource({
  typeName: 'xcp_pif',
  description: 'Looks up one physical or VLAN interface (PIF) of a host by device, VLAN tag and host, or by UUID.',
  attributes: {
    id: ro(t.string, 'UUID of the PIF found.'),
    pool: poolArg,
    uuid: arg(t.string, 'optional-computed', 'UUID of the PIF.'),
    device: arg(t.string, 'optional-computed', 'Device name (`eth0`, `bond0`).'),
    vlan: arg(t.number, 'optional-computed', 'VLAN tag; `-1` (the default when a device is given) is the untagged interface.', { validators: [v.integer(-1, 4094)] }),
    host: arg(t.string, 'optional', 'Host (name or UUID). Needed when the pool has several hosts and no uuid is given.'),
    host_uuid: ro(t.string, 'UUID of the host.'),
    network: ro(t.string, 'UUID of the network the PIF connects.'),
    mac: ro(t.string, 'MAC address.'),
    mtu: ro(t.number, 'MTU.'),
    physical: ro(t.bool, 'Whether it is a physical interface.'),
    attached: ro(t.bool, 'Whether it is plugged.'),
    management: ro(t.bool, 'Whether it is the host\'s management interface.'),
    ip_configuration_mode: ro(t.string, '`None`, `DHCP` or `Static`.'),
    ip: ro(t.string, 'IPv4 address.'),
    netmask: ro(t.string, 'Netmask.'),
    gateway: ro(t.string, 'Gateway.'),
  },
});

const hostItem = t.object({
  uuid: t.string, name_label: t.string, address: t.string, enabled: t.bool, is_coordinator: t.bool,
  memory_total: t.number, memory_free: t.number, cpu_count: t.number, tags: t.list(t.string),
});

export const hostsDataSchema = defineDataSource({
  typeName: 'xcp_hosts',
  description: 'Lists the hosts of a pool, optionally those carrying given tags, sorted.',
  attributes: {
    id: ro(t.string, 'The pool name and filters of the list.'),
    pool: poolArg,
    tags: arg(t.set(t.string), 'optional', 'Only hosts carrying all these tags.'),
    sort_by: arg(t.string, 'optional', 'Attribute to sort by: `name_label` (default), `uuid`, `address` or `memory_free`.', { validators: [v.oneOf('name_label', 'uuid', 'address', 'memory_free')] }),
    sort_order: sortOrder,
    master: ro(t.string, 'UUID of the pool coordinator.'),
    hosts: ro(t.list(hostItem), 'The hosts, sorted.'),
  },
});

const vmItem = t.object({
  uuid: t.string, name_label: t.string, power_state: t.string, host: t.string, tags: t.list(t.string),
  vcpus: t.number, memory: t.number, ip_addresses: t.list(t.string),
});

export const vmsDataSchema = defineDataSource({
  typeName: 'xcp_vms',
  description: 'Lists the VMs of a pool (not templates, snapshots or control domains), filtered by power state, host, tags and name prefix, sorted by name.',
  attributes: {
    id: ro(t.string, 'The pool name and filters of the list.'),
    pool: poolArg,
    power_state: arg(t.string, 'optional', 'Only VMs in this power state.', { validators: [v.oneOf('running', 'halted', 'suspended', 'paused')] }),
    host: arg(t.string, 'optional', 'Only VMs running on this host (name or UUID).'),
    tags: arg(t.set(t.string), 'optional', 'Only VMs carrying all these tags.'),
    name_prefix: arg(t.string, 'optional', 'Only VMs whose name starts with this.'),
    vms: ro(t.list(vmItem), 'The VMs, sorted by name, then UUID.'),
  },
});
