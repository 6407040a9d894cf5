/** `data.xcp_hosts`: the hosts of a pool, optionally by tags, sorted (by name unless told). */
import type { DataReadRequest, DataSourceType, ReadResponse } from '../../resources/resource';
import { hostFacts } from '../../resources/host/read';
import { poolObject } from '../../resources/pool/read';
import { sorted, str, strList } from '../../resources/kit/values';
import type { ObjectValue } from '../../values/value';
import { hostsDataSchema } from '../schemas-more';

/** Orders by `key` (numbers numerically), then by UUID so that equal keys keep one order. */
export function sortItems(items: ObjectValue[], key: string, order: string | undefined): ObjectValue[] {
  const cmp = (a: ObjectValue, b: ObjectValue): number => {
    const x = a[key];
    const y = b[key];
    const byKey = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
    return byKey !== 0 ? byKey : String(a.uuid).localeCompare(String(b.uuid));
  };
  const out = [...items].sort(cmp);
  return order === 'desc' ? out.reverse() : out;
}

function read({ config, world, defaultPool }: DataReadRequest): ReadResponse {
  const pool = str(config.pool) ?? defaultPool;
  const records = world.pool(pool);
  const tags = strList(config.tags) ?? [];
  const master = poolObject(records)?.record.master;
  const hosts = [...records.all('host')].filter(([, h]) => tags.every((t) => h.tags.includes(t))).map(([ref, h]) => {
    const facts = hostFacts(records, ref, h);
    return {
      uuid: h.uuid, name_label: h.name_label, address: h.address, enabled: h.enabled, is_coordinator: facts.is_coordinator,
      memory_total: facts.memory_total, memory_free: facts.memory_free, cpu_count: facts.cpu_count, tags: sorted(new Set(h.tags)),
    } satisfies ObjectValue;
  });
  const sortBy = str(config.sort_by) ?? 'name_label';
  return {
    state: {
      id: [pool, ...sorted(tags)].join('/'), pool, tags: config.tags ?? null, sort_by: config.sort_by ?? null, sort_order: config.sort_order ?? null,
      master: master ? records.get('host', master)?.uuid ?? '' : '',
      hosts: sortItems(hosts, sortBy, str(config.sort_order)),
    },
  };
}

/** The `xcp_hosts` data source. */
export const hostsDataSource = { schema: hostsDataSchema, classes: ['host', 'host_metrics', 'pool', 'PIF', 'VM', 'VM_metrics'], read } satisfies DataSourceType;
