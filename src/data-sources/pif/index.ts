/**
 * `data.xcp_pif`: one interface of a host, by UUID or by device, VLAN tag (-1 untagged) and
 * host. PIFs have no names, so the candidates are listed as "device on host".
 */
import { error } from '../../diagnostics';
import type { DataReadRequest, DataSourceType, ReadResponse } from '../../resources/resource';
import { lookup } from '../../resources/kit/refs';
import { num, str } from '../../resources/kit/values';
import { pifDataSchema } from '../schemas-more';

function read({ config, world, defaultPool }: DataReadRequest): ReadResponse {
  const pool = str(config.pool) ?? defaultPool;
  const records = world.pool(pool);
  const uuid = str(config.uuid)?.toLowerCase();
  const device = str(config.device);
  // A device alone means its untagged interface, as "eth1" means to a user.
  const vlan = num(config.vlan) ?? (uuid === undefined && device !== undefined ? -1 : undefined);
  const hostKey = str(config.host);
  const hosts = hostKey === undefined ? undefined : lookup(records, 'host', hostKey);
  const label = (p: { device: string; host: string; VLAN: number; uuid: string }): string =>
    `${p.device}${p.VLAN >= 0 ? ` VLAN ${p.VLAN}` : ''} on ${records.get('host', p.host)?.name_label ?? p.host} (${p.uuid})`;
  const matches = [...records.all('PIF')].filter(([, p]) => (uuid === undefined || p.uuid === uuid) && (device === undefined || p.device === device)
    && (vlan === undefined || p.VLAN === vlan) && (hosts === undefined || hosts.includes(p.host)));
  const filters = [uuid && `uuid = "${uuid}"`, device && `device = "${device}"`, vlan !== undefined && `vlan = ${vlan}`, hostKey && `host = "${hostKey}"`].filter(Boolean).join(', ') || 'no filter';
  if (matches.length !== 1) {
    const listed = (matches.length ? matches : [...records.all('PIF')]).map(([, p]) => label(p)).sort();
    const shown = `${listed.slice(0, 12).join(', ')}${listed.length > 12 ? ', ...' : ''}`;
    return {
      state: null,
      diagnostics: [matches.length === 0
        ? error('data.not-found', `no PIF matches ${filters} in pool "${pool}"`, { detail: `data.xcp_pif found no interface in pool "${pool}" with ${filters}. Existing: ${shown}. Fix the filter or the pool.` })
        : error('data.ambiguous', `${matches.length} PIFs match ${filters} in pool "${pool}"`, { detail: `data.xcp_pif must find exactly one interface; these match: ${shown}. Add host (or uuid, always unique).` })],
    };
  }
  const [, p] = matches[0];
  return {
    state: {
      id: p.uuid, pool, uuid: p.uuid, device: p.device, vlan: p.VLAN, host: hostKey ?? null, host_uuid: records.get('host', p.host)?.uuid ?? '',
      network: records.get('network', p.network)?.uuid ?? '', mac: p.MAC, mtu: p.MTU, physical: p.physical, attached: p.currently_attached,
      management: p.management, ip_configuration_mode: p.ip_configuration_mode, ip: p.IP, netmask: p.netmask, gateway: p.gateway,
    },
  };
}

/** The `xcp_pif` data source. */
export const pifDataSource = { schema: pifDataSchema, classes: ['PIF', 'host', 'network'], read } satisfies DataSourceType;
