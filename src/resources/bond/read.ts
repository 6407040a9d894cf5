/**
 * `xcp_bond` state from bulk records. The resource is identified by its Bond (import id
 * `<pool>/<bond uuid>`); it is gone when the Bond is. Members read back in the spelling the
 * configuration used (device name or PIF UUID) while they name the same PIF. The lacp properties
 * are reported only when the configuration sets them (on import: when they differ from XAPI's
 * defaults), so XAPI filling in its defaults is no drift.
 */
import type { Ref, XapiClass, XapiRecord } from '../../xenapi';
import type { ObjectValue, Value } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { ADDRESS_KEY } from '../kit/owned-keys';
import { formOf } from '../kit/refs';
import { sameMac } from '../vm/mac';

/** Classes `xcp_bond` reads. */
export const BOND_CLASSES: readonly XapiClass[] = ['Bond', 'PIF', 'network', 'host'];

/** Bond properties by attribute, with XAPI's default for lacp. */
export const LACP_PROPERTIES = [
  { attribute: 'hashing_algorithm', key: 'hashing_algorithm', fallback: 'tcpudp_ports' },
  { attribute: 'lacp_time', key: 'lacp-time', fallback: 'slow' },
] as const;

/**
 * Whether an owned-key address names an `xcp_bond` (`xcp_bond.uplink` as xcpform writes it,
 * `xcp_bond "uplink"` as terraform-provider-xcp writes it): a network a bond made.
 */
export function madeByBond(address: string | undefined): boolean {
  return /(^|\.)xcp_bond[. ]/.test(address ?? '');
}

/**
 * Whether the bond owns its network's labels: this bond made it (both carry the same owned-key
 * address). Other bonds that joined the network (the second host of a pool-wide bond) read
 * them as null: one fact, one owner.
 */
export function ownsNetwork(bond: XapiRecord<'Bond'>, net: XapiRecord<'network'> | undefined): boolean {
  const address = net?.other_config[ADDRESS_KEY];
  return madeByBond(address) && bond.other_config[ADDRESS_KEY] === address;
}

/** The PIFs of `host` a member spelling names: a PIF UUID, or an untagged device name. */
export function memberPifs(records: PoolRecords, host: string, member: string): Ref<'PIF'>[] {
  const byUuid = records.byUuid('PIF', member);
  if (byUuid) return byUuid.record.host === host ? [byUuid.ref] : [];
  const out: Ref<'PIF'>[] = [];
  for (const [ref, pif] of records.all('PIF')) if (pif.host === host && pif.device === member && pif.VLAN < 0 && pif.physical) out.push(ref);
  return out;
}

function memberForms(records: PoolRecords, host: string, slaves: readonly string[], prior: Value | undefined): string[] {
  const priorForms = Array.isArray(prior) ? prior.filter((x): x is string => typeof x === 'string') : [];
  return slaves.map((ref) => {
    const kept = priorForms.find((p) => { const f = memberPifs(records, host, p); return f.length === 1 && f[0] === ref; });
    return kept ?? records.get('PIF', ref)?.device ?? ref;
  }).sort();
}

function lacpProperty(bond: XapiRecord<'Bond'>, key: string, fallback: string, prior: Value | undefined, importing: boolean): string | null {
  const value = bond.mode === 'lacp' ? bond.properties[key] : undefined;
  if (value === undefined) return null;
  if (importing) return value === fallback ? null : value;
  return prior === null || prior === undefined ? null : value;
}

function uniqueName(records: PoolRecords, host: string): string | undefined {
  const name = records.get('host', host)?.name_label;
  return name !== undefined && records.byName('host', name).length === 1 ? name : undefined;
}

/** Maps a Bond to `xcp_bond` state; null when it (or its master PIF) is gone. */
export function bondState(records: PoolRecords, uuid: string, prior: ObjectValue | null): ObjectValue | null {
  const found = records.byUuid('Bond', uuid);
  if (!found) return null;
  const bond = found.record;
  const master = records.get('PIF', bond.master);
  if (!master) return null;
  const net = records.get('network', master.network);
  const owns = ownsNetwork(bond, net);
  const priorMac = typeof prior?.mac === 'string' ? prior.mac : undefined;
  const props: ObjectValue = {};
  for (const p of LACP_PROPERTIES) props[p.attribute] = lacpProperty(bond, p.key, p.fallback, prior?.[p.attribute], prior === null);
  return {
    id: bond.uuid,
    uuid: bond.uuid,
    pool: records.pool,
    // Imported (no prior): the host by its name when the name is unique, as configurations write it.
    host: formOf(records, 'host', master.host, prior ? prior.host : uniqueName(records, master.host)),
    members: memberForms(records, master.host, bond.slaves, prior?.members),
    mode: bond.mode,
    ...props,
    mac: sameMac(priorMac, master.MAC) ? priorMac! : master.MAC,
    network: formOf(records, 'network', master.network, prior?.network),
    name_label: owns && net ? net.name_label : null,
    name_description: owns && net ? net.name_description : null,
    device: master.device,
    master_pif: master.uuid,
    bridge: net?.bridge ?? null,
  };
}
