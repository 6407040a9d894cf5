/**
 * `xcp_vpn_link`: the cloudbursting safety cordon between a network of one pool and a network
 * of another, realised by a gateway VM on each side (see gateway.ts, params.ts).
 */
import { error } from '../../diagnostics';
import type { ObjectValue } from '../../values/value';
import type { ResourceType } from '../resource';
import { parseImportId } from '../kit/import-id';
import { createLink, deleteLink, updateLink } from './apply';
import { LINK_KEY, ROLE_KEY } from './gateway';
import { readLink, VPN_CLASSES } from './read';
import { vpnLinkSchema } from './schema';

export const vpnLinkResource = {
  schema: vpnLinkSchema,
  classes: VPN_CLASSES,
  read({ prior, world }) {
    const state = readLink(prior, world, world.poolNames()[0] ?? 'dc1');
    return { state: state === undefined ? prior : state };
  },
  plan({ prior, planned }) {
    const diagnostics = [];
    if (planned.protocol === 'ipsec' && planned.psk === null) {
      diagnostics.push(error('plan.vpn-missing-psk', 'an IPsec link needs a pre-shared key', { path: ['psk'], detail: 'Set psk (from a sensitive variable) or use protocol = "wireguard", whose keys xcpform can generate.' }));
    }
    if (planned.pool === planned.remote_pool && typeof planned.pool === 'string') {
      diagnostics.push(error('plan.vpn-same-pool', 'a VPN link joins two different pools', { path: ['remote_pool'], detail: `Both ends are in pool "${planned.pool}"; use a network (or xcp_private_network) inside one pool instead.` }));
    }
    const notes = prior && JSON.stringify([prior.local_cidrs, prior.remote_cidrs, prior.psk, prior.private_key]) !== JSON.stringify([planned.local_cidrs, planned.remote_cidrs, planned.psk, planned.private_key])
      ? ['the gateways are reconfigured in place and the tunnel restarts (a brief drop)'] : [];
    return { planned, diagnostics, notes };
  },
  async create({ planned, ctx }) {
    return { state: await createLink(ctx, planned) };
  },
  async update({ prior, planned, ctx }) {
    return { state: await updateLink(ctx, prior, planned) };
  },
  async delete({ prior, ctx }) {
    await deleteLink(ctx, prior);
  },
  import({ id, world, defaultPool }) {
    const target = parseImportId(id, defaultPool);
    const pool = world.pool(target.pool);
    for (const [, vm] of pool.all('VM')) {
      if (vm.other_config[LINK_KEY] === target.uuid && vm.other_config[ROLE_KEY] === 'local') {
        let info: ObjectValue = {};
        for (const [, p] of pool.all('pool')) {
          try { info = JSON.parse(p.other_config[`xcpform:vpn-link:${target.uuid}`] ?? '{}') as ObjectValue; } catch { /* damaged record */ }
        }
        const prior: ObjectValue = { id: target.uuid, uuid: target.uuid, pool: target.pool, remote_pool: info.peer_pool ?? null, gateway: null };
        return { state: readLink(prior, world, defaultPool) ?? null };
      }
    }
    return { state: null, diagnostics: [error('import.not-found', `no VPN link ${target.uuid} in pool "${target.pool}"`, { detail: 'Give <pool>/<link id>; the link id is the xcpform:vpn-link key of its gateway VMs.' })] };
  },
  capabilities: { poolLink: true, seconds: { create: 90, delete: 5 }, hourlyCost: (_attrs, card) => card.vpnLinkHour },
} satisfies ResourceType;
