/** `data.xcp_vdi`: one virtual disk of a pool, by UUID, name, SR and tags. */
import type { DataSourceType } from '../../resources/resource';
import { describeFilters, lookupOne } from '../../resources/kit/lookup-one';
import { lookup } from '../../resources/kit/refs';
import { sorted, str, strList } from '../../resources/kit/values';
import { orderedSet, sortedMap } from '../../resources/kit/attrs';
import { vdiDataSchema } from '../schemas-more';

/** The `xcp_vdi` data source. */
export const vdiDataSource = {
  schema: vdiDataSchema,
  classes: ['VDI', 'SR', 'VBD', 'VM'],
  read: ({ config, world, defaultPool }) => {
    const tags = strList(config.tags) ?? [];
    const srKey = str(config.sr);
    return lookupOne({
      typeName: 'xcp_vdi', what: 'VDI', cls: 'VDI', config, world, defaultPool,
      describe: describeFilters(config, ['uuid', 'name_label', 'sr', 'tags']),
      filters: [
        (records, _ref, vdi) => srKey === undefined || lookup(records, 'SR', srKey).includes(vdi.SR),
        (_records, _ref, vdi) => tags.every((t) => vdi.tags.includes(t)),
        // Snapshots of disks share the name of their disk: a lookup means the disk itself.
        (_records, _ref, vdi) => !vdi.is_a_snapshot,
      ],
      state: (records, _ref, vdi) => ({
        id: vdi.uuid, uuid: vdi.uuid, name_label: vdi.name_label, name_description: vdi.name_description,
        sr: srKey ?? null, sr_uuid: records.get('SR', vdi.SR)?.uuid ?? '', tags: orderedSet(vdi.tags, tags),
        size: vdi.virtual_size, type: vdi.type, read_only: vdi.read_only, sharable: vdi.sharable,
        vms: sorted(new Set(vdi.VBDs.map((b) => records.get('VBD', b)?.VM).map((vm) => (vm ? records.get('VM', vm)?.uuid : undefined)).filter((u): u is string => !!u))),
        other_config: sortedMap(vdi.other_config),
      }),
    });
  },
} satisfies DataSourceType;
