/**
 * `xcp_private_network`: a network joined across hosts by GRE/VXLAN tunnels (schema in
 * `schema.ts`). The plan hook extends an unset `hosts` to every host of the pool and notes MTU
 * changes.
 */
import type { ResourceType } from '../resource';
import { mtuNotes } from '../network';
import { planAllHosts } from '../kit/hosts';
import { locateImport } from '../kit/import-id';
import { str } from '../kit/values';
import { createPrivateNetwork, deletePrivateNetwork, updatePrivateNetwork } from './apply';
import { PRIVATE_NETWORK_CLASSES, privateNetworkState } from './read';
import { privateNetworkSchema } from './schema';

/** The `xcp_private_network` resource type. */
export const privateNetworkResource = {
  schema: privateNetworkSchema,
  classes: PRIVATE_NETWORK_CLASSES,
  read: ({ prior, world }) => ({ state: privateNetworkState(world.pool(str(prior.pool) ?? ''), str(prior.uuid) ?? '', prior) }),
  plan: (req) => mtuNotes({ ...req, planned: planAllHosts(req) }),
  create: createPrivateNetwork,
  update: updatePrivateNetwork,
  delete: deletePrivateNetwork,
  import: ({ id, world, defaultPool }) => {
    const at = locateImport('xcp_private_network', id, world, defaultPool, 'network');
    return 'records' in at ? { state: privateNetworkState(at.records, at.uuid, null) } : at;
  },
  capabilities: { network: true },
} satisfies ResourceType;
