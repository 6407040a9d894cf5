/**
 * One side of a VPN link: a gateway VM cloned from a Linux template, with an interface on the
 * uplink (device 0) and one on the joined network (device 1), a small config drive holding its
 * tunnel configuration (keys included; never recorded anywhere else), started and waited for
 * until it reports its uplink address.
 */
import http from 'node:http';
import https from 'node:https';
import type { Ref, XapiRecord } from '../../xenapi';
import type { PoolRecords } from '../snapshot';
import { ADDRESS_KEY, findByAddress, LINEAGE_KEY, VDI_OWNER_KEY } from '../kit/owned-keys';
import { resolve } from '../kit/refs';
import type { XapiOps } from '../kit/xapi-ops';
import { applySizing, fixedSizing, sizingOf } from '../kit/sizing';

export type Role = 'local' | 'remote';
export const LINK_KEY = 'xcpform:vpn-link';
export const ROLE_KEY = 'xcpform:vpn-role';
export const PARAMS_KEY = 'xcpform:vpn-params';
export const PARAMS_HASH_KEY = 'xcpform:vpn-params-hash';
export const SECRET_HASH_KEY = 'xcpform:vpn-secret-hash';
export const SALT_KEY = 'xcpform:vpn-salt';
export const PUBKEY_KEY = 'xcpform:vpn-public-key';
export const DEFAULT_GATEWAY_TEMPLATE = 'Debian Bookworm 12';
const MIB = 1024 * 1024;

export interface GatewaySpec {
  readonly role: Role;
  readonly address: string;
  readonly linkId: string;
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly template: string;
  readonly network: string;
  readonly uplink?: string;
  readonly vcpus: number;
  readonly memory: number;
  /** other_config keys describing the configuration (no secrets). */
  readonly keys: Readonly<Record<string, string>>;
  readonly userData: string;
}

/** The gateway of `role` for link `linkId` in a pool's records. */
export function findGateway(records: PoolRecords, linkId: string, role: Role): { ref: Ref<'VM'>; record: XapiRecord<'VM'> } | undefined {
  for (const [ref, vm] of records.all('VM')) {
    if (vm.other_config[LINK_KEY] === linkId && vm.other_config[ROLE_KEY] === role && !vm.is_a_template) return { ref, record: vm };
  }
  return undefined;
}

/** The management network: the network of a PIF with `management = true`. */
export function managementNetwork(records: PoolRecords): Ref<'network'> | undefined {
  for (const [, pif] of records.all('PIF')) if (pif.management) return pif.network;
  return undefined;
}

/** Address the gateway reports on its uplink (device 0), from guest metrics. */
export function uplinkAddress(records: PoolRecords, vm: XapiRecord<'VM'>): string | undefined {
  const gm = records.get('VM_guest_metrics', vm.guest_metrics);
  return gm?.networks['0/ip'] ?? gm?.networks['0/ipv4/0'];
}

/**
 * The name a gateway clone carries until it is tagged: `VM.clone` cannot set other_config, so a
 * crash (or a lost reply) right after it would otherwise leave a VM nothing identifies.
 */
export function pendingGatewayName(address: string, lineage?: string): string {
  return `xcpform:creating ${lineage ?? '-'} ${address}`;
}

/** A gateway an interrupted create left: tagged (a template still, when it stopped before the end) or untagged with the pending name. */
function leftoverGateway(records: PoolRecords, address: string, lineage?: string): { ref: Ref<'VM'>; record: XapiRecord<'VM'> } | undefined {
  const tagged = findByAddress(records, 'VM', address, lineage).filter((x) => !x.record.is_a_snapshot && !x.record.is_control_domain);
  const pending = records.byName('VM', pendingGatewayName(address, lineage)).filter((x) => !(ADDRESS_KEY in x.record.other_config));
  return [...tagged.sort((a, b) => Number(a.record.is_a_template) - Number(b.record.is_a_template)), ...pending][0];
}

/** Creates (or adopts, by its address key or pending name) the gateway VM of one side and starts it. */
export async function provisionGateway(ops: XapiOps, records: PoolRecords, spec: GatewaySpec): Promise<Ref<'VM'>> {
  const adopted = leftoverGateway(records, spec.address, ops.ctx.lineage);
  let vm: Ref<'VM'>;
  if (adopted) {
    vm = adopted.ref;
  } else {
    const template = resolve(ops, records, 'VM', spec.template, 'gateway.template');
    vm = await ops.call<Ref<'VM'>>('clone the gateway template', 'VM.clone', template, pendingGatewayName(spec.address, ops.ctx.lineage));
  }
  // Each step below is skipped when an interrupted create already made it.
  const left = adopted?.record;
  if (left?.other_config[ADDRESS_KEY] !== spec.address) await ops.call('mark the gateway as xcpform\'s', 'VM.add_to_other_config', vm, ADDRESS_KEY, spec.address);
  if (ops.ctx.lineage && left?.other_config[LINEAGE_KEY] !== ops.ctx.lineage) await ops.call('record the state lineage on the gateway', 'VM.add_to_other_config', vm, LINEAGE_KEY, ops.ctx.lineage);
  if (left?.name_label !== spec.name) await ops.call('name the gateway', 'VM.set_name_label', vm, spec.name);
  if (!left || left.is_a_template) {
    if (!left || left.VBDs.length === 0) await ops.call('provision the gateway disks', 'VM.provision', vm);
    await ops.call('turn the clone into a VM', 'VM.set_is_a_template', vm, false);
  }
  const rec = records.get('VM', vm);
  for (const [k, v] of Object.entries({ ...spec.keys, [LINK_KEY]: spec.linkId, [ROLE_KEY]: spec.role })) {
    if (rec?.other_config[k] === v) continue;
    if (rec && k in rec.other_config) await ops.call('update the gateway record', 'VM.remove_from_other_config', vm, k);
    await ops.call('record the link on the gateway', 'VM.add_to_other_config', vm, k, v);
  }
  if (rec?.name_description !== spec.description) await ops.call('describe the gateway', 'VM.set_name_description', vm, spec.description);
  await ops.call('tag the gateway', 'VM.set_tags', vm, [...spec.tags]);
  const running = adopted?.record.power_state === 'Running';
  await writeConfigDrive(ops, records, vm, spec.userData);
  if (running) return vm;
  await sizeGateway(ops, vm, spec.vcpus, spec.memory);
  // Device by device: a crash between the two creates left the first only.
  const devices = new Set((adopted?.record.VIFs ?? []).map((v) => records.get('VIF', v)?.device));
  if (!devices.has('0') || !devices.has('1')) {
    const uplink = spec.uplink ? resolve(ops, records, 'network', spec.uplink, 'gateway.uplink_network') : managementNetwork(records);
    if (!uplink) throw ops.refuse('resource.vpn-no-uplink', 'no uplink network', `Pool "${records.pool}" has no management network; set gateway.uplink_network.`, ['gateway']);
    const network = resolve(ops, records, 'network', spec.network, spec.role === 'local' ? 'network' : 'remote_network');
    for (const [device, net] of [['0', uplink], ['1', network]] as const) {
      if (devices.has(device)) continue;
      await ops.call('attach the gateway to its networks', 'VIF.create', {
        device, network: net, VM: vm, MAC: '', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {}, locking_mode: 'network_default', ipv4_allowed: [], ipv6_allowed: [],
      });
    }
  }
  await ops.call('start the gateway', 'VM.start', vm, false, false);
  return vm;
}

/** Sizes a halted gateway: `vcpus` vCPUs and `memory` bytes, in the order XAPI accepts. */
export async function sizeGateway(ops: XapiOps, vm: Ref<'VM'>, vcpus: number, memory: number): Promise<void> {
  const current = sizingOf(await ops.client.getRecord('VM', vm));
  await applySizing((method, ...args) => ops.call('size the gateway', `VM.${method}`, vm, ...args), current, fixedSizing(vcpus, memory), false);
}

/** Creates (once) and fills the gateway's config drive: a 1 MiB VDI on the default SR. */
export async function writeConfigDrive(ops: XapiOps, records: PoolRecords, vm: Ref<'VM'>, userData: string): Promise<void> {
  let vdi: Ref<'VDI'> | undefined;
  for (const vbd of records.get('VM', vm)?.VBDs ?? []) {
    const v = records.get('VBD', vbd)?.VDI;
    if (v && records.get('VDI', v)?.other_config['xcpform:config-drive'] === 'true') vdi = v;
  }
  if (!vdi) {
    const pool = [...records.all('pool').values()][0];
    // The drive records its VM: one an interrupted create made but never attached is attached now.
    const owner = records.get('VM', vm)?.uuid ?? await ops.call<string>('read the gateway uuid', 'VM.get_uuid', vm);
    vdi = unattachedDrive(records, owner) ?? await ops.call<Ref<'VDI'>>('create the gateway config drive', 'VDI.create', {
      name_label: 'xcpform vpn config drive', name_description: '', SR: pool.default_SR, virtual_size: MIB, type: 'user', sharable: false, read_only: false,
      other_config: { 'xcpform:config-drive': 'true', [VDI_OWNER_KEY]: owner }, xenstore_data: {}, sm_config: {}, tags: [],
    });
    await ops.call('attach the config drive', 'VBD.create', {
      VM: vm, VDI: vdi, userdevice: '3', bootable: false, mode: 'RO', type: 'Disk', empty: false, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
    });
  }
  await uploadBytes(ops, vdi, Buffer.from(userData));
}

/** A config drive of gateway `owner` (its uuid) that no VBD attaches. */
function unattachedDrive(records: PoolRecords, owner: string): Ref<'VDI'> | undefined {
  for (const [ref, vdi] of records.all('VDI')) {
    if (vdi.other_config['xcpform:config-drive'] === 'true' && vdi.other_config[VDI_OWNER_KEY] === owner && vdi.VBDs.length === 0) return ref;
  }
  return undefined;
}

/** `PUT /import_raw_vdi` of a small buffer. The URL holds the session id: never show it. */
async function uploadBytes(ops: XapiOps, vdi: Ref<'VDI'>, bytes: Buffer): Promise<void> {
  const url = new URL('/import_raw_vdi', ops.client.url);
  url.searchParams.set('session_id', await ops.client.session());
  url.searchParams.set('vdi', vdi);
  url.searchParams.set('format', 'raw');
  const lib = url.protocol === 'https:' ? https : http;
  await new Promise<void>((ok, fail) => {
    const req = lib.request(url, { method: 'PUT', headers: { 'Content-Length': bytes.length } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? ok() : fail(ops.refuse('resource.vpn-config-drive', `the pool refused the gateway configuration (HTTP ${res.statusCode})`, 'Apply again; if it persists, check the default SR of the pool.'))));
    });
    req.on('error', (err) => fail(ops.refuse('resource.vpn-config-drive', 'the gateway configuration upload failed', `${err.message}. Apply again.`)));
    req.end(bytes);
  });
}

/** Shuts the gateway down (hard: it holds no state worth a clean shutdown) and destroys it with its disks. */
export async function destroyGateway(ops: XapiOps, records: PoolRecords, vm: Ref<'VM'>): Promise<void> {
  const rec = records.get('VM', vm);
  if (!rec) return;
  if (rec.power_state !== 'Halted') await ops.call('stop the gateway', 'VM.hard_shutdown', vm);
  const vdis = rec.VBDs.map((b) => records.get('VBD', b)?.VDI).filter((v): v is Ref<'VDI'> => Boolean(v && records.get('VDI', v)));
  const drive = unattachedDrive(records, rec.uuid);
  if (drive) vdis.push(drive);
  await ops.call('destroy the gateway', 'VM.destroy', vm);
  for (const v of vdis) await ops.call('destroy the gateway disks', 'VDI.destroy', v);
}
