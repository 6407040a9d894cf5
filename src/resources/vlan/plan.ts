/**
 * Plan-time checks of `xcp_vlan`: what the create (or a host added to `hosts`) would refuse at
 * apply, found now from the pool's PIFs: every covered host must have the physical device or
 * bond the VLAN rides on, every host named in `hosts` must exist, and every `ip_config` block
 * must name a covered host (its IP is set on that host's VLAN PIF).
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, type ObjectValue } from '../../values/value';
import type { XapiRecord } from '../../xenapi';
import { didYouMean } from '../candidates';
import { madeByVlan } from './read';
import type { PlanRequest, PlanResponse } from '../resource';
import type { PoolRecords } from '../snapshot';
import { ADDRESS_KEY } from '../kit/owned-keys';
import { lookup } from '../kit/refs';
import { blockList, str, strList } from '../kit/values';

/** A PIF a VLAN can ride on: untagged, physical or a bond master (as the create picks them). */
function carrier(pif: XapiRecord<'PIF'>): boolean {
  return pif.VLAN < 0 && (pif.physical || (pif.bond_master_of ?? []).length > 0);
}

/** Carrier devices by host ref. */
function devicesByHost(records: PoolRecords): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [, pif] of records.all('PIF')) {
    if (!carrier(pif)) continue;
    const set = out.get(pif.host) ?? new Set<string>();
    set.add(pif.device);
    out.set(pif.host, set);
  }
  return out;
}

function sortedDevices(devices: Iterable<string>): string[] {
  return [...devices].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Diagnostics for the planned VLAN (empty when its device and hosts are all there). */
export function checkVlan(planned: ObjectValue, records: PoolRecords): Diagnostic[] {
  const device = str(planned.device);
  if (!device || !records.has('PIF') || !records.has('host')) return [];
  const diags: Diagnostic[] = [];
  const hostName = (ref: string): string => records.get('host', ref as never)?.name_label ?? ref;
  let hosts = [...records.all('host').keys()] as string[];
  const named = strList(planned.hosts);
  if (named) {
    hosts = [];
    for (const n of named) {
      const found = lookup(records, 'host', n);
      if (found.length === 1) hosts.push(found[0]);
      else if (found.length === 0) {
        diags.push(error('resource.reference-not-found', `hosts names "${n}", which is no host of pool "${records.pool}"`, {
          detail: `The VLAN is created on the hosts listed in hosts.${didYouMean(n, [...records.all('host').values()].map((h) => h.name_label))} Check the spelling, or leave hosts out to cover every host.`,
          path: ['hosts'],
        }));
      }
    }
  }
  const byHost = devicesByHost(records);
  const lacking = [...new Set(hosts)].filter((h) => !byHost.get(h)?.has(device)).map(hostName).sort();
  if (lacking.length) {
    const perHost = [...new Set(hosts)].map((h) => `${hostName(h)}: ${sortedDevices(byHost.get(h) ?? []).join(', ') || 'none'}`).sort();
    diags.push(error('resource.vlan-no-device', `device "${device}" is missing on ${lacking.join(', ')}`, {
      detail: `The VLAN rides on a physical device or bond of each host it covers. Devices the hosts have: ${perHost.join('; ')}. Fix device, or list only hosts that have it in hosts.`,
      path: ['device'],
    }));
  }
  diags.push(...tagInUse(planned, records, [...new Set(hosts)], device, hostName));
  if (!isUnknown(planned.hosts)) diags.push(...ipHosts(planned, records, new Set(hosts), hostName));
  return diags;
}

/**
 * Each `ip_config` block configures the VLAN PIF of its host, which exists only on the hosts
 * the VLAN covers: a block naming another host (or no host at all) is refused at its path.
 */
function ipHosts(planned: ObjectValue, records: PoolRecords, covered: ReadonlySet<string>, hostName: (ref: string) => string): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const names = [...covered].map(hostName).sort();
  blockList(planned.ip_config).forEach((block, i) => {
    const host = str(block.host);
    if (host === undefined) return;
    const found = lookup(records, 'host', host);
    if (found.length === 0) {
      diags.push(error('resource.reference-not-found', `ip_config names host "${host}", which is no host of pool "${records.pool}"`, {
        detail: `Each ip_config block sets the IP of the VLAN on one host the VLAN covers (${names.join(', ') || 'none'}).${didYouMean(host, [...records.all('host').values()].map((h) => h.name_label))} Check the spelling.`,
        path: ['ip_config', i, 'host'],
      }));
    } else if (found.length === 1 && !covered.has(found[0])) {
      diags.push(error('resource.vlan-ip-host', `ip_config names host "${host}", which the VLAN does not cover`, {
        detail: `The VLAN covers ${names.join(', ') || 'no host'} (its hosts), so ${hostName(found[0])} has no VLAN interface to configure. List the host in hosts too, or remove its ip_config block.`,
        path: ['ip_config', i, 'host'],
      }));
    }
  });
  return diags;
}

/**
 * Another network already carrying the tag on the device of a covered host: XAPI refuses a
 * second VLAN with the same tag on one PIF (`PIF_VLAN_EXISTS`). Networks xcpform marked are left
 * out: they may be this resource's own, left by an interrupted create that apply adopts.
 */
function tagInUse(planned: ObjectValue, records: PoolRecords, hosts: readonly string[], device: string, hostName: (ref: string) => string): Diagnostic[] {
  const tag = planned.tag;
  if (typeof tag !== 'number' || !records.has('network')) return [];
  const own = new Set([planned.uuid, planned.network].filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()));
  const clashes = new Map<string, string[]>();
  for (const [, pif] of records.all('PIF')) {
    if (pif.VLAN !== tag || pif.device !== device || !hosts.includes(pif.host)) continue;
    const net = records.get('network', pif.network);
    if (!net || own.has(net.uuid) || ADDRESS_KEY in net.other_config) continue;
    const label = `network "${net.name_label}" (${net.uuid})`;
    clashes.set(label, [...(clashes.get(label) ?? []), hostName(pif.host)]);
  }
  return [...clashes].sort().map(([label, on]) => error('resource.vlan-tag-in-use', `VLAN ${tag} on ${device} already exists on ${on.sort().join(', ')}`, {
    detail: `${label[0].toUpperCase()}${label.slice(1)} carries VLAN ${tag} on device "${device}" there, and a device carries each tag once. Use another tag, set network to that network's UUID to take it over, or remove that VLAN first.`,
    path: ['tag'],
  }));
}

/**
 * Whether deleting the VLAN destroys its network: only a network xcpform created for a VLAN
 * (its `xcpform:address` names an `xcp_vlan`); an existing network the VLAN took stays.
 */
export function destroysNetwork(records: PoolRecords, uuid: string): boolean {
  return madeByVlan(records.byUuid('network', uuid)?.record.other_config[ADDRESS_KEY]);
}

/** The `xcp_vlan` plan hook's checks, added to the refined response `res`. */
export function withVlanChecks(req: PlanRequest, res: PlanResponse): PlanResponse {
  const owned = labelsOfExistingNetwork(req.config);
  if (owned.length) res = { ...res, diagnostics: [...(res.diagnostics ?? []), ...owned] };
  // On an existing network its facts are not the VLAN's: planned null, as they are read.
  else if ((req.config.network ?? null) !== null) res = { ...res, planned: { ...res.planned, ...Object.fromEntries(NETWORK_LABELS.map((k) => [k, null])) } };
  const pool = str(res.planned.pool) ?? str(req.prior?.pool);
  if (!pool || !req.world.poolNames().includes(pool)) return res;
  const diags = checkVlan(res.planned, req.world.pool(pool));
  return diags.length ? { ...res, diagnostics: [...(res.diagnostics ?? []), ...diags] } : res;
}

/** Facts a VLAN cannot own: with `network` set they belong to that network (one fact, one owner). */
const NETWORK_LABELS = ['name_label', 'name_description', 'tags', 'other_config', 'mtu'];

/**
 * A VLAN on an existing network (`network` set) that also sets the network's labels would make
 * two owners of them: the VLAN would rewrite what the network's own resource (or its owner)
 * set, and neither plan would ever be empty. Refused at plan time, naming the attribute.
 */
export function labelsOfExistingNetwork(config: ObjectValue): Diagnostic[] {
  const network = config.network ?? null;
  if (network === null) return [];
  return NETWORK_LABELS.filter((k) => (config[k] ?? null) !== null).map((k) => error('xcp_vlan.network-label', `${k} belongs to the existing network this VLAN uses`, {
    detail: `With network set, the VLAN goes on that network, whose ${k} is its own (set it on the xcp_network, or wherever the network is managed). Remove ${k} from this xcp_vlan, or leave network out to have the VLAN create its own network.`,
    path: [k],
  }));
}
