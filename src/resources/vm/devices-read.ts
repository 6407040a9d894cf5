/**
 * Reading a VM's disks, NICs and CD drive from bulk records (pure). Disks are the VM's `Disk`
 * VBDs with a VDI, except the cloud-init config drive; `vdi` is reported only for disks the
 * state (or another xcpform resource) says were attached rather than created by this VM.
 */
import type { ObjectValue } from '../../values/value';
import { NULL_REF, type XapiRecord } from '../../xenapi';
import type { PoolRecords } from '../snapshot';
import { orderedSet, str, strings } from '../kit/attrs';
import { resolve, spell } from '../kit/resolve';
import { ROUTES_KEY } from './nic-routing';
import { ADDRESS_KEY, CONFIG_DRIVE_KEY, VDI_OWNER_KEY } from '../kit/owned-keys';
import { byKey, orderLike } from './positions';
import { sameMac } from './mac';

type Vm = XapiRecord<'VM'>;

export interface DiskRecords {
  readonly vbdRef: string;
  readonly vbd: XapiRecord<'VBD'>;
  readonly vdiRef: string;
  readonly vdi: XapiRecord<'VDI'>;
}

/** The VM's disk VBDs with their VDIs (config drive excluded unless asked). */
export function diskRecords(records: PoolRecords, vm: Vm, withConfigDrive = false): DiskRecords[] {
  const out: DiskRecords[] = [];
  for (const vbdRef of vm.VBDs) {
    const vbd = records.get('VBD', vbdRef);
    if (!vbd || vbd.type !== 'Disk' || vbd.VDI === NULL_REF) continue;
    const vdi = records.get('VDI', vbd.VDI);
    if (!vdi) continue;
    if (!withConfigDrive && vdi.other_config[CONFIG_DRIVE_KEY] === 'true') continue;
    out.push({ vbdRef, vbd, vdiRef: vbd.VDI, vdi });
  }
  return out;
}

/** True when the VDI belongs to another owner: another VM's create or an `xcp_vdi` resource. */
export function isForeignVdi(vdi: XapiRecord<'VDI'>, vmUuid: string): boolean {
  const owner = vdi.other_config[VDI_OWNER_KEY];
  return (owner !== undefined && owner !== vmUuid) || ADDRESS_KEY in vdi.other_config;
}

/**
 * A device's `attached`: XAPI's `currently_attached` while the VM runs, else the prior value
 * (true by default): a halted VM has nothing plugged and its start plugs everything, and a paused
 * or suspended VM cannot be plugged into, so its devices are not drift until it runs again.
 */
export function plugState(vm: Vm, currentlyAttached: boolean, prior: ObjectValue | undefined): boolean {
  if (vm.power_state === 'Running') return currentlyAttached;
  return typeof prior?.attached === 'boolean' ? prior.attached : true;
}

/** `disk` blocks of the state, in the prior order, new ones by userdevice. */
export function readDisks(records: PoolRecords, vm: Vm, priorDisks: readonly ObjectValue[]): ObjectValue[] {
  const disks = diskRecords(records, vm).map(({ vbd, vdi, vdiRef }) => {
    const prior = byKey(priorDisks, 'userdevice', vbd.userdevice);
    const external = prior ? typeof prior.vdi === 'string' : isForeignVdi(vdi, vm.uuid);
    return {
      userdevice: vbd.userdevice,
      name_label: vdi.name_label,
      name_description: vdi.name_description,
      size: vdi.virtual_size,
      sr: spell(records, 'SR', vdi.SR, str(prior, 'sr')),
      bootable: vbd.bootable,
      mode: vbd.mode,
      vdi: external ? spell(records, 'VDI', vdiRef, str(prior, 'vdi')) : null,
      attached: plugState(vm, vbd.currently_attached, prior),
      vdi_uuid: vdi.uuid,
      vbd_uuid: vbd.uuid,
    } satisfies ObjectValue;
  });
  return orderLike(disks, priorDisks, 'userdevice');
}

/**
 * A NIC's `network`: the VIF's network, or for a VIF routed over a VPN link the network of the
 * other pool it stands for (`ROUTES_KEY`), spelled as the prior state spelled it.
 */
function nicNetworkOf(records: PoolRecords, vif: XapiRecord<'VIF'>, prior: string | undefined): string | null {
  const routes = vif.other_config[ROUTES_KEY];
  if (!routes) return spell(records, 'network', vif.network, prior);
  const priorHere = prior !== undefined && records.has('network') && resolve(records, { cls: 'network', what: 'network', path: [] }, prior).ok;
  return prior !== undefined && (prior.toLowerCase() === routes || !priorHere) ? prior : routes;
}

/** `nic` blocks of the state, in the prior order, new ones by device. */
export function readNics(records: PoolRecords, vm: Vm, priorNics: readonly ObjectValue[]): ObjectValue[] {
  const nics: ObjectValue[] = [];
  for (const vifRef of vm.VIFs) {
    const vif = records.get('VIF', vifRef);
    if (!vif) continue;
    const prior = byKey(priorNics, 'device', vif.device);
    const kbps = Number(vif.qos_algorithm_params.kbps);
    nics.push({
      network: nicNetworkOf(records, vif, str(prior, 'network')),
      device: vif.device,
      // The prior spelling (dashes, capitals) while it names the same address.
      mac: sameMac(str(prior, 'mac'), vif.MAC) ? str(prior, 'mac')! : vif.MAC,
      mtu: vif.MTU,
      locking_mode: vif.locking_mode,
      ipv4_allowed: orderedSet(vif.ipv4_allowed, strings(prior, 'ipv4_allowed')),
      ipv6_allowed: orderedSet(vif.ipv6_allowed, strings(prior, 'ipv6_allowed')),
      rate_limit_kbps: vif.qos_algorithm_type === 'ratelimit' && Number.isFinite(kbps) && kbps > 0 ? kbps : null,
      // A wait, not a fact of XAPI: kept from the configuration.
      wait_for_ip: str(prior, 'wait_for_ip') ?? null,
      attached: plugState(vm, vif.currently_attached, prior),
      vif_uuid: vif.uuid,
    });
  }
  return orderLike(nics, priorNics, 'device');
}

/** The CD drive VBDs of a VM, by userdevice. */
export function cdDrives(records: PoolRecords, vm: Vm): { ref: string; vbd: XapiRecord<'VBD'> }[] {
  const out: { ref: string; vbd: XapiRecord<'VBD'> }[] = [];
  for (const ref of vm.VBDs) {
    const vbd = records.get('VBD', ref);
    if (vbd && vbd.type === 'CD') out.push({ ref, vbd });
  }
  return out.sort((a, b) => Number(a.vbd.userdevice) - Number(b.vbd.userdevice));
}

/** The ISO inserted in the VM's first non-empty CD drive (spelled like the prior value), or null. */
export function readCdrom(records: PoolRecords, vm: Vm, prior: string | undefined): string | null {
  for (const { vbd } of cdDrives(records, vm)) {
    if (!vbd.empty && vbd.VDI !== NULL_REF) return spell(records, 'VDI', vbd.VDI, prior);
  }
  return null;
}
