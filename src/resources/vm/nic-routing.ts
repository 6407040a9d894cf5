/**
 * A NIC whose `network` is in another pool than the VM reaches it over a VPN link: the VIF goes
 * on the link's network in the VM's pool, and carries the network it stands for in its
 * `other_config` (`ROUTES_KEY`), so the state keeps the configured network and both front doors
 * (xcpform's plan and terraform's) plan the same values: the routing is apply's business, found
 * from the live gateways of the links (never from the plan), whichever pool the VM lands in.
 */
import { error } from '../../diagnostics';
import type { Ref, XapiRecord } from '../../xenapi';
import { ResourceError, type ApplyContext } from '../resource';
import type { PoolRecords } from '../snapshot';
import { resolve } from '../kit/resolve';
import { LINK_KEY, ROLE_KEY } from '../vpn-link/gateway';

/** Key of a VIF's `other_config`: UUID of the network of another pool this VIF reaches over a VPN link. */
export const ROUTES_KEY = 'xcpform:routes';

/** The network a NIC's VIF goes on in the VM's pool, and the other pool's network it stands for. */
export interface NicNetwork {
  readonly ref: Ref<'network'>;
  /** UUID of the configured network of another pool, when the NIC is routed over a link. */
  readonly routes?: string;
}

const LINK_CLASSES = ['network', 'VM', 'VIF'] as const;

/** The network a gateway VM's tunnel interface (VIF device "1") is on. */
function tunnelNetwork(records: PoolRecords, vm: XapiRecord<'VM'>): Ref<'network'> | undefined {
  for (const ref of vm.VIFs) {
    const vif = records.get('VIF', ref);
    if (vif?.device === '1') return vif.network;
  }
  return undefined;
}

/** Link ids of the gateways of `records` whose tunnel interface is on `network`. */
function linksOn(records: PoolRecords, network: Ref<'network'>): string[] {
  const out: string[] = [];
  for (const [, vm] of records.all('VM')) {
    const id = vm.other_config[LINK_KEY];
    if (id && vm.other_config[ROLE_KEY] && !vm.is_a_template && tunnelNetwork(records, vm) === network) out.push(id);
  }
  return out.sort();
}

/**
 * Resolves a NIC's network (name or UUID) for a VM of `pool`: in the pool itself, else in another
 * configured pool joined to this one by a VPN link (the link's network here). A network found
 * nowhere, or in a pool no link joins, is a diagnostic naming the NIC.
 */
export async function nicNetwork(ctx: ApplyContext, pool: string, records: PoolRecords, key: string, index: number): Promise<NicNetwork> {
  const path = ['nic', index, 'network'];
  const here = resolve(records, { cls: 'network', what: 'network', path }, key);
  if (here.ok) return { ref: here.found.ref };
  for (const other of ctx.pools) {
    if (other === pool) continue;
    const there = await ctx.records(other, LINK_CLASSES);
    const found = resolve(there, { cls: 'network', what: 'network', path }, key);
    if (!found.ok) continue;
    const ids = linksOn(there, found.found.ref);
    const local = await ctx.records(pool, LINK_CLASSES);
    for (const [, vm] of local.all('VM')) {
      const id = vm.other_config[LINK_KEY];
      if (!id || !ids.includes(id) || vm.is_a_template) continue;
      const net = tunnelNetwork(local, vm);
      if (net) return { ref: net, routes: found.found.record.uuid };
    }
    throw new ResourceError(error('xcp_vm.nic-no-route', `nic[${index}] attaches to network "${key}" of pool "${other}", but no VPN link joins it to pool "${pool}"`, {
      detail: `The VM runs in pool "${pool}" and reaches a network of pool "${other}" only through an xcp_vpn_link whose network (or remote_network) is that network. Create the link first (depends_on = [the link] orders it before the VM), or attach the VM to a network of pool "${pool}".`,
      path,
    }));
  }
  throw new ResourceError(here.diagnostic);
}
