/** `data.xcp_pool`: the pool object of a configured pool, optionally checked by name or UUID. */
import type { DataSourceType } from '../../resources/resource';
import { poolObject } from '../../resources/pool/read';
import { describeFilters, lookupOne } from '../../resources/kit/lookup-one';
import { uuidOf } from '../../resources/kit/refs';
import { sorted } from '../../resources/kit/values';
import { poolDataSchema } from '../schemas';

/** The `xcp_pool` data source. */
export const poolDataSource = {
  schema: poolDataSchema,
  classes: ['pool', 'host', 'SR'],
  read: ({ config, world, defaultPool }) => lookupOne({
    typeName: 'xcp_pool', what: 'pool', cls: 'pool', config, world, defaultPool,
    describe: describeFilters(config, ['uuid', 'name_label']),
    state: (records, _ref, p) => ({
      id: p.uuid, uuid: p.uuid, name_label: p.name_label, name_description: p.name_description, other_config: { ...p.other_config },
      master: uuidOf(records, 'host', p.master),
      hosts: sorted([...records.all('host').values()].map((h) => h.uuid)),
      default_sr: uuidOf(records, 'SR', p.default_SR),
      ha_enabled: p.ha_enabled,
      cpu_info: { ...p.cpu_info },
      software_version: { ...(records.get('host', poolObject(records)?.record.master ?? '')?.software_version ?? {}) },
      tags: sorted(new Set(p.tags)),
    }),
  }),
} satisfies DataSourceType;
