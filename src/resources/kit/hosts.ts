/**
 * Host coverage of pool-wide network objects (VLAN PIFs, tunnels): the hosts a configuration
 * names, or every host of the pool when it names none, so a host that joined later is covered
 * on the next apply.
 */
import type { Ref } from '../../xenapi';
import type { ObjectValue, Value } from '../../values/value';
import type { PlanRequest } from '../resource';
import type { PoolRecords } from '../snapshot';
import { lookup, resolve } from './refs';
import { sorted, str, strList } from './values';
import type { XapiOps } from './xapi-ops';

/** Refs of the hosts an attribute names (every host when unset). */
export function targetHosts(ops: XapiOps, records: PoolRecords, value: Value | undefined, attribute = 'hosts'): Ref<'host'>[] {
  const names = strList(value);
  if (!names) return [...records.all('host').keys()];
  return [...new Set(names.map((n) => resolve(ops, records, 'host', n, attribute)))];
}

/**
 * Plan refinement: with `hosts` left out of the configuration, the planned set is every host of
 * the pool now (UUIDs), so a host that joined since the last apply shows as a change.
 */
export function planAllHosts(req: PlanRequest): ObjectValue {
  const { planned, config, prior } = req;
  if (config.hosts !== null && config.hosts !== undefined) return planned;
  if (!prior) return planned;
  const records = req.world.pool(str(prior.pool) ?? '');
  if (!records.has('host')) return planned;
  const all = [...records.all('host').values()].map((h) => h.uuid);
  const priorHosts = strList(prior.hosts) ?? [];
  const covered = new Set(priorHosts.flatMap((h) => lookup(records, 'host', h).map((r) => records.get('host', r)!.uuid)));
  if (all.every((u) => covered.has(u)) && covered.size === all.length) return planned;
  return { ...planned, hosts: sorted(all) };
}
