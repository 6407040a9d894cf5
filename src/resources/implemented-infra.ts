/** Registers the infra resource types and data sources (one line each). */
import { registerDataSource, registerResource } from './registry';
import { poolResource } from './pool';
import { hostResource } from './host';
import { srResource } from './sr';
import { vdiResource } from './vdi';
import { networkResource } from './network';
import { vlanResource } from './vlan';
import { privateNetworkResource } from './private-network';
import { poolDataSource } from '../data-sources/pool';
import { hostDataSource } from '../data-sources/host';
import { srDataSource } from '../data-sources/sr';
import { networkDataSource } from '../data-sources/network';

registerResource(poolResource);
registerResource(hostResource);
registerResource(srResource);
registerResource(vdiResource);
registerResource(networkResource);
registerResource(vlanResource);
registerResource(privateNetworkResource);
registerDataSource(poolDataSource);
registerDataSource(hostDataSource);
registerDataSource(srDataSource);
registerDataSource(networkDataSource);
