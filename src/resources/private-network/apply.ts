/**
 * `xcp_private_network` apply: `network.create` (owned keys in its record), then
 * `tunnel.create` on each covered host over that host's PIF of the transport network. Update
 * adds or removes tunnels as hosts come and go, and sets names, MTU and the star centre. Delete
 * destroys the tunnels, then the network.
 */
import type { Ref } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { ApplyResponse, CreateRequest, DeleteRequest, UpdateRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { networkRecord } from '../network/apply';
import { targetHosts } from '../kit/hosts';
import { applyLabels, setOtherConfigKey } from '../kit/labels';
import { findByAddress } from '../kit/owned-keys';
import { resolve } from '../kit/refs';
import { ApplySession, openSession } from '../kit/session';
import { bool, num, str } from '../kit/values';
import { PRIVATE_NETWORK_CLASSES, privateNetworkState, STAR_CENTER_KEY, tunnelsOf } from './read';

const TYPE = 'xcp_private_network';

async function stateAfter(s: ApplySession, uuid: string, prior: ObjectValue): Promise<ObjectValue> {
  const state = privateNetworkState(await s.records(), uuid, prior);
  if (!state) throw s.ops.refuse('resource.gone', `network ${uuid} disappeared`, 'The private network was destroyed outside xcpform while it was being changed. Run plan again.');
  return state;
}

/** Creates (or adopts) the network and its tunnels. */
export async function createPrivateNetwork(req: CreateRequest): Promise<ApplyResponse> {
  const { planned, ctx } = req;
  const s = await openSession(ctx, TYPE, planned, PRIVATE_NETWORK_CLASSES);
  if (bool(planned.encryption) === true) {
    throw s.ops.refuse('resource.private-network-encryption', 'encrypted tunnels need the XCP-ng SDN controller',
      'Core XAPI creates GRE/VXLAN tunnels without IPsec; encryption is a feature of Xen Orchestra\'s SDN controller, which xcpform does not drive. Set encryption = false, or create the network with the SDN controller and import it.', ['encryption']);
  }
  let records = await s.records();
  let net = findByAddress(records, 'network', ctx.address, ctx.lineage)[0]?.ref;
  if (!net) {
    net = await s.ops.create<Ref<'network'>>('create the private network', 'network', networkRecord(ctx.address, planned, {}, ctx.lineage));
    records = await s.records();
  } else {
    ctx.progress({ kind: 'message', text: 'adopting the private network left by an interrupted create' });
  }
  records = await cover(s, records, net, planned);
  const uuid = records.get('network', net)!.uuid;
  await converge(s, records, net, privateNetworkState(records, uuid, null)!, planned, true);
  return { state: await stateAfter(s, uuid, planned) };
}

/** Applies every changed in-place attribute. */
export async function updatePrivateNetwork(req: UpdateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.prior, PRIVATE_NETWORK_CLASSES);
  const uuid = str(req.prior.uuid)!;
  let records = await s.records();
  const found = records.byUuid('network', uuid);
  if (!found) throw s.ops.refuse('resource.gone', `network ${uuid} disappeared`, 'The private network was destroyed outside xcpform. Run plan again.');
  records = await cover(s, records, found.ref, req.planned);
  await converge(s, records, found.ref, req.prior, req.planned, false);
  return { state: await stateAfter(s, uuid, req.planned) };
}

/** One tunnel per covered host, over its PIF on the transport network. */
async function cover(s: ApplySession, records: PoolRecords, net: Ref<'network'>, planned: ObjectValue): Promise<PoolRecords> {
  const { ops } = s;
  const want = targetHosts(ops, records, planned.hosts);
  const have = tunnelsOf(records, records.get('network', net)!);
  const transport = resolve(ops, records, 'network', str(planned.transport_network)!, 'transport_network');
  const transportPifs = new Map<string, Ref<'PIF'>>();
  for (const p of records.get('network', transport)!.PIFs) {
    const pif = records.get('PIF', p);
    if (pif) transportPifs.set(pif.host, p);
  }
  let touched = false;
  for (const h of want) {
    if (have.has(h)) continue;
    const name = records.get('host', h)?.name_label ?? h;
    const pif = transportPifs.get(h);
    if (!pif) throw ops.refuse('resource.private-network-transport', `${name} has no interface on the transport network`, `Host ${name} has no PIF on network "${str(planned.transport_network)}". Connect it, or leave the host out of hosts.`, ['transport_network']);
    await ops.call(`create the ${str(planned.protocol) ?? 'vxlan'} tunnel on ${name}`, 'tunnel.create', pif, net, str(planned.protocol) ?? 'vxlan');
    touched = true;
  }
  for (const [h, x] of have) {
    if (want.includes(h as Ref<'host'>)) continue;
    await ops.call(`remove the tunnel from ${records.get('host', h)?.name_label ?? h}`, 'tunnel.destroy', x.ref);
    touched = true;
  }
  return touched ? s.records() : records;
}

async function converge(s: ApplySession, records: PoolRecords, net: Ref<'network'>, prior: ObjectValue, planned: ObjectValue, adopting: boolean): Promise<void> {
  const { ops } = s;
  const n = records.get('network', net)!;
  await applyLabels(ops, 'network', net, n, prior, planned, { writeOwned: adopting });
  const mtu = num(planned.mtu);
  if (mtu !== undefined && mtu !== n.MTU) await ops.call(`set the MTU to ${mtu}`, 'network.set_MTU', net, mtu);
  const center = str(planned.star_center);
  const centerUuid = center ? records.get('host', resolve(ops, records, 'host', center, 'star_center'))!.uuid : undefined;
  if (planned.star_center === null || center !== undefined) {
    const oc = (await s.records()).get('network', net)!.other_config;
    await setOtherConfigKey(ops, 'network', net, oc, STAR_CENTER_KEY, centerUuid);
  }
}

/** Destroys the tunnels, then the network. */
export async function deletePrivateNetwork(req: DeleteRequest): Promise<void> {
  const s = await openSession(req.ctx, TYPE, req.prior, PRIVATE_NETWORK_CLASSES);
  const records = await s.records();
  const found = records.byUuid('network', str(req.prior.uuid) ?? '');
  if (!found) return;
  for (const [h, x] of tunnelsOf(records, found.record)) await s.ops.call(`remove the tunnel from ${records.get('host', h)?.name_label ?? h}`, 'tunnel.destroy', x.ref);
  await s.ops.call('destroy the private network', 'network.destroy', found.ref);
}
