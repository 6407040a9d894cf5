/**
 * `xcp_private_network`: a network joined across hosts by GRE/VXLAN tunnels (schema in
 * `schema.ts`). The plan hook extends an unset `hosts` to every host of the pool, notes MTU
 * changes, refuses what the create would refuse (`plan.ts`) and a replacement while VM
 * interfaces are on the network (`../network/in-use.ts`).
 */
import type { ResourceType } from '../resource';
import { mtuNotes } from '../network';
import { NETWORK_USER_CLASSES, withReplaceInUseCheck } from '../network/in-use';
import { planAllHosts } from '../kit/hosts';
import { locateImport } from '../kit/import-id';
import { str } from '../kit/values';
import { withPrivateNetworkChecks } from './plan';
import { createPrivateNetwork, deletePrivateNetwork, updatePrivateNetwork } from './apply';
import { PRIVATE_NETWORK_CLASSES, privateNetworkState } from './read';
import { privateNetworkSchema } from './schema';

/** The `xcp_private_network` resource type. */
export const privateNetworkResource = {
  schema: privateNetworkSchema,
  classes: [...new Set([...PRIVATE_NETWORK_CLASSES, ...NETWORK_USER_CLASSES])],
  read: ({ prior, world }) => ({ state: privateNetworkState(world.pool(str(prior.pool) ?? ''), str(prior.uuid) ?? '', prior) }),
  plan: (req) => withReplaceInUseCheck(req, withPrivateNetworkChecks(req, mtuNotes({ ...req, planned: planAllHosts(req) })), privateNetworkSchema),
  create: createPrivateNetwork,
  update: updatePrivateNetwork,
  delete: deletePrivateNetwork,
  import: ({ id, world, defaultPool }) => {
    const at = locateImport('xcp_private_network', id, world, defaultPool, 'network');
    return 'records' in at ? { state: privateNetworkState(at.records, at.uuid, null) } : at;
  },
  capabilities: { network: true },
} satisfies ResourceType;
