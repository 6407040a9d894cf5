/**
 * Builds a fresh pool the way an XCP-ng install looks: a pool object; per host host_metrics,
 * host_cpus, a dom0 VM, PIFs eth0 (management), eth1 and two spare NICs eth2/eth3 (unplugged, free
 * to bond) and a local SR with its PBD; pool-wide networks for eth0-eth3 and the host-internal
 * management network; a shared NFS SR and an ISO
 * library (shared when the pool has several hosts, so a standalone host can still join a pool);
 * and the default templates.
 */
import { Database } from '../db/database';
import { NULL_REF } from '../model/types';
import { GiB, MiB } from '../classes/ops';
import { Pool, World } from '../world';
import { templateRecords } from './templates';

/** How to build one pool. */
export interface PoolSpec {
  name: string;
  /** Number of hosts (at least 1). */
  hosts: number;
  /** Memory per host (default 64 GiB). */
  memoryGiB?: number;
  /** Physical CPUs per host (default 16). */
  cpus?: number;
}

export interface HostIdentity {
  uuid?: string;
  address: string;
  hostname: string;
}

const LOCAL_SR_SIZE = 512 * GiB;
const SHARED_SR_SIZE = 2048 * GiB;
const ISO_SR_SIZE = 100 * GiB;
const DOM0_MEMORY = 4 * GiB;
/** NICs of every host: eth0 carries management, eth1 guests; eth2 and eth3 are spare (bond them). */
const DEVICES = ['eth0', 'eth1', 'eth2', 'eth3'];

/** Two hex digits per byte value (a MAC per VIF.create; formatting each byte cost more than the hash). */
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A locally administered MAC derived from a seed, so worlds are reproducible. */
export function macFor(seed: string): string {
  // Two 32-bit multiply-xor lanes over the seed, then mixed into each other: 40 well-spread bits
  // without a cryptographic hash (a SHA-256 per NIC cost more than the rest of VIF.create).
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a = Math.imul(a ^ (b >>> 15), 0x2c1b3c6d) ^ Math.imul(b ^ (a >>> 13), 0x297a2d39);
  b = Math.imul(b ^ (a >>> 16), 0x9e3779b1) ^ (a >>> 7);
  const h = HEX_BYTES;
  return `02:${h[a >>> 24]}:${h[(a >>> 16) & 0xff]}:${h[(a >>> 8) & 0xff]}:${h[a & 0xff]}:${h[(b >>> 8) & 0xff]}`;
}

export function bootstrapPool(world: World, spec: PoolSpec, hosts: HostIdentity[]): Pool {
  const db = new Database();
  const shared = hosts.length > 1;
  const poolRef = db.create('pool', {
    name_label: spec.name,
    name_description: `Simulated pool ${spec.name}`,
    cpu_info: { cpu_count: String((spec.cpus ?? 16) * hosts.length), socket_count: String(2 * hosts.length), vendor: 'GenuineIntel' },
    restrictions: { restrict_vswitch_controller: 'false', restrict_pooling: 'false', restrict_cross_pool_migrate: 'false', restrict_hotfix_apply: 'false' },
    allowed_operations: ['ha_enable', 'cluster_create', 'designate_new_master'],
  });

  const networks: Record<string, string> = {};
  DEVICES.forEach((device, i) => {
    networks[device] = db.create('network', {
      name_label: `Pool-wide network associated with ${device}`,
      bridge: `xenbr${i}`,
      other_config: { automatic: 'true' },
      purpose: [],
    });
  });
  db.create('network', {
    name_label: 'Host internal management network',
    name_description: 'Network on which guests will be assigned a private link-local IP address which can be used to talk XenAPI',
    bridge: 'xenapi',
    other_config: { is_guest_installer_network: 'true', is_host_internal_management_network: 'true', ip_begin: '169.254.0.1', ip_end: '169.254.255.254', netmask: '255.255.0.0' },
  });

  const hostRefs = hosts.map((id) => addHost(db, spec, id, networks));

  let sharedSr = NULL_REF;
  if (shared) {
    sharedSr = db.create('SR', {
      name_label: 'NFS shared storage', name_description: `NFS SR [nfs.${spec.name}.sim:/export/${spec.name}]`,
      type: 'nfs', content_type: 'user', shared: true, physical_size: SHARED_SR_SIZE, sm_config: {}, other_config: { auto_scan: 'false' },
    });
    for (const h of hostRefs) db.create('PBD', { host: h, SR: sharedSr, device_config: { server: `nfs.${spec.name}.sim`, serverpath: `/export/${spec.name}`, nfsversion: '4.1' }, currently_attached: true });
  }
  const iso = db.create('SR', {
    name_label: 'ISO library', name_description: 'ISO images', type: 'iso', content_type: 'iso', shared,
    physical_size: ISO_SR_SIZE, other_config: { auto_scan: 'true' },
  });
  for (const h of shared ? hostRefs : hostRefs.slice(0, 1)) {
    db.create('PBD', { host: h, SR: iso, device_config: { location: shared ? `nfs.${spec.name}.sim:/export/iso` : '/opt/iso', type: shared ? 'nfs_iso' : 'local' }, currently_attached: true });
  }
  let isoUsed = 0;
  for (const [name, size] of [['debian-12.5.0-amd64-netinst.iso', 650 * MiB], ['ubuntu-22.04.4-live-server-amd64.iso', 2 * GiB], ['Windows_Server_2022_x64.iso', 5 * GiB]] as const) {
    db.create('VDI', { name_label: name, SR: iso, virtual_size: size, physical_utilisation: size, type: 'user', read_only: true, location: name, sm_config: {} });
    isoUsed += size;
  }
  db.update('SR', iso, { physical_utilisation: isoUsed, virtual_allocation: isoUsed });

  const localSrOfMaster = db.all('SR').find(([, sr]) => sr.type === 'ext' && (sr.PBDs as string[]).some((p) => db.get('PBD', p)?.host === hostRefs[0]))![0];
  const defaultSr = shared ? sharedSr : localSrOfMaster;
  db.update('pool', poolRef, { master: hostRefs[0], default_SR: defaultSr, suspend_image_SR: defaultSr, crash_dump_SR: defaultSr });

  for (const t of templateRecords()) db.create('VM', { ...t, allowed_operations: ['clone', 'copy', 'export', 'provision'] });
  return world.addPool(spec.name, db);
}

/** Adds one host with its dom0, metrics, CPUs, PIFs and local SR. Returns the host ref. */
export function addHost(db: Database, spec: PoolSpec, id: HostIdentity, networks: Record<string, string>): string {
  const memory = (spec.memoryGiB ?? 64) * GiB;
  const cpus = spec.cpus ?? 16;
  const metrics = db.create('host_metrics', { memory_total: memory, memory_free: memory - DOM0_MEMORY, live: true });
  const host = db.create(
    'host',
    {
      name_label: id.hostname,
      name_description: 'Default install',
      hostname: id.hostname,
      address: id.address,
      enabled: true,
      metrics,
      memory_overhead: 256 * MiB,
      software_version: {
        product_brand: 'XCP-ng', product_version: '8.3.0', product_version_text: '8.3', product_version_text_short: '8.3',
        platform_name: 'XCP', platform_version: '3.4.0', build_number: 'release/yangtze/master/58', hostname: id.hostname,
        xapi: '24.19', xapi_build: '24.19.2', xen: '4.17.4-3', linux: '4.19.0+1', xencenter_min: '2.21', xencenter_max: '2.21', network_backend: 'openvswitch', db_schema: '5.775',
      },
      cpu_info: {
        cpu_count: String(cpus), socket_count: '2', vendor: 'GenuineIntel', speed: '2400.000', modelname: 'Intel(R) Xeon(R) simulated',
        family: '6', model: '85', stepping: '4', flags: 'fpu de tsc msr pae mce cx8 apic sep mca cmov pat clflush acpi mmx fxsr sse sse2 ht syscall nx lm',
        features: '1fcbfbff-f7fa3223-2d93fbff-00000023', features_pv: '', features_hvm: '',
      },
      capabilities: ['xen-3.0-x86_64', 'hvm-3.0-x86_32', 'hvm-3.0-x86_32p', 'hvm-3.0-x86_64'],
      license_params: { sku_type: 'xcp-ng', restrict_pooling: 'false', restrict_cross_pool_migrate: 'false' },
      iscsi_iqn: `iqn.2025-01.sim:${id.hostname}`,
      bios_strings: { 'bios-vendor': 'Xen', 'system-manufacturer': 'Xen', 'system-product-name': 'HVM domU' },
      API_version_vendor_implementation: {},
      allowed_operations: ['provision', 'evacuate', 'reboot', 'shutdown', 'vm_start', 'vm_resume', 'vm_migrate'],
    },
    id.uuid ? { uuid: id.uuid } : {},
  );
  for (let n = 0; n < cpus; n++) db.create('host_cpu', { host, number: n, flags: 'fpu de tsc msr pae', features: '1fcbfbff-f7fa3223' });

  const dom0Metrics = db.create('VM_metrics', { memory_actual: DOM0_MEMORY, VCPUs_number: Math.min(cpus, 8), state: [], current_domain_type: 'pv' });
  const dom0 = db.create('VM', {
    name_label: `Control domain on host: ${id.hostname}`, name_description: 'The domain which manages physical devices and manages other domains',
    is_control_domain: true, power_state: 'Running', resident_on: host, domid: 0, domain_type: 'pv',
    memory_static_min: DOM0_MEMORY, memory_static_max: DOM0_MEMORY, memory_dynamic_min: DOM0_MEMORY, memory_dynamic_max: DOM0_MEMORY, memory_target: DOM0_MEMORY,
    VCPUs_max: Math.min(cpus, 8), VCPUs_at_startup: Math.min(cpus, 8), metrics: dom0Metrics, allowed_operations: [],
  });
  db.update('host', host, { control_domain: dom0 });

  DEVICES.forEach((device, i) => {
    const management = i === 0;
    db.create('PIF', {
      device, host, network: networks[device], MAC: macFor(`${id.hostname}/${device}`), physical: true, currently_attached: management || i === 1,
      management, ip_configuration_mode: management ? 'Static' : 'None', IP: management ? id.address : '', netmask: management ? '255.0.0.0' : '',
      gateway: '', DNS: '', properties: { gro: 'on' }, capabilities: ['gro'],
    });
  });

  const sr = db.create('SR', {
    name_label: 'Local storage', name_description: `Local storage on ${id.hostname}`, type: 'ext', content_type: 'user', shared: false,
    physical_size: LOCAL_SR_SIZE, other_config: { 'i18n-key': 'local-storage' }, sm_config: { devserial: 'scsi-sim' },
  });
  db.create('PBD', { host, SR: sr, device_config: { device: '/dev/sda3' }, currently_attached: true });
  return host;
}
