/**
 * Plan-time checks of `xcp_bond`: what `Bond.create` or `Bond.set_property` would refuse, found
 * now: fewer than two members, a lacp property on a bond of another mode, a host or member that
 * does not exist, a member already in another bond, and labels of an existing network (they
 * belong to that network's owner).
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, type ObjectValue } from '../../values/value';
import type { PlanRequest, PlanResponse } from '../resource';
import type { PoolRecords } from '../snapshot';
import { didYouMean } from '../candidates';
import { lookup } from '../kit/refs';
import { str } from '../kit/values';
import { ADDRESS_KEY } from '../kit/owned-keys';
import { LACP_PROPERTIES, madeByBond, memberPifs } from './read';

const NETWORK_LABELS = ['name_label', 'name_description'];

/** Diagnostics that need no pool records: member count, lacp properties, labels of an existing network. */
export function checkBondConfig(config: ObjectValue): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const members = config.members;
  if (Array.isArray(members) && !members.some(isUnknown) && new Set(members).size < 2) {
    diags.push(error('xcp_bond.members', `a bond needs at least two members, members lists ${new Set(members).size}`, {
      detail: 'A bond aggregates two or more interfaces of one host. Add another device (eth2, eth3...) to members.',
      path: ['members'],
    }));
  }
  const mode = config.mode ?? 'balance-slb';
  if (typeof mode === 'string' && mode !== 'lacp') {
    for (const p of LACP_PROPERTIES) {
      if ((config[p.attribute] ?? null) === null) continue;
      diags.push(error('xcp_bond.lacp-property', `${p.attribute} applies to lacp bonds only, this bond's mode is ${mode}`, {
        detail: `XAPI accepts the bond property "${p.key}" only in mode lacp (any other mode has no properties). Set mode = "lacp", or remove ${p.attribute}.`,
        path: [p.attribute],
      }));
    }
  }
  if ((config.network ?? null) !== null) {
    for (const k of NETWORK_LABELS.filter((x) => (config[x] ?? null) !== null)) {
      diags.push(error('xcp_bond.network-label', `${k} belongs to the existing network this bond uses`, {
        detail: `With network set, the bond joins that network, whose ${k} is its own (set it where the network is managed). Remove ${k} from this xcp_bond, or leave network out to have the bond create its own network.`,
        path: [k],
      }));
    }
  }
  return diags;
}

/** Diagnostics from the pool's records: the host, each member, members already bonded elsewhere. */
export function checkBondMembers(planned: ObjectValue, records: PoolRecords, priorUuid?: string): Diagnostic[] {
  const hostName = str(planned.host);
  const members = Array.isArray(planned.members) ? planned.members.filter((m): m is string => typeof m === 'string') : [];
  if (!hostName || !records.has('host') || !records.has('PIF') || !records.has('Bond')) return [];
  const hosts = lookup(records, 'host', hostName);
  if (hosts.length !== 1) {
    if (hosts.length > 1) return [];
    return [error('resource.reference-not-found', `host "${hostName}" is no host of pool "${records.pool}"`, {
      detail: `The bond's interfaces belong to one host.${didYouMean(hostName, [...records.all('host').values()].map((h) => h.name_label))} Check the spelling.`,
      path: ['host'],
    })];
  }
  const host = hosts[0];
  const hostLabel = records.get('host', host)!.name_label;
  const diags: Diagnostic[] = [];
  const devices = [...records.all('PIF').values()].filter((p) => p.host === host && p.physical && p.VLAN < 0).map((p) => p.device).sort();
  for (const m of members) {
    const found = memberPifs(records, host, m);
    if (found.length !== 1) {
      diags.push(error('xcp_bond.member-not-found', `member "${m}" is no interface of ${hostLabel}`, {
        detail: `Members are physical devices or PIF UUIDs of the bond's host; ${hostLabel} has ${devices.join(', ') || 'none'}. Fix members, or host.`,
        path: ['members'],
      }));
      continue;
    }
    const pif = records.get('PIF', found[0])!;
    const other = records.get('Bond', pif.bond_slave_of);
    // This resource's own bond is no obstacle: it stays, or a replacement destroys it first. Nor
    // is an unmarked bond on a network an xcp_bond made: an interrupted create left it, and the
    // create adopts it if it is this resource's (bond/apply.ts).
    const leftover = other && !(ADDRESS_KEY in other.other_config) && madeByBond(records.get('network', records.get('PIF', other.master)?.network ?? pif.network)?.other_config[ADDRESS_KEY]);
    if (other && other.uuid !== priorUuid && !leftover) {
      const master = records.get('PIF', other.master);
      diags.push(error('xcp_bond.member-bonded', `member "${m}" of ${hostLabel} is already in bond ${master?.device ?? other.uuid}`, {
        detail: `An interface belongs to one bond at a time (XAPI refuses with PIF_ALREADY_BONDED). Remove it from members, or destroy bond ${other.uuid} first.`,
        path: ['members'],
      }));
    }
  }
  return diags;
}

/** The `xcp_bond` plan hook: its checks, and null labels on an existing network (as they are read). */
export function planBond(req: PlanRequest): PlanResponse {
  let planned = req.planned;
  const diags = checkBondConfig(req.config);
  if ((req.config.network ?? null) !== null) planned = { ...planned, name_label: null, name_description: null };
  const pool = str(planned.pool) ?? str(req.prior?.pool);
  if (pool && req.world.poolNames().includes(pool)) diags.push(...checkBondMembers(planned, req.world.pool(pool), str(req.prior?.uuid)));
  return diags.length ? { planned, diagnostics: diags } : { planned };
}
