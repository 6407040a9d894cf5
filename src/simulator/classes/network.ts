/** network, PIF, VLAN (incl. pool.create_VLAN / create_VLAN_from_PIF) and tunnel. */
import { XapiFailure } from '../errors';
import { CallContext, MethodSpec, method, p } from '../dispatch/method';
import { createRecord, recordType } from '../dispatch/implicit';
import { NULL_REF, StoredRecord, enumOf, int, ref, setOf, str } from '../model/types';
import { network } from '../schema/network';
import { NETWORK_PURPOSE } from '../schema/operations';
import { macFor } from '../bootstrap/bootstrap';

function nextBridge(ctx: CallContext): string {
  const used = new Set(ctx.db.all('network').map(([, n]) => n.bridge));
  for (let i = 0; ; i++) if (!used.has(`xapi${i}`)) return `xapi${i}`;
}

function createNetwork(ctx: CallContext, rec: StoredRecord): string {
  const fields = createRecord(ctx, network, rec);
  if (!fields.bridge) fields.bridge = nextBridge(ctx);
  else if (ctx.db.all('network').some(([, n]) => n.bridge === fields.bridge)) throw new XapiFailure('BRIDGE_NAME_EXISTS', [fields.bridge as string]);
  if ((fields.MTU as number | undefined) !== undefined && ((fields.MTU as number) < 68 || (fields.MTU as number) > 9216)) {
    throw new XapiFailure('MTU_CHECK_FAILED', ['MTU', String(fields.MTU)]);
  }
  return ctx.db.create('network', fields);
}

function createVlan(ctx: CallContext, taggedPif: string, tag: number, net: string): string {
  const db = ctx.db;
  const pif = db.require('PIF', taggedPif);
  db.require('network', net);
  if (!(tag >= 0 && tag <= 4094)) throw new XapiFailure('VLAN_TAG_INVALID', [String(tag)]);
  if (pif.VLAN !== -1 && pif.VLAN !== undefined && (pif.VLAN as number) >= 0) throw new XapiFailure('PIF_IS_VLAN', [taggedPif]);
  for (const v of pif.VLAN_slave_of as string[]) {
    if (db.get('VLAN', v)?.tag === tag) throw new XapiFailure('PIF_VLAN_EXISTS', [taggedPif]);
  }
  const untagged = db.create('PIF', {
    device: pif.device, host: pif.host, network: net, MAC: pif.MAC, MTU: pif.MTU, VLAN: tag, physical: false,
    currently_attached: true, ip_configuration_mode: 'None', managed: true, properties: {},
  });
  return db.create('VLAN', { tagged_PIF: taggedPif, untagged_PIF: untagged, tag, other_config: {} });
}

function poolCreateVlan(ctx: CallContext, device: string, net: string, tag: number): string[] {
  const db = ctx.db;
  const physical = db.all('PIF').filter(([, pf]) => pf.physical && pf.device === device);
  if (physical.length === 0) throw new XapiFailure('INVALID_VALUE', ['device', device]);
  for (const [r] of physical) {
    for (const v of db.get('PIF', r)!.VLAN_slave_of as string[]) if (db.get('VLAN', v)?.tag === tag) throw new XapiFailure('PIF_VLAN_EXISTS', [r]);
  }
  return physical.map(([r]) => db.get('VLAN', createVlan(ctx, r, tag, net))!.untagged_PIF as string);
}

function destroyVlan(ctx: CallContext, vlan: string): void {
  const db = ctx.db;
  const v = db.require('VLAN', vlan);
  const untagged = v.untagged_PIF as string;
  db.destroy('VLAN', vlan);
  if (db.get('PIF', untagged)) db.destroy('PIF', untagged);
}

export const networkMethods: MethodSpec[] = [
  method('network.create', [p('args', recordType(network))], ref('network'), (ctx, [rec]) => createNetwork(ctx, rec as StoredRecord)),
  method('network.destroy', [p('self', ref('network'))], null, (ctx, [r]) => {
    const n = ctx.db.require('network', r as string);
    if ((n.VIFs as string[]).length > 0) throw new XapiFailure('NETWORK_CONTAINS_VIF', [...(n.VIFs as string[])]);
    if ((n.PIFs as string[]).length > 0) throw new XapiFailure('NETWORK_CONTAINS_PIF', [...(n.PIFs as string[])]);
    ctx.db.destroy('network', r as string);
  }),
  // Purposes as xapi has them: add if absent, remove if present; nbd and insecure_nbd exclude each other.
  method('network.add_purpose', [p('self', ref('network')), p('value', NETWORK_PURPOSE)], null, (ctx, [r, value]) => {
    const purposes = (ctx.db.require('network', r as string).purpose as string[] | undefined) ?? [];
    if (purposes.includes(value as string)) return;
    const other = value === 'nbd' ? 'insecure_nbd' : 'nbd';
    if (purposes.includes(other)) throw new XapiFailure('NETWORK_INCOMPATIBLE_PURPOSES', [value as string, other]);
    ctx.db.set('network', r as string, 'purpose', [...purposes, value as string]);
  }),
  // xapi refuses while a VIF of the network is plugged: its locking would change under it.
  method('network.set_default_locking_mode', [p('network', ref('network')), p('value', enumOf('network_default_locking_mode', 'unlocked', 'disabled'))], null, (ctx, [r, value]) => {
    const n = ctx.db.require('network', r as string);
    const plugged = (n.VIFs as string[]).find((v) => ctx.db.get('VIF', v)?.currently_attached);
    if (plugged) throw new XapiFailure('VIF_IN_USE', [r as string, plugged]);
    ctx.db.set('network', r as string, 'default_locking_mode', value as string);
  }),
  method('network.remove_purpose', [p('self', ref('network')), p('value', NETWORK_PURPOSE)], null, (ctx, [r, value]) => {
    const purposes = (ctx.db.require('network', r as string).purpose as string[] | undefined) ?? [];
    ctx.db.set('network', r as string, 'purpose', purposes.filter((x) => x !== value));
  }),
  method('PIF.reconfigure_ip', [p('self', ref('PIF')), p('mode', enumOf('ip_configuration_mode', 'None', 'DHCP', 'Static')), p('IP', str), p('netmask', str), p('gateway', str), p('DNS', str)], null,
    (ctx, [r, mode, ip, netmask, gateway, dns]) => {
      ctx.db.require('PIF', r as string);
      ctx.db.update('PIF', r as string, { ip_configuration_mode: mode, IP: ip, netmask, gateway, DNS: dns });
    }),
  method('PIF.plug', [p('self', ref('PIF'))], null, (ctx, [r]) => {
    const pf = ctx.db.require('PIF', r as string);
    // A bond member carries traffic only through its bond's master.
    if (pf.bond_slave_of !== NULL_REF && ctx.db.get('Bond', pf.bond_slave_of as string)) throw new XapiFailure('CANNOT_PLUG_BOND_SLAVE', [r as string]);
    ctx.db.set('PIF', r as string, 'currently_attached', true);
  }),
  method('PIF.unplug', [p('self', ref('PIF'))], null, (ctx, [r]) => {
    const pf = ctx.db.require('PIF', r as string);
    if (pf.management) throw new XapiFailure('PIF_IS_MANAGEMENT_INTERFACE', [r as string]);
    ctx.db.set('PIF', r as string, 'currently_attached', false);
  }),
  method('PIF.scan', [p('host', ref('host'))], null, (ctx, [h]) => void ctx.db.require('host', h as string)),
  method('PIF.introduce', [p('host', ref('host')), p('MAC', str), p('device', str), p('managed', { k: 'bool' }, true)], ref('PIF'), (ctx, [h, mac, device, managed]) => {
    ctx.db.require('host', h as string);
    const net = ctx.db.create('network', { name_label: `Network for ${device as string}`, bridge: nextBridge(ctx) });
    return ctx.db.create('PIF', { host: h, MAC: mac || macFor(`${h as string}/${device as string}`), device, managed, physical: true, network: net });
  }),
  method('PIF.forget', [p('self', ref('PIF'))], null, (ctx, [r]) => {
    const pf = ctx.db.require('PIF', r as string);
    if (pf.management) throw new XapiFailure('PIF_IS_MANAGEMENT_INTERFACE', [r as string]);
    ctx.db.destroy('PIF', r as string);
  }),
  method('VLAN.create', [p('tagged_PIF', ref('PIF')), p('tag', int), p('network', ref('network'))], ref('VLAN'), (ctx, [pif, tag, net]) => createVlan(ctx, pif as string, tag as number, net as string)),
  method('VLAN.destroy', [p('self', ref('VLAN'))], null, (ctx, [r]) => destroyVlan(ctx, r as string)),
  method('pool.create_VLAN', [p('device', str), p('network', ref('network')), p('VLAN', int)], setOf(ref('PIF')), (ctx, [device, net, tag]) => {
    ctx.db.require('network', net as string);
    if (!((tag as number) >= 0 && (tag as number) <= 4094)) throw new XapiFailure('VLAN_TAG_INVALID', [String(tag)]);
    return poolCreateVlan(ctx, device as string, net as string, tag as number);
  }),
  // As xapi: the VLAN goes on every PIF of the given PIF's network (one per host), so it works
  // on bonds (their masters share the bond's network) as well as on physical devices.
  method('pool.create_VLAN_from_PIF', [p('pif', ref('PIF')), p('network', ref('network')), p('VLAN', int)], setOf(ref('PIF')), (ctx, [pif, net, tag]) => {
    const db = ctx.db;
    const pf = db.require('PIF', pif as string);
    db.require('network', net as string);
    if (!((tag as number) >= 0 && (tag as number) <= 4094)) throw new XapiFailure('VLAN_TAG_INVALID', [String(tag)]);
    const carriers = (db.require('network', pf.network as string).PIFs as string[]).filter((x) => db.get('PIF', x));
    for (const r of carriers) {
      for (const v of db.get('PIF', r)!.VLAN_slave_of as string[]) if (db.get('VLAN', v)?.tag === tag) throw new XapiFailure('PIF_VLAN_EXISTS', [r]);
    }
    return carriers.map((r) => db.get('VLAN', createVlan(ctx, r, tag as number, net as string))!.untagged_PIF as string);
  }),
  method('tunnel.create', [p('transport_PIF', ref('PIF')), p('network', ref('network')), p('protocol', enumOf('tunnel_protocol', 'gre', 'vxlan'), 'gre')], ref('tunnel'),
    (ctx, [pif, net, protocol]) => {
      const db = ctx.db;
      const pf = db.require('PIF', pif as string);
      db.require('network', net as string);
      if ((pf.tunnel_access_PIF_of as string[]).length > 0) throw new XapiFailure('IS_TUNNEL_ACCESS_PIF', [pif as string]);
      if (pf.ip_configuration_mode === 'None' && !pf.management) throw new XapiFailure('TRANSPORT_PIF_NOT_CONFIGURED', [pif as string]);
      if ((db.get('network', net as string)!.PIFs as string[]).some((x) => db.get('PIF', x)?.host === pf.host)) throw new XapiFailure('NETWORK_ALREADY_CONNECTED', [net as string, pif as string]);
      const access = db.create('PIF', {
        device: 'tunnel', host: pf.host, network: net, MAC: macFor(`${pif as string}/${net as string}`), physical: false, currently_attached: true, VLAN: -1,
      });
      return db.create('tunnel', { access_PIF: access, transport_PIF: pif, protocol, status: { active: 'true', key: String(db.table('tunnel').size + 1) } });
    }),
  method('tunnel.destroy', [p('self', ref('tunnel'))], null, (ctx, [r]) => {
    const t = ctx.db.require('tunnel', r as string);
    ctx.db.destroy('tunnel', r as string);
    if (t.access_PIF !== NULL_REF && ctx.db.get('PIF', t.access_PIF as string)) ctx.db.destroy('PIF', t.access_PIF as string);
  }),
];
