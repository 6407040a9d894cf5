/** `data.xcp_network`: one network of a pool by name, UUID, bridge, or VLAN tag (and device). */
import type { DataSourceType } from '../../resources/resource';
import { describeFilters, lookupOne } from '../../resources/kit/lookup-one';
import { num, sorted, str } from '../../resources/kit/values';
import { networkDataSchema } from '../schemas';

/** The `xcp_network` data source. */
export const networkDataSource = {
  schema: networkDataSchema,
  classes: ['network', 'PIF', 'VLAN'],
  read: ({ config, world, defaultPool }) => {
    const bridge = str(config.bridge);
    const vlan = num(config.vlan);
    const device = str(config.device);
    return lookupOne({
      typeName: 'xcp_network', what: 'network', cls: 'network', config, world, defaultPool,
      describe: describeFilters(config, ['uuid', 'name_label', 'bridge', 'vlan', 'device']),
      filters: [
        (_r, _ref, n) => bridge === undefined || n.bridge === bridge,
        (records, _ref, n) => {
          if (vlan === undefined && device === undefined) return true;
          return n.PIFs.some((p) => {
            const pif = records.get('PIF', p);
            if (!pif || (vlan !== undefined && pif.VLAN !== vlan)) return false;
            if (device === undefined) return true;
            const tagged = records.get('PIF', records.get('VLAN', pif.VLAN_master_of)?.tagged_PIF ?? '');
            return (tagged?.device ?? pif.device) === device;
          });
        },
      ],
      state: (records, _ref, n) => {
        const pifs = n.PIFs.map((p) => records.get('PIF', p)).filter((p) => p !== undefined);
        return {
          id: n.uuid, uuid: n.uuid, name_label: n.name_label, name_description: n.name_description, other_config: { ...n.other_config },
          bridge: n.bridge, vlan: pifs.find((p) => p!.VLAN >= 0)?.VLAN ?? null, device: device ?? null, mtu: n.MTU,
          pifs: sorted(pifs.map((p) => p!.uuid)), default_locking_mode: n.default_locking_mode ?? 'unlocked', managed: n.managed, tags: sorted(new Set(n.tags)),
        };
      },
    });
  },
} satisfies DataSourceType;
