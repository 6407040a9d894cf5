/** Registers the compute resource types and data sources (one line each). */
import { templateDataSource } from '../data-sources/template';
import { vmDataSource } from '../data-sources/vm';
import { applianceResource } from './appliance';
import { registerDataSource, registerResource } from './registry';
import { vmResource } from './vm';
import { vmSnapshotResource } from './vm-snapshot';

registerResource(vmResource);
registerResource(vmSnapshotResource);
registerResource(applianceResource);
registerDataSource(vmDataSource);
registerDataSource(templateDataSource);
