/** Every resource schema, infrastructure first, then compute, then cloudbursting. */
import { ResourceSchema } from '../schema/model';
import { poolSchema } from './pool/schema';
import { hostSchema } from './host/schema';
import { srSchema } from './sr/schema';
import { vdiSchema } from './vdi/schema';
import { networkSchema } from './network/schema';
import { vlanSchema } from './vlan/schema';
import { bondSchema } from './bond/schema';
import { privateNetworkSchema } from './private-network/schema';
import { vmSchema } from './vm/schema';
import { vmSnapshotSchema } from './vm-snapshot/schema';
import { applianceSchema } from './appliance/schema';
import { cloudConfigSchema } from './cloud-config/schema';
import { vpnLinkSchema } from './vpn-link/schema';

export const RESOURCE_SCHEMAS: readonly ResourceSchema[] = [
  poolSchema, hostSchema, srSchema, vdiSchema, networkSchema, vlanSchema, bondSchema, privateNetworkSchema,
  vmSchema, vmSnapshotSchema, applianceSchema, cloudConfigSchema, vpnLinkSchema,
];
