/**
 * `data.xcp_vms`: the VMs of a pool (not templates, snapshots or control domains) by power
 * state, host, tags and name prefix, sorted by name, then UUID.
 */
import type { DataReadRequest, DataSourceType, ReadResponse } from '../../resources/resource';
import { lookup } from '../../resources/kit/refs';
import { sorted, str, strList } from '../../resources/kit/values';
import { guestAddresses } from '../../resources/vm/platform';
import { NULL_REF } from '../../xenapi';
import type { ObjectValue } from '../../values/value';
import { sortItems } from '../hosts';
import { vmsDataSchema } from '../schemas-more';

function read({ config, world, defaultPool }: DataReadRequest): ReadResponse {
  const pool = str(config.pool) ?? defaultPool;
  const records = world.pool(pool);
  const tags = strList(config.tags) ?? [];
  const power = str(config.power_state);
  const hostKey = str(config.host);
  const hosts = hostKey === undefined ? undefined : lookup(records, 'host', hostKey);
  const prefix = str(config.name_prefix) ?? '';
  const vms = [...records.all('VM')]
    .filter(([, vm]) => !vm.is_a_template && !vm.is_a_snapshot && !vm.is_control_domain)
    .filter(([, vm]) => (power === undefined || vm.power_state.toLowerCase() === power) && vm.name_label.startsWith(prefix) && tags.every((t) => vm.tags.includes(t))
      && (hosts === undefined || hosts.includes(vm.resident_on)))
    .map(([, vm]) => {
      const gm = vm.guest_metrics !== NULL_REF ? records.get('VM_guest_metrics', vm.guest_metrics) : undefined;
      return {
        uuid: vm.uuid, name_label: vm.name_label, power_state: vm.power_state.toLowerCase(),
        host: vm.resident_on !== NULL_REF ? records.get('host', vm.resident_on)?.uuid ?? '' : '', tags: sorted(new Set(vm.tags)),
        vcpus: vm.VCPUs_at_startup, memory: vm.memory_static_max, ip_addresses: guestAddresses(gm?.networks ?? {}).all,
      } satisfies ObjectValue;
    });
  return {
    state: {
      id: [pool, power ?? '', hostKey ?? '', prefix, ...sorted(tags)].join('/'), pool,
      power_state: config.power_state ?? null, host: config.host ?? null, tags: config.tags ?? null, name_prefix: config.name_prefix ?? null,
      vms: sortItems(vms, 'name_label', 'asc'),
    },
  };
}

/** The `xcp_vms` data source. */
export const vmsDataSource = { schema: vmsDataSchema, classes: ['VM', 'host', 'VM_guest_metrics'], read } satisfies DataSourceType;
