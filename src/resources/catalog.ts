/**
 * Every resource type and data source with its XAPI logic, listed once, in one place. Adding a
 * type means adding it here; a type listed twice is a bug `indexTypes` refuses at load, instead
 * of one registration silently replacing another.
 */
import { cloudConfigDataSource } from '../data-sources/cloud-config';
import { hostDataSource } from '../data-sources/host';
import { networkDataSource } from '../data-sources/network';
import { poolDataSource } from '../data-sources/pool';
import { srDataSource } from '../data-sources/sr';
import { templateDataSource } from '../data-sources/template';
import { vmDataSource } from '../data-sources/vm';
import { hostsDataSource } from '../data-sources/hosts';
import { pifDataSource } from '../data-sources/pif';
import { vdiDataSource } from '../data-sources/vdi';
import { vmsDataSource } from '../data-sources/vms';
import { applianceResource } from './appliance';
import { bondResource } from './bond';
import { cloudConfigResource } from './cloud-config';
import { hostResource } from './host';
import { networkResource } from './network';
import { poolResource } from './pool';
import { privateNetworkResource } from './private-network';
import type { DataSourceType, ResourceType } from './resource';
import { srResource } from './sr';
import { vdiResource } from './vdi';
import { vlanResource } from './vlan';
import { vmResource } from './vm';
import { vmSnapshotResource } from './vm-snapshot';
import { vpnLinkResource } from './vpn-link';
import { withTimeouts } from './timeouts/wrap';

/** The resource types: infrastructure, compute, cloudbursting. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  poolResource, hostResource, withTimeouts(srResource), withTimeouts(vdiResource), networkResource, vlanResource, bondResource, privateNetworkResource,
  // The types with long operations honour their timeouts block (timeouts/).
  withTimeouts(vmResource), withTimeouts(vmSnapshotResource), withTimeouts(applianceResource), cloudConfigResource,
  vpnLinkResource,
];

/** The data sources. */
export const DATA_SOURCE_TYPES: readonly DataSourceType[] = [
  poolDataSource, hostDataSource, srDataSource, networkDataSource, vmDataSource, templateDataSource,
  vdiDataSource, pifDataSource, hostsDataSource, vmsDataSource, cloudConfigDataSource,
];

/** Indexes `types` by type name; a name listed twice throws, naming it. */
export function indexTypes<T extends { readonly schema: { readonly typeName: string } }>(kind: 'resource type' | 'data source', types: readonly T[]): ReadonlyMap<string, T> {
  const out = new Map<string, T>();
  for (const t of types) {
    const name = t.schema.typeName;
    if (out.has(name)) throw new Error(`${kind} ${name} is listed twice in src/resources/catalog.ts: each type has exactly one implementation`);
    out.set(name, t);
  }
  return out;
}
