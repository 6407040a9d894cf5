/** `data.xcp_sr`: one SR of a pool by name or UUID, narrowed by type, host (local SRs) and tags. */
import type { DataSourceType } from '../../resources/resource';
import { describeFilters, lookupOne } from '../../resources/kit/lookup-one';
import { lookup } from '../../resources/kit/refs';
import { sorted, str, strList } from '../../resources/kit/values';
import { srFacts } from '../../resources/sr/read';
import { srDataSchema } from '../schemas';

/** The `xcp_sr` data source. */
export const srDataSource = {
  schema: srDataSchema,
  classes: ['SR', 'PBD', 'host'],
  read: ({ config, world, defaultPool }) => {
    const type = str(config.type);
    const host = str(config.host);
    const tags = strList(config.tags) ?? [];
    return lookupOne({
      typeName: 'xcp_sr', what: 'SR', cls: 'SR', config, world, defaultPool,
      describe: describeFilters(config, ['uuid', 'name_label', 'type', 'host', 'tags']),
      filters: [
        (_r, _ref, sr) => type === undefined || sr.type === type,
        (_r, _ref, sr) => tags.every((t) => sr.tags.includes(t)),
        (records, _ref, sr) => {
          if (host === undefined) return true;
          const hosts = lookup(records, 'host', host);
          return sr.PBDs.some((p) => hosts.includes(records.get('PBD', p)?.host as never));
        },
      ],
      state: (records, _ref, sr) => ({
        id: sr.uuid, uuid: sr.uuid, name_label: sr.name_label, name_description: sr.name_description, other_config: { ...sr.other_config },
        type: sr.type, host: host ?? null, tags: sorted(new Set(sr.tags)), shared: sr.shared, content_type: sr.content_type,
        ...srFacts(records, sr),
      }),
    });
  },
} satisfies DataSourceType;
