/**
 * Everything the fidelity generator knows beyond the schema, in one table: what the simulated
 * pools start with, which values XAPI (the simulator) accepts for attributes whose schema
 * cannot say so (names, devices, SR drivers, sizes), which attributes are not edited and why,
 * which read-only attributes change by themselves (never read by generated outputs), and the
 * update classes that depend on the prior value. The schema supplies the rest (types,
 * validators, update classes).
 */
import type { Rng } from './rng';
import { applianceRef, freeVdiRef, hostName, networkRef, plainNetworkRef, poolOf, stableHostNames, templateRef, userSrRef, vmUuidRef, type ValueContext } from './refs';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export interface TemplateFacts {
  readonly name: string;
  readonly minMemory: number;
  /** Size of the disk the template provisions at userdevice "0" (0: none). */
  readonly disk: number;
  readonly vcpus: number;
  readonly uefi: boolean;
  /** Worth cloning in generated VMs (Windows templates are slow to reason about and add nothing). */
  readonly vmTemplate: boolean;
}

/** What every simulated pool holds from the start (src/simulator/bootstrap). */
export const EXISTING = {
  hosts: (pool: string): string[] => [`${pool}-host1`, `${pool}-host2`],
  hostAddress: (poolIndex: number, host: number): string => `127.0.${poolIndex + 1}.${host + 1}`,
  sharedSr: 'NFS shared storage',
  networks: ['Pool-wide network associated with eth0', 'Pool-wide network associated with eth1'],
  managementNetwork: 'Pool-wide network associated with eth0',
  isos: ['debian-12.5.0-amd64-netinst.iso', 'ubuntu-22.04.4-live-server-amd64.iso'],
  templates: [
    { name: 'Other install media', minMemory: 512 * MiB, disk: 0, vcpus: 1, uefi: false, vmTemplate: true },
    { name: 'Debian Bookworm 12', minMemory: 512 * MiB, disk: 10 * GiB, vcpus: 1, uefi: false, vmTemplate: true },
    { name: 'Ubuntu Jammy Jellyfish 22.04', minMemory: 1 * GiB, disk: 10 * GiB, vcpus: 1, uefi: false, vmTemplate: true },
    { name: 'Rocky Linux 9', minMemory: 1 * GiB, disk: 10 * GiB, vcpus: 2, uefi: false, vmTemplate: true },
    { name: 'Windows Server 2022 (64-bit)', minMemory: 2 * GiB, disk: 32 * GiB, vcpus: 2, uefi: true, vmTemplate: false },
  ] as readonly TemplateFacts[],
  /** Physical devices every host has (VLANs go on them). */
  devices: ['eth0', 'eth1'],
};

/** SR drivers the simulator's `SR.create` accepts, with the `device_config` each needs. */
export const SR_KINDS: readonly { type: string; shared: boolean; content: 'user' | 'iso'; deviceConfig: (rng: Rng) => Record<string, string> }[] = [
  { type: 'nfs', shared: true, content: 'user', deviceConfig: (r) => ({ server: `10.0.0.${r.int(2, 250)}`, serverpath: `/exports/${r.word()}` }) },
  { type: 'ext', shared: false, content: 'user', deviceConfig: (r) => ({ device: `/dev/sd${r.pick(['b', 'c', 'd'])}` }) },
  { type: 'lvm', shared: false, content: 'user', deviceConfig: (r) => ({ device: `/dev/sd${r.pick(['b', 'c', 'd'])}` }) },
  { type: 'smb', shared: true, content: 'user', deviceConfig: (r) => ({ server: `//10.0.0.${r.int(2, 250)}/${r.word()}` }) },
  { type: 'iso', shared: true, content: 'iso', deviceConfig: (r) => ({ location: `nfs.example:/iso/${r.word()}` }) },
];

/** `type.path` of configurable attributes the generator never edits, and why. */
export const NOT_EDITED: Readonly<Record<string, string>> = {
  'xcp_vdi.source': 'needs an image file or URL to import',
  'xcp_vdi.source_format': 'only meaningful with source',
  'xcp_appliance.ovf_source': 'needs an OVF package',
  'xcp_appliance.import_sr': 'only meaningful with ovf_source',
  'xcp_appliance.import_network_map': 'only meaningful with ovf_source',
  'xcp_appliance.ovf_deployment': 'only meaningful with ovf_source',
  'xcp_appliance.vms': 'generated VMs join with xcp_vm.appliance; both at once is a conflict, not a value',
  'xcp_pool.ha_enabled': 'needs heartbeat SRs set in the same edit (a two-attribute change)',
  'xcp_pool.ha_heartbeat_srs': 'only meaningful with ha_enabled',
  'xcp_pool.ha_host_failures_to_tolerate': 'only meaningful with ha_enabled',
  'xcp_host.address': 'a new address means joining another host, which the simulated pool does not have',
  'xcp_vm.is_template': 'one-way conversion that conflicts with power_state',
  'xcp_vpn_link.remote_pool': 'cases have two pools only',
  'xcp_vpn_link.pool': 'cases have two pools only',
  // Served by the simulator since issue 21 (test/simulator-datamodel.test.ts; applied and re-planned in
  // resources-infra-coverage / resources-compute-vm), not generated yet: generating them changes the quick
  // batches' draws, which then meet open failures of other attributes (MTU settling, VM_REQUIRES_SR).
  'xcp_network.purpose': 'served; generation pending (nbd with insecure_nbd is a plan error)',
  'xcp_network.default_locking_mode': 'served; generation pending',
  'xcp_sr.local_caching': 'one IntelliCache SR per host: two generated local SRs of one host would take the cache from each other',
  'xcp_vdi.allow_caching': 'served; generation pending',
  'xcp_vdi.cbt_enabled': 'served; generation pending (needs a user/system disk that is not reset on boot: a plan error otherwise)',
  'xcp_host.power_on_mode': 'served; generation pending',
  'xcp_host.hostname': 'served; generation pending (host.set_hostname_live refuses invalid names)',
  'xcp_host.iscsi_iqn': 'served; generation pending',
  'xcp_host.logging': 'served; generation pending',
  'xcp_vm.ha_restart_priority': 'served; generation pending (restart, best-effort or empty)',
  'xcp_vm.vtpm': 'served; generation pending (needs a halted VM to change)',
  'xcp_vm.disk.name_description': 'new in issue 21 (test/vm-disk-description.test.ts); generation pending: a new edit target changes the quick batches\' draws, which then meet the open snapshot-revert failure (stale vbd_uuid after a revert)',
  'xcp_vm.nic.wait_for_ip': 'new in issue 21 (test/vm-nic-wait.test.ts); generation pending for the same reason as disk.name_description',
  'xcp_vm.installation_method': 'new in issue 21 (test/vm-installation-method.test.ts); generation pending for the same reason as disk.name_description (and cdrom is not generated at create)',
  'xcp_bond.pool': 'a bond names hosts and NICs of dc1; cloud1 has hosts of its own names',
  'xcp_bond.network': 'an existing network already connected on the host is refused (NETWORK_ALREADY_CONNECTED); the generated networks have no PIFs to share',
  // Offered by the schema, refused by the resource at plan time whatever the value.
  'xcp_appliance.other_config': 'the schema offers it, the resource refuses it at plan time (xcp_appliance.unsupported-attribute): VM_appliance has no other_config',
  'xcp_appliance.tags': 'the schema offers it, the resource refuses it at plan time (xcp_appliance.unsupported-attribute): VM_appliance has no tags',
};

/** Read-only attributes that change on their own (clock, traffic, guest boot): never read by generated outputs. */
export const VOLATILE = new Set([
  'start_time', 'domid', 'ip_address', 'ip_addresses', 'os_version', 'pv_drivers_version', 'allowed_operations', 'memory_free', 'resident_vms',
  'last_handshake', 'bytes_in', 'bytes_out', 'status', 'physical_utilisation', 'virtual_allocation', 'requires_reboot', 'monthly_cost', 'snapshot_time', 'vbds', 'vifs', 'hosts',
]);

/**
 * Attributes naming another object by name or UUID. XAPI knows an object by either, so the
 * state may keep the UUID where the configuration gives the name, and a new value naming the
 * same object is no change (refs.ts `sameObject` tells the generator's aliases apart).
 */
export const REFERENCE_ATTRIBUTES = new Set([
  'sr', 'host', 'affinity', 'network', 'suspend_sr', 'default_sr', 'suspend_image_sr', 'crash_dump_sr', 'master', 'transport_network',
  'star_center', 'hosts', 'vm', 'appliance', 'template', 'cdrom', 'vdi', 'uplink_network', 'remote_uplink_network', 'remote_network',
]);

/**
 * Expected-class exceptions decided by the prior value (the schema's class is the default):
 * returns the classes also accepted. Each entry cites the schema's own description.
 */
export function alsoAccepted(type: string, path: string, prior: Record<string, unknown>, next: unknown): string[] {
  // "Changed live up to vcpus_max; beyond it the VM is halted for the change."
  if (type === 'xcp_vm' && path === 'vcpus' && typeof next === 'number' && typeof prior.vcpus_max === 'number' && next > prior.vcpus_max) return ['halt'];
  // "on a halted VM it sets where it starts next": a halted VM's host is a plain update.
  if (type === 'xcp_vm' && path === 'host' && prior.power_state !== 'running') return ['in-place'];
  // A halted VM needs no halt: halt-class changes are plain updates.
  if (type === 'xcp_vm' && prior.power_state !== 'running') return ['in-place'];
  // "on_change = ignore": a cloud-init change is recorded in the state, the VM is not replaced.
  // The state holds the single cloud_init block as an object (a list in older states).
  const ci = (Array.isArray(prior.cloud_init) ? prior.cloud_init[0] : prior.cloud_init) as Record<string, unknown> | null | undefined;
  if (type === 'xcp_vm' && path.startsWith('cloud_init.') && ci?.on_change === 'ignore') return ['in-place'];
  return [];
}

export type ValueGen = (ctx: ValueContext) => unknown;

const SKIP = undefined;
const uniqueName = (ctx: ValueContext, stem: string): string => `fid${ctx.case.seed % 1000}-${stem}-${ctx.rng.int(100, 999)}`;
const memChoices = [512 * MiB, 1 * GiB, 2 * GiB, 3 * GiB, 4 * GiB];
/** The template a VM clones, also through `data.xcp_template.<name>.name_label`. */
export function templateOf(c: { blocks: readonly { mode: string; type: string; name: string; attrs: Record<string, unknown> }[] }, template: unknown): TemplateFacts | undefined {
  const m = /^\$\{data\.xcp_template\.([\w-]+)\.name_label\}$/.exec(String(template));
  const name = m ? c.blocks.find((b) => b.mode === 'data' && b.type === 'xcp_template' && b.name === m[1])?.attrs.name_label : template;
  return EXISTING.templates.find((t) => t.name === name);
}
const tplOf = (ctx: ValueContext): TemplateFacts | undefined => templateOf(ctx.case, ctx.block.attrs.template);
const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
/** Dynamic memory within [template minimum, memory], ordered min <= max; only when `memory` is set (the template's own dynamic range is not known here). */
const dynamicMemory = (ctx: ValueContext, lo: number | undefined, hi: number | undefined): number | undefined => {
  const memory = num(ctx.block.attrs.memory);
  if (memory === undefined) return SKIP;
  const options = memChoices.filter((m) => m <= memory && m <= (hi ?? memory) && m >= (lo ?? 0) && m >= (tplOf(ctx)?.minMemory ?? 512 * MiB));
  return options.length ? ctx.rng.pick(options) : SKIP;
};
const base64Key = (rng: Rng): string => Buffer.from(Array.from({ length: 32 }, () => rng.int(0, 255))).toString('base64');
const macOf = (rng: Rng): string => ['02', ...Array.from({ length: 5 }, () => rng.int(0, 255).toString(16).padStart(2, '0'))].join(':');
const instanceSuffix = (ctx: ValueContext): string => (ctx.block.count !== undefined ? '-${count.index}' : ctx.block.forEach ? '-${each.key}' : '');

/**
 * Values for attributes the schema cannot generate alone, keyed `type.path` (`*.path` for every
 * type). Generators return undefined when the case offers nothing valid (the edit is skipped).
 */
export const VALUES: Readonly<Record<string, ValueGen>> = {
  '*.name_label': (ctx) => `${uniqueName(ctx, ctx.block.type.replace('xcp_', ''))}${instanceSuffix(ctx)}`,
  '*.name_description': (ctx) => ctx.rng.pick(['', `${ctx.rng.word()} ${ctx.rng.word()}`, 'made by the fidelity test']),
  '*.tags': (ctx) => ctx.rng.subset(['web', 'db', 'team-a', 'team-b', 'prod', 'test'], 0, 3),
  '*.other_config': (ctx) => Object.fromEntries(ctx.rng.subset(['owner', 'cost_center', 'purpose'], 0, 2).map((k) => [k, ctx.rng.word()])),
  // Moving a block to the other pool only when nothing refers to it and it refers to nothing: references are per pool.
  '*.pool': (ctx) => {
    const me = `${ctx.block.type}.${ctx.block.name}.`;
    const referred = ctx.case.blocks.some((b) => JSON.stringify([b.attrs, b.blocks]).includes(me)) || ctx.case.outputs.some((o) => o.expr.includes(me));
    const refers = JSON.stringify([ctx.block.attrs, ctx.block.blocks]).includes('${');
    return ctx.case.pools.length > 1 && !referred && !refers ? ctx.case.pools.find((p) => p !== poolOf(ctx.block)) : SKIP;
  },

  'xcp_pool.default_sr': (ctx) => userSrRef(ctx),
  'xcp_pool.suspend_image_sr': (ctx) => userSrRef(ctx),
  'xcp_pool.crash_dump_sr': (ctx) => userSrRef(ctx),
  'xcp_pool.master': (ctx) => ctx.rng.pick(stableHostNames(ctx)),
  'xcp_pool.name_label': (ctx) => uniqueName(ctx, 'pool'),

  'xcp_host.hostname': (ctx) => uniqueName(ctx, 'node'),
  'xcp_host.suspend_image_sr': (ctx) => userSrRef(ctx),
  'xcp_host.crash_dump_sr': (ctx) => userSrRef(ctx),
  'xcp_host.logging': (ctx) => (ctx.rng.chance(0.5) ? { syslog_destination: `10.0.0.${ctx.rng.int(2, 250)}` } : {}),
  'xcp_host.power_on_mode': (ctx) => ctx.rng.pick(['', 'wake-on-lan']),
  'xcp_host.iscsi_iqn': (ctx) => `iqn.2026-01.test:${ctx.rng.word()}${ctx.rng.int(1, 99)}`,
  'xcp_host.join_username': () => 'root',
  'xcp_host.join_password': (ctx) => `pw-${ctx.rng.word()}-${ctx.rng.int(1000, 9999)}`,
  'xcp_host.maintenance': () => SKIP,

  'xcp_sr.type': (ctx) => { const k = SR_KINDS.find((s) => s.type === ctx.block.attrs.type); return k ? ctx.rng.pick(SR_KINDS.filter((s) => s.shared === k.shared && s.content === k.content && s.type !== k.type).map((s) => s.type).concat([k.type])) : SKIP; },
  'xcp_sr.content_type': () => SKIP,
  'xcp_sr.shared': () => SKIP,
  'xcp_sr.device_config': (ctx) => SR_KINDS.find((s) => s.type === ctx.block.attrs.type)?.deviceConfig(ctx.rng),
  'xcp_sr.device_config_secrets': (ctx) => (ctx.block.attrs.type === 'smb' ? { password: `s3cret-${ctx.rng.int(100, 999)}` } : SKIP),
  'xcp_sr.host': (ctx) => (ctx.block.attrs.shared ? SKIP : hostName(ctx)),
  'xcp_sr.size': (ctx) => ctx.rng.pick([256, 512, 1024]) * GiB,
  'xcp_sr.sm_config': (ctx) => (ctx.rng.chance(0.5) ? { allocation: ctx.rng.pick(['thin', 'thick']) } : {}),

  'xcp_vdi.sr': (ctx) => userSrRef(ctx),
  'xcp_vdi.size': (ctx) => (typeof ctx.current === 'number' ? ctx.current : 0) + ctx.rng.int(1, 8) * GiB,

  'xcp_network.mtu': (ctx) => ctx.rng.pick([1400, 1500, 9000]),
  'xcp_network.managed': () => SKIP,
  'xcp_network.purpose': (ctx) => ctx.rng.subset(['nbd', 'insecure_nbd'], 0, 1),

  'xcp_cloud_config.name': (ctx) => uniqueName(ctx, 'cc'),
  'xcp_cloud_config.template': (ctx) => ctx.rng.pick(['#cloud-config\npackages: [nginx]\n', '#cloud-config\nhostname: {name}\n', '#!/bin/sh\necho ready\n']),
  ...Object.fromEntries(['xcp_vm', 'xcp_vdi', 'xcp_sr', 'xcp_appliance', 'xcp_vm_snapshot'].flatMap((type) => ['create', 'update', 'delete']
    .map((op): [string, ValueGen] => [`${type}.timeouts.${op}`, (ctx) => ctx.rng.pick(['10m', '30m', '1h'])]))),
  // A bond takes dc1's spare NICs eth2/eth3 (VLANs and VMs are generated on eth0/eth1).
  'xcp_bond.host': (ctx) => ctx.rng.pick(EXISTING.hosts('dc1')),
  'xcp_bond.members': () => ['eth2', 'eth3'],
  'xcp_bond.mac': (ctx) => macOf(ctx.rng),
  // lacp properties only on a lacp bond (another mode with them is a plan error), and a mode change only without them.
  'xcp_bond.mode': (ctx) => (ctx.block.attrs.hashing_algorithm !== undefined || ctx.block.attrs.lacp_time !== undefined ? SKIP : ctx.rng.pick(['balance-slb', 'active-backup', 'lacp'])),
  'xcp_bond.hashing_algorithm': (ctx) => (ctx.block.attrs.mode === 'lacp' ? ctx.rng.pick(['src_mac', 'tcpudp_ports']) : SKIP),
  'xcp_bond.lacp_time': (ctx) => (ctx.block.attrs.mode === 'lacp' ? ctx.rng.pick(['fast', 'slow']) : SKIP),
  'xcp_vlan.tag': (ctx) => {
    // Tags are unique per device in a pool: XAPI refuses a second VLAN with the same tag.
    const used = new Set(ctx.case.blocks.filter((b) => b.type === 'xcp_vlan').map((b) => b.attrs.tag));
    let tag = ctx.rng.int(100, 3999);
    while (used.has(tag)) tag = ctx.rng.int(100, 3999);
    return tag;
  },
  'xcp_vlan.device': (ctx) => ctx.rng.pick(EXISTING.devices),
  'xcp_vlan.network': (ctx) => plainNetworkRef(ctx),
  'xcp_vlan.hosts': (ctx) => [hostName(ctx)],
  'xcp_vlan.mtu': (ctx) => ctx.rng.pick([1500, 9000]),
  'xcp_vlan.ip_config.host': (ctx) => hostName(ctx),
  'xcp_vlan.ip_config.ip': (ctx) => `192.168.${ctx.rng.int(1, 250)}.${ctx.rng.int(2, 250)}`,
  'xcp_vlan.ip_config.netmask': () => '255.255.255.0',
  'xcp_vlan.ip_config.gateway': (ctx) => `192.168.${ctx.rng.int(1, 250)}.1`,
  'xcp_vlan.ip_config.dns': () => '10.0.0.53',

  'xcp_private_network.transport_network': (ctx) => ctx.rng.pick(EXISTING.networks),
  'xcp_private_network.hosts': (ctx) => stableHostNames(ctx).slice(0, ctx.rng.int(1, 2)),
  'xcp_private_network.star_center': (ctx) => hostName(ctx),
  'xcp_private_network.mtu': (ctx) => ctx.rng.pick([1400, 1450, 8950]),

  'xcp_vm.template': (ctx) => templateRef(ctx),
  'xcp_vm.host': (ctx) => hostName(ctx),
  'xcp_vm.affinity': (ctx) => hostName(ctx),
  'xcp_vm.vcpus': (ctx) => ctx.rng.int(1, typeof ctx.block.attrs.vcpus_max === 'number' ? ctx.block.attrs.vcpus_max : 4),
  'xcp_vm.vcpus_max': (ctx) => Math.max(typeof ctx.block.attrs.vcpus === 'number' ? ctx.block.attrs.vcpus : 1, ctx.rng.pick([2, 4, 8])),
  'xcp_vm.cores_per_socket': (ctx) => { const m = typeof ctx.block.attrs.vcpus_max === 'number' ? ctx.block.attrs.vcpus_max : 0; return m ? ctx.rng.pick([1, 2, 4].filter((c) => m % c === 0)) : SKIP; },
  'xcp_vm.vcpu_weight': (ctx) => ctx.rng.pick([128, 256, 512]),
  'xcp_vm.vcpu_cap': (ctx) => ctx.rng.pick([0, 50, 100, 200]),
  'xcp_vm.memory': (ctx) => {
    const floor = Math.max(tplOf(ctx)?.minMemory ?? GiB, num(ctx.block.attrs.memory_dynamic_max) ?? 0, num(ctx.block.attrs.memory_dynamic_min) ?? 0);
    return ctx.rng.pick(memChoices.filter((m) => m >= floor).concat([4 * GiB]));
  },
  'xcp_vm.memory_static_min': (ctx) => (num(ctx.block.attrs.memory) === undefined ? SKIP : ctx.rng.pick([256 * MiB, 512 * MiB])),
  // Only below a configured dynamic maximum: the template's own dynamic maximum may be lower.
  'xcp_vm.memory_dynamic_min': (ctx) => (num(ctx.block.attrs.memory_dynamic_max) === undefined ? SKIP : dynamicMemory(ctx, undefined, num(ctx.block.attrs.memory_dynamic_max))),
  'xcp_vm.memory_dynamic_max': (ctx) => dynamicMemory(ctx, num(ctx.block.attrs.memory_dynamic_min), undefined),
  'xcp_vm.boot_order': (ctx) => ctx.rng.pick(['c', 'cd', 'dc', 'cdn', 'ncd']),
  'xcp_vm.videoram': (ctx) => ctx.rng.pick([4, 8, 16]),
  'xcp_vm.hvm_shadow_multiplier': (ctx) => ctx.rng.pick([1, 2, 4]),
  'xcp_vm.power_state': (ctx) => ctx.rng.pick(['running', 'running', 'halted', 'suspended', 'paused']),
  'xcp_vm.shutdown_timeout': (ctx) => ctx.rng.pick([30, 60, 120, 300]),
  'xcp_vm.start_order': (ctx) => ctx.rng.int(0, 5),
  'xcp_vm.start_delay': (ctx) => ctx.rng.int(0, 60),
  'xcp_vm.shutdown_delay': (ctx) => ctx.rng.int(0, 60),
  'xcp_vm.appliance': (ctx) => applianceRef(ctx),
  'xcp_vm.blocked_operations': (ctx) => (ctx.rng.chance(0.5) ? { destroy: 'protected by the fidelity test' } : {}),
  'xcp_vm.xenstore_data': (ctx) => Object.fromEntries(ctx.rng.subset(['role', 'env'], 0, 2).map((k) => [k, ctx.rng.word()])),
  'xcp_vm.suspend_sr': (ctx) => userSrRef(ctx),
  'xcp_vm.cdrom': (ctx) => ctx.rng.pick(EXISTING.isos),
  'xcp_vm.disk.userdevice': (ctx) => String(ctx.rng.int(4, 9)),
  'xcp_vm.disk.name_label': (ctx) => uniqueName(ctx, 'disk'),
  'xcp_vm.disk.size': (ctx) => (typeof ctx.current === 'number' ? ctx.current : 0) + ctx.rng.int(1, 4) * GiB,
  'xcp_vm.disk.sr': (ctx) => userSrRef(ctx),
  'xcp_vm.disk.vdi': (ctx) => freeVdiRef(ctx),
  'xcp_vm.nic.network': (ctx) => networkRef(ctx),
  'xcp_vm.nic.device': (ctx) => String(ctx.rng.int(3, 9)),
  'xcp_vm.nic.mac': (ctx) => macOf(ctx.rng),
  'xcp_vm.nic.mtu': (ctx) => ctx.rng.pick([1400, 1500, 9000]),
  'xcp_vm.nic.ipv4_allowed': (ctx) => [`10.${ctx.rng.int(0, 255)}.${ctx.rng.int(0, 255)}.${ctx.rng.int(2, 250)}`],
  'xcp_vm.nic.ipv6_allowed': (ctx) => [`fd00::${ctx.rng.int(1, 999)}`],
  'xcp_vm.nic.rate_limit_kbps': (ctx) => ctx.rng.pick([1000, 10000, 100000]),
  'xcp_vm.cloud_init.user_data': (ctx) => `#cloud-config\nhostname: ${ctx.rng.word()}\n`,
  'xcp_vm.cloud_init.network_config': (ctx) => `version: 2\nethernets:\n  eth0:\n    dhcp4: ${ctx.rng.pick(['true', 'false'])}\n`,
  'xcp_vm.cloud_init.meta_data': (ctx) => `instance-id: ${ctx.rng.word()}-${ctx.rng.int(1, 999)}\n`,
  'xcp_vm.wait_for_ip.cidr': (ctx) => ctx.rng.pick(['10.0.0.0/8', '0.0.0.0/0']),
  'xcp_vm.wait_for_ip.timeout': (ctx) => ctx.rng.pick([60, 120, 300]),
  'xcp_vm.placement.pools': (ctx) => ctx.rng.shuffle(ctx.case.pools),
  'xcp_vm.placement.sr_map': () => ({}),

  'xcp_vm_snapshot.vm': (ctx) => vmUuidRef(ctx),
  'xcp_vm_snapshot.revert_generation': (ctx) => (typeof ctx.current === 'number' ? ctx.current : 0) + 1,

  'xcp_vpn_link.network': (ctx) => plainNetworkRef(ctx, 'dc1'),
  'xcp_vpn_link.remote_network': (ctx) => plainNetworkRef(ctx, 'cloud1'),
  'xcp_vpn_link.local_cidrs': (ctx) => [`10.${ctx.rng.int(10, 99)}.0.0/16`],
  'xcp_vpn_link.remote_cidrs': (ctx) => [`10.${ctx.rng.int(100, 199)}.0.0/16`],
  'xcp_vpn_link.psk': (ctx) => (ctx.block.attrs.protocol === 'ipsec' ? `psk-${ctx.rng.word()}-${ctx.rng.int(100000, 999999)}-key` : SKIP),
  'xcp_vpn_link.private_key': (ctx) => (ctx.block.attrs.protocol !== 'ipsec' ? base64Key(ctx.rng) : SKIP),
  'xcp_vpn_link.remote_private_key': (ctx) => (ctx.block.attrs.protocol !== 'ipsec' ? base64Key(ctx.rng) : SKIP),
  'xcp_vpn_link.listen_port': (ctx) => ctx.rng.pick([51820, 51821, 4500]),
  'xcp_vpn_link.ike_policy': (ctx) => ctx.rng.pick(['aes256-sha256-modp2048', 'aes128-sha256-modp2048']),
  'xcp_vpn_link.esp_policy': (ctx) => ctx.rng.pick(['aes256gcm16', 'aes128gcm16']),
  'xcp_vpn_link.ike_lifetime': (ctx) => ctx.rng.pick([3600, 28800]),
  'xcp_vpn_link.esp_lifetime': (ctx) => ctx.rng.pick([1800, 3600]),
  'xcp_vpn_link.mtu': (ctx) => ctx.rng.pick([1380, 1420]),
  'xcp_vpn_link.bandwidth_mbps': (ctx) => ctx.rng.pick([100, 1000, 10000]),
  'xcp_vpn_link.gateway.template': () => 'Debian Bookworm 12',
  'xcp_vpn_link.gateway.vcpus': (ctx) => ctx.rng.int(1, 2),
  'xcp_vpn_link.gateway.memory': (ctx) => ctx.rng.pick([256, 512, 1024]) * MiB,
  'xcp_vpn_link.gateway.uplink_network': () => EXISTING.managementNetwork,
  'xcp_vpn_link.gateway.remote_uplink_network': () => EXISTING.managementNetwork,
  'xcp_vpn_link.gateway.public_ip': (ctx) => `203.0.113.${ctx.rng.int(2, 250)}`,
  'xcp_vpn_link.gateway.remote_public_ip': (ctx) => `198.51.100.${ctx.rng.int(2, 250)}`,
};

export { networkRef, templateRef, userSrRef, hostName, vmUuidRef, applianceRef, freeVdiRef, plainNetworkRef };
