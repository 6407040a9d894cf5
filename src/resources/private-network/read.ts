/**
 * `xcp_private_network` state from bulk records: the network, its tunnel access PIFs (one per
 * host) and their tunnels. Core XAPI has no topology or encryption setting: `star_center` is kept
 * in the network's `other_config` (`xcpform:star-center`, a host UUID) for an SDN controller to
 * read, and `encryption` keeps its configured value (only `false` can be created).
 */
import type { XapiClass, XapiRecord } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { OWNED_KEY_PREFIX } from '../common-schema';
import { readLabels } from '../kit/labels';
import { formOf, formsOf } from '../kit/refs';
import { bool, str } from '../kit/values';

/** Classes `xcp_private_network` reads. */
export const PRIVATE_NETWORK_CLASSES: readonly XapiClass[] = ['network', 'PIF', 'tunnel', 'host'];

/** The network other_config key holding the star centre host UUID. */
export const STAR_CENTER_KEY = `${OWNED_KEY_PREFIX}star-center`;

/** Tunnels of a network by host ref. */
export function tunnelsOf(records: PoolRecords, network: XapiRecord<'network'>): Map<string, { ref: string; tunnel: XapiRecord<'tunnel'>; access: XapiRecord<'PIF'> }> {
  const out = new Map<string, { ref: string; tunnel: XapiRecord<'tunnel'>; access: XapiRecord<'PIF'> }>();
  for (const p of network.PIFs) {
    const access = records.get('PIF', p);
    const t = access?.tunnel_access_PIF_of?.[0];
    const tunnel = t ? records.get('tunnel', t) : undefined;
    if (access && t && tunnel) out.set(access.host, { ref: t, tunnel, access });
  }
  return out;
}

/** Maps a private network to state; null when the network is gone. */
export function privateNetworkState(records: PoolRecords, uuid: string, prior: ObjectValue | null): ObjectValue | null {
  const found = records.byUuid('network', uuid);
  if (!found) return null;
  const net = found.record;
  const tunnels = tunnelsOf(records, net);
  const first = [...tunnels.values()][0];
  const transport = first ? records.get('PIF', first.tunnel.transport_PIF) : undefined;
  const center = net.other_config[STAR_CENTER_KEY];
  const centerRef = center ? records.byUuid('host', center)?.ref : undefined;
  const hostUuid = (h: string): string => records.get('host', h)?.uuid ?? h;
  return {
    id: net.uuid,
    uuid: net.uuid,
    pool: records.pool,
    ...readLabels(net, prior, [STAR_CENTER_KEY]),
    protocol: first?.tunnel.protocol ?? str(prior?.protocol) ?? 'vxlan',
    transport_network: transport ? formOf(records, 'network', transport.network, prior?.transport_network) : str(prior?.transport_network) ?? null,
    encryption: bool(prior?.encryption) ?? false,
    mtu: net.MTU,
    hosts: formsOf(records, 'host', [...tunnels.keys()], prior?.hosts),
    star_center: centerRef ? formOf(records, 'host', centerRef, prior?.star_center) : null,
    bridge: net.bridge,
    tunnels: Object.fromEntries([...tunnels].map(([h, x]) => [hostUuid(h), x.tunnel.uuid]).sort()),
    status: Object.fromEntries([...tunnels].map(([h, x]) => [hostUuid(h), x.tunnel.status.active === 'true' ? 'connected' : x.tunnel.status.error ?? 'not connected']).sort()),
  };
}
