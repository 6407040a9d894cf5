/**
 * Bond: link aggregation of PIFs of one host, as xapi's `Bond.create`, `destroy`, `set_mode` and
 * `set_property` behave. A new master PIF (`bond0`, `bond1`, ... per host) joins the given
 * network; it takes the MAC, IP configuration, management role and VLANs of the primary member
 * (the management PIF, else the one with an IP configuration, else the first), and destroy gives
 * them back. Only lacp has properties; xapi refuses any other key and fills in the defaults.
 */
import { XapiFailure } from '../errors';
import { MethodSpec, method, p } from '../dispatch/method';
import type { Database } from '../db/database';
import { NULL_REF, StoredRecord, ref, setOf, smap, str } from '../model/types';
import { BOND_MODE } from '../schema/network';

const MAC_RE = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

interface PropertyRule {
  readonly key: string;
  readonly fallback?: string;
  valid(value: string): boolean;
}

/** The properties each mode accepts, with the value xapi fills in when one is left out. */
function rulesOf(mode: string): readonly PropertyRule[] {
  if (mode !== 'lacp') return [];
  return [
    { key: 'hashing_algorithm', fallback: 'tcpudp_ports', valid: (v) => v === 'src_mac' || v === 'tcpudp_ports' },
    { key: 'lacp-time', fallback: 'slow', valid: (v) => v === 'fast' || v === 'slow' },
    { key: 'lacp-aggregation-key', valid: (v) => /^-?\d+$/.test(v) },
    { key: 'lacp-fallback-ab', fallback: 'true', valid: (v) => v === 'true' || v === 'false' },
  ];
}

function checkProperty(mode: string, key: string, value: string): void {
  const rule = rulesOf(mode).find((r) => r.key === key);
  if (!rule || !rule.valid(value)) throw new XapiFailure('INVALID_VALUE', ['properties', `${key} = ${value}`]);
}

function withDefaults(mode: string, props: Record<string, string>): Record<string, string> {
  const out = { ...props };
  for (const r of rulesOf(mode)) if (!(r.key in out) && r.fallback !== undefined) out[r.key] = r.fallback;
  return out;
}

const IP_FIELDS = ['ip_configuration_mode', 'IP', 'netmask', 'gateway', 'DNS'] as const;
const NO_IP: StoredRecord = { ip_configuration_mode: 'None', IP: '', netmask: '', gateway: '', DNS: '' };

/** Moves the IP configuration (and the management role) from one PIF to another. */
function moveConfiguration(db: Database, from: string, to: string): void {
  const src = db.require('PIF', from);
  const patch: StoredRecord = {};
  for (const f of IP_FIELDS) patch[f] = src[f];
  if (src.management) patch.management = true;
  db.update('PIF', to, patch);
  db.update('PIF', from, { ...NO_IP, management: false });
}

/** Re-homes the VLANs riding on `from` onto `to` (xapi recreates them; the network stays). */
function moveVlans(db: Database, from: string, to: string): void {
  const device = db.require('PIF', to).device;
  for (const v of [...(db.require('PIF', from).VLAN_slave_of as string[])]) {
    db.update('VLAN', v, { tagged_PIF: to });
    const untagged = db.get('VLAN', v)!.untagged_PIF as string;
    if (db.get('PIF', untagged)) db.set('PIF', untagged, 'device', device);
  }
}

function bondDevice(db: Database, host: string): string {
  const used = new Set(db.all('PIF').filter(([, pf]) => pf.host === host && (pf.bond_master_of as string[]).length > 0).map(([, pf]) => pf.device));
  for (let n = 0; ; n++) if (!used.has(`bond${n}`)) return `bond${n}`;
}

function haGuard(db: Database, pif: StoredRecord): void {
  const pool = db.all('pool')[0]?.[1];
  if (pool?.ha_enabled && pif.management) throw new XapiFailure('HA_CANNOT_CHANGE_BOND_STATUS_OF_MGMT_IFACE', []);
}

function createBond(db: Database, network: string, given: string[], mac: string, mode: string, properties: Record<string, string>): string {
  const net = db.require('network', network);
  if (net.managed === false) throw new XapiFailure('NETWORK_UNMANAGED', [network]);
  const members = [...new Set(given)];
  const records = members.map((m) => db.require('PIF', m));
  if (members.length === 0) throw new XapiFailure('PIF_BOND_NEEDS_MORE_MEMBERS', []);
  const host = records[0].host as string;
  const local = (net.PIFs as string[]).find((x) => db.get('PIF', x)?.host === host);
  if (local) throw new XapiFailure('NETWORK_ALREADY_CONNECTED', [host, local]);
  if (mac !== '' && !MAC_RE.test(mac)) throw new XapiFailure('MAC_INVALID', [mac]);
  for (const [k, v] of Object.entries(properties)) checkProperty(mode, k, v);
  members.forEach((m, i) => {
    const pif = records[i];
    if (pif.bond_slave_of !== NULL_REF && db.get('Bond', pif.bond_slave_of as string)) throw new XapiFailure('PIF_ALREADY_BONDED', [m]);
    if ((pif.VLAN as number) !== -1) throw new XapiFailure('PIF_VLAN_EXISTS', [pif.device as string]);
    if ((pif.tunnel_access_PIF_of as string[]).length > 0) throw new XapiFailure('IS_TUNNEL_ACCESS_PIF', [m]);
    haGuard(db, pif);
    if (pif.managed === false) throw new XapiFailure('PIF_UNMANAGED', [m]);
  });
  if (new Set(records.map((r) => r.host)).size !== 1) throw new XapiFailure('PIF_CANNOT_BOND_CROSS_HOST', []);
  const props = JSON.stringify(records[0].properties);
  if (records.some((r) => JSON.stringify(r.properties) !== props)) throw new XapiFailure('INCOMPATIBLE_PIF_PROPERTIES', []);
  const withIp = members.filter((_, i) => records[i].ip_configuration_mode !== 'None');
  if (withIp.length > 1) throw new XapiFailure('PIF_BOND_MORE_THAN_ONE_IP', []);
  const primary = members.find((_, i) => records[i].management) ?? withIp[0] ?? members[0];
  const plugged = records.some((r) => r.currently_attached);
  const master = db.create('PIF', {
    device: bondDevice(db, host), host, network, MAC: mac || (db.get('PIF', primary)!.MAC as string), MTU: net.MTU, VLAN: -1, physical: false,
    currently_attached: plugged, ...NO_IP, managed: true, properties: { ...(records[0].properties as Record<string, string>) },
    disallow_unplug: records.some((r) => r.disallow_unplug),
  });
  const bond = db.create('Bond', { master, primary_slave: primary, mode, properties: withDefaults(mode, properties), links_up: members.length, auto_update_mac: mac === '' });
  for (const m of members) db.update('PIF', m, { bond_slave_of: bond, currently_attached: false, disallow_unplug: false });
  moveConfiguration(db, primary, master);
  for (const m of members) moveVlans(db, m, master);
  return bond;
}

function destroyBond(db: Database, self: string): void {
  const bond = db.require('Bond', self);
  const master = bond.master as string;
  const m = db.require('PIF', master);
  haGuard(db, m);
  const members = [...(bond.slaves as string[])];
  const primary = bond.primary_slave as string;
  if (db.get('PIF', primary)) {
    moveConfiguration(db, master, primary);
    moveVlans(db, master, primary);
    if (m.disallow_unplug) db.set('PIF', primary, 'disallow_unplug', true);
  }
  for (const x of members) db.update('PIF', x, { bond_slave_of: NULL_REF, currently_attached: m.currently_attached as boolean });
  db.destroy('Bond', self);
  db.destroy('PIF', master);
}

export const bondMethods: MethodSpec[] = [
  method('Bond.create', [p('network', ref('network')), p('members', setOf(ref('PIF'))), p('MAC', str), p('mode', BOND_MODE), p('properties', smap)], ref('Bond'),
    (ctx, [net, members, mac, mode, props]) => createBond(ctx.db, net as string, members as string[], mac as string, mode as string, props as Record<string, string>)),
  method('Bond.destroy', [p('self', ref('Bond'))], null, (ctx, [self]) => destroyBond(ctx.db, self as string)),
  // A new mode keeps the properties it accepts and gets its defaults (lacp's), as xapi does.
  method('Bond.set_mode', [p('self', ref('Bond')), p('value', BOND_MODE)], null, (ctx, [self, value]) => {
    const bond = ctx.db.require('Bond', self as string);
    const mode = value as string;
    const kept = Object.fromEntries(Object.entries(bond.properties as Record<string, string>).filter(([k, v]) => rulesOf(mode).some((r) => r.key === k && r.valid(v))));
    ctx.db.update('Bond', self as string, { mode, properties: withDefaults(mode, kept) });
  }),
  method('Bond.set_property', [p('self', ref('Bond')), p('name', str), p('value', str)], null, (ctx, [self, name, value]) => {
    const bond = ctx.db.require('Bond', self as string);
    checkProperty(bond.mode as string, name as string, value as string);
    ctx.db.set('Bond', self as string, 'properties', { ...(bond.properties as Record<string, string>), [name as string]: value as string });
  }),
];
