/** `data.xcp_host`: one host of a pool, by name, UUID or management address. */
import type { DataSourceType } from '../../resources/resource';
import { hostFacts } from '../../resources/host/read';
import { describeFilters, lookupOne } from '../../resources/kit/lookup-one';
import { sorted, str } from '../../resources/kit/values';
import { hostDataSchema } from '../schemas';

/** The `xcp_host` data source. */
export const hostDataSource = {
  schema: hostDataSchema,
  classes: ['host', 'host_metrics', 'pool', 'PIF', 'VM', 'VM_metrics'],
  read: ({ config, world, defaultPool }) => lookupOne({
    typeName: 'xcp_host', what: 'host', cls: 'host', config, world, defaultPool,
    describe: describeFilters(config, ['uuid', 'name_label', 'address']),
    filters: [(_r, _ref, h) => str(config.address) === undefined || h.address === str(config.address)],
    state: (records, ref, h) => {
      const facts = hostFacts(records, ref, h);
      return {
        id: h.uuid, uuid: h.uuid, name_label: h.name_label, name_description: h.name_description, other_config: { ...h.other_config },
        address: h.address, enabled: h.enabled, hostname: h.hostname, tags: sorted(new Set(h.tags)),
        memory_total: facts.memory_total, memory_free: facts.memory_free, cpu_count: facts.cpu_count, resident_vms: facts.resident_vms,
        pifs: facts.pifs, is_coordinator: facts.is_coordinator, software_version: facts.software_version,
      };
    },
  }),
} satisfies DataSourceType;
