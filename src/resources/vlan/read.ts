/**
 * `xcp_vlan` state from bulk records. The resource is identified by its network (import id
 * `<pool>/<network uuid>`); it is gone when the network is, or when no VLAN PIF remains on it.
 * `ip_config` reports the hosts the configuration lists (on import: every host whose VLAN PIF
 * has an IP mode other than None); addresses a DHCP server assigned are not drift.
 */
import type { XapiClass, XapiRecord } from '../../xenapi';
import type { ObjectValue, Value } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { readLabels } from '../kit/labels';
import { ADDRESS_KEY } from '../kit/owned-keys';
import { formOf, formsOf, lookup } from '../kit/refs';
import { blockList, str } from '../kit/values';

/** Classes `xcp_vlan` reads. */
export const VLAN_CLASSES: readonly XapiClass[] = ['network', 'PIF', 'VLAN', 'host'];

/** The VLAN PIFs on a network, by host ref. */
export function vlanPifs(records: PoolRecords, network: XapiRecord<'network'>): Map<string, { ref: string; pif: XapiRecord<'PIF'> }> {
  const out = new Map<string, { ref: string; pif: XapiRecord<'PIF'> }>();
  for (const p of network.PIFs) {
    const pif = records.get('PIF', p);
    if (pif && pif.VLAN >= 0) out.set(pif.host, { ref: p, pif });
  }
  return out;
}

const MODE_IN: Record<string, string> = { None: 'none', DHCP: 'dhcp', Static: 'static' };
/** XAPI's ip_configuration_mode for a configured `mode`. */
export const MODE_OUT: Record<string, string> = { none: 'None', dhcp: 'DHCP', static: 'Static' };

const orNull = (s: string): string | null => (s === '' ? null : s);

function ipBlock(records: PoolRecords, hostForm: string, pif: XapiRecord<'PIF'>, prior: ObjectValue | undefined): ObjectValue {
  const mode = MODE_IN[pif.ip_configuration_mode] ?? 'none';
  const keep = (k: string): Value => (prior ? prior[k] ?? null : null);
  const stat = mode === 'static';
  return {
    host: hostForm,
    mode,
    ip: stat ? orNull(pif.IP) : keep('ip'),
    netmask: stat ? orNull(pif.netmask) : keep('netmask'),
    gateway: stat ? orNull(pif.gateway) : keep('gateway'),
    dns: stat ? orNull(pif.DNS) : keep('dns'),
  };
}

function readIpConfig(records: PoolRecords, pifs: Map<string, { pif: XapiRecord<'PIF'> }>, prior: ObjectValue | null): ObjectValue[] {
  if (prior) {
    const out: ObjectValue[] = [];
    for (const block of blockList(prior.ip_config)) {
      const host = str(block.host) ?? '';
      const refs = lookup(records, 'host', host);
      const at = refs.length === 1 ? pifs.get(refs[0]) : undefined;
      out.push(at ? ipBlock(records, host, at.pif, block) : { ...block, mode: 'none' });
    }
    return out;
  }
  return [...pifs.entries()]
    .filter(([, x]) => x.pif.ip_configuration_mode !== 'None')
    .map(([host, x]) => ipBlock(records, records.get('host', host)!.uuid, x.pif, undefined))
    .sort((a, b) => String(a.host).localeCompare(String(b.host)));
}

/**
 * Whether the VLAN owns its network's facts (labels, MTU): the network was created by an
 * `xcp_vlan` (its owned-key address names one). On an existing network they belong to that
 * network's owner (an `xcp_network`, or whoever made it), so the VLAN reads them as null: one
 * fact, one owner, and a rename of the network is not drift of the VLAN.
 */
export function ownsNetwork(net: XapiRecord<'network'>): boolean {
  return madeByVlan(net.other_config[ADDRESS_KEY]);
}

/**
 * Whether an owned-key address names an `xcp_vlan`: `xcp_vlan.dmz`, `module.a.xcp_vlan.dmz` as
 * xcpform writes it, `xcp_vlan "dmz"` as terraform-provider-xcp writes it (it has no address).
 */
export function madeByVlan(address: string | undefined): boolean {
  return /(^|\.)xcp_vlan[. ]/.test(address ?? '');
}

const NOT_OWNED = { name_label: null, name_description: null, tags: null, other_config: null, mtu: null };

/** Maps a VLAN network to `xcp_vlan` state; null when it is gone. */
export function vlanState(records: PoolRecords, uuid: string, prior: ObjectValue | null): ObjectValue | null {
  const found = records.byUuid('network', uuid);
  if (!found) return null;
  const net = found.record;
  const pifs = vlanPifs(records, net);
  const first = [...pifs.values()][0];
  if (!first) return null;
  const vlan = records.get('VLAN', first.pif.VLAN_master_of);
  const tagged = vlan ? records.get('PIF', vlan.tagged_PIF) : undefined;
  return {
    id: net.uuid,
    uuid: net.uuid,
    pool: records.pool,
    ...readLabels(net, prior),
    mtu: net.MTU,
    ...(ownsNetwork(net) ? {} : NOT_OWNED),
    tag: first.pif.VLAN,
    device: tagged?.device ?? first.pif.device,
    network: formOf(records, 'network', found.ref, prior?.network),
    hosts: formsOf(records, 'host', [...pifs.keys()], prior?.hosts),
    bridge: net.bridge,
    pifs: Object.fromEntries([...pifs].map(([h, x]) => [records.get('host', h)?.uuid ?? h, x.pif.uuid]).sort()),
    ip_config: readIpConfig(records, pifs, prior),
  };
}
