/**
 * Cloudbursting's safety cordon: a VM in pool P whose interface names a network of another pool
 * Q reaches it over the `xcp_vpn_link` joining P and Q. The plan checks that such a link exists
 * (without one it fails, naming the VM, the network and the missing link), orders the link
 * before the VM and notes the route; the configured network stays what the state records, and
 * apply attaches the VIF to the link's network in P (`src/resources/vm/nic-routing.ts`), so
 * xcpform's plan and terraform's plan the same values.
 */
import { Diagnostic, error } from '../diagnostics';
import { isObjectValue, isUnknown, ObjectValue, Value } from '../values/value';
import { isPoolLinkAddress } from './capabilities';

/** A VPN link as planned or applied. */
export interface LinkInfo {
  readonly address: string;
  readonly pool: string;
  readonly remotePool: string;
  readonly network: Value;
  readonly remoteNetwork: Value;
  /** Expected throughput in Mbit/s, for migration time estimates. */
  readonly bandwidthMbps?: number;
}

/** Where a network value lives: the pool of a planned network with that uuid or name, or of a live one. */
export type NetworkPoolLookup = (value: Value) => string | undefined;

/** The links among planned or applied values: address → attributes. */
export function linksFrom(values: Iterable<[string, ObjectValue]>): LinkInfo[] {
  const out: LinkInfo[] = [];
  for (const [address, v] of values) {
    if (!isPoolLinkAddress(address) || typeof v.pool !== 'string' || typeof v.remote_pool !== 'string') continue;
    out.push({ address, pool: v.pool, remotePool: v.remote_pool, network: v.network ?? null, remoteNetwork: v.remote_network ?? null, ...(typeof v.bandwidth_mbps === 'number' ? { bandwidthMbps: v.bandwidth_mbps } : {}) });
  }
  return out.sort((a, b) => a.address.localeCompare(b.address));
}

function same(a: Value, b: Value): boolean {
  return !isUnknown(a) && !isUnknown(b) && a === b;
}

export interface RoutedNics {
  /** Links the VM now depends on. */
  readonly via: string[];
  readonly notes: string[];
  readonly diagnostics: Diagnostic[];
}

/**
 * The routes of a VM in `pool` whose `nic[*].network` names a network of another pool: the
 * joining links (or a diagnostic when none joins them). `poolOfNetwork` answers for known values;
 * `fallbackPool` is used for unknown ones (the pool of the network blocks the VM refers to, when
 * unambiguous).
 */
export function routeNics(address: string, pool: string, values: ObjectValue, links: readonly LinkInfo[], poolOfNetwork: NetworkPoolLookup, fallbackPool?: string): RoutedNics {
  const nics = values.nic;
  const out: RoutedNics = { via: [], notes: [], diagnostics: [] };
  if (!Array.isArray(nics)) return out;
  nics.forEach((nic, i) => {
    if (!isObjectValue(nic)) return;
    const net = nic.network ?? null;
    if (net === null) return;
    const netPool = isUnknown(net) ? fallbackPool : poolOfNetwork(net);
    if (!netPool || netPool === pool) return;
    const candidates = links.filter((l) => (l.pool === pool && l.remotePool === netPool) || (l.pool === netPool && l.remotePool === pool));
    const exact = candidates.filter((l) => same(l.pool === netPool ? l.network : l.remoteNetwork, net));
    const link = exact[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (!link) {
      out.diagnostics.push(error('plan.missing-vpn-link', `${address}: nic[${i}] attaches to network ${isUnknown(net) ? '(known after apply)' : JSON.stringify(net)} of pool "${netPool}", but the VM is in pool "${pool}" and no xcp_vpn_link joins them`, {
        address,
        path: ['nic', i, 'network'],
        detail: `A VM that runs in pool "${pool}" reaches a network of pool "${netPool}" only through a VPN link. Declare an xcp_vpn_link with pool = "${netPool}" and remote_pool = "${pool}" (or the reverse) joining that network, or attach the VM to a network of pool "${pool}".`,
      }));
      return;
    }
    out.via.push(link.address);
    out.notes.push(`nic[${i}] reaches network ${isUnknown(net) ? '(known after apply)' : JSON.stringify(net)} of pool ${netPool} over ${link.address}`);
  });
  return { ...out, via: [...new Set(out.via)] };
}

/** "14m20s" to move `bytes` at `mbps` Mbit/s. */
export function transferTime(bytes: number, mbps: number): string {
  const s = Math.ceil((bytes * 8) / (mbps * 1e6));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
