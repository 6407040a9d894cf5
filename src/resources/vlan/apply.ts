/**
 * `xcp_vlan` apply. Create makes (or takes) the network, then a VLAN PIF on the device of every
 * covered host: `pool.create_VLAN_from_PIF` when every host needs one, `VLAN.create` per host
 * otherwise (a subset, or repairing an adopted half-done create). Each VLAN object carries
 * `xcpform:address`. Update adds or removes hosts, reconfigures IPs, names and MTU. Delete
 * destroys the VLANs, and the network only when xcpform created it.
 */
import type { Ref } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyResponse, CreateRequest, DeleteRequest, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { networkRecord } from '../network/apply';
import { targetHosts } from '../kit/hosts';
import { applyLabels } from '../kit/labels';
import { ADDRESS_KEY, findByAddress } from '../kit/owned-keys';
import { resolve } from '../kit/refs';
import { ApplySession, openSession } from '../kit/session';
import { blockList, num, str } from '../kit/values';
import { MODE_OUT, VLAN_CLASSES, vlanPifs, vlanState } from './read';

const TYPE = 'xcp_vlan';

async function stateAfter(s: ApplySession, uuid: string, prior: ObjectValue): Promise<ObjectValue> {
  const state = vlanState(await s.records(), uuid, prior);
  if (!state) throw s.ops.refuse('resource.gone', `VLAN network ${uuid} disappeared`, 'The VLAN or its network was removed outside xcpform while it was being changed. Run plan again.');
  return state;
}

/** The network a previous, interrupted create left (by owned key on the network or on a VLAN). */
function adoptable(records: PoolRecords, address: string, lineage?: string): Ref<'network'> | undefined {
  const net = findByAddress(records, 'network', address, lineage)[0];
  if (net) return net.ref;
  const vlan = findByAddress(records, 'VLAN', address, lineage)[0];
  return vlan ? records.get('PIF', vlan.record.untagged_PIF)?.network : undefined;
}

/** Creates (or adopts) the VLAN on every covered host. */
export async function createVlan(req: CreateRequest): Promise<ApplyResponse> {
  const { planned, ctx } = req;
  const s = await openSession(ctx, TYPE, planned, VLAN_CLASSES);
  let records = await s.records();
  const tag = num(planned.tag)!;
  const device = str(planned.device)!;
  let net = adoptable(records, ctx.address, ctx.lineage);
  if (net) ctx.progress({ kind: 'message', text: 'adopting the VLAN left by an interrupted create' });
  else if (str(planned.network)) net = resolve(s.ops, records, 'network', str(planned.network)!, 'network');
  else {
    const rec = networkRecord(ctx.address, { ...planned, name_label: str(planned.name_label) ?? `VLAN ${tag} on ${device}` }, {}, ctx.lineage);
    net = await s.ops.create<Ref<'network'>>('create the VLAN network', 'network', rec);
    records = await s.records();
  }
  records = await cover(s, records, net, tag, device, planned);
  const uuid = records.get('network', net)!.uuid;
  await converge(s, records, net, vlanState(records, uuid, null) ?? planned, planned, true);
  return { state: await stateAfter(s, uuid, planned) };
}

/** Applies every changed in-place attribute. */
export async function updateVlan(req: UpdateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.prior, VLAN_CLASSES);
  const uuid = str(req.prior.uuid)!;
  let records = await s.records();
  const found = records.byUuid('network', uuid);
  if (!found) throw s.ops.refuse('resource.gone', `VLAN network ${uuid} disappeared`, 'The network was destroyed outside xcpform. Run plan again.');
  records = await cover(s, records, found.ref, num(req.prior.tag)!, str(req.prior.device)!, req.planned);
  await converge(s, records, found.ref, req.prior, req.planned, false);
  return { state: await stateAfter(s, uuid, req.planned) };
}

/** VLAN PIFs exactly on the covered hosts. */
async function cover(s: ApplySession, records: PoolRecords, net: Ref<'network'>, tag: number, device: string, planned: ObjectValue): Promise<PoolRecords> {
  const { ops } = s;
  const want = targetHosts(ops, records, planned.hosts);
  const have = vlanPifs(records, records.get('network', net)!);
  const missing = want.filter((h) => !have.has(h));
  const slaves = new Map<string, Ref<'PIF'>>();
  for (const [ref, pif] of records.all('PIF')) if (pif.device === device && pif.VLAN < 0 && (pif.physical || (pif.bond_master_of ?? []).length > 0)) slaves.set(pif.host, ref);
  const lacking = missing.filter((h) => !slaves.has(h));
  if (lacking.length) {
    const names = lacking.map((h) => records.get('host', h)?.name_label ?? h).sort();
    throw ops.refuse('resource.vlan-no-device', `device ${device} is missing on ${names.join(', ')}`,
      `The VLAN rides on device "${device}", which ${names.join(', ')} lack(s). Fix device, or list only hosts that have it in hosts.`, ['device']);
  }
  let touched = false;
  const allHosts = records.all('host').size;
  if (have.size === 0 && missing.length === allHosts && missing.length > 0) {
    ops.ctx.progress({ kind: 'message', text: `VLAN ${tag} on ${device} of every host` });
    await ops.call(`create VLAN ${tag} on ${device} of every host`, 'pool.create_VLAN_from_PIF', slaves.get(missing[0])!, net, tag);
    touched = true;
  } else {
    for (const h of missing) {
      await ops.call(`create VLAN ${tag} on ${device} of ${records.get('host', h)?.name_label}`, 'VLAN.create', slaves.get(h)!, tag, net);
      touched = true;
    }
  }
  for (const [h, x] of have) {
    if (want.includes(h as Ref<'host'>)) continue;
    await ops.call(`remove VLAN ${tag} from ${records.get('host', h)?.name_label}`, 'VLAN.destroy', x.pif.VLAN_master_of);
    touched = true;
  }
  const after = touched ? await s.records() : records;
  for (const x of vlanPifs(after, after.get('network', net)!).values()) {
    const vlan = after.get('VLAN', x.pif.VLAN_master_of);
    if (vlan && vlan.other_config[ADDRESS_KEY] !== ops.ctx.address) {
      if (ADDRESS_KEY in vlan.other_config) await ops.call('re-mark the VLAN', 'VLAN.remove_from_other_config', x.pif.VLAN_master_of, ADDRESS_KEY);
      await ops.call('mark the VLAN', 'VLAN.add_to_other_config', x.pif.VLAN_master_of, ADDRESS_KEY, ops.ctx.address);
    }
  }
  return s.records();
}

async function converge(s: ApplySession, records: PoolRecords, net: Ref<'network'>, prior: ObjectValue, planned: ObjectValue, adopting: boolean): Promise<void> {
  const { ops } = s;
  const n = records.get('network', net)!;
  const ours = n.other_config[ADDRESS_KEY] === ops.ctx.address;
  await applyLabels(ops, 'network', net, n, prior, planned, { writeOwned: adopting && ours, ownKeys: ours });
  const mtu = num(planned.mtu);
  if (mtu !== undefined && mtu !== n.MTU) await ops.call(`set the MTU to ${mtu}`, 'network.set_MTU', net, mtu);
  const pifs = vlanPifs(records, n);
  const configured = new Set<string>();
  for (const block of blockList(planned.ip_config)) {
    const host = resolve(ops, records, 'host', str(block.host)!, 'ip_config.host');
    configured.add(host);
    const at = pifs.get(host);
    if (!at) throw ops.refuse('resource.vlan-ip-host', `ip_config names ${str(block.host)}, which does not carry the VLAN`, 'List the host in hosts too, or remove its ip_config block.', ['ip_config']);
    const mode = MODE_OUT[str(block.mode) ?? 'none'];
    const want = [mode, str(block.ip) ?? '', str(block.netmask) ?? '', str(block.gateway) ?? '', str(block.dns) ?? ''];
    const p = at.pif;
    const same = mode === p.ip_configuration_mode && (mode !== 'Static' || [p.IP, p.netmask, p.gateway, p.DNS].every((x, i) => x === want[i + 1]));
    if (!same) await ops.call(`configure the VLAN IP on ${records.get('host', host)?.name_label}`, 'PIF.reconfigure_ip', at.ref, ...want);
  }
  for (const block of blockList(prior.ip_config)) {
    const refs = records.byUuid('host', str(block.host) ?? '')?.ref ?? records.byName('host', str(block.host) ?? '')[0]?.ref;
    const at = refs && pifs.get(refs);
    if (refs && at && !configured.has(refs) && at.pif.ip_configuration_mode !== 'None') {
      await ops.call(`remove the VLAN IP on ${records.get('host', refs)?.name_label}`, 'PIF.reconfigure_ip', at.ref, 'None', '', '', '', '');
    }
  }
}

/** Destroys the VLAN PIFs, and the network when xcpform created it. */
export async function deleteVlan(req: DeleteRequest): Promise<void> {
  const s = await openSession(req.ctx, TYPE, req.prior, VLAN_CLASSES);
  const records = await s.records();
  const found = records.byUuid('network', str(req.prior.uuid) ?? '');
  if (!found) return;
  for (const x of vlanPifs(records, found.record).values()) {
    await s.ops.call(`remove the VLAN from ${records.get('host', x.pif.host)?.name_label}`, 'VLAN.destroy', x.pif.VLAN_master_of);
  }
  if (found.record.other_config[ADDRESS_KEY] === req.ctx.address) await s.ops.call('destroy the VLAN network', 'network.destroy', found.ref);
}
