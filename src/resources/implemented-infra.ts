/** Registers the infra resource types and data sources (one line each). */
import { registerResource } from './registry';
import { poolResource } from './pool';
import { hostResource } from './host';

registerResource(poolResource);
registerResource(hostResource);
