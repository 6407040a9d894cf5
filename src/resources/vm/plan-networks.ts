/**
 * Networks a VM's hosts must have. XAPI starts or migrates a VM only to a host where each of
 * its networks is present: a network with PIFs (external, VLAN, bond) only on the hosts that
 * have one of its PIFs; a network without PIFs (internal) on every host (VM_REQUIRES_NETWORK).
 * The plan keeps placement to those hosts and refuses a named host that lacks one.
 */
import { error, type Diagnostic } from '../../diagnostics';
import { isUnknown, type ObjectValue } from '../../values/value';
import type { PoolRecords } from '../snapshot';
import { blocks } from '../kit/attrs';
import { resolve } from '../kit/resolve';

interface NetworkReach { readonly name: string; readonly hosts: Set<string> }

/** For each NIC network the plan knows and that has PIFs: its name and the UUIDs of the hosts with one. */
function cabledNetworks(records: PoolRecords, planned: ObjectValue): NetworkReach[] {
  const out: NetworkReach[] = [];
  blocks(planned, 'nic').forEach((nic, i) => {
    if (typeof nic.network !== 'string' || isUnknown(nic.network)) return;
    const r = resolve(records, { cls: 'network', what: 'network', path: ['nic', i, 'network'] }, nic.network);
    if (!r.ok || r.found.record.PIFs.length === 0) return;
    const hosts = new Set<string>();
    for (const pif of r.found.record.PIFs) {
      const host = records.get('host', records.get('PIF', pif)?.host ?? '');
      if (host) hosts.add(host.uuid);
    }
    out.push({ name: r.found.record.name_label, hosts });
  });
  return out;
}

/** UUIDs of the hosts that have every network of the VM's NICs (`undefined`: no constraint known). */
export function hostsWithNetworks(records: PoolRecords | undefined, planned: ObjectValue): Set<string> | undefined {
  if (!records || !records.has('network') || !records.has('PIF') || !records.has('host')) return undefined;
  const nets = cabledNetworks(records, planned);
  if (!nets.length) return undefined;
  const hosts = new Set<string>();
  for (const host of records.all('host').values()) if (nets.every((n) => n.hosts.has(host.uuid))) hosts.add(host.uuid);
  return hosts;
}

/** Hosts in both sets, where `undefined` is "any host". */
export function intersectHosts(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Set([...a].filter((h) => b.has(h)));
}

/** True when every NIC's network is known now (a network the same plan creates may reach only some hosts). */
export function networksKnown(records: PoolRecords | undefined, planned: ObjectValue): boolean {
  return blocks(planned, 'nic').every((nic) => !isUnknown(nic.network)
    && (typeof nic.network !== 'string' || !records?.has('network') || resolve(records, { cls: 'network', what: 'network', path: [] }, nic.network).ok));
}

/**
 * A VM that will run on a named host (started, created running, or migrated there) that lacks
 * one of its networks: XAPI refuses with VM_REQUIRES_NETWORK.
 */
export function checkHostHasNetworks(records: PoolRecords | undefined, planned: ObjectValue): Diagnostic[] {
  const key = planned.host;
  const state = typeof planned.power_state === 'string' ? planned.power_state : undefined;
  if (!records || typeof key !== 'string' || isUnknown(key) || (state !== 'running' && state !== 'paused') || !records.has('PIF')) return [];
  const target = resolve(records, { cls: 'host', what: 'host', path: ['host'] }, key);
  if (!target.ok) return [];
  const missing = cabledNetworks(records, planned).filter((n) => !n.hosts.has(target.found.record.uuid));
  if (!missing.length) return [];
  const able = hostsWithNetworks(records, planned) ?? new Set<string>();
  const names = [...records.all('host').values()].filter((h) => able.has(h.uuid)).map((h) => h.name_label).sort();
  return [error('xcp_vm.host-lacks-network', `host ${target.found.record.name_label} has no interface on network ${missing.map((n) => `"${n.name}"`).join(', ')}`, {
    detail: `XAPI runs a VM only on a host where each of its networks is present (VM_REQUIRES_NETWORK). ${names.length ? `Hosts that have them all: ${names.join(', ')}.` : 'No host of the pool has them all.'} Change host, or give the network an interface on that host (for a VLAN: add the host to its hosts).`,
    path: ['host'],
  })];
}
