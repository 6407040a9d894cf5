/** Registers the compute resource types and data sources (one line each). */
import { registerResource } from './registry';
import { vmResource } from './vm';

registerResource(vmResource);
